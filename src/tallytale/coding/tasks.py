"""Coding's heavy work as background jobs: the REFI-QDA project export (`coding.refi`) and
theme discovery (`coding.themes`). Each re-checks `story.read_redacted` with the user who
queued it when it runs (inside `refi` and `themes`), and sees only the stories they may."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tallytale.errors import InvalidInput
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.programmes.permissions import Actor

from . import refi
from . import themes as theme_runs

EXPORT = "coding.refi"
THEMES = "coding.themes"
CAPABILITY = "story.read_redacted"
EXPORT_KINDS = {"qdc": "application/xml", "qdpx": "application/zip"}


def _actor(job: Job) -> Actor:
    return Actor.of_job(job)


def start_export(*, actor: Any, project: Any, kind: str, key: str | None = None) -> Job:
    if kind not in EXPORT_KINDS:
        raise InvalidInput(
            _("kind: must be one of %(choices)s") % {"choices": ", ".join(EXPORT_KINDS)}
        )
    return jobs.start(EXPORT, actor=actor, project=project, params={"kind": kind}, key=key)


def run_export(job: Job) -> jobs.Result:
    kind, project = job.params["kind"], job.project
    jobs.progress(job, 0, 1, _("writing the .%(kind)s file") % {"kind": kind})
    if kind == "qdc":
        data = refi.export_codebook(project, actor=_actor(job))
    else:
        data, _n = refi.export_project(project, actor=_actor(job))
    return jobs.Result(data, f"{project.slug}.{kind}", EXPORT_KINDS[kind])


def start_discovery(
    *, actor: Any, project: Any, k: int | None, method: str | None, key: str | None = None
) -> Job:
    """Queue theme discovery; bad parameters are refused now, with the field named. No
    method: the best one installed (`embeddings.default_method`)."""
    from tallytale.core import themes as core_themes

    from .embeddings import default_method

    method = method or default_method()
    if method not in core_themes.METHODS:
        raise InvalidInput(_("method: must be 'lexical', 'semantic' or 'static'"))
    if k is not None and k < 2:
        raise InvalidInput(_("k: must be at least 2"))
    params = {"k": k, "method": method}
    return jobs.start(THEMES, actor=actor, project=project, params=params, key=key)


def run_discovery(job: Job) -> None:
    from .embeddings import default_method

    k, method = job.params.get("k"), job.params.get("method") or default_method()
    jobs.progress(job, 0, 2, _("clustering stories (%(method)s)") % {"method": method})
    run = theme_runs.discover_themes(
        job.project, actor=_actor(job), k=k, auto=k is None, method=method
    )
    jobs.progress(
        job, 1, 2, _("found %(k)s themes in %(n)s stories") % {"k": run.k, "n": run.n_stories}
    )
    # the job's page links to the run it made
    link = reverse("coding:theme_run", kwargs={"slug": job.project.slug, "pk": run.pk})
    job.params = {**job.params, "theme_run": run.pk, "link": link}
    Job.objects.filter(pk=job.pk).update(params=job.params)


jobs.register(EXPORT, capability=CAPABILITY, handler=run_export, label="REFI-QDA export")
jobs.register(THEMES, capability=CAPABILITY, handler=run_discovery, label="Theme discovery")
