"""A job speaks the language of whoever started it (issue 17): its progress and failure
messages are written in it by the worker, whatever language the worker runs in."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending

from .conftest import member


def _speaks(job):
    if job.params.get("do") == "refuse":
        raise PermissionDenied
    if job.params.get("do") == "locked":
        raise OperationalError("database is locked")
    jobs.progress(job, 0, 1, _("erasing"))
    SAID[job.pk] = Job.objects.get(pk=job.pk).message  # what its page shows while it runs
    return jobs.Result(b"ok", "ok.txt", "text/plain")


SAID: dict[int, str] = {}
jobs.register("test.speaks", capability="evidence.read", handler=_speaks, label="Speaks")


def _start(actor, project, language: str, **params) -> Job:
    with translation.override(language):
        return jobs.start("test.speaks", actor=actor, project=project, params=params)


def test_progress_is_written_in_the_starters_language(projects):
    alpha, _ = projects
    coord = member("A1", "alpha", "coordinator")
    welsh, arabic = _start(coord, alpha, "cy"), _start(coord, alpha, "ar")
    assert (welsh.language, arabic.language) == ("cy", "ar")
    assert run_pending() == 2  # the worker itself runs in the default language
    assert SAID[welsh.pk] == "yn dileu"
    assert SAID[arabic.pk] == "جارٍ المحو"


def test_failures_and_retries_are_said_in_it_too(projects):
    alpha, _ = projects
    coord = member("A1", "alpha", "coordinator")
    refused = _start(coord, alpha, "cy", do="refuse")
    locked = _start(coord, alpha, "ar", do="locked")
    run_pending()
    refused.refresh_from_db()
    locked.refresh_from_db()
    assert refused.state == Job.State.FAILED and refused.error == "dim caniatâd"
    assert locked.state == Job.State.QUEUED
    assert "إعادة المحاولة بعد 5 ثانية" in locked.message


def test_a_job_started_in_english_stays_english(projects):
    alpha, _ = projects
    coord = member("A1", "alpha", "coordinator")
    job = _start(coord, alpha, "en")
    with translation.override("cy"):
        run_pending()  # a worker whose own language is Welsh
    assert SAID[job.pk] == "erasing"
