"""Report builds as jobs: the page's downloads queue a job, the worker builds it with
`build_and_record` and the job finishes inside the build log's transaction."""

import pytest
from django.contrib.auth.models import User

from tallytale.evidence.models import ReportBuild
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tallytale.programmes import services as people
from tallytale.programmes.permissions import Actor
from tests.actors import OPERATOR


@pytest.fixture(autouse=True)
def _private_jobs_root(settings, tmp_path):
    settings.JOBS_ROOT = tmp_path / "jobs"


def _user(code, role):
    person = people.add_person(code, "riverside", role, actor=OPERATOR)
    user = User.objects.create_user(username=code.lower())
    person.user = user
    person.save(update_fields=["user"])
    return user


def test_a_download_becomes_a_job_and_its_file(sample, client):
    evaluator = _user("EVJ1", "evaluator")
    client.force_login(evaluator)
    page = client.get("/evidence/riverside/").content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    form = {"audience": "project", "idempotency_key": key}
    first = client.post("/evidence/riverside/report.md", form)
    again = client.post("/evidence/riverside/report.md", form)  # a double click
    assert first.url == again.url and Job.objects.count() == 1
    builds = ReportBuild.objects.count()
    assert run_pending() == 1
    job = Job.objects.get()
    assert job.state == Job.State.DONE, job.error
    assert ReportBuild.objects.count() == builds + 1  # logged once, with the job
    got = client.get(f"/p/riverside/jobs/{job.pk}/download")
    body = b"".join(got.streaming_content)
    assert got.status_code == 200 and body.startswith(b"#")
    assert job.result_name == "tallytale-report-riverside-project.md"


def test_the_worker_rechecks_the_audience(sample):
    """A job queued by someone whose role has since been lowered builds nothing beyond it."""
    coord = _user("CO1", "coordinator")
    job = jobs.start(
        "evidence.report", actor=Actor("web:co1", coord), project=people.get_project("riverside"),
        params={"fmt": "json", "audience": "research_team"},
    )  # fmt: skip
    people.get_person("CO1").memberships.update(role="evaluator")
    builds = ReportBuild.objects.count()
    run_pending()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "evidence.read" in job.error
    assert ReportBuild.objects.count() == builds and not job.result_path


def test_a_job_whose_user_is_gone_does_not_run_as_an_operator(sample):
    coord = _user("CO2", "coordinator")
    job = jobs.start(
        "evidence.report", actor=Actor("web:co2", coord), project=people.get_project("riverside"),
        params={"fmt": "json", "audience": "research_team"},
    )  # fmt: skip
    coord.delete()
    run_pending()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "no longer has an account" in job.error


def test_report_queue_prints_the_job_id_and_the_worker_builds_it(sample):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("report", "--project", "riverside", "--format", "md", "--queue", stdout=out)
    job = Job.objects.get(pk=int(out.getvalue()))
    assert job.state == Job.State.QUEUED and job.by_operator and job.params["fmt"] == "md"
    run_pending()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result_name.endswith(".md")
    with pytest.raises(CommandError, match="--key goes with --queue"):
        call_command("report", "--project", "riverside", "--key", "k", stdout=StringIO())


def test_the_worker_builds_in_the_language_the_reader_asked_for(sample, client, settings):
    """The worker has no reader: the job's language (from the page) decides the file's."""
    client.force_login(_user("EVJ9", "evaluator"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    client.post("/evidence/riverside/report.html", {"audience": "project"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the worker runs later, elsewhere
    assert run_pending() == 1
    job = Job.objects.get()
    assert job.state == Job.State.DONE, job.error
    got = client.get(f"/p/riverside/jobs/{job.pk}/download")
    body = b"".join(got.streaming_content).decode()
    assert '<html lang="ar" dir="rtl">' in body and "الأرقام الرئيسية" in body
    assert job.result_name == "tallytale-report-riverside-project-ar.html"
