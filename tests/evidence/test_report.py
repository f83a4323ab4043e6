"""Evidence reports built on a small, realistic project (see tallytale.demo.sample)."""

import io
import json
import re

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from statsmodels.stats.proportion import proportion_confint

from tallytale.core.scales import swemwbs_table
from tallytale.demo.sample import build_sample_project
from tallytale.evidence import render, services
from tallytale.stories import services as stories
from tallytale.stories.models import Story

CONTRACT_CLAIM = {
    "id",
    "kind",
    "label",
    "n",
    "numerator",
    "estimate",
    "ci_low",
    "ci_high",
    "ci_method",
    "suppressed",
    "stories",
}


def _claims(report):
    return {c["id"]: c for c in report["claims"]}


def test_claims_agree_with_statsmodels_and_scipy(sample):
    from scipy import stats

    r = services.build_report(project="riverside", audience="research_team")
    c = _claims(r)["tc_new_friends-m6"]
    answers = sample.answers["m6"]
    x = sum(1 for a in answers.values() if a["tc_new_friends"] in ("4", "5"))
    assert (c["numerator"], c["n"]) == (x, len(answers))
    lo, hi = proportion_confint(x, len(answers), method="wilson")
    assert abs(c["ci_low"] - lo) < 1e-9 and abs(c["ci_high"] - hi) < 1e-9
    table = swemwbs_table()
    both = sorted(set(sample.swemwbs["baseline"]) & set(sample.swemwbs["m6"]))
    before = np.array([table[sample.swemwbs["baseline"][p]] for p in both])
    after = np.array([table[sample.swemwbs["m6"][p]] for p in both])
    ch = _claims(r)["swemwbs-change"]
    ci = stats.ttest_rel(after, before).confidence_interval()
    assert ch["n"] == len(both)
    assert abs(ch["ci_low"] - ci.low) < 1e-9 and abs(ch["ci_high"] - ci.high) < 1e-9
    mc = _claims(r)["swemwbs-meaningful"]
    assert mc["numerator"] == int(((after - before) >= 3 - 1e-9).sum())
    assert "Shah" in mc["extra"]["threshold_citation"]


def test_small_subgroup_suppressed_and_not_recoverable(sample):
    r = services.build_report(project="riverside", audience="public")
    claims = _claims(r)
    for item in ("tc_quality_of_life", "tc_healthier", "tc_contribute"):
        overall = claims[f"{item}-m6"]
        groups = [c for c in r["claims"] if c["id"].startswith(f"{item}-m6-gender-")]
        nb = claims[f"{item}-m6-gender-non-binary"]
        assert nb["suppressed"] and nb["numerator"] is None and nb["estimate"] is None
        hidden = [g for g in groups if g["suppressed"]]
        # the remaining published figures never pin down the hidden ones
        assert len(hidden) >= 2
        assert overall["numerator"] is not None
        assert nb["stories"] == []  # no story beside a hidden figure
    text = render.render_html(r)
    assert "fewer than 5" in text
    # research team sees everything
    rt = _claims(services.build_report(project="riverside", audience="research_team"))
    assert rt["tc_healthier-m6-gender-non-binary"]["numerator"] is not None


def test_pairing_respects_numerator_consent_and_withdrawal(sample):
    r = services.build_report(project="riverside", audience="public")
    story_teller = dict(Story.objects.values_list("id", "teller__code"))
    consent = dict(Story.objects.values_list("id", "consent_level"))
    assert r["stories"] and all(s["consent"] == "public" for s in r["stories"])
    answers = sample.answers["m6"]
    c = _claims(r)["tc_new_friends-m6"]
    roles = {s["role"] for s in c["stories"]}
    assert roles == {"supporting", "contrasting"}
    for s in c["stories"]:
        positive = answers[story_teller[s["id"]]]["tc_new_friends"] in ("4", "5")
        assert positive == (s["role"] == "supporting")
        assert consent[s["id"]] == "public"
    # withdraw a shown story: it is gone from every audience's report
    victim = c["stories"][0]["id"]
    stories.withdraw_story(Story.objects.get(pk=victim), actor=stories.Actor("test"))
    for audience in ("public", "project", "research_team"):
        again = services.build_report(project="riverside", audience=audience)
        assert victim not in {s["id"] for s in again["stories"]}
        assert all(victim != s["id"] for cl in again["claims"] for s in cl["stories"])
    rt = services.build_report(project="riverside", audience="research_team")
    assert any(s["consent"] == "research_team" for s in rt["stories"])
    # every shown story has numbers, every number names a claim in the report
    ids = set(_claims(rt))
    assert all(s["numbers"] and {n["claim_id"] for n in s["numbers"]} <= ids for s in rt["stories"])


def test_strict_passes_when_paired_and_fails_with_listing(sample, tmp_path):
    out = tmp_path / "r.json"
    call_command(
        "report", project="riverside", audience="public", format="json", out=str(out), strict=True
    )
    data = json.loads(out.read_text())
    assert data["rule_check"]["ok"]
    assert set(data) >= {"project", "generated_at", "claims", "stories"}
    for c in data["claims"]:
        assert CONTRACT_CLAIM <= set(c)
        assert all(
            set(s) >= {"id", "role"} and s["role"] in ("supporting", "contrasting")
            for s in c["stories"]
        )
    for s in data["stories"]:
        assert {"id", "excerpt", "consent", "numbers"} <= set(s)
        assert all({"claim_id", "text"} <= set(n) for n in s["numbers"])
    # a project whose people told no story: the strict build fails and lists the claims
    build_sample_project("quiet", participants=20, seed=3, stories_per_person=0.0)
    err = io.StringIO()
    with pytest.raises(CommandError, match="without a story"):
        call_command(
            "report",
            project="quiet",
            audience="public",
            format="md",
            out=str(tmp_path / "q.md"),
            strict=True,
            stderr=err,
        )
    assert "claim tc_new_friends-m6: no story" in err.getvalue()
    # without --strict the gap is shown plainly next to the claim
    call_command("report", project="quiet", format="html", out=str(tmp_path / "q.html"))
    assert "no story yet: collect one" in (tmp_path / "q.html").read_text()


def test_html_self_contained_accessible_and_escaped(sample):
    r = services.build_report(project="riverside", audience="public")
    hostile = '<script>alert("x")</script><img src="https://evil.example/x.png"> friends'
    r["stories"][0]["excerpt"] = hostile
    shown = r["stories"][0]["id"]
    r["claims"][0]["label"] = hostile
    assert any(s["id"] == shown for c in r["claims"] for s in c["stories"])
    html = render.render_html(r)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert not re.search(r'(src|href)\s*=\s*["\']?\s*(https?:)?//', html, re.I)
    assert "<link" not in html.lower()
    svgs = re.findall(r"<svg\b.*?</svg>\s*<figcaption>.*?</figcaption>\s*<table>", html, re.S)
    assert html.count("<svg") == len(svgs) > 0  # every chart has its data table
    assert '<meta name="viewport"' in html and "<h1>" in html and 'role="img"' in html
    assert r["generated_at"] in html
    md = render.render_md(r)
    assert "<script" not in md


def test_pdf_renders_offline(sample):
    r = services.build_report(project="riverside", audience="public")
    pdf = render.render_pdf(r)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_programme_report_compares_projects(db):
    build_sample_project("north", participants=40, seed=5, programme="valleys")
    build_sample_project("south", participants=40, seed=6, programme="valleys")
    r = services.build_report(programme="valleys", audience="project")
    assert r["project"] is None and r["programme"] == "valleys"
    forest = [c for c in r["claims"] if c["section"] == "projects"]
    assert {c["population"]["project"] for c in forest} == {"north", "south"}
    assert "Forest plot" in render.render_html(r)


def test_build_is_logged_without_content(sample):
    from tallytale.audit.models import AuditEvent
    from tallytale.evidence.models import ReportBuild

    built = services.build_and_record(
        project="riverside", audience="project", fmt="md", actor_label="test"
    )
    b = ReportBuild.objects.get()
    assert b.sha256 == built.build.sha256 and b.format == "md" and b.audience == "project"
    ev = AuditEvent.objects.filter(action="evidence.report_build").get()
    assert "excerpt" not in json.dumps(ev.detail)


def test_custom_claim(sample):
    services.add_claim(
        "riverside",
        key="custom-strong-friends",
        label="Strongly agree: new friends",
        item="tc_new_friends",
        positive_answers=["5"],
        actor_label="test",
    )
    r = services.build_report(project="riverside", audience="research_team")
    c = _claims(r)["custom-strong-friends-m6"]
    assert c["numerator"] == sum(
        1 for a in sample.answers["m6"].values() if a["tc_new_friends"] == "5"
    )


def test_custom_claim_results_stored_with_the_build_only(sample):
    """`build_report` only reads; `build_and_record` keeps the custom claim's last figures
    in its short write transaction, after rendering."""
    from tallytale.evidence.models import Claim

    services.add_claim("riverside", key="friends5", label="Strongly agree: new friends",
                       item="tc_new_friends", positive_answers=["5"], actor_label="test")  # fmt: skip
    services.build_report(project="riverside", audience="research_team")
    assert Claim.objects.get(key="friends5").computed_at is None
    built = services.build_and_record(project="riverside", audience="research_team", fmt="json",
                                      actor_label="test")  # fmt: skip
    stored = Claim.objects.get(key="friends5")
    assert stored.computed_at is not None
    shown = {c["id"]: c["numerator"] for c in built.report["claims"]}
    assert {c["id"]: c["numerator"] for c in stored.last_result["claims"]} == {
        k: v for k, v in shown.items() if k.startswith("friends5")
    }
    assert stored.last_result["claims"]


def test_methods_tables_show_the_rounded_count_under_a_rounding_rule(sample):
    """Under the NHS Digital preset (round to 5) the methods tables printed the exact count
    beside the rounded one, undoing the rounding; every shown count is now the rounded one."""
    r = services.build_report(project="riverside", audience="public", rule="nhs-digital")
    rows = [
        row
        for table in ("consent_counts", "stories_by_language", "stories_by_medium")
        for row in r["methods"][table]
    ]
    assert any(row["count"] for row in rows)
    for row in rows:
        if row["count"] is None:
            assert row["display"] == "fewer than 8"
        else:
            assert row["count"] % 5 == 0 and row["display"] == f"{row['count']:,}"
    assert all(m["people"] is None or m["people"] % 5 == 0 for m in r["ledger"]["monthly"])
