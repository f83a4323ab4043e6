"""Plot panels from answers: disclosure control of zone counts and words for a triad."""

from tallytale.core.disclosure import ThresholdRule
from tallytale.stories import patterns
from tallytale.stories.patterns import Answer

POLES = ["people", "place", "time"]


def _rows(spec: dict[tuple[float, float, float], int]) -> list[Answer]:
    rows, i = [], 0
    for weights, n in spec.items():
        for _ in range(n):
            i += 1
            rows.append(Answer(story_id=i, teller_key=f"p{i}", value=list(weights)))
    return rows


def test_one_small_zone_cannot_be_worked_out_from_the_total():
    """Regression: with zone counts 6, 6 and 1 and the total 13 published, hiding only the
    1 would give it away (13 - 6 - 6); a second zone or the total must be hidden too."""
    rows = _rows({(0.8, 0.1, 0.1): 6, (0.34, 0.33, 0.33): 6, (0.1, 0.1, 0.8): 1})
    panel = patterns.triad_panel("all", rows, POLES, ThresholdRule(k=5), public=True)
    counts = {z["zone"]: z["count"] for z in panel["zones"]}
    assert counts["c"] is None
    hidden_others = [z for z, c in counts.items() if c is None and z != "c"]
    assert hidden_others or panel["n_stories"] == "fewer than 5"
    assert panel["dots"] == []


def test_research_team_sees_every_count_and_dot():
    rows = _rows({(0.8, 0.1, 0.1): 6, (0.1, 0.1, 0.8): 1})
    panel = patterns.triad_panel("all", rows, POLES, None)
    counts = {z["zone"]: z["count"] for z in panel["zones"]}
    assert (counts["a"], counts["c"]) == (6, 1)
    assert len(panel["dots"]) == 7
    assert panel["summary"].startswith("7 stories.")


def test_describe_triad_in_words():
    text = patterns.describe_triad([0.6, 0.3, 0.1], POLES)
    assert text == "mostly people (60%), some place (30%), a little time (10%)"
    assert patterns.zone_label("ab", POLES) == "between people and place"
    assert patterns.describe_triad("garbage", POLES) == ""
