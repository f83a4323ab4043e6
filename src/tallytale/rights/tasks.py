"""Data-subject rights as background jobs: a person's own data download (`rights.download`,
a personal job only its owner reads) and erasure (`rights.erase`, queued by an operator or
by a coordinator of every project the person belongs to, checked again when it runs).

Gathering everything about a long-standing member (years of statements, stories with
their recordings, answers) can take longer than a request should; erasure runs in one
transaction and is idempotent (an erased person is left as they are).
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from tallytale.errors import InvalidInput, NotFound
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.programmes.models import Person
from tallytale.programmes.permissions import Actor

from . import erasure, portability

DOWNLOAD = "rights.download"
ERASE = "rights.erase"
CONTENT = {"json": "application/json; charset=utf-8", "csv": "application/zip"}


def start_download(*, actor: Any, fmt: str, key: str | None = None) -> Job:
    """Queue the signed-in person's own data as JSON or a zip of CSVs."""
    if fmt not in CONTENT:
        raise InvalidInput("format: must be json or csv")
    return jobs.start(DOWNLOAD, actor=actor, project=None, params={"fmt": fmt}, key=key)


def run_download(job: Job) -> jobs.Result:
    user = jobs.runs_as(job)
    person = getattr(user, "person", None) if user is not None else None
    if person is None or person.erased_at is not None:
        raise NotFound("there is no participant record for this account")
    fmt = job.params["fmt"]
    jobs.progress(job, 0, 1, _("gathering everything Tallytale holds about you"))
    body = portability.download(
        person, fmt, actor_label=f"job {job.pk} for {job.actor_label}", actor=user
    )
    name = f"tallytale-{person.code}.json" if fmt == "json" else f"tallytale-{person.code}-csv.zip"
    return jobs.Result(body, name, CONTENT[fmt])


def start_erasure(*, actor: Any, code: str) -> Job:
    """Queue the erasure of a person (by code or card code); refused now if the actor may
    not erase them, and checked again when it runs. The job keeps the person's id, never
    their code; a second start for the same person is the same job."""
    person = erasure.find_person(code)
    erasure.check_actor(actor.user, person)
    return jobs.start(
        ERASE, actor=actor, project=person.home_project, params={"person": person.pk},
        key=f"{ERASE}:{person.pk}",
    )  # fmt: skip


def run_erasure(job: Job) -> None:
    actor = Actor.of_job(job)
    person = Person.objects.filter(pk=job.params["person"]).first()
    if person is None:
        raise NotFound("the person no longer exists")
    if person.erased_at is not None:
        job.params = {**job.params, "erased": "already"}
    else:
        jobs.progress(job, 0, 1, _("erasing"))
        report = erasure.erase_person(person.code, actor_label=actor.label, user=actor.user)
        job.params = {**job.params, "erased": json.loads(json.dumps(report.__dict__))}
    Job.objects.filter(pk=job.pk).update(params=job.params)


jobs.register(DOWNLOAD, capability="people.manage", handler=run_download, label="My data")
jobs.register(ERASE, capability="people.manage", handler=run_erasure, label="Erasure")
