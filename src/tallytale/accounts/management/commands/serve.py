"""`tallytale serve`: run the web app with gunicorn (or Django's reloading server with --dev).

Production mode collects static files first and serves them from the app servers through
WhiteNoise under hashed, compressed names, so no separate static file server is needed.
Any number of app servers can run this against one PostgreSQL database behind a proxy.
"""

from __future__ import annotations

import os
import sys

from django.core.management import call_command

from tallytale.commands import TallytaleCommand
from tallytale.errors import InvalidInput


def _workers() -> int:
    """Twice the cores plus one (gunicorn's own advice), at most 9: with 2 threads each, the
    200-user load test on 2 cores gave p95 50 ms against 64 ms for CPUs + 1 workers x 4 threads
    (threads of one process share one interpreter lock; processes do not). docs/deploy.md."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


THREADS = 2  # per worker: a request waiting on the database leaves the other one room


KEEP_ALIVE = 30  # seconds an idle connection stays open: longer than a pause between pages


class Command(TallytaleCommand):
    help = (
        "Run the web app with gunicorn on the configured database. "
        "--dev runs Django's autoreloading development server instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "0")) or _workers(),
            help="gunicorn worker processes (default 2 x CPUs + 1, at most 9)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("TALLYTALE_THREADS", str(THREADS))),
            help="threads per worker (default 2; 1 runs gunicorn's one-request sync workers)",
        )
        parser.add_argument(
            "--dev", action="store_true", help="Django's development server, reloading on change"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print the server command and exit"
        )

    def handle(self, *args, host, port, workers, threads, dev, dry_run, **options):
        if not 0 < port < 65536:
            raise InvalidInput(f"port must be between 1 and 65535, got {port}")
        if workers < 1:
            raise InvalidInput("workers must be at least 1")
        if threads < 1:
            raise InvalidInput("threads must be at least 1")
        if dev:
            if dry_run:
                self.stdout.write(f"runserver {host}:{port}")
                return
            call_command("runserver", f"{host}:{port}", insecure_serving=True, use_reloader=True)
            return
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "tallytale.wsgi:application",
            "--bind",
            f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "--workers",
            str(workers),
            *(
                ["--worker-class", "gthread", "--threads", str(threads)]
                + ["--keep-alive", str(KEEP_ALIVE)]
                if threads > 1
                else []
            ),
            "--access-logfile",
            "-",
            "--logger-class",  # no sign-in or invitation tokens in the access log
            "tallytale.ops.access_log.RedactingLogger",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "--timeout",
            os.environ.get("TALLYTALE_REQUEST_TIMEOUT", "60"),
        ]
        env = dict(os.environ, TALLYTALE_STATIC_MANIFEST="1")
        if dry_run:
            self.stdout.write(" ".join(argv))
            return
        # Collect with the manifest storage the workers will use (a fresh process, because
        # this one chose its storage when settings loaded).
        import subprocess

        subprocess.run(
            [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v", "0"],
            env=dict(env, DJANGO_SETTINGS_MODULE="tallytale.settings"),
            check=True,
        )
        self.stdout.write(
            f"Tallytale on http://{host}:{port}/ with {workers} workers x {threads} threads"
        )
        self.stdout.flush()
        os.execve(sys.executable, argv, env)
