"""The report shows the community's reading beside each claim and "you said, we did"."""

from django.contrib.auth import get_user_model

from tallytale.community import services as community
from tallytale.evidence import services
from tallytale.programmes import services as people
from tallytale.programmes.models import Person
from tests.actors import OPERATOR


def _user(code):
    # no password: these users act through the services, and hashing one (Argon2) costs
    # about half a second
    user = get_user_model().objects.create_user(username=code.lower())
    person = Person.objects.get(code=code)
    person.user = user
    person.save()
    return user


def test_member_checking_and_actions_appear_in_the_report(sample):
    people.add_person("RIV-COORD", "riverside", "coordinator", actor=OPERATOR)
    coordinator = _user("RIV-COORD")
    report = services.build_report(project="riverside", audience="research_team")
    claim = report["claims"][0]
    review = community.open_review(sample.project, claim["id"], claim["label"], user=coordinator)
    members = [m.code for m in sample.participants[:8]]
    for i, code in enumerate(members):
        community.respond(review, "agree" if i < 6 else "disagree", user=_user(code))
    community.record_action(
        sample.project, "Bus passes for the garden sessions", "coordinator", review=review,
        claim_ref=claim["id"], user=coordinator,
    )  # fmt: skip

    research = services.build_report(project="riverside", audience="research_team")["community"]
    assert research["reviews"][claim["id"]] == {"agree": 6, "not sure": 0, "disagree": 2}
    public = services.build_report(project="riverside", audience="public")["community"]
    # 2 disagreeing members are below k=5: hidden for every audience but the research team
    assert public["reviews"][claim["id"]] == {"agree": 6, "not sure": 0, "disagree": None}
    assert public["actions"][0]["we_did"].startswith("Bus passes for the garden sessions")
    assert public["actions"][0]["you_said"] == claim["label"]
    from tallytale.evidence.render import render_html

    html = render_html(services.build_report(project="riverside", audience="public"))
    assert "Bus passes for the garden sessions" in html and "fewer than 5" in html
