"""`tallytale jobs`: list background jobs, cancel or retry one, save a result, delete
expired results."""

from __future__ import annotations

import shutil
from pathlib import Path

from tallytale.audit.services import cli_actor
from tallytale.commands import TallytaleCommand, add_format
from tallytale.errors import InvalidInput, NotFound
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.programmes.permissions import Actor


def _row(job: Job) -> dict:
    return {
        "id": job.pk, "kind": job.kind, "project": job.project.slug if job.project else None,
        "state": job.state, "done": job.done, "total": job.total, "message": job.message,
        "error": job.error, "attempts": job.attempts, "started_by": job.actor_label,
        "result": job.result_name if job.has_result else None,
    }  # fmt: skip


class Command(TallytaleCommand):
    help = "Background jobs: list them, cancel or retry one, delete expired results."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="the latest jobs, newest first")
        ls.add_argument("--project", metavar="SLUG", help="only this project's jobs")
        ls.add_argument("--limit", type=int, default=50, help="how many (default 50)")
        add_format(ls)
        for name, text in (("cancel", "cancel a queued or running job"),
                           ("retry", "queue a failed or cancelled job again")):  # fmt: skip
            p = sub.add_parser(name, help=text)
            p.add_argument("job_id", type=int, metavar="ID")
        res = sub.add_parser("result", help="save a done job's result file")
        res.add_argument("job_id", type=int, metavar="ID")
        res.add_argument("--out", "-o", required=True, metavar="FILE", help="where to save it")
        sub.add_parser("cleanup", help="delete results past their expiry (JOBS_KEEP_DAYS)")

    def handle(self, *args, **o):
        actor = Actor.cli(cli_actor())
        action = o["action"]
        if action == "list":
            qs = Job.objects.select_related("project")
            if o["project"]:
                qs = qs.filter(project__slug=o["project"])
            rows = [_row(j) for j in qs[: max(1, o["limit"])]]
            self.emit(rows, o["format"], lambda rs: "\n".join(
                f"{r['id']:>6}  {r['state']:<9} {r['kind']:<18} {r['project'] or '-':<16} "
                f"{r['done']}/{r['total']} {r['error'] or r['message']}" for r in rs
            ) or "no jobs")  # fmt: skip
        elif action == "cleanup":
            self.stdout.write(f"{jobs.cleanup()} expired result(s) deleted")
        elif action == "result":
            job = Job.objects.filter(pk=o["job_id"]).first()
            if job is None:
                raise NotFound(f"no job {o['job_id']}")
            if job.state != Job.State.DONE:
                raise InvalidInput(f"job {job.pk} is {job.state}; its result is not ready")
            out = Path(o["out"])
            if not out.parent.is_dir():
                raise InvalidInput(f"no such directory: {out.parent}")
            shutil.copyfile(jobs.result_file(job, actor), out)
            self.stdout.write(f"wrote {out} ({job.result_name})")
        else:
            job = Job.objects.select_related("project").filter(pk=o["job_id"]).first()
            if job is None:
                raise NotFound(f"no job {o['job_id']}")
            job = jobs.cancel(job, actor) if action == "cancel" else jobs.retry(job, actor)
            self.stdout.write(f"job {job.pk}: {job.state}")
