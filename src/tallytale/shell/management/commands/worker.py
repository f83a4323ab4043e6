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
from django_tasks_db.compat import task_finished
from django_tasks_db.management.commands.db_worker import Worker

from tallytale.commands import TallytaleCommand
from tallytale.errors import InvalidInput
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job


class Command(TallytaleCommand):
    help = (
        "Run queued background jobs. Marks jobs whose worker died as failed (retryable) and "
        "deletes expired results on start. Prints one line per job it finished. With --burst, "
        "exit once the queue is empty."
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
        task_finished.connect(self._finished, dispatch_uid="tallytale.worker.finished")
        try:
            worker.run()
        finally:
            task_finished.disconnect(dispatch_uid="tallytale.worker.finished")

    def _finished(self, sender, task_result, **kwargs) -> None:
        """One line per job the worker ran to its end (or put back in the queue), for a
        person watching or a log: a task that found its job already run prints nothing."""
        if not task_result.args:
            return
        try:
            if task_result.return_value == "skipped":
                return
        except ValueError:
            pass  # the task raised: its job says how it failed
        job = Job.objects.filter(pk=task_result.args[0]).select_related("project").first()
        if job is not None:
            self.stdout.write(job_line(job))

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


def job_line(job: Job) -> str:
    """`job 12 surveys.export (riverside): done in 1.3 s, riverside-swemwbs.csv (4 kB)`"""
    where = f" ({job.project.slug})" if job.project else ""
    took = ""
    if job.started_at and job.finished_at:
        took = f" in {(job.finished_at - job.started_at).total_seconds():.1f} s"
    line = f"job {job.pk} {job.kind}{where}: {job.state}{took}"
    if job.state == Job.State.DONE and job.result_name:
        line += f", {job.result_name} ({max(1, round(job.result_size / 1024))} kB)"
    elif job.state == Job.State.FAILED and job.error:
        line += f": {job.error.splitlines()[0][:200]}"
    elif job.state == Job.State.QUEUED and job.message:
        line += f": {job.message}"  # a transient failure, tried again later
    return line
