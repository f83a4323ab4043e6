"""Stories' background jobs: the export (kind `stories.export`), always redacted, for the
widest audience the user who queued it may take when the job runs (checked again then);
and a large import from the web (kind `stories.import`), run as the user who confirmed it
(the importer checks again, all-or-nothing, idempotent by external id)."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from tallytale.core import consent as consent_rules
from tallytale.errors import InvalidInput
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.programmes.permissions import Actor, require
from tallytale.uploads import pages as upload_pages
from tallytale.uploads import services as uploads

from . import access
from . import importers as story_importers
from .exporters import export_stories

KIND = "stories.export"
IMPORT = "stories.import"
CAPABILITY = "story.read_redacted"
FORMATS = ("csv", "json")


def start_export(*, actor: Any, project: Any, fmt: str, key: str | None = None) -> Job:
    if fmt not in FORMATS:
        raise InvalidInput(
            _("format: must be one of %(choices)s") % {"choices": ", ".join(FORMATS)}
        )
    return jobs.start(KIND, actor=actor, project=project, params={"fmt": fmt}, key=key)


def run(job: Job) -> jobs.Result:
    fmt, project, user = job.params["fmt"], job.project, jobs.runs_as(job)
    if user is not None:
        require(user, CAPABILITY, project)
    # the operator (command line) exports what the research team may read, redacted
    audience = (
        access.export_audience(user, project) if user is not None else consent_rules.RESEARCH_TEAM
    )
    jobs.progress(
        job, 0, 1, _("exporting stories for the %(audience)s audience") % {"audience": audience}
    )
    body, _n = export_stories(
        project,
        fmt,
        audience,
        actor_label=f"job {job.pk} for {job.actor_label}",
        actor=user,
        excel=True,  # a web download is opened in a spreadsheet: byte-order mark
    )
    if fmt == "json":
        content, ctype = json.dumps(body, ensure_ascii=False, default=str), "application/json"
    else:
        content, ctype = str(body), "text/csv; charset=utf-8"
    name = f"stories-{project.slug}-{audience}.{fmt}"
    return jobs.Result(content.encode("utf-8"), name, ctype)


jobs.register(KIND, capability=CAPABILITY, handler=run, label="Stories export")


def start_import(*, actor: Any, project: Any, upload: Any) -> Job:
    """Queue the import of a kept upload; the same upload confirmed twice is one job."""
    return jobs.start(
        IMPORT, actor=actor, project=project, params={"upload": str(upload.pk)},
        key=f"{IMPORT}:{upload.pk}",
    )  # fmt: skip


def run_import(job: Job) -> None:
    upload = uploads.for_job(job.params["upload"], job=job, kind="stories")
    actor = Actor.of_job(job)
    if actor.user is not None:
        require(actor, "story.collect", job.project)
    jobs.progress(job, 0, 1, _("importing %(file)s") % {"file": upload.name})
    rows = story_importers.read_rows(upload.file)
    report = story_importers.import_stories(rows, job.project.slug, actor=actor)
    uploads.consumed(upload)
    job.params = {**job.params, "summary": upload_pages.summary(report)}
    Job.objects.filter(pk=job.pk).update(params=job.params)


jobs.register(IMPORT, capability="people.manage", handler=run_import, label="Stories import")
