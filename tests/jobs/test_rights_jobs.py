"""Erasure and web backups as jobs: who may queue them, that they run once, and what they
leave (an erased person; a backup archive on the server that restores)."""

from __future__ import annotations

import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tallytale.programmes.models import Person
from tallytale.programmes.permissions import Actor
from tallytale.rights import tasks as rights_tasks

from .conftest import member

State = Job.State


def test_erasure_queued_by_a_coordinator_runs_once_and_keeps_no_code(projects):
    coordinator = member("CO1", "alpha", "coordinator")
    member("P1", "alpha", "participant")
    person = Person.objects.get(code="P1")
    job = rights_tasks.start_erasure(actor=coordinator, code="P1")
    again = rights_tasks.start_erasure(actor=coordinator, code="P1")
    assert again.pk == job.pk and job.params == {"person": person.pk}  # no code kept
    assert run_pending() == 1
    job.refresh_from_db()
    person.refresh_from_db()
    assert job.state == State.DONE, job.error
    assert person.erased_at is not None and person.code.startswith("erased-")
    assert job.params["erased"]["memberships_removed"] == 1
    # a retry after it finished (a worker lost after commit) finds them erased: no change
    Job.objects.filter(pk=job.pk).update(state=State.FAILED)
    jobs.retry(job, coordinator)
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == State.DONE and job.params["erased"] == "already"


def test_erasure_is_refused_across_projects_when_queued_and_when_run(projects):
    member("P2", "alpha", "participant")
    outsider = member("BC1", "beta", "coordinator")
    with pytest.raises(PermissionDenied):
        rights_tasks.start_erasure(actor=outsider, code="P2")
    assert not Job.objects.exists()
    # queued while allowed, then the role is taken away: the run refuses
    coordinator = member("CO2", "alpha", "coordinator")
    job = rights_tasks.start_erasure(actor=coordinator, code="P2")
    coordinator.user.person.memberships.update(role="participant")
    run_pending()
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert Person.objects.get(pk=job.params["person"]).erased_at is None


def test_cli_erase_queue_starts_a_job(projects, capsys):
    member("P3", "alpha", "participant")
    call_command("person", "erase", "P3", "--yes", "--queue")
    assert "queued job" in capsys.readouterr().out
    job = Job.objects.get()
    assert job.kind == "rights.erase" and job.by_operator
    run_pending()
    assert Person.objects.get(pk=job.params["person"]).erased_at is not None


# a PostgreSQL backup refuses to run inside a transaction (its snapshot must see committed
# data only), so this test commits for real, as a worker does
@pytest.mark.django_db(transaction=True)
def test_a_backup_from_the_web_is_a_superusers_job_written_on_the_server(
    client, projects, settings, tmp_path
):
    settings.TALLYTALE_BACKUP_DIR = tmp_path / "backups"
    coordinator = member("CO3", "alpha", "coordinator")
    client.force_login(coordinator.user)
    assert client.get("/ops/backups/").status_code == 403
    assert client.post("/ops/backups/").status_code == 403
    admin = User.objects.create_superuser("root", "root@example.org", None)
    client.force_login(admin)
    assert "Start a backup now" in client.get("/ops/backups/").content.decode()
    r = client.post("/ops/backups/", {"idempotency_key": "b1"})
    job = Job.objects.get(kind="ops.backup")
    assert r.status_code == 302 and r.url == f"/me/jobs/{job.pk}/"
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == State.DONE, job.error
    archive = tmp_path / "backups" / job.params["file"].split("/")[-1]
    with zipfile.ZipFile(archive) as z:
        assert "manifest.json" in z.namelist()
    assert job.params["rows"] > 0 and not job.has_result  # never a browser download
    page = client.get(r.url).content.decode()
    assert "checked by a test restore" in page
    # the job (and the path it names) is the superuser's own
    client.force_login(coordinator.user)
    assert client.get(r.url).status_code in (403, 404)


def test_only_a_superuser_actor_starts_a_backup(projects):
    from tallytale.ops import tasks as ops_tasks

    with pytest.raises(PermissionDenied):
        ops_tasks.start_backup(actor=member("CO4", "alpha", "admin"))
    anonymous = Actor("web:anonymous", AnonymousUser())
    with pytest.raises(PermissionDenied):
        ops_tasks.start_backup(actor=anonymous)
