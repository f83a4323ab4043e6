"""Key triads in reports: aggregated (zone counts, mean, a sentence), never a dot or a
story id, following the report's audience (consent level) and disclosure k."""

import json
import re

import pytest

from tallytale.evidence import render, services
from tests.web.conftest import site  # noqa: F401 - the shared small project
from tests.web.pattern_data import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(site):  # noqa: F811
    return seed(site["project"])


def test_report_has_the_key_triad_aggregated_with_a_table_and_a_sentence(seeded):
    report = services.build_report(project="cwm", audience="project")
    (triad,) = report["triads"]
    panel = triad["panel"]
    assert panel["dots"] == []
    assert panel["poles"] == ["the people", "the activity", "the time credits"]
    counts = {z["zone"]: z["count_text"] for z in panel["zones"]}
    # 10 stories; every zone of 1 to 4 stories is hidden under k = 5
    assert counts["a"] == "fewer than 5" and counts["bc"] == "0"
    assert panel["mean"] is not None  # 10 tellers: the mean may be published
    assert panel["summary"].startswith("10 stories.")
    # 4 new members are fewer than k: no comparison of their mean
    assert triad["comparison"] == ""
    html = render.render_html(report)
    assert "What tellers said their stories were about" in html
    assert "data-story" not in html and "/stories/cwm/" not in html
    assert "fewer than 5" in html
    md = render.render_md(report)
    section = md.split("## What tellers said their stories were about", 1)[1]
    assert "| mostly the people | fewer than 5 | – |" in section
    assert "| between the people and the time credits | 0 | 0% |" in section
    assert section.count("| Stories | 10 | |") == 1 and "| Mean position |" in section
    assert "10 stories" in section
    json.dumps(report)  # the contract stays plain JSON


def test_research_team_report_compares_new_members(seeded, site):  # noqa: F811
    site["project"].disclosure_k = 3
    site["project"].save()
    report = services.build_report(project="cwm", audience="project")
    sentence = report["triads"][0]["comparison"]
    assert re.fullmatch(
        r"members new to volunteering leaned further to the people than other members: "
        r"0\.\d\d vs 0\.\d\d\.",
        sentence,
    )


def test_public_report_counts_only_stories_consented_for_publication(site):  # noqa: F811
    seed(site["project"], consent_level="project")
    report = services.build_report(project="cwm", audience="public")
    assert report["triads"] == []  # no story may be published, so nothing to aggregate


def test_report_period_limits_the_triads(seeded):
    import datetime as dt

    before = services.build_report(project="cwm", audience="project", end=dt.date(2025, 2, 1))
    assert before["triads"] == []  # every seeded story was collected on 2025-03-01
    during = services.build_report(project="cwm", audience="project", end=dt.date(2025, 3, 31))
    assert len(during["triads"]) == 1
