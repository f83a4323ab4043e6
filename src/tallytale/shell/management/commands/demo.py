"""`tallytale demo`: generate the demo programme, build its reports, and serve it."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management import call_command, get_commands

from tallytale.commands import TallytaleCommand, parse_date
from tallytale.demo import programme
from tallytale.errors import InvalidInput

MAX_PARTICIPANTS = 200_000


def _credits(minutes: int) -> str:
    """Credits as people write them beside the hours column: 2,683.5 (not 2683.5)."""
    return f"{minutes / 60:,.1f}".removesuffix(".0")


class Command(TallytaleCommand):
    help = (
        "Generate the demo programme (deterministic from --seed) into the database, build its "
        "reports into --out, print project slugs, counts and a demo login for each role, "
        "then serve the web app (unless --no-serve)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--participants", type=int, default=1300, help="members to generate (default 1300)"
        )
        parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
        parser.add_argument(
            "--out", default="demo", help="directory for the demo's reports (default demo/)"
        )
        parser.add_argument(
            "--today", help="YYYY-MM-DD to anchor the two years of activity (default today)"
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="exit after writing the database and reports"
        )
        parser.add_argument(
            "--no-reports", action="store_true", help="skip building the reports (faster)"
        )
        parser.add_argument("--port", type=int, default=8000, help="port to serve on")

    def handle(self, *args, **o):
        n = o["participants"]
        if not 10 <= n <= MAX_PARTICIPANTS:
            raise InvalidInput(f"--participants must be between 10 and {MAX_PARTICIPANTS:,}")
        today = parse_date(o.get("today"), "--today") or dt.date.today()
        if today > dt.date.today():
            raise InvalidInput("--today must not be in the future")
        call_command("migrate", interactive=False, verbosity=0)
        seed = o["seed"]
        if programme.existing():
            stored = programme.stored_seed()
            if stored is not None:
                seed = stored
            self.stdout.write(
                "demo programme already present; showing it (delete the database to regenerate)"
            )
        else:
            t0 = time.perf_counter()
            s = programme.build_programme(
                seed=seed,
                participants=n,
                today=today,
                progress=lambda msg: self.stdout.write(f"  {msg}"),
            )
            self.stdout.write(
                f"generated {s.programme} (seed {seed}): {s.participants:,} participants, "
                f"{s.contributions:,} contributions, {s.transfers:,} transfers, "
                f"{s.responses:,} survey responses, {s.stories:,} stories "
                f"in {time.perf_counter() - t0:.1f}s"
            )
            for note in s.notes:
                self.stdout.write(note)
        self._table(today)
        if not o["no_reports"]:
            self._reports(Path(o["out"]))
        self._logins(seed)
        if o["no_serve"]:
            return
        self._serve(o["port"])

    def _table(self, today: dt.date) -> None:
        """Per project: members, hours given, credits spent, members who gave time in the last
        12 months, survey responses and stories (grouped queries, fast at 100,000)."""
        from django.db.models import Count, Sum

        from tallytale.ledger.models import Contribution, Transfer
        from tallytale.programmes.models import Membership
        from tallytale.stories.models import Story
        from tallytale.surveys.models import Response

        def by_project(qs, key: str, value) -> dict:
            return dict(qs.values(key).annotate(v=value).values_list(key, "v"))

        year_ago = today - dt.timedelta(days=365)
        members = by_project(
            Membership.objects.filter(role="participant"), "project__slug", Count("id")
        )
        minutes = by_project(Contribution.objects, "partner__project__slug", Sum("minutes"))
        active = by_project(
            Contribution.objects.filter(day__gt=year_ago),
            "partner__project__slug",
            Count("person", distinct=True),
        )
        spent = by_project(
            Transfer.objects.filter(kind="spend"), "credit__project__slug", Sum("amount")
        )
        responses = by_project(Response.objects, "project__slug", Count("id"))
        stories = by_project(Story.objects, "project__slug", Count("id"))
        self.stdout.write(
            "\nproject                    members  hours given    spent  gave(12m)  responses"
            "  stories"
        )
        for slug in programme.project_slugs():
            self.stdout.write(
                f"{slug:<26} {members.get(slug, 0):>7}  {(minutes.get(slug) or 0) / 60:>11,.0f}  "
                f"{_credits(spent.get(slug) or 0):>7}  {active.get(slug, 0):>9}  "
                f"{responses.get(slug, 0):>9}  {stories.get(slug, 0):>7}"
            )

    def _reports(self, out: Path) -> None:
        """The programme's public report (HTML and PDF) and each project's HTML report, if
        the evidence app can build them."""
        try:
            from tallytale.evidence.services import build_and_record
        except ImportError:
            self.stdout.write("\nreports: the evidence app cannot build reports yet; skipped")
            return
        out.mkdir(parents=True, exist_ok=True)
        jobs = [("programme", programme.PROGRAMME[0], fmt) for fmt in ("html", "pdf")]
        jobs += [("project", slug, "html") for slug in programme.project_slugs()]
        written = []
        t0 = time.perf_counter()
        for kind, slug, fmt in jobs:
            try:
                built = build_and_record(**{kind: slug}, fmt=fmt, actor_label="demo")
            except Exception as exc:  # noqa: BLE001 - a report failing must not lose the demo
                self.stdout.write(f"report {slug} ({fmt}) failed: {exc}")
                continue
            path = out / built.filename
            path.write_bytes(built.content)
            written.append(str(path))
        if written:
            self.stdout.write(
                f"\nreports ({time.perf_counter() - t0:.1f}s):\n  " + "\n  ".join(written)
            )

    def _logins(self, seed: int) -> None:
        from tallytale.demo import users

        logins = users.existing_logins()
        if not logins:
            return
        self.stdout.write(f"\ndemo logins (password for all: {users.demo_password(seed)}):")
        for login in logins:
            self.stdout.write(f"  {login.role:<12} {login.username:<36} ({login.person})")

    def _serve(self, port: int) -> None:
        # The demo's coordinator and admin logins would otherwise have to enrol an
        # authenticator app before seeing anything; a real deployment keeps it on.
        os.environ.setdefault("TALLYTALE_MFA", "0")
        if os.environ["TALLYTALE_MFA"] == "0":
            self.stdout.write(
                "two-step sign-in is off for this demo server (TALLYTALE_MFA=1 turns it on)"
            )
        self.stdout.write(f"\nserving the demo at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        worker = self._start_worker()
        try:
            if "serve" in get_commands():
                call_command("serve", port=port)
            else:
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            self._stop_worker(worker)

    def _start_worker(self) -> subprocess.Popen:
        """One background worker beside the web server (report downloads are jobs), on
        the same database; it stops when the server stops.

        `serve` replaces this process with gunicorn (exec), so no code of ours runs when
        the server stops: on Linux the kernel sends the worker SIGTERM when its parent (by
        then gunicorn's master) exits, and Ctrl-C reaches the worker with the terminal's
        whole process group. A SIGTERM lets the worker finish its job, then exit."""
        # the child reads the same DATABASE_URL (set by --db) or the same default file
        self.stdout.write("running one background worker beside it (`tallytale worker`)")
        return subprocess.Popen(
            [sys.executable, "-m", "tallytale.cli", "worker"], preexec_fn=_die_with_parent
        )

    def _stop_worker(self, worker: subprocess.Popen) -> None:
        if worker.poll() is None:
            worker.terminate()  # the worker finishes its current job, then exits
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()  # its job stays retryable (see tests/reliability)
                worker.wait()


def _die_with_parent() -> None:
    """In the worker child: ask Linux for SIGTERM when the parent process ends."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
