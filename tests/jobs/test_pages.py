"""The jobs pages: project and personal lists, a job's page (meta refresh while running,
JSON status for the polling script), cancel, retry, and the download served only to
readers and only from private storage."""

import pytest
from django.conf import settings as django_settings

from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tests.actors import OPERATOR

from .conftest import member

State = Job.State


@pytest.fixture
def alpha_job(projects):
    alpha, _ = projects
    coord = member("A1", "alpha", "coordinator")
    job = jobs.start("test.echo", actor=coord, project=alpha, params={})
    return coord, job


def test_a_running_job_refreshes_itself_and_reports_json(client, alpha_job):
    coord, job = alpha_job
    client.force_login(coord.user)
    page = client.get(f"/p/alpha/jobs/{job.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<noscript><meta http-equiv="refresh"' in html and "<progress" in html
    assert f"/p/alpha/jobs/{job.pk}/cancel" in html
    status = client.get(f"/p/alpha/jobs/{job.pk}/status.json").json()
    assert status["state"] == "queued" and status["active"] and status["download"] is None
    run_pending()
    status = client.get(f"/p/alpha/jobs/{job.pk}/status.json").json()
    assert status["state"] == "done" and status["percent"] == 100
    assert status["download"] == f"/p/alpha/jobs/{job.pk}/download"
    page = client.get(f"/p/alpha/jobs/{job.pk}/").content.decode()
    assert "http-equiv" not in page and "Download echo.txt" in page
    listing = client.get("/p/alpha/jobs/").content.decode()
    assert f"/p/alpha/jobs/{job.pk}/" in listing
    mine = client.get("/me/jobs/").content.decode()
    assert f"/p/alpha/jobs/{job.pk}/" in mine


def test_the_download_is_served_only_to_readers(client, alpha_job, projects):
    coord, job = alpha_job
    run_pending()
    client.force_login(coord.user)
    got = client.get(f"/p/alpha/jobs/{job.pk}/download")
    assert got.status_code == 200 and b"".join(got.streaming_content) == b"hello"
    assert got["Content-Disposition"].startswith("attachment")
    assert got["Cache-Control"] == "private, no-store"
    outsider = member("B1", "beta", "coordinator")
    participant = member("A2", "alpha", "participant")
    client.force_login(outsider.user)
    assert client.get(f"/p/alpha/jobs/{job.pk}/download").status_code == 403
    # under the outsider's own project the job does not exist
    assert client.get(f"/p/beta/jobs/{job.pk}/download").status_code == 404
    assert client.get(f"/p/beta/jobs/{job.pk}/status.json").status_code == 404
    assert client.post(f"/p/beta/jobs/{job.pk}/retry").status_code == 404
    assert client.get(f"/me/jobs/{job.pk}/download").status_code == 404
    client.force_login(participant.user)
    assert client.get(f"/p/alpha/jobs/{job.pk}/download").status_code == 403
    assert client.get(f"/p/alpha/jobs/{job.pk}/").status_code == 403
    assert f"/p/alpha/jobs/{job.pk}/" not in client.get("/p/alpha/jobs/").content.decode()


def test_results_live_outside_every_public_path(alpha_job, settings):
    _, job = alpha_job
    run_pending()
    job.refresh_from_db()
    path = jobs.result_file(job, OPERATOR)
    for public in (django_settings.STATIC_ROOT, django_settings.MEDIA_ROOT):
        assert public not in path.parents
    assert path.is_relative_to(settings.JOBS_ROOT)


def test_cancel_and_retry_from_the_page(client, alpha_job):
    coord, job = alpha_job
    client.force_login(coord.user)
    r = client.post(f"/p/alpha/jobs/{job.pk}/cancel")
    assert r.status_code == 302 and Job.objects.get(pk=job.pk).state == State.CANCELLED
    # a second cancel is a clear message, not an error page
    r = client.post(f"/p/alpha/jobs/{job.pk}/cancel", follow=True)
    assert r.status_code == 200 and "only a queued or running job" in r.content.decode()
    client.post(f"/p/alpha/jobs/{job.pk}/retry")
    assert Job.objects.get(pk=job.pk).state == State.QUEUED
    run_pending()
    assert Job.objects.get(pk=job.pk).state == State.DONE


def test_personal_jobs_are_their_owners_alone(client, projects):
    owner = member("A1", "alpha", "participant")
    other = member("A3", "alpha", "coordinator")
    job = jobs.start("test.echo", actor=owner, project=None, params={})
    run_pending()
    client.force_login(owner.user)
    assert client.get(f"/me/jobs/{job.pk}/").status_code == 200
    got = client.get(f"/me/jobs/{job.pk}/download")
    assert got.status_code == 200 and b"".join(got.streaming_content) == b"hello"
    client.force_login(other.user)
    assert client.get(f"/me/jobs/{job.pk}/").status_code == 403
    assert client.get(f"/me/jobs/{job.pk}/download").status_code == 403
    assert client.get(f"/p/alpha/jobs/{job.pk}/").status_code == 404
    assert f"/me/jobs/{job.pk}/" not in client.get("/me/jobs/").content.decode()
