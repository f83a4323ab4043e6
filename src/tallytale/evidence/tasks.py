"""Report builds as background jobs (kind `evidence.report`).

The worker calls `services.build_and_record` as the web page once did: the build reads
outside any transaction, and the job finishes inside the short transaction that logs the
build, so a worker killed mid-build leaves neither a build log nor a result file.
"""

from __future__ import annotations

from typing import Any

from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job

from . import services

KIND = "evidence.report"


def start_build(
    *, actor: Any, project: Any, fmt: str, audience: str, key: str | None = None
) -> Job:
    """Queue a report build of `project` for `audience` in `fmt` (checked when it runs too)."""
    if fmt not in services.FORMATS:
        raise services.InvalidInput(
            f"format: unknown format {fmt!r}; choose from {', '.join(services.FORMATS)}"
        )
    return jobs.start(
        KIND, actor=actor, project=project, params={"fmt": fmt, "audience": audience}, key=key
    )


def build(job: Job) -> None:
    params = job.params
    jobs.progress(job, 0, 2, f"building the {params['audience']} report")
    label = f"job {job.pk} for {job.actor_label}"

    def done(built: services.BuiltReport) -> None:
        jobs.finish(job, file=jobs.Result(built.content, built.filename, built.content_type))

    services.build_and_record(
        project=job.project.slug if job.project else None, programme=params.get("programme"),
        audience=params["audience"], fmt=params["fmt"], actor_label=label,
        actor=jobs.runs_as(job), within_record=done,
    )  # fmt: skip


jobs.register(KIND, capability="evidence.read", handler=build, label="Evidence report")
