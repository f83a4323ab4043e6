"""The pure maths of pattern views: ternary positions, zones, mean region, bins, disclosure."""

import itertools
import math

import pytest

from tallytale.core import patterns
from tallytale.core.disclosure import ThresholdRule


def test_ternary_corners_and_centre():
    assert patterns.ternary_xy([1, 0, 0]) == pytest.approx((0.5, math.sqrt(3) / 2))
    assert patterns.ternary_xy([0, 1, 0]) == pytest.approx((0, 0))
    assert patterns.ternary_xy([0, 0, 1]) == pytest.approx((1, 0))
    assert patterns.ternary_xy([1, 1, 1]) == pytest.approx((0.5, math.sqrt(3) / 6))


def test_the_seven_zones_tile_the_triangle():
    """Every point of a fine grid lies in exactly one zone, inside that zone's polygon."""

    def inside(pt, poly):
        # convex polygon: same side of every edge (boundary counts as inside)
        signs = []
        for (x1, y1), (x2, y2) in itertools.pairwise([*poly, poly[0]]):
            signs.append((x2 - x1) * (pt[1] - y1) - (y2 - y1) * (pt[0] - x1))
        return all(s >= -1e-9 for s in signs) or all(s <= 1e-9 for s in signs)

    steps = 40
    seen = set()
    for i in range(steps + 1):
        for j in range(steps + 1 - i):
            w = (i / steps, j / steps, (steps - i - j) / steps)
            zone = patterns.zone_of(w)
            seen.add(zone)
            assert inside(patterns.ternary_xy(w), patterns.zone_polygon(zone)), (w, zone)
    assert seen == set(patterns.ZONES)


@pytest.mark.parametrize(
    ("weights", "zone"),
    [
        ((0.7, 0.2, 0.1), "a"),
        ((0.45, 0.45, 0.1), "ab"),
        ((0.1, 0.45, 0.45), "bc"),
        ((0.45, 0.1, 0.45), "ac"),
        ((0.34, 0.33, 0.33), "centre"),
        ((0.0, 0.0, 1.0), "c"),
        ((0.6, 0.4, 0.0), "a"),  # the boundary belongs to the pole
    ],
)
def test_zone_of(weights, zone):
    assert patterns.zone_of(weights) == zone


def test_bad_triads_raise_naming_the_problem():
    with pytest.raises(ValueError, match="three weights"):
        patterns.zone_of([0.5, 0.5])
    with pytest.raises(ValueError, match=">= 0"):
        patterns.ternary_xy([1.2, -0.2, 0])
    with pytest.raises(ValueError, match="unknown zone"):
        patterns.zone_polygon("middle")


def test_triad_terms_read_as_words_not_floats():
    terms = patterns.triad_terms([0.6000000000000001, 0.30000000000000004, 0.10000000000000002])
    assert terms == [("mostly", 0, 60), ("some", 1, 30), ("a little", 2, 10)]
    assert patterns.triad_terms([0, 0, 1]) == [("mostly", 2, 100)]


def test_mean_and_region():
    answers = [(0.6, 0.3, 0.1), (0.5, 0.3, 0.2), (0.7, 0.2, 0.1), (0.55, 0.35, 0.1)]
    m = patterns.triad_mean(answers)
    assert m.n == 4
    assert m.weights == pytest.approx((0.5875, 0.2875, 0.125))
    assert m.xy == pytest.approx(patterns.ternary_xy(m.weights))
    assert len(m.region) == 48
    # the mean lies inside its region, and the region is small (the answers are close)
    xs = [p[0] for p in m.region]
    ys = [p[1] for p in m.region]
    assert min(xs) < m.xy[0] < max(xs) and min(ys) < m.xy[1] < max(ys)
    assert max(xs) - min(xs) < 0.2
    assert patterns.triad_mean([]) is None
    assert patterns.triad_mean([(1, 0, 0)] * 5).region == ()  # no spread, no region


def test_leaning_names_the_pole_that_differs_most():
    new = patterns.triad_mean([(0.58, 0.3, 0.12)])
    old = patterns.triad_mean([(0.41, 0.4, 0.19)])
    pole, diff = patterns.leaning(new, old)
    assert pole == 0 and diff == pytest.approx(0.17)


def test_points_hidden_below_k_for_audiences_below_the_research_team():
    rule = ThresholdRule(k=5)
    assert patterns.may_show_points(2, None)  # research team
    assert not patterns.may_show_points(4, rule)
    assert patterns.may_show_points(5, rule)
    assert not patterns.may_show_points(500, rule, public=True)
    assert not patterns.may_show_points(500, None, public=True)


def test_histogram_bins_and_hides_small_counts():
    bins = patterns.histogram([0, 5, 10, 99, 100, 100], 0, 100, 10)
    assert len(bins) == 10
    assert (bins[0].low, bins[0].high, bins[0].count) == (0, 9, 2)
    assert (bins[-1].low, bins[-1].high, bins[-1].count) == (90, 100, 3)
    scale = patterns.histogram([1, 2, 2, 5], 1, 5, 1)
    assert [b.count for b in scale] == [1, 2, 0, 0, 1]
    hidden = patterns.histogram([1, 2, 2, 5], 1, 5, 1, ThresholdRule(k=2))
    assert [b.count for b in hidden] == [None, 2, 0, 0, None]
    with pytest.raises(ValueError, match="outside"):
        patterns.histogram([101], 0, 100, 10)


def test_choice_shares_with_intervals_and_complement_protection():
    picks = [["Money"], ["Money", "Family"], ["Family"], ["Money"]]
    shares = patterns.choice_shares(picks, ["Money", "Family", "Safety"])
    money = shares[0]
    assert (money.count, money.n, money.share) == (3, 4, 0.75)
    assert money.low < 0.75 < money.high
    assert shares[2].count == 0
    hidden = patterns.choice_shares(picks, ["Money"], ThresholdRule(k=2))
    assert hidden[0].count is None and hidden[0].share is None  # 4 - 3 = 1 is disclosive


@pytest.mark.parametrize(("value", "text"), [(0.25, "0.2"), (-0.01, "0.0"), (12.345, "12.3")])
def test_fmt_never_localises(value, text):
    assert patterns.fmt(value) == text


def test_canvas_places_the_triangle_inside_the_picture():
    c = patterns.Canvas()
    top = c.xy(patterns.ternary_xy((1, 0, 0)))
    left = c.xy(patterns.ternary_xy((0, 1, 0)))
    right = c.xy(patterns.ternary_xy((0, 0, 1)))
    assert top == ("170.0", "30.0") and left[0] == "40.0" and right[0] == "300.0"
    assert float(left[1]) < c.height - 18
    assert c.triangle().count(",") == 3
