"""Survey response exports as background jobs (kind `surveys.export`).

A large survey's Parquet or SPSS file takes longer than a request should; the worker writes
it with `services.export_responses`, which checks `survey.export` again with the user who
queued it (a role lowered meanwhile exports nothing). The CLI's `export` stays synchronous.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tallytale.errors import InvalidInput, NotFound
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job

from . import exporters, services
from .models import Instrument

KIND = "surveys.export"
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
        raise InvalidInput(f"format: must be one of {', '.join(exporters.FORMATS)}")
    if not Instrument.objects.filter(project=project, pk=instrument_id).exists():
        raise NotFound(f"no survey {instrument_id} in {project.slug}")
    params = {"instrument": instrument_id, "fmt": fmt}
    return jobs.start(KIND, actor=actor, project=project, params=params, key=key)


def run(job: Job) -> jobs.Result:
    fmt = job.params["fmt"]
    instrument = Instrument.objects.filter(project=job.project, pk=job.params["instrument"]).first()
    if instrument is None:
        raise NotFound("the survey has been deleted")
    jobs.progress(job, 0, 1, f"exporting {instrument.form_id} as {fmt}")
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
