"""Exports and theme discovery as jobs: the pages' buttons queue a job (one per form key),
the worker writes the file (re-checking the capability with the user who queued it), and
the file is served only to readers of that project."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.db import transaction

from tallytale.coding import services as coding_services
from tallytale.coding.models import ThemeRun
from tallytale.demo.sample import build_sample_project
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tallytale.programmes import services as people
from tallytale.surveys.models import Instrument

from .conftest import member

State = Job.State


@pytest.fixture(scope="module")
def _module_sample(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_sample_project("riverside", participants=30, seed=11, stories_per_person=1)
        transaction.set_rollback(True)


@pytest.fixture
def sample(_module_sample, db):
    people.create_project("beta", "Beta")
    return _module_sample


@pytest.fixture
def instrument(sample) -> Instrument:
    return Instrument.objects.filter(project__slug="riverside").order_by("pk").first()


def _download(client, job: Job) -> bytes:
    got = client.get(f"/p/{job.project.slug}/jobs/{job.pk}/download")
    assert got.status_code == 200, got.status_code
    assert got["Cache-Control"] == "private, no-store"
    return b"".join(got.streaming_content)


BOM = b"\xef\xbb\xbf"  # a web download opens in Excel: UTF-8 with a byte-order mark
MAGIC = {"csv": BOM + b"submission_id", "parquet": b"PAR1", "sav": b"$FL2"}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "sav"])
def test_a_survey_export_in_every_format_is_one_job_and_its_file(client, instrument, fmt):
    evaluator = member("EV1", "riverside", "evaluator")
    client.force_login(evaluator.user)
    url = f"/p/riverside/export/survey-{instrument.pk}.{fmt}"
    form = {"idempotency_key": "k1"}
    first, again = client.post(url, form), client.post(url, form)  # a double click
    assert first.status_code == 302 and first.url == again.url
    job = Job.objects.get()
    assert first.url == f"/p/riverside/jobs/{job.pk}/"
    assert job.kind == "surveys.export" and job.state == State.QUEUED
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == State.DONE, job.error
    assert job.result_name == f"riverside-{instrument.form_id}.{fmt}"
    assert _download(client, job).startswith(MAGIC[fmt])


def test_a_survey_export_is_refused_across_projects(client, instrument):
    outsider = member("BC1", "beta", "coordinator")
    client.force_login(outsider.user)
    assert client.post(f"/p/riverside/export/survey-{instrument.pk}.csv").status_code == 403
    # under their own project, the other project's survey does not exist
    assert client.post(f"/p/beta/export/survey-{instrument.pk}.csv").status_code == 404
    assert client.post("/p/riverside/export/survey-1.xlsx").status_code in (403, 404)
    assert not Job.objects.exists()


def test_the_export_file_is_served_only_to_readers(client, instrument):
    coordinator = member("CO1", "riverside", "coordinator")
    client.force_login(coordinator.user)
    client.post(f"/p/riverside/export/survey-{instrument.pk}.csv", {"idempotency_key": "k"})
    run_pending()
    job = Job.objects.get()
    for code, project, role in (
        ("BC2", "beta", "coordinator"), ("RP1", "riverside", "participant"),
        ("RR1", "riverside", "researcher"),  # reads answers, may not export them
    ):  # fmt: skip
        client.force_login(member(code, project, role).user)
        assert client.get(f"/p/riverside/jobs/{job.pk}/download").status_code == 403, role
        if project == "beta":  # under their own project the job does not exist
            assert client.get(f"/p/beta/jobs/{job.pk}/download").status_code == 404
    client.force_login(coordinator.user)
    assert _download(client, job).startswith(BOM + b"submission_id")


def test_the_worker_rechecks_the_export_capability(client, instrument):
    """A job queued by an evaluator who is then made a participant writes nothing."""
    evaluator = member("EV2", "riverside", "evaluator")
    client.force_login(evaluator.user)
    client.post(f"/p/riverside/export/survey-{instrument.pk}.sav", {"idempotency_key": "k"})
    people.get_person("EV2").memberships.update(role="participant")
    run_pending()
    job = Job.objects.get()
    assert job.state == State.FAILED and "not permitted" in job.error
    assert not job.result_path


def test_stories_export_is_a_redacted_job_for_the_viewers_audience(client, sample):
    evaluator = member("EV3", "riverside", "evaluator")
    client.force_login(evaluator.user)
    r = client.post("/p/riverside/export/stories.json", {"idempotency_key": "s"})
    assert r.status_code == 302
    run_pending()
    job = Job.objects.get()
    assert job.state == State.DONE and job.result_name == "stories-riverside-project.json"
    rows = json.loads(_download(client, job))
    assert rows and all(row["id"] for row in rows)
    r = client.post("/p/riverside/export/stories.csv", {"idempotency_key": "c"})
    run_pending()
    csv_job = Job.objects.get(pk=int(r.url.rstrip("/").rsplit("/", 1)[1]))
    assert _download(client, csv_job).startswith(BOM + b"id,external_id")
    client.force_login(member("BC3", "beta", "coordinator").user)
    assert client.post("/p/riverside/export/stories.csv").status_code == 403
    assert client.get(f"/p/riverside/jobs/{job.pk}/download").status_code == 403


def test_the_stories_job_rechecks_when_it_runs(client, sample):
    evaluator = member("EV4", "riverside", "evaluator")
    client.force_login(evaluator.user)
    client.post("/p/riverside/export/stories.csv", {"idempotency_key": "s"})
    people.get_person("EV4").memberships.update(role="participant")
    run_pending()
    job = Job.objects.get()
    assert job.state == State.FAILED and "not permitted" in job.error


@pytest.mark.parametrize("kind,ctype", [("qdpx", "application/zip"), ("qdc", "application/xml")])
def test_refi_qda_export_is_a_job(client, sample, kind, ctype):
    researcher = member("RR2", "riverside", "researcher")
    client.force_login(researcher.user)
    if kind == "qdc":  # REFI-QDA has no valid empty codebook: the job says so, in one line
        client.post("/coding/riverside/export.qdc", {"idempotency_key": "empty"})
        run_pending()
        failed = Job.objects.get()
        assert failed.state == State.FAILED and "no codes yet" in failed.error
        failed.delete()
        coding_services.add_code(sample.project, "Belonging", actor=coding_services.Actor("t"))
    r = client.post(f"/coding/riverside/export.{kind}", {"idempotency_key": "q"})
    again = client.post(f"/coding/riverside/export.{kind}", {"idempotency_key": "q"})
    assert r.status_code == 302 and r.url == again.url
    run_pending()
    job = Job.objects.get()
    assert job.kind == "coding.refi" and job.state == State.DONE, job.error
    assert job.result_type == ctype and job.result_name == f"riverside.{kind}"
    body = _download(client, job)
    if kind == "qdpx":
        assert "project.qde" in zipfile.ZipFile(io.BytesIO(body)).namelist()
    else:
        assert body.startswith(b"<?xml")
    client.force_login(member("BC4", "beta", "researcher").user)
    assert client.post(f"/coding/riverside/export.{kind}").status_code == 403
    assert client.get(f"/p/riverside/jobs/{job.pk}/download").status_code == 403


def test_theme_discovery_is_a_job_that_links_to_its_run(client, sample):
    researcher = member("RR3", "riverside", "researcher")
    client.force_login(researcher.user)
    page = client.get("/coding/riverside/themes/").content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    form = {"k": "3", "method": "lexical", "idempotency_key": key}
    r = client.post("/coding/riverside/themes/", form)
    assert client.post("/coding/riverside/themes/", form).url == r.url
    assert r.status_code == 302 and not ThemeRun.objects.exists()
    job = Job.objects.get()
    assert job.kind == "coding.themes"
    messages: list[str] = []
    from tallytale.jobs import services as jobs

    real = jobs.progress

    def spy(j, done, total, message=""):
        messages.append(message)
        real(j, done, total, message)

    jobs.progress = spy
    try:
        run_pending()
    finally:
        jobs.progress = real
    job.refresh_from_db()
    assert job.state == State.DONE, job.error
    run = ThemeRun.objects.get()
    assert messages[0].startswith("clustering") and "found 3 themes" in messages[1]
    link = f"/coding/riverside/themes/{run.pk}/"
    assert job.params["link"] == link and link in client.get(r.url).content.decode()
    assert (
        f"/p/riverside/jobs/{job.pk}/" in client.get("/coding/riverside/themes/").content.decode()
    )
    # another project's staff cannot queue it, nor see the job
    client.force_login(member("BC5", "beta", "coordinator").user)
    assert client.post("/coding/riverside/themes/", form).status_code == 403
    assert client.get(r.url).status_code == 403


def test_theme_discovery_bad_input_names_the_field(client, sample):
    client.force_login(member("RR4", "riverside", "researcher").user)
    r = client.post("/coding/riverside/themes/", {"k": "1"}, follow=True)
    assert r.status_code == 200 and "k: must be at least 2" in r.content.decode()
    r = client.post("/coding/riverside/themes/", {"k": "x"}, follow=True)
    assert "k: must be a whole number" in r.content.decode()
    r = client.post("/coding/riverside/themes/", {"method": "magic"}, follow=True)
    assert "method:" in r.content.decode()
    assert not Job.objects.exists()
