"""What changed for partner organisations: claims about organisations with Wilson intervals
and organisation-level disclosure control, paired with partners' stories both ways."""

import pytest

from tallytale.core import claims as cl
from tallytale.core.disclosure import ThresholdRule
from tallytale.evidence.partners import _hide_small
from tallytale.evidence.render import render_html, render_md
from tallytale.evidence.report import build_report
from tallytale.programmes import services as people
from tallytale.programmes.models import Organisation, Project
from tallytale.stories import services as stories
from tallytale.stories.models import ConsentLevel
from tallytale.surveys import responses, services
from tallytale.surveys.responses import RawRow
from tests.actors import OPERATOR

pytestmark = pytest.mark.django_db

ITEMS = ("tc_partner_access", "tc_partner_volunteers", "tc_partner_reach", "tc_partner_resources")
BIG = [("earning", 5), ("spending", 4), ("both", 2)]  # 11 partners
ACCESS_12M = "partners-tc_partner_access-12-months"


def _answers(agree: bool) -> dict[str, str]:
    return {f"since_partner/{i}": "4" if agree else "2" for i in ITEMS}


@pytest.fixture
def partners_scheme(db):
    """Programme 'vale': project 'big' with 11 partners that answer at baseline and 12
    months (6 of 11 agree at 12 months) and fill the capacity assessment; project 'small'
    with 3 partners that answer. One big partner tells a story, publicly."""
    people.create_programme("vale", "Vale")
    people.create_project("big", "Big", "vale")
    people.create_project("small", "Small", "vale")
    for slug in ("big", "small"):
        services.create_wave(slug, "baseline", label="Baseline", position=0)
        services.create_wave(slug, "12-months", label="12 months", position=1)
        services.install_builtin("time_credit_partner", slug)
        services.install_builtin("org_capacity", slug)
    orgs = []
    for kind, n in BIG:
        for i in range(n):
            orgs.append(people.add_partner(f"big-{kind}-{i}", "big", kind, f"Big {kind} {i}"))
    small = [people.add_partner(f"small-{i}", "small", "earning", f"Small {i}") for i in range(3)]
    for slug, group, agree_12m in (("big", orgs, 6), ("small", small, 2)):
        tcp = services.get_instrument("time_credit_partner", slug)
        cap = services.get_instrument("org_capacity", slug)
        for wave, agree in (("baseline", 1), ("12-months", agree_12m)):
            rows = [
                RawRow(i + 2, f"{o.slug}-{wave}", "", "", _answers(i < agree), o.slug, "Manager")
                for i, o in enumerate(group)
            ]
            responses.import_responses(tcp, rows, wave=wave, actor_label="test")
            level = "2" if wave == "baseline" else "3"
            caps = [
                RawRow(i + 2, f"{o.slug}-{wave}-cap", "", "",
                       {d: level for d in ("cap_governance", "cap_volunteers", "cap_partnerships",
                                           "cap_evidence", "cap_sustainability")},
                       o.slug, "Manager")
                for i, o in enumerate(group)
            ]  # fmt: skip
            responses.import_responses(cap, caps, wave=wave, actor_label="test")
    stories.collect(
        Project.objects.get(slug="big"),
        actor=OPERATOR,
        text="Since time credits, more people use our centre and we open an extra afternoon "
        "with the same staff.",
        language="en",
        organisation=orgs[0],  # agreed at 12 months
        contact_name="Centre manager",
        consent_level=ConsentLevel.PUBLIC,
    )
    return orgs


def _claim(report, cid):
    return next(c for c in report["claims"] if c["id"] == cid)


def test_programme_report_has_the_organisations_claim_with_n_interval_and_story(
    partners_scheme,
):
    report = build_report(programme="vale", audience="public")
    c = _claim(report, ACCESS_12M)
    assert c["section"] == "partners" and not c["suppressed"]
    assert (c["numerator"], c["n"]) == (8, 14)  # big 6 of 11 + small 2 of 3, pooled
    assert c["method"].startswith("Wilson") and c["ci_low"] < 8 / 14 < c["ci_high"]
    assert c["population"]["unit"] == "organisation"
    story_ids = [s["id"] for s in c["stories"] if s["role"] == "supporting"]
    assert story_ids, c["gap"]
    story = next(s for s in report["stories"] if s["id"] == story_ids[0])
    # paired both ways: the story carries the organisations' figure it stands beside
    assert any(
        n["claim_id"] == ACCESS_12M and "of the 8 of 14 organisations" in n["text"]
        for n in story["numbers"]
    )
    sec = next(s for s in report["sections"] if s["id"] == "partners")
    assert sec["title"] == "What changed for partner organisations"
    assert ACCESS_12M in report["headline"]
    rates = {w["wave"]: w for w in report["partners"]["response_rates"]}
    assert rates["12-months"]["display"] == "14 of 14 partners answered"
    # every published partner figure has a story; every story shown has a figure
    missing = report["rule_check"]["claims_without_story"]
    assert not [m for m in missing if m.startswith(("partners-", "capacity-"))]
    assert report["rule_check"]["stories_without_number"] == []
    html = render_html(report)
    assert "What changed for partner organisations" in html and "partners answered" in html
    assert "What changed for partner organisations" in render_md(report)


def test_capacity_change_per_domain_for_k_or_more_organisations(partners_scheme):
    report = build_report(project="big", audience="public")
    c = _claim(report, "capacity-cap_governance-change")
    assert not c["suppressed"] and c["n"] == 11 and c["estimate"] == pytest.approx(1.0)
    assert "organisations at both waves" in c["display"]


def test_fewer_than_k_responding_partners_shows_fewer_than_k_and_no_figure(partners_scheme):
    report = build_report(project="small", audience="public")
    partner_claims = [c for c in report["claims"] if c["section"] == "partners"]
    assert partner_claims
    for c in partner_claims:
        assert c["suppressed"], c["id"]
        assert c["suppressed_text"] == "fewer than 5 organisations"
        assert c["estimate"] is None and c["numerator"] is None and c["ci_low"] is None
        assert c["stories"] == [] and "%" not in c["display"]
    rates = report["partners"]["response_rates"]
    assert all(w["answered"] is None and w["display"].startswith("fewer than 5") for w in rates)
    html = render_html(report)
    assert "fewer than 5 organisations" in html
    # the research team sees the figure (no disclosure control for them)
    team = build_report(project="small", audience="research_team")
    c = _claim(team, ACCESS_12M)
    assert not c["suppressed"] and (c["numerator"], c["n"]) == (2, 3)
    # and each organisation's own capacity change, which a published report never carries
    own = team["partners"]["capacity_by_organisation"]
    assert [o["organisation"] for o in own] == ["Small 0", "Small 1", "Small 2"]
    assert own[0]["domains"]["cap_governance"] == {
        "first": 2.0, "last": 3.0, "first_wave": "Baseline", "last_wave": "12 months",
        "change": 1.0,
    }  # fmt: skip
    assert report["partners"]["capacity_by_organisation"] == []
    assert "Small 0" in render_html(team) and "Small 0" not in html


def test_a_partner_answering_from_another_project_is_not_counted(partners_scheme):
    report = build_report(project="big", audience="research_team")
    assert _claim(report, ACCESS_12M)["n"] == 11
    members = [c for c in report["claims"] if c["section"].startswith("outcome:tc_partner")]
    assert members == []  # no person answered the partner questionnaire


def test_hide_small_is_organisation_level_with_secondary_suppression():
    rule = ThresholdRule(k=5, name="k=5")
    fam = cl.proportion_family(
        ("all", "All", 9, 16, {}),
        [("a", "A", 5, 9, {}), ("b", "B", 3, 4, {}), ("c", "C", 1, 3, {})],
        None,
    )
    out = {r.id: r for r in _hide_small(fam, rule)}
    assert not out["all"].suppressed and not out["a"].suppressed
    assert out["b"].suppressed and out["c"].suppressed  # both fewer than 5 organisations
    fam = cl.proportion_family(
        ("all", "All", 12, 20, {}),
        [("a", "A", 5, 9, {}), ("b", "B", 4, 7, {}), ("c", "C", 3, 4, {})],
        None,
    )
    out = {r.id: r for r in _hide_small(fam, rule)}
    assert out["c"].suppressed and out["c"].estimate is None
    # one hidden group could be worked out from the total: the next smallest goes too
    assert out["b"].suppressed and out["b"].suppressed_reason == "secondary suppression"
    assert not out["a"].suppressed and not out["all"].suppressed
    small = cl.proportion_family(("all", "All", 0, 4, {}), [], None)
    assert _hide_small(small, rule)[0].suppressed  # 0 of 4 is still about 4 organisations
    assert _hide_small(small, None)[0].estimate == 0.0


def test_organisation_story_needs_its_contact_and_a_partner_of_the_project(partners_scheme):
    big = Project.objects.get(slug="big")
    _, errors = stories.prepare(
        big, text="We gained volunteers.", organisation=Organisation.objects.get(slug="small-0")
    )
    assert errors["organisation"] == "small-0 is not a partner of big"
    assert "contact_name" in errors


@pytest.mark.parametrize(
    ("language", "words"),
    [("cy", "Gallu'r sefydliad, llywodraethu: newid o Baseline i 12 months (1-5)"),
     ("ar", "القدرة المؤسسية، الحوكمة: التغير من Baseline إلى 12 months (1-5)")],
)  # fmt: skip
def test_capacity_claims_are_labelled_in_the_reports_language(partners_scheme, language, words):
    from django.utils import translation

    with translation.override(language):
        report = build_report(project="big", audience="public")
        html = render_html(report)
    assert _claim(report, "capacity-cap_governance-change")["label"] == words
    assert "Organisational capacity" not in html and "partners)" not in html
