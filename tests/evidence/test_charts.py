"""Charts a reader can read: whole labels, legends, counts as counts, the partial month."""

import re

from tallytale.evidence import render, svg

LONG = "I feel able to contribute more to my community (agree or strongly agree) (woman)"
SIMILAR = "I feel able to contribute more to my community (agree or strongly agree) (man)"


def _text(markup: str) -> str:
    return " ".join(re.findall(r">([^<>]+)<", markup))


def test_long_labels_are_wrapped_whole_not_cut_to_the_same_stem():
    rows = [svg.Row(LONG, 0.5, 0.4, 0.6), svg.Row(SIMILAR, 0.6, 0.5, 0.7)]
    markup = svg.interval_chart(rows, "t", "c1")
    assert "\u2026" not in markup
    words = _text(markup)
    assert "(woman)" in words and "(man)" in words  # the rows stay distinguishable
    assert all(len(line) <= 32 for line in svg.wrap(LONG))
    assert " ".join(svg.wrap(LONG)) == LONG


def test_every_chart_has_a_legend():
    rows = [svg.Row("A", 0.5, 0.4, 0.6)]
    assert "95% interval" in _text(svg.interval_chart(rows, "t", "c1"))
    assert "95% interval" in _text(svg.slope_chart(rows, "t", "c2"))
    bars = svg.bar_chart(["2026-11", "2026-12"], [10.0, 2.0], "t", "c3", unit="hours", partial=1)
    assert "hours" in _text(bars) and "partial" in _text(bars)
    assert 'stroke-dasharray="2 2"' in bars  # the partial month is drawn open


def test_ledger_table_marks_the_partial_month_and_shows_whole_numbers():
    report = {
        "claims": [], "stories": [], "headline": [], "sections": [], "project": "p",
        "ledger": {"monthly": [
            {"month": "2026-11", "hours": 583.0, "people": 12, "partial": False},
            {"month": "2026-12", "hours": 1234.5, "people": 7, "partial": True},
        ], "from": None, "to": None},
        "methods": {}, "community": None, "summary": {},
    }  # fmt: skip
    chart = render._view_model(report)["ledger_chart"]
    assert chart["rows"][0] == ["2026-11", "583", "12"]
    assert chart["rows"][1] == ["2026-12 (partial month)", "1,234.5", "7"]
