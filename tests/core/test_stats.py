"""Tests for tallytale.core.stats against statsmodels and scipy reference implementations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from tallytale.core.stats import (
    SWEMWBS_MEANINGFUL_CHANGE_CITATION,
    SWEMWBS_MEANINGFUL_CHANGE_POINTS,
    mean_interval,
    newcombe_difference,
    paired_change,
    share_meaningful_change,
    wilson_interval,
)

TOL = 1e-9


@st.composite
def count_and_n(draw: st.DrawFn, max_n: int = 500) -> tuple[int, int]:
    n = draw(st.integers(min_value=1, max_value=max_n))
    x = draw(st.integers(min_value=0, max_value=n))
    return x, n


confidences = st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.999])


# --- Wilson -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "n", "conf"),
    [(0, 1, 0.95), (1, 1, 0.95), (0, 10, 0.95), (10, 10, 0.95), (3, 17, 0.9), (81, 263, 0.99)],
)
def test_wilson_matches_statsmodels_fixed(x: int, n: int, conf: float) -> None:
    ref_low, ref_high = proportion_confint(x, n, alpha=1 - conf, method="wilson")
    got = wilson_interval(x, n, conf)
    assert got.estimate == pytest.approx(x / n, abs=TOL)
    assert got.low == pytest.approx(ref_low, abs=TOL)
    assert got.high == pytest.approx(ref_high, abs=TOL)
    assert got.confidence == conf
    assert "Wilson" in got.method


def test_wilson_known_value() -> None:
    # Newcombe (1998) Table II example: 81/263, Wilson 95% CI 0.2553 to 0.3662.
    got = wilson_interval(81, 263)
    assert round(got.low, 4) == 0.2553
    assert round(got.high, 4) == 0.3662


@settings(max_examples=100, deadline=None)
@given(count_and_n(), confidences)
def test_wilson_matches_statsmodels_property(xn: tuple[int, int], conf: float) -> None:
    x, n = xn
    ref_low, ref_high = proportion_confint(x, n, alpha=1 - conf, method="wilson")
    got = wilson_interval(x, n, conf)
    assert abs(got.low - ref_low) < TOL
    assert abs(got.high - ref_high) < TOL


@settings(max_examples=100, deadline=None)
@given(count_and_n(), confidences)
def test_wilson_properties(xn: tuple[int, int], conf: float) -> None:
    x, n = xn
    got = wilson_interval(x, n, conf)
    assert got.estimate is not None
    assert 0.0 <= got.low <= got.estimate <= got.high <= 1.0
    assert got.high > got.low  # never zero-width, even at 0 % or 100 %
    mirrored = wilson_interval(n - x, n, conf)  # symmetric under relabelling
    assert got.low == pytest.approx(1 - mirrored.high, abs=1e-12)
    wider = wilson_interval(x, n, 0.9999)  # more confidence, wider interval
    assert wider.low <= got.low + 1e-15 and wider.high >= got.high - 1e-15


def test_wilson_zero_n_is_uninformative_not_an_error() -> None:
    got = wilson_interval(0, 0)
    assert got.estimate is None
    assert (got.low, got.high) == (0.0, 1.0)


@pytest.mark.parametrize(
    ("x", "n", "conf"), [(-1, 5, 0.95), (6, 5, 0.95), (0, -1, 0.95), (1, 5, 1.0), (1, 5, 0.0)]
)
def test_wilson_rejects_invalid(x: int, n: int, conf: float) -> None:
    with pytest.raises(ValueError):
        wilson_interval(x, n, conf)


def test_wilson_rejects_non_integers() -> None:
    with pytest.raises(TypeError):
        wilson_interval(1.5, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wilson_interval(True, 5)
    assert wilson_interval(np.int64(2), np.int64(5)).estimate == pytest.approx(0.4)  # type: ignore[arg-type]


# --- Newcombe ---------------------------------------------------------------------------


def test_newcombe_published_example() -> None:
    # Newcombe (1998), Table II, example (a): 56/70 vs 48/80, method 10: 0.0524 to 0.3339.
    got = newcombe_difference(56, 70, 48, 80)
    assert got.estimate == pytest.approx(0.2)
    assert round(got.low, 4) == 0.0524
    assert round(got.high, 4) == 0.3339
    assert "method 10" in got.method


@settings(max_examples=100, deadline=None)
@given(count_and_n(200), count_and_n(200), confidences)
def test_newcombe_matches_statsmodels(a: tuple[int, int], b: tuple[int, int], conf: float) -> None:
    (x1, n1), (x2, n2) = a, b
    ref_low, ref_high = confint_proportions_2indep(
        x1, n1, x2, n2, method="newcomb", compare="diff", alpha=1 - conf
    )
    got = newcombe_difference(x1, n1, x2, n2, conf)
    assert abs(got.low - ref_low) < TOL
    assert abs(got.high - ref_high) < TOL


@settings(max_examples=100, deadline=None)
@given(count_and_n(200), count_and_n(200), confidences)
def test_newcombe_properties(a: tuple[int, int], b: tuple[int, int], conf: float) -> None:
    (x1, n1), (x2, n2) = a, b
    got = newcombe_difference(x1, n1, x2, n2, conf)
    assert got.estimate is not None
    assert -1.0 <= got.low <= got.estimate <= got.high <= 1.0
    swapped = newcombe_difference(x2, n2, x1, n1, conf)
    assert swapped.low == pytest.approx(-got.high, abs=1e-12)
    assert swapped.high == pytest.approx(-got.low, abs=1e-12)


def test_newcombe_empty_group() -> None:
    got = newcombe_difference(0, 0, 3, 10)
    assert got.estimate is None
    assert (got.low, got.high) == (-1.0, 1.0)
    with pytest.raises(ValueError):
        newcombe_difference(11, 10, 3, 10)


# --- means and paired change ------------------------------------------------------------

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


@settings(max_examples=100, deadline=None)
@given(st.lists(finite, min_size=2, max_size=60), confidences)
def test_mean_interval_matches_scipy(values: list[float], conf: float) -> None:
    got = mean_interval(values, conf)
    arr = np.asarray(values)
    assert got.n == len(values)
    assert got.mean == pytest.approx(arr.mean(), abs=1e-9)
    assert got.sd == pytest.approx(arr.std(ddof=1), abs=1e-9)
    assert got.low <= got.mean <= got.high
    if got.sd > 1e-6:
        ref_low, ref_high = sps.t.interval(conf, len(arr) - 1, loc=arr.mean(), scale=sps.sem(arr))
        assert got.low == pytest.approx(ref_low, rel=1e-9, abs=TOL)
        assert got.high == pytest.approx(ref_high, rel=1e-9, abs=TOL)


def test_mean_interval_known_value_and_errors() -> None:
    got = mean_interval([1, 2, 3, 4, 5])
    # mean 3, sd sqrt(2.5), t(0.975, 4) = 2.7764451051977987
    half = 2.7764451051977987 * math.sqrt(2.5) / math.sqrt(5)
    assert (got.mean, got.low, got.high) == pytest.approx((3.0, 3 - half, 3 + half), abs=1e-12)
    with pytest.raises(ValueError):
        mean_interval([1.0])
    with pytest.raises(ValueError):
        mean_interval([1.0, float("nan"), 2.0])


@st.composite
def pairs(draw: st.DrawFn) -> tuple[list[float], list[float]]:
    n = draw(st.integers(min_value=2, max_value=60))
    before = draw(st.lists(finite, min_size=n, max_size=n))
    after = draw(st.lists(finite, min_size=n, max_size=n))
    return before, after


@settings(max_examples=100, deadline=None)
@given(pairs(), confidences)
def test_paired_change_matches_scipy(ba: tuple[list[float], list[float]], conf: float) -> None:
    before, after = ba
    got = paired_change(before, after, conf)
    d = np.asarray(after) - np.asarray(before)
    assert got.n == len(d)
    assert got.mean_change == pytest.approx(d.mean(), abs=1e-9)
    assert got.mean_before == pytest.approx(np.mean(before), abs=1e-9)
    assert got.mean_after == pytest.approx(np.mean(after), abs=1e-9)
    if d.std(ddof=1) > 1e-6:
        res = sps.ttest_rel(after, before)
        assert got.t_statistic == pytest.approx(res.statistic, rel=1e-9, abs=TOL)
        assert got.p_value == pytest.approx(res.pvalue, rel=1e-9, abs=TOL)
        ref_low, ref_high = sps.t.interval(conf, len(d) - 1, loc=d.mean(), scale=sps.sem(d))
        assert got.low == pytest.approx(ref_low, rel=1e-9, abs=TOL)
        assert got.high == pytest.approx(ref_high, rel=1e-9, abs=TOL)
        assert got.cohen_dz == pytest.approx(d.mean() / d.std(ddof=1), rel=1e-9, abs=TOL)
        assert got.t_statistic is not None and got.cohen_dz is not None
        assert got.t_statistic == pytest.approx(got.cohen_dz * math.sqrt(got.n), rel=1e-9)


def test_paired_change_worked_example() -> None:
    before = [20.0, 22.5, 18.0, 25.0, 21.0]
    after = [23.0, 22.5, 21.0, 24.0, 25.0]  # changes 3, 0, 3, -1, 4
    got = paired_change(before, after)
    assert got.mean_change == pytest.approx(1.8)
    assert got.sd_change == pytest.approx(math.sqrt(4.7))
    assert got.cohen_dz == pytest.approx(1.8 / math.sqrt(4.7))
    assert got.p_value == pytest.approx(sps.ttest_rel(after, before).pvalue, abs=1e-12)


def test_paired_change_constant_difference_and_errors() -> None:
    got = paired_change([1.0, 2.0, 3.0], [2.0, 3.0, 4.0])
    assert got.mean_change == pytest.approx(1.0)
    assert got.sd_change == 0.0
    assert got.cohen_dz is None and got.p_value is None and got.t_statistic is None
    assert got.low == got.high == pytest.approx(1.0)
    with pytest.raises(ValueError):
        paired_change([1.0, 2.0], [1.0])
    with pytest.raises(ValueError):
        paired_change([1.0], [2.0])


# --- meaningful change ------------------------------------------------------------------


def test_swemwbs_constant_and_citation() -> None:
    assert SWEMWBS_MEANINGFUL_CHANGE_POINTS == 3.0
    assert "Shah" in SWEMWBS_MEANINGFUL_CHANGE_CITATION
    assert "Warwick" in SWEMWBS_MEANINGFUL_CHANGE_CITATION


def test_share_meaningful_change_counts_and_interval() -> None:
    # Two-decimal scores, as SWEMWBS metric scores are.
    before = [15.06, 20.73, 17.98, 23.21, 15.80, 21.54]
    after = [18.06, 23.21, 17.98, 20.20, 18.00, 28.13]
    # changes: +3.00, +2.48, 0, -3.01, +2.20, +6.59
    assert after[0] - before[0] < 3.0  # 2.9999999999999982 in floating point ...
    got = share_meaningful_change(before, after)  # ... but it is a change of 3 points
    assert got.threshold == 3.0
    assert (got.n, got.count) == (6, 2)
    assert got.interval == wilson_interval(2, 6)
    down = share_meaningful_change(before, after, direction="decrease")
    assert down.count == 1
    lower = share_meaningful_change(before, after, threshold=2.0)
    assert lower.count == 4


def test_share_meaningful_change_validation() -> None:
    with pytest.raises(ValueError):
        share_meaningful_change([1.0], [2.0], threshold=0)
    with pytest.raises(ValueError):
        share_meaningful_change([1.0], [2.0], direction="up")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        share_meaningful_change([1.0, 2.0], [2.0])
    empty = share_meaningful_change([], [])
    assert empty.n == 0 and empty.interval.estimate is None


@settings(max_examples=100, deadline=None)
@given(pairs(), st.floats(min_value=0.5, max_value=50))
def test_share_meaningful_change_property(
    ba: tuple[list[float], list[float]], threshold: float
) -> None:
    before, after = ba
    up = share_meaningful_change(before, after, threshold)
    down = share_meaningful_change(before, after, threshold, direction="decrease")
    assert up.count + down.count <= up.n  # nobody both rose and fell by a positive amount
    assert up.interval.estimate == pytest.approx(up.count / up.n)
    assert 0.0 <= up.interval.low <= up.interval.high <= 1.0
    # raising the bar never increases the count
    assert share_meaningful_change(before, after, threshold * 2).count <= up.count
