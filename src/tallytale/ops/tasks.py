"""A backup started from the web (kind `ops.backup`): only an installation's superuser may
start one (it holds every project's data), and it runs on a worker, since writing and then
test-restoring a whole installation takes minutes. The archive is written to
TALLYTALE_BACKUP_DIR on the server, where the operator's rotation and off-site copy pick it
up; it is never offered as a download in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job

from .backup import create_backup

KIND = "ops.backup"


def may_back_up(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def start_backup(*, actor: Any, key: str | None = None) -> Job:
    if not may_back_up(getattr(actor, "user", None)):
        raise PermissionDenied("only an administrator of the installation may start a backup")
    return jobs.start(KIND, actor=actor, project=None, params={}, key=key)


def run(job: Job) -> None:
    user = jobs.runs_as(job)
    if user is not None and not may_back_up(user):
        raise PermissionDenied("only an administrator of the installation may start a backup")
    name = f"tallytale-{timezone.now():%Y%m%d-%H%M%S}-job{job.pk}.zip"
    out = Path(settings.TALLYTALE_BACKUP_DIR) / name
    jobs.progress(job, 0, 1, _("writing the backup and proving it restores"))
    manifest = create_backup(out, actor_label=f"job {job.pk} for {job.actor_label}")
    job.params = {
        "file": str(out), "tables": len(manifest["tables"]),
        "rows": sum(t["rows"] for t in manifest["tables"]),
    }  # fmt: skip
    Job.objects.filter(pk=job.pk).update(params=job.params)


jobs.register(KIND, capability="people.manage", handler=run, label="Backup")
