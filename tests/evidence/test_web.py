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
