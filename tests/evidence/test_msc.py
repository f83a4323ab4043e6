"""Most Significant Change (issue 15): a panel shortlists, votes and records its reason; the
report shows the chosen stories with the reasons, apart from paired stories, and never
beyond what each teller's consent allows."""

import pytest
from django.contrib.auth.models import User

from tallytale.errors import InvalidInput
from tallytale.evidence import msc, services
from tallytale.evidence.models import MscCandidate, MscVote
from tallytale.programmes import services as people
from tallytale.programmes.permissions import Actor
from tallytale.stories import services as story_services
from tallytale.stories.models import Story
from tests.actors import OPERATOR

REASON = "It shows a whole street changing how it looks after its older people."


def _user(code, role):
    person = people.add_person(code, "riverside", role, actor=OPERATOR)
    user = User.objects.create_user(username=code.lower())
    person.user = user
    person.save(update_fields=["user"])
    return user


def _story(sample, consent):
    return Story.objects.filter(project=sample.project, consent_level=consent,
                                withdrawn_at__isnull=True).order_by("pk").first()  # fmt: skip


def _report(sample, audience, fmt="json"):
    return services.build_and_record(project=sample.project.slug, audience=audience, fmt=fmt,
                                     actor_label="test")  # fmt: skip


def test_the_panel_shortlists_votes_and_chooses_on_the_web(sample, client):
    story = _story(sample, "public")
    alice, bob = _user("RA1", "researcher"), _user("CO1", "coordinator")
    client.force_login(alice)
    url = "/evidence/riverside/msc/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "shortlist", "story": story.pk}).status_code == 302
    candidate = MscCandidate.objects.get(project=sample.project)
    assert client.post(url, {"action": "vote", "candidate": candidate.pk}).status_code == 302
    client.force_login(bob)
    client.post(url, {"action": "vote", "candidate": candidate.pk})
    assert MscVote.objects.filter(candidate=candidate).count() == 2
    page = client.post(url, {"action": "choose", "candidate": candidate.pk, "reason": REASON},
                       follow=True)  # fmt: skip
    assert REASON in page.content.decode()
    report = _report(sample, "public").report
    assert report["most_significant_change"] == [{
        "story_id": story.pk, "project": "riverside", "excerpt": report["most_significant_change"][0]["excerpt"],
        "language": story.language, "reason": REASON, "votes": 2,
        "chosen_at": report["most_significant_change"][0]["chosen_at"],
    }]  # fmt: skip
    html = _report(sample, "public", "html").content.decode()
    section = html.split('<h2 id="msc">')[1].split("</section>")[0]
    assert "Most Significant Change" in html and REASON in section
    assert "In their words" not in section  # not a paired story: no role, no figure


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"action": "choose", "candidate": "x", "reason": "r"}, "candidate: must be a number"),
        ({"action": "choose", "candidate": "@c", "reason": "  "}, "reason: say why"),
        ({"action": "shortlist", "story": "abc"}, "story: must be a story number"),
        ({"action": "dance"}, "action: choose one of"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(sample, client, post, message):
    client.force_login(_user("RA2", "researcher"))
    c = msc.shortlist(sample.project, _story(sample, "public").pk, actor=Actor.cli())
    post = {k: (c.pk if v == "@c" else v) for k, v in post.items()}
    got = client.post("/evidence/riverside/msc/", post)
    assert got.status_code == 400 and message in got.content.decode()


def test_evaluators_and_members_are_not_the_panel(sample, client):
    client.force_login(_user("EV1", "evaluator"))
    assert client.get("/evidence/riverside/msc/").status_code == 403
    c = msc.shortlist(sample.project, _story(sample, "public").pk, actor=Actor.cli())
    with pytest.raises(Exception, match="evidence.claims"):
        msc.choose(
            sample.project, c.pk, REASON, actor=Actor.token(User.objects.get(username="ev1"))
        )


def test_consent_decides_who_reads_a_chosen_story(sample):
    """A research-team-only story chosen by the panel is in the research team's report and
    nowhere else: the section never overrides consent."""
    private = _story(sample, "research_team")
    c = msc.shortlist(sample.project, private.pk, actor=Actor.cli())
    msc.choose(sample.project, c.pk, REASON, actor=Actor.cli())
    assert [m["story_id"] for m in _report(sample, "research_team").report[
        "most_significant_change"]] == [private.pk]  # fmt: skip
    for audience in ("project", "public"):
        report = _report(sample, audience).report
        assert report["most_significant_change"] == []
        html = _report(sample, audience, "html").content.decode()
        assert REASON not in html and 'id="msc"' not in html


def test_lowered_consent_or_withdrawal_takes_the_story_out(sample):
    story = _story(sample, "public")
    c = msc.shortlist(sample.project, story.pk, actor=Actor.cli())
    msc.choose(sample.project, c.pk, REASON, actor=Actor.cli())
    assert len(_report(sample, "public").report["most_significant_change"]) == 1
    Story.objects.filter(pk=story.pk).update(consent_level="project")
    assert _report(sample, "public").report["most_significant_change"] == []
    assert len(_report(sample, "project").report["most_significant_change"]) == 1
    story.refresh_from_db()
    story_services.withdraw_story(story, actor=Actor.cli())
    assert not MscCandidate.objects.filter(pk=c.pk).exists()
    assert _report(sample, "research_team").report["most_significant_change"] == []


def test_a_story_of_another_project_cannot_be_shortlisted(sample):
    from tallytale.demo.sample import build_sample_project

    other = build_sample_project("elsewhere", participants=12, seed=3)
    foreign = Story.objects.filter(project=other.project).first()
    from tallytale.errors import NotFound

    with pytest.raises(NotFound, match="story"):
        msc.shortlist(sample.project, foreign.pk, actor=Actor.cli())
    with pytest.raises(InvalidInput):
        msc.vote(sample.project, 1, actor=Actor.cli())
