"""`--queue` on the command line: exports and theme discovery hand their work to a worker,
print the job id, and `tallytale jobs result` saves the file once it is done."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from tallytale.demo.sample import build_sample_project
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tallytale.surveys.models import Instrument


@pytest.fixture(scope="module")
def _module_sample(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_sample_project("riverside", participants=20, seed=5, stories_per_person=1)
        transaction.set_rollback(True)


@pytest.fixture
def sample(_module_sample, db):
    return _module_sample


def _queue(*args: str) -> Job:
    out = io.StringIO()
    call_command(*args, "--queue", "--key", "k-" + "-".join(args), stdout=out, stderr=io.StringIO())
    job = Job.objects.get(pk=int(out.getvalue().strip()))
    assert job.state == Job.State.QUEUED and job.by_operator
    return job


def test_exports_queue_and_their_result_is_saved(sample, tmp_path):
    form_id = Instrument.objects.filter(project__slug="riverside").order_by("pk").first().form_id
    survey = _queue("export", "responses", "--instrument", form_id, "--project", "riverside",
                    "--format", "sav")  # fmt: skip
    stories = _queue("export", "stories", "--project", "riverside", "--format", "json")
    qdpx = _queue("export", "qdpx", "--project", "riverside")
    codebook = _queue("export", "codebook", "--project", "riverside")
    assert run_pending() == 4
    codebook.refresh_from_db()
    assert codebook.state == Job.State.DONE or "no codes" in codebook.error
    saved = {}
    for job, name in ((survey, "a.sav"), (stories, "s.json"), (qdpx, "p.qdpx")):
        job.refresh_from_db()
        assert job.state == Job.State.DONE, job.error
        out = io.StringIO()
        call_command("jobs", "result", str(job.pk), "-o", str(tmp_path / name), stdout=out)
        saved[name] = (tmp_path / name).read_bytes()
    assert saved["a.sav"].startswith(b"$FL2")
    assert saved["s.json"].lstrip().startswith(b"[") or saved["s.json"].lstrip().startswith(b"{")
    assert zipfile.is_zipfile(io.BytesIO(saved["p.qdpx"]))


def test_theme_discovery_queues(sample):
    job = _queue("themes", "discover", "--project", "riverside", "--k", "3")
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.params["theme_run"]


def test_a_result_not_ready_and_a_narrowed_stories_export_are_refused(sample, tmp_path):
    job = _queue("export", "qdpx", "--project", "riverside")
    with pytest.raises(CommandError, match="not ready"):
        call_command("jobs", "result", str(job.pk), "-o", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="research team"):
        call_command(
            "export", "stories", "--project", "riverside", "--audience", "public", "--queue"
        )
