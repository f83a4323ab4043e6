"""Report builds as background jobs (kind `evidence.report`).

The worker calls `services.build_and_record` as the web page once did: the build reads
outside any transaction, and the job finishes inside the short transaction that logs the
build, so a worker killed mid-build leaves neither a build log nor a result file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job

from . import services

KIND = "evidence.report"


def start_build(
    *, actor: Any, project: Any, fmt: str, audience: str, key: str | None = None,
    programme: str | None = None, rule: str = "default",
    start: dt.date | None = None, end: dt.date | None = None, language: str = "en",
) -> Job:  # fmt: skip
    """Queue a report build of `project` (or, for an operator, `programme`) for `audience`
    in `fmt`, in `language` (the reader's, carried into the job: the worker has none).
    The audience is checked now (a clear refusal) and again when the job runs."""
    if fmt not in services.FORMATS:
        raise services.InvalidInput(
            _("format: unknown format %(fmt)s; choose from %(choices)s")
            % {"fmt": repr(fmt), "choices": ", ".join(services.FORMATS)}
        )
    if language not in services.REPORT_LANGUAGES:
        raise services.InvalidInput(
            _("language: unknown language %(language)s; choose from %(choices)s")
            % {"language": repr(language), "choices": ", ".join(services.REPORT_LANGUAGES)}
        )
    if project is not None:
        services.require_audience(actor, project.slug, None, audience)
    elif not getattr(actor, "is_operator", False):
        raise PermissionDenied(_("programme reports are built at the command line"))
    params = {"fmt": fmt, "audience": audience, "programme": programme, "rule": rule,
              "start": start.isoformat() if start else None,
              "end": end.isoformat() if end else None, "language": language}  # fmt: skip
    return jobs.start(KIND, actor=actor, project=project, params=params, key=key)


def build(job: Job) -> None:
    params = job.params
    label = f"job {job.pk} for {job.actor_label}"

    def done(built: services.BuiltReport) -> None:
        jobs.finish(job, file=jobs.Result(built.content, built.filename, built.content_type))

    services.build_and_record(
        project=job.project.slug if job.project else None, programme=params.get("programme"),
        audience=params["audience"], fmt=params["fmt"], actor_label=label,
        rule=params.get("rule") or "default", start=_date(params.get("start")),
        end=_date(params.get("end")), language=params.get("language") or "en",
        actor=jobs.runs_as(job), within_record=done,
        on_step=lambda n, total, message: jobs.progress(job, n, total, message),
    )  # fmt: skip


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


jobs.register(KIND, capability="evidence.read", handler=build, label="Evidence report")
