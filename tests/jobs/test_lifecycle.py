"""The job lifecycle: start, run, progress, finish, fail, cancel, retry, idempotent keys."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tallytale.errors import InvalidInput, NotFound
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tests.actors import OPERATOR

from .conftest import CALLS, member

State = Job.State


def test_a_job_runs_once_and_keeps_its_file_private(projects, settings):
    alpha, _ = projects
    coord = member("A1", "alpha", "coordinator")
    job = jobs.start("test.echo", actor=coord, project=alpha, params={})
    assert job.state == State.QUEUED and job.task_id
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == State.DONE and job.percent == 100 and job.attempts == 1
    path = jobs.result_file(job, coord)
    assert path.read_bytes() == b"hello"
    assert settings.JOBS_ROOT in path.parents  # under the private data dir, not MEDIA/STATIC
    assert job.expires_at > timezone.now() + dt.timedelta(days=settings.JOBS_KEEP_DAYS - 1)
    # a second delivery of the same task runs nothing
    assert jobs.begin(job.pk) is None


def test_the_same_key_returns_the_same_job(projects):
    alpha, _ = projects
    coord = member("A1", "alpha", "coordinator")
    first = jobs.start("test.echo", actor=coord, project=alpha, params={}, key="k-1")
    again = jobs.start("test.echo", actor=coord, project=alpha, params={}, key="k-1")
    assert again.pk == first.pk and Job.objects.count() == 1
    CALLS.clear()
    run_pending()
    assert CALLS == [first.pk]


def test_transient_errors_are_retried_with_backoff(projects, settings):
    alpha, _ = projects
    job = jobs.start("test.echo", actor=OPERATOR, project=alpha, params={"do": "locked"})
    run_pending()
    job.refresh_from_db()
    assert job.state == State.QUEUED and "trying again in 5 s" in job.message
    # the backoff: the next attempt is not ready yet
    assert run_pending() == 0
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_pending()
    job.refresh_from_db()
    assert job.state == State.DONE and job.attempts == 2


def test_a_transient_error_gives_up_after_the_last_attempt(projects, settings):
    settings.JOBS_MAX_ATTEMPTS = 1
    alpha, _ = projects
    job = jobs.start("test.echo", actor=OPERATOR, project=alpha, params={"do": "locked"})
    run_pending()
    job.refresh_from_db()
    assert job.state == State.FAILED and "gave up after 1 attempts" in job.error


def test_an_error_in_words_fails_the_job(projects):
    alpha, _ = projects
    job = jobs.start("test.echo", actor=OPERATOR, project=alpha, params={"do": "boom"})
    run_pending()
    job.refresh_from_db()
    assert job.state == State.FAILED and job.error == "row 3: hours must be a number"
    assert not job.result_path


def test_cancel_is_honoured_at_the_next_progress_point(projects, settings):
    alpha, _ = projects
    job = jobs.start("test.echo", actor=OPERATOR, project=alpha, params={"do": "cancel-me"})
    run_pending()
    job.refresh_from_db()
    assert job.state == State.CANCELLED and not job.result_path
    assert not any((settings.JOBS_ROOT).rglob("*.txt"))


def test_cancel_a_queued_job_then_retry_it(projects):
    alpha, _ = projects
    coord = member("A1", "alpha", "coordinator")
    job = jobs.start("test.echo", actor=coord, project=alpha, params={})
    jobs.cancel(job, coord)
    CALLS.clear()
    run_pending()
    assert CALLS == []  # the cancelled job's task ran nothing
    with pytest.raises(InvalidInput, match="only a queued or running job"):
        jobs.cancel(job, coord)
    jobs.retry(job, coord)
    run_pending()
    job.refresh_from_db()
    assert job.state == State.DONE


def test_a_done_job_cannot_be_retried(projects):
    alpha, _ = projects
    job = jobs.start("test.echo", actor=OPERATOR, project=alpha, params={})
    run_pending()
    with pytest.raises(InvalidInput, match="only a failed or cancelled job"):
        jobs.retry(job, OPERATOR)


def test_a_stale_running_job_is_recovered_and_retryable(projects, settings):
    alpha, _ = projects
    job = jobs.start("test.echo", actor=OPERATOR, project=alpha, params={})
    assert jobs.begin(job.pk) is not None  # a worker took it, then died
    assert not jobs.can_retry(Job.objects.get(pk=job.pk))
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    assert jobs.recover_stale() == 1
    job.refresh_from_db()
    assert job.state == State.FAILED and "retry it" in job.error
    jobs.retry(job, OPERATOR)
    run_pending()
    job.refresh_from_db()
    assert job.state == State.DONE and job.attempts == 2


def test_another_projects_member_can_neither_read_nor_cancel(projects):
    alpha, beta = projects
    coord = member("A1", "alpha", "coordinator")
    outsider = member("B1", "beta", "coordinator")
    lay = member("A2", "alpha", "participant")
    with pytest.raises(PermissionDenied):
        jobs.start("test.echo", actor=outsider, project=alpha, params={})
    job = jobs.start("test.echo", actor=coord, project=alpha, params={})
    run_pending()
    for who in (outsider, lay):
        with pytest.raises(PermissionDenied):
            jobs.result_file(job, who)
        with pytest.raises(PermissionDenied):
            jobs.cancel(job, who)
        with pytest.raises(PermissionDenied):
            jobs.retry(job, who)
    with pytest.raises(NotFound):  # looked up within the project the URL names
        jobs.get_job(job.pk, outsider, beta)
    assert list(jobs.jobs_for_project(outsider, alpha)) == []
    assert list(jobs.jobs_for_project(coord, alpha)) == [job]


def test_expired_results_are_deleted(projects, settings):
    alpha, _ = projects
    job = jobs.start("test.echo", actor=OPERATOR, project=alpha, params={})
    run_pending()
    job.refresh_from_db()
    path = jobs.result_file(job, OPERATOR)
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(pk=job.task_id).exists()
    assert jobs.cleanup(now=timezone.now() + dt.timedelta(days=settings.JOBS_KEEP_DAYS + 1)) == 1
    assert not path.exists()
    assert not DBTaskResult.objects.filter(pk=job.task_id).exists()  # the queue is pruned too
    job.refresh_from_db()
    with pytest.raises(NotFound):
        jobs.result_file(job, OPERATOR)
