"""Survey response exports as background jobs (kind `surveys.export`).

A large survey's Parquet or SPSS file takes longer than a request should; the worker writes
it with `services.export_responses`, which checks `survey.export` again with the user who
queued it (a role lowered meanwhile exports nothing). The CLI's `export` stays synchronous.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tallytale.errors import InvalidInput, NotFound
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.programmes.permissions import Actor
from tallytale.uploads import pages as upload_pages
from tallytale.uploads import services as uploads

from . import exporters, services
from . import importers as survey_importers
from . import responses as survey_responses
from .models import Instrument, Wave

KIND = "surveys.export"
IMPORT = "surveys.import"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "sav": "application/x-spss-sav",
    "fhir": "application/fhir+json",
}
SUFFIXES = {"fhir": "fhir.json"}


def start_export(
    *, actor: Any, project: Any, instrument_id: int, fmt: str, key: str | None = None
) -> Job:
    """Queue the export of one survey's responses in `fmt`; refused now if the survey is
    not the project's or the format unknown, and re-checked when the job runs."""
    if fmt not in exporters.FORMATS:
        raise InvalidInput(
            _("format: must be one of %(choices)s") % {"choices": ", ".join(exporters.FORMATS)}
        )
    if not Instrument.objects.filter(project=project, pk=instrument_id).exists():
        raise NotFound(
            _("no survey %(instrument_id)s in %(project)s")
            % {"instrument_id": instrument_id, "project": project.slug}
        )
    params = {"instrument": instrument_id, "fmt": fmt}
    return jobs.start(KIND, actor=actor, project=project, params=params, key=key)


def run(job: Job) -> jobs.Result:
    fmt = job.params["fmt"]
    instrument = Instrument.objects.filter(project=job.project, pk=job.params["instrument"]).first()
    if instrument is None:
        raise NotFound(_("the survey has been deleted"))
    jobs.progress(
        job,
        0,
        1,
        _("exporting %(form)s as %(format)s") % {"form": instrument.form_id, "format": fmt},
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"export.{fmt}"
        warnings: list[str] = []
        services.export_responses(
            instrument,
            fmt,
            out,
            actor_label=f"job {job.pk} for {job.actor_label}",
            user=jobs.runs_as(job),
            excel=True,  # a web download is opened in a spreadsheet: byte-order mark
            warnings=warnings,
        )
        content = out.read_bytes()
    if warnings:  # labels cut to SPSS's limits etc.: shown on the job's page
        jobs.progress(job, 1, 1, "; ".join(warnings))
    name = f"{job.project.slug}-{instrument.form_id}.{SUFFIXES.get(fmt, fmt)}"
    return jobs.Result(content, name, CONTENT_TYPES[fmt])


jobs.register(KIND, capability="survey.export", handler=run, label="Survey responses export")


def start_import(
    *, actor: Any, project: Any, upload: Any, instrument: Any, wave: Any, create: bool
) -> Job:
    """Queue a large responses import; the same upload confirmed twice is one job."""
    params = {
        "upload": str(upload.pk), "instrument": instrument.pk,
        "wave": wave.pk if wave is not None else None, "create": bool(create),
    }  # fmt: skip
    return jobs.start(
        IMPORT, actor=actor, project=project, params=params, key=f"{IMPORT}:{upload.pk}"
    )


def run_import(job: Job) -> None:
    """Import as the user who confirmed: `import_responses` checks their rights again."""
    project, params = job.project, job.params
    upload = uploads.for_job(params["upload"], job=job, kind="responses")
    instrument = Instrument.objects.filter(project=project, pk=params["instrument"]).first()
    if instrument is None:
        raise NotFound(_("the survey has been deleted"))
    wave = None
    if params.get("wave") is not None:
        wave = Wave.objects.filter(project=project, pk=params["wave"]).first()
        if wave is None:
            raise NotFound(_("the wave has been deleted"))
    jobs.progress(job, 0, 1, _("importing %(file)s") % {"file": upload.name})
    _cmap, rows = survey_importers.read_rows(upload.file, services.spec_for(instrument))
    actor = Actor.of_job(job)
    report = survey_responses.import_responses(
        instrument, rows, wave=wave, actor_label=actor.label, actor=actor,
        create_participants=params.get("create", False),
    )  # fmt: skip
    uploads.consumed(upload)
    job.params = {**params, "summary": upload_pages.summary(report)}
    Job.objects.filter(pk=job.pk).update(params=job.params)


jobs.register(
    IMPORT, capability="survey.manage", handler=run_import, label="Survey responses import"
)
