"""The demo programme: deterministic, and shaped so that its numbers and stories agree.

One programme of 400 members is built once for the module (inside a transaction rolled
back at the end); each test reads it.
"""

import datetime as dt
from collections import Counter, defaultdict

import numpy as np
import pytest
from django.db import transaction
from django.db.models import F, Sum

from tallytale.demo import programme, users
from tallytale.demo.stories import ABOUT
from tallytale.demo.surveys import TC_TARGETS
from tallytale.ledger.models import Contribution
from tallytale.ledger.statements import check_books
from tallytale.programmes.models import Person
from tallytale.stories.models import SignifierAnswer, Story
from tallytale.surveys.models import Response, ScaleScore

TODAY = dt.date(2025, 6, 30)
SEED = 11


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                yield programme.build_programme(seed=SEED, participants=400, today=TODAY)
                raise _Rollback
        except _Rollback:
            pass


def _tc(form_answers: dict, item: str) -> int:
    return int(form_answers[f"since_involved/{item}"])


@pytest.mark.django_db
def test_summary_and_slugs(demo):
    assert (
        demo.projects
        == programme.project_slugs()
        == [
            "deaf-peer-support",
            "sanctuary-researchers",
            "cwm-time-credits",
            "lunch-club",
            "youth-voice",
        ]
    )
    assert demo.participants == 400
    assert demo.responses == Response.objects.count() > 400
    assert 100 <= demo.stories == Story.objects.count() <= 170


@pytest.mark.django_db
def test_books_balance(demo):
    books = check_books()
    assert books["sum_of_balances"] == 0
    assert books["mismatched"] == {}


@pytest.mark.django_db
def test_waves_have_attrition(demo):
    per_wave = Counter(
        Response.objects.filter(instrument__form_id="swemwbs").values_list("wave__name", flat=True)
    )
    assert per_wave["baseline"] > per_wave["6-months"] > per_wave["12-months"] > 20
    joined = list(
        Person.objects.filter(memberships__role="participant").values_list(
            "registered_on", flat=True
        )
    )
    for wave, days, low, high in [
        ("baseline", 14, 0.65, 0.85),
        ("6-months", 182 + 28, 0.42, 0.65),
        ("12-months", 365 + 28, 0.28, 0.52),
    ]:
        eligible = sum(1 for d in joined if d + dt.timedelta(days=days) <= TODAY)
        assert low <= per_wave[wave] / eligible <= high, wave
    # every 12-month respondent also answered the outcomes questionnaire
    tc = Response.objects.filter(instrument__form_id="time_credit_member")
    assert set(tc.values_list("wave__name", flat=True)) == {"12-months"}
    assert tc.count() == per_wave["12-months"]


@pytest.mark.django_db
def test_wellbeing_change_grows_with_involvement(demo):
    scores = defaultdict(dict)
    for person, wave, value in ScaleScore.objects.filter(scale="swemwbs").values_list(
        "response__person_id", "response__wave__name", "value"
    ):
        scores[person][wave] = value
    hours = dict(
        Contribution.objects.values("person_id")
        .annotate(m=Sum("minutes"))
        .values_list("person_id", "m")
    )
    pairs = [
        (hours.get(p, 0) / 60, s.get("12-months", s.get("6-months")) - s["baseline"])
        for p, s in scores.items()
        if "baseline" in s and ("6-months" in s or "12-months" in s)
    ]
    assert len(pairs) > 60
    x, y = np.log1p([h for h, _ in pairs]), np.array([d for _, d in pairs])
    assert np.corrcoef(x, y)[0, 1] > 0.15
    assert (y < 0).any(), "some members get worse"


@pytest.mark.django_db
def test_outcome_rates_near_published_figures(demo):
    answers = list(
        Response.objects.filter(instrument__form_id="time_credit_member").values_list(
            "data", flat=True
        )
    )
    for item, target in TC_TARGETS.items():
        share = np.mean([_tc(a, item) >= 4 for a in answers])
        assert abs(share - target) < 0.15, (item, share, target)


@pytest.mark.django_db
def test_friends_tell_friendship_stories(demo):
    friends = {}
    for person, data in Response.objects.filter(
        instrument__form_id="time_credit_member"
    ).values_list("person_id", "data"):
        friends[person] = _tc(data, "tc_new_friends") >= 4
    about = dict(
        SignifierAnswer.objects.filter(signifier__name="about").values_list(
            "story__teller_id", "value"
        )
    )
    told = {p: ABOUT["friendship"] in v for p, v in about.items() if p in friends}
    yes = [t for p, t in told.items() if friends[p]]
    no = [t for p, t in told.items() if not friends[p]]
    assert len(yes) >= 10 and len(no) >= 3
    assert np.mean(yes) > np.mean(no)


@pytest.mark.django_db
def test_stories_consent_languages_and_redaction(demo):
    levels = Counter(Story.objects.values_list("consent_level", flat=True))
    n = sum(levels.values())
    assert abs(levels["project"] / n - 0.5) < 0.12
    assert abs(levels["public"] / n - 0.3) < 0.12
    assert abs(levels["research_team"] / n - 0.2) < 0.12
    languages = Counter(Story.objects.values_list("language", flat=True))
    assert languages["en"] > languages["cy"] > 0 and languages["ar"] > 0
    # anonymous stories (partners' stories have no teller either, but an organisation)
    assert Story.objects.filter(teller__isnull=True, organisation__isnull=True).exists()
    redacted = Story.objects.exclude(text=F("text_redacted"))
    assert redacted.exists()
    assert all("[" in s for s in redacted.values_list("text_redacted", flat=True))
    assert all(s.consents.count() == 1 for s in Story.objects.all()[:20])
    # every member's story carries the teller's signification (partners' stories do not:
    # the project's signifiers ask about a person's own experience)
    members_stories = Story.objects.filter(organisation__isnull=True).count()
    assert SignifierAnswer.objects.values("story").distinct().count() == members_stories


@pytest.mark.django_db
def test_demo_users_sign_in(demo, client):
    assert len(demo.logins) == 25
    roles = {login.role for login in demo.logins}
    assert roles == {"coordinator", "researcher", "evaluator", "participant", "admin"}
    for login in [x for x in demo.logins if x.project == "lunch-club"][::3]:  # hashing is slow
        assert client.login(username=login.username, password=users.demo_password(SEED))
        client.logout()
    assert not client.login(username=demo.logins[0].username, password="wrong")
    assert users.existing_logins() == [
        users.DemoLogin(x.project, x.role, x.username, x.person) for x in demo.logins
    ]


@pytest.mark.django_db
def test_community_workflow(demo):
    from tallytale.community.models import Action, FindingReview, LearningNote, Priority, Vote

    assert Priority.objects.filter(status="adopted").count() == 5
    assert Vote.objects.count() > 50
    assert FindingReview.objects.count() > 20
    assert Action.objects.count() == 10
    assert LearningNote.objects.count() == 5


@pytest.mark.django_db
def test_partners_answer_tell_stories_and_fill_the_capacity_assessment(demo):
    from tallytale.evidence.report import build_report

    tcp = Response.objects.filter(
        organisation__isnull=False, instrument__form_id="time_credit_partner"
    ).select_related("wave")
    assert {r.wave.name for r in tcp} == {"baseline", "12-months"}
    assert all(r.contact_name and r.person_id is None for r in tcp)
    twelve = [r for r in tcp if r.wave.name == "12-months"]
    agree = sum(r.data["since_partner/tc_partner_access"] in ("4", "5") for r in twelve)
    assert abs(agree / len(twelve) - 0.48) < 0.05  # the published Spice figure
    capacity = Response.objects.filter(instrument__form_id="org_capacity").select_related(
        "organisation"
    )
    assert capacity.exists() and {r.organisation.kind for r in capacity} == {"earning"}
    assert Story.objects.filter(organisation__isnull=False, teller__isnull=True).exists()
    report = build_report(programme=programme.PROGRAMME[0], audience="public")
    claim = next(c for c in report["claims"] if c["id"] == "partners-tc_partner_access-12-months")
    assert not claim["suppressed"] and claim["n"] == len(twelve)
    assert claim["ci_low"] < claim["estimate"] < claim["ci_high"]
    assert claim["stories"], claim["gap"]
