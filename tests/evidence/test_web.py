import pytest
from django.contrib.auth.models import User

from tallytale.programmes import services as people
from tests.actors import OPERATOR


def _user(code, role):
    person = people.add_person(code, "riverside", role, actor=OPERATOR)
    user = User.objects.create_user(username=code.lower())
    person.user = user
    person.save(update_fields=["user"])
    return user


def test_report_page_and_download_capped_by_role(sample, client):
    evaluator = _user("EVAL1", "evaluator")
    client.force_login(evaluator)
    page = client.get("/evidence/riverside/")
    assert page.status_code == 200 and b"Key figures" in page.content
    assert client.get("/evidence/riverside/?audience=research_team").status_code == 404
    assert client.get("/evidence/riverside/report.html?audience=project").status_code == 405
    queued = client.post("/evidence/riverside/report.html", {"audience": "project"})
    assert queued.status_code == 302 and "/p/riverside/jobs/" in queued.url
    assert (
        client.post("/evidence/riverside/report.html", {"audience": "research_team"}).status_code
        == 404
    )
    member = User.objects.create_user(username="m")
    p = people.get_person("RIV0002")
    p.user = member
    p.save(update_fields=["user"])
    client.force_login(member)
    assert client.get("/evidence/riverside/").status_code == 403


@pytest.mark.django_db
def test_anonymous_redirected(client):
    assert client.get("/evidence/riverside/").status_code == 302


def test_the_report_service_checks_the_audience_itself(sample):
    """A shell that forgot its check still could not build a report beyond the role."""
    from django.core.exceptions import PermissionDenied

    from tallytale.evidence import services

    evaluator = _user("EVAL2", "evaluator")
    outsider = User.objects.create_user(username="outsider")
    for user, audience in ((evaluator, "research_team"), (outsider, "public")):
        with pytest.raises(PermissionDenied):
            services.build_and_record(
                project="riverside", audience=audience, fmt="json", actor_label="t", actor=user
            )
    built = services.build_and_record(
        project="riverside", audience="project", fmt="json", actor_label="t", actor=evaluator
    )
    assert built.report["claims"]


def test_report_page_and_download_take_a_period(sample, client):
    from tallytale.jobs.models import Job

    client.force_login(_user("EVAL2", "evaluator"))
    page = client.get("/evidence/riverside/?from=2025-01-01&to=2025-06-30")
    assert page.status_code == 200
    assert "1 January 2025 to 30 June 2025" in page.content.decode()
    assert 'name="from" value="2025-01-01"' in page.content.decode()
    queued = client.post(
        "/evidence/riverside/report.pdf",
        {"audience": "public", "from": "2025-01-01", "to": "2025-06-30"},
    )
    assert queued.status_code == 302
    job = Job.objects.get(pk=int(queued.url.rstrip("/").rsplit("/", 1)[1]))
    assert (job.params["start"], job.params["end"]) == ("2025-01-01", "2025-06-30")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2025-13-01", "from: "),
        ("to=yesterday", "to: "),
        ("from=2025-06-30&to=2025-01-01", "from: the period starts after it ends"),
    ],
)
def test_a_bad_period_is_a_400_naming_the_field(sample, client, query, message):
    client.force_login(_user("EVAL3", "evaluator"))
    page = client.get(f"/evidence/riverside/?{query}")
    assert page.status_code == 400 and page.content.decode().startswith(message)
    posted = client.post(
        "/evidence/riverside/report.md", dict(p.split("=") for p in query.split("&"))
    )
    assert posted.status_code == 400 and posted.content.decode().startswith(message)


def test_claim_builder_page_adds_and_removes_for_the_research_team(sample, client):
    from tallytale.evidence.models import Claim

    client.force_login(_user("RES9", "researcher"))
    page = client.get("/evidence/riverside/claims/")
    assert page.status_code == 200 and b'<label for="id_item">' in page.content
    added = client.post(
        "/evidence/riverside/claims/",
        {"action": "add", "item": "tc_new_friends", "answers": "5", "kind": "proportion",
         "label": "Strongly agree: new friends"},
    )  # fmt: skip
    assert added.status_code == 302
    claim = Claim.objects.get(project__slug="riverside")
    assert (claim.key, claim.positive_answers) == ("custom-tc_new_friends-5", ["5"])
    assert b"Strongly agree: new friends" in client.get("/evidence/riverside/claims/").content
    bad = client.post(
        "/evidence/riverside/claims/",
        {"action": "add", "item": "nope", "answers": "5", "kind": "proportion", "label": "x"},
    )
    assert bad.status_code == 400 and b"item: no question" in bad.content
    gone = client.post("/evidence/riverside/claims/", {"action": "remove", "key": claim.key})
    assert gone.status_code == 302 and not Claim.objects.exists()
    missing = client.post("/evidence/riverside/claims/", {"action": "remove", "key": "nope"})
    assert missing.status_code == 400 and b"key: no claim" in missing.content


def test_claim_builder_is_closed_to_evaluators(sample, client):
    client.force_login(_user("EVAL9", "evaluator"))
    assert client.get("/evidence/riverside/claims/").status_code == 403
    assert b"/claims/" not in client.get("/evidence/riverside/").content


def test_report_page_and_its_download_follow_the_readers_language(sample, client, settings):
    """A Welsh reader's page shows the report's figures in Welsh, and the file it queues
    is built in Welsh (the language is carried into the job: the worker has none)."""
    from tallytale.jobs.models import Job

    client.force_login(_user("EVAL3", "evaluator"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = client.get("/evidence/riverside/")
    assert page.status_code == 200
    assert "cytuno neu gytuno&#x27;n gryf" in page.content.decode()
    queued = client.post("/evidence/riverside/report.html", {"audience": "public"})
    job = Job.objects.get(pk=int(queued.url.rstrip("/").rsplit("/", 1)[1]))
    assert job.params["language"] == "cy"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    queued = client.post(
        "/evidence/riverside/report.html", {"audience": "public", "idempotency_key": "x"}
    )
    assert (
        Job.objects.get(pk=int(queued.url.rstrip("/").rsplit("/", 1)[1])).params["language"] == "en"
    )
