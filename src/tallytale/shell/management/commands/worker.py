"""`tallytale worker`: run background jobs (report builds, exports, imports) from the queue.

A thin wrapper over django-tasks-db's worker, which claims each task once (SELECT ... FOR
UPDATE SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite), so any number of
workers on any number of machines may share one PostgreSQL database.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from tallytale.commands import TallytaleCommand
from tallytale.errors import InvalidInput
from tallytale.jobs import services as jobs


class Command(TallytaleCommand):
    help = (
        "Run queued background jobs. Marks jobs whose worker died as failed (retryable) and "
        "deletes expired results on start. With --burst, exit once the queue is empty."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst", action="store_true", help="run until the queue is empty, then exit"
        )
        parser.add_argument(
            "--processes", type=int, default=1, help="worker processes to run (default 1)"
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds between looks at an empty queue (default 1)",
        )

    def handle(self, *args, **o):
        if not 1 <= o["processes"] <= 64:
            raise InvalidInput("--processes must be between 1 and 64")
        if o["interval"] < 0:
            raise InvalidInput("--interval must be 0 or more")
        recovered = jobs.recover_stale()
        expired = jobs.cleanup()
        if recovered or expired:
            self.stderr.write(
                f"{recovered} job(s) whose worker stopped marked failed; "
                f"{expired} expired result(s) deleted"
            )
        if o["processes"] > 1:
            self._supervise(o)
            return
        worker = Worker(
            queue_names=["default"], interval=o["interval"], batch=o["burst"],
            backend_name="default", startup_delay=not o["burst"], max_tasks=None,
            worker_id=f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}",
            excluded_queue_names=[],
        )  # fmt: skip
        worker.configure_signals()  # first SIGTERM: finish the current job, then stop
        worker.run()

    def _supervise(self, o: dict) -> None:
        """Run N single-process workers and pass SIGINT/SIGTERM on to them."""
        argv = [sys.executable, "-m", "tallytale.cli", "worker", "--interval", str(o["interval"])]
        if o["burst"]:
            argv.append("--burst")
        children = [subprocess.Popen(argv) for _ in range(o["processes"])]

        def forward(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        codes = [child.wait() for child in children]
        if any(codes):
            raise SystemExit(max(codes))
