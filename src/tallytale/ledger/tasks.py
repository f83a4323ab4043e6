"""Large contributions imports as background jobs (kind `ledger.import`).

A partner's year of hours (100,000 rows) takes longer than a request should. The web page
keeps the file as an `Upload`, and this job imports it as the user who confirmed it: the
importer checks `ledger.correct` again, stays all-or-nothing, and is idempotent by row
key, so a retried job (after a worker died) writes nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.programmes.permissions import Actor
from tallytale.uploads import pages as upload_pages
from tallytale.uploads import services as uploads

from . import importers

KIND = "ledger.import"
CAPABILITY = "ledger.correct"


def start_import(*, actor: Any, project: Any, upload: Any) -> Job:
    """Queue the import of a kept upload; the same upload confirmed twice is one job."""
    return jobs.start(
        KIND, actor=actor, project=project, params={"upload": str(upload.pk)},
        key=f"{KIND}:{upload.pk}",
    )  # fmt: skip


def run(job: Job) -> None:
    upload = uploads.for_job(job.params["upload"], job=job, kind="contributions")
    jobs.progress(job, 0, 1, _("importing %(file)s") % {"file": upload.name})
    table = importers.read_table(upload.file)
    report = importers.import_contributions(table, job.project.slug, actor=Actor.of_job(job))
    uploads.consumed(upload)
    job.params = {**job.params, "summary": upload_pages.summary(report)}
    Job.objects.filter(pk=job.pk).update(params=job.params)


jobs.register(KIND, capability=CAPABILITY, handler=run, label="Hours import")
