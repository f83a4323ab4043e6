"""The coordinator's charts read as people write them: whole labels (wrapped, never cut to
ten characters), whole numbers without ".0", and this month marked as not over yet."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tallytale.ledger import services as ledger
from tallytale.stories import services as stories
from tallytale.stories import setup
from tallytale.web.charts import bar_chart, wrap_label
from tests.actors import OPERATOR

pytestmark = pytest.mark.django_db

PROMPT = "What did you do with your time credits, and what did it mean to you?"


def test_a_long_label_wraps_in_whole_words():
    assert wrap_label(PROMPT, 28) == (
        "What did you do with your",
        "time credits, and what did",
        "it mean to you?",
    )
    assert wrap_label(PROMPT, 10)[-1].endswith("…")  # only beyond three lines
    assert wrap_label("01/26", 6) == ("01/26",)


def test_the_svg_keeps_the_whole_label_and_marks_the_partial_bar():
    chart = bar_chart("t", [("a", 1.0), ("b", 2.0)], partial_note="b is not over")
    svg = chart.svg("cap")
    assert svg.count('class="bar"') == 1 and svg.count('class="bar partial"') == 1


def test_dashboard_charts_have_whole_labels_numbers_and_the_month_so_far(client, site, settings):
    settings.DASHBOARD_MAX_AGE = 0
    cache.clear()
    project = site["project"]
    prompt = setup.add_prompt(project, PROMPT)
    stories.collect(
        project,
        text="We went to the pantomime.",
        language="en",
        consent_level="research_team",
        consent_method="spoken",
        info_sheet_version="v1",
        prompt=prompt,
        actor=OPERATOR,
    )
    today = timezone.localdate()
    ledger.earn("M1", "library", 2, day=today, key="chart-1", actor=ledger.Actor("t"))
    client.force_login(site["users"]["coordinator"])
    html = client.get(reverse("web:coordinate", args=["cwm"])).content.decode()
    # the data table names the theme in full; the chart wraps it
    assert f'<th scope="row" dir="auto">{PROMPT}</th>' in html.replace("&#x27;", "'")
    labels = [
        " ".join(re.findall(r">([^<]*)</tspan>", t))
        for t in re.findall(
            r'<text y="[^"]+" text-anchor="middle" direction="[a-z]+" unicode-bidi="embed">(.*?)</text>',
            html,
        )
    ]
    assert PROMPT in [t.replace("&#x27;", "'") for t in labels], labels
    month = today.strftime("%m/%y")
    assert f"{month} (so far)" in html and "is not over yet" in html
    assert 'class="bar partial"' in html
    # whole numbers without ".0" in the tables
    cells = re.findall(r'<td class="num">([^<]+)</td>', html)
    assert cells and not [c for c in cells if c.endswith(".0")]
