"""Small-sample statistics for programme evidence: proportions, means and paired change.

Community programmes report on groups of tens, not thousands, so every estimate here comes
with an interval that behaves well at small ``n`` and at the edges (0 % and 100 %):

* proportions use the Wilson score interval (Wilson 1927), which never leaves [0, 1] and
  keeps close to nominal coverage where the textbook Wald interval collapses
  (Brown, Cai & DasGupta 2001);
* differences of proportions use Newcombe's hybrid score interval (Newcombe 1998, method 10);
* means and paired changes use Student's t (Student 1908), with Cohen's d_z as the
  standardised paired effect (Cohen 1988; Lakens 2013).

Plain values in, frozen dataclasses out; no Django, no I/O.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, SupportsIndex

from scipy import stats as _sps

from .i18n import gettext as _

__all__ = [
    "SWEMWBS_MEANINGFUL_CHANGE_CITATION",
    "SWEMWBS_MEANINGFUL_CHANGE_POINTS",
    "Interval",
    "MeanInterval",
    "MeaningfulChangeShare",
    "PairedChange",
    "mean_interval",
    "newcombe_difference",
    "paired_change",
    "share_meaningful_change",
    "wilson_interval",
]

WILSON_METHOD = "Wilson score interval (Wilson 1927)"
NEWCOMBE_METHOD = "Newcombe hybrid score interval (Newcombe 1998, method 10)"
T_METHOD = "Student t interval (Student 1908)"
PAIRED_T_METHOD = "Paired Student t interval and test (Student 1908); Cohen's d_z (Cohen 1988)"

#: Change in SWEMWBS *metric* score (7-35 scale) treated as meaningful for one person.
#: The literature cites 1 to 3 points; we default to the conservative upper figure.
SWEMWBS_MEANINGFUL_CHANGE_POINTS: float = 3.0
SWEMWBS_MEANINGFUL_CHANGE_CITATION: str = (
    "Warwick Medical School SWEMWBS user guide / Shah et al. 2018 (3 points)"
)

#: Absolute tolerance when comparing a change with a threshold. SWEMWBS metric scores come
#: from a conversion table with two decimals, so 22.35 - 19.35 must count as a change of 3.
_THRESHOLD_TOLERANCE = 1e-9

Direction = Literal["increase", "decrease"]


@dataclass(frozen=True, slots=True)
class Interval:
    """A point estimate with a two-sided confidence interval.

    ``estimate`` is ``None`` when it is undefined (a proportion of nobody); the interval is
    then the whole parameter space, which is what the score formulas give in that limit.
    """

    estimate: float | None
    low: float
    high: float
    confidence: float
    method: str


@dataclass(frozen=True, slots=True)
class MeanInterval:
    """Mean of a sample with a Student t confidence interval."""

    n: int
    mean: float
    sd: float
    low: float
    high: float
    confidence: float
    method: str


@dataclass(frozen=True, slots=True)
class PairedChange:
    """Within-person change (``after - before``) summarised for a paired design.

    ``cohen_dz`` and ``t_statistic`` / ``p_value`` are ``None`` when every person changed by
    exactly the same amount (sd of change = 0): the ratio is then undefined, not infinite
    evidence.
    """

    n: int
    mean_before: float
    mean_after: float
    mean_change: float
    sd_change: float
    low: float
    high: float
    confidence: float
    cohen_dz: float | None
    t_statistic: float | None
    p_value: float | None
    method: str


@dataclass(frozen=True, slots=True)
class MeaningfulChangeShare:
    """How many people changed by at least ``threshold`` in ``direction``, with Wilson CI."""

    n: int
    count: int
    threshold: float
    direction: Direction
    interval: Interval


def _check_confidence(confidence: float) -> float:
    confidence = float(confidence)
    if not (0.0 < confidence < 1.0):
        raise ValueError(
            _("confidence must be strictly between 0 and 1, got %(got)s")
            % {"got": repr(confidence)}
        )
    return confidence


def _z(confidence: float) -> float:
    return float(_sps.norm.isf((1.0 - confidence) / 2.0))


def _check_count(successes: SupportsIndex, n: SupportsIndex) -> tuple[int, int]:
    if isinstance(successes, bool) or isinstance(n, bool):
        raise TypeError("counts must be integers, not booleans")
    x = operator.index(successes)
    m = operator.index(n)
    if m < 0:
        raise ValueError(_("n must be >= 0, got %(got)s") % {"got": m})
    if not (0 <= x <= m):
        raise ValueError(
            _("successes must be between 0 and n=%(n)s, got %(got)s") % {"n": m, "got": x}
        )
    return x, m


def _wilson_limits(x: int, n: int, z: float) -> tuple[float, float]:
    z2 = z * z
    denom = n + z2
    centre = (x + z2 / 2.0) / denom
    half = (z / denom) * math.sqrt((x * (n - x) / n if n else 0.0) + z2 / 4.0)
    # At x = 0 (x = n) the lower (upper) limit is exactly 0 (1); avoid 1e-17 rounding noise.
    low = 0.0 if x == 0 else max(0.0, centre - half)
    high = 1.0 if x == n else min(1.0, centre + half)
    return low, high


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> Interval:
    """Wilson score interval for a binomial proportion (Wilson 1927).

    Why Wilson: it inverts the score test, so it stays inside [0, 1], is never zero-width at
    0 % or 100 %, and has near-nominal coverage at the small ``n`` typical of community
    programmes, unlike the Wald interval (Brown, Cai & DasGupta 2001; Newcombe 1998 method 3).

    ``n == 0`` does not raise: it returns ``estimate=None`` with the interval [0, 1], which is
    exactly the Wilson formula's value at n = 0 ("no information"). Callers that publish must
    check ``estimate is None``. Invalid counts (negative, ``successes > n``) raise ValueError.
    """
    x, m = _check_count(successes, n)
    confidence = _check_confidence(confidence)
    low, high = _wilson_limits(x, m, _z(confidence))
    return Interval(
        estimate=x / m if m else None,
        low=low,
        high=high,
        confidence=confidence,
        method=WILSON_METHOD,
    )


def newcombe_difference(x1: int, n1: int, x2: int, n2: int, confidence: float = 0.95) -> Interval:
    """Newcombe's hybrid score interval for ``p1 - p2`` (Newcombe 1998, method 10).

    Why: it combines the two Wilson intervals by "square-and-add" (MOVER), so it inherits
    Wilson's good small-sample behaviour, stays inside [-1, 1] and needs no iteration. It is
    the method without continuity correction (method 11 adds one); it is what statsmodels
    calls ``confint_proportions_2indep(..., compare="diff", method="newcomb")``.

    If either group is empty the difference is undefined: ``estimate=None`` and the interval
    is [-1, 1].
    """
    a1, m1 = _check_count(x1, n1)
    a2, m2 = _check_count(x2, n2)
    confidence = _check_confidence(confidence)
    if m1 == 0 or m2 == 0:
        return Interval(None, -1.0, 1.0, confidence, NEWCOMBE_METHOD)
    z = _z(confidence)
    p1, p2 = a1 / m1, a2 / m2
    l1, u1 = _wilson_limits(a1, m1, z)
    l2, u2 = _wilson_limits(a2, m2, z)
    diff = p1 - p2
    low = diff - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = diff + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Interval(
        estimate=diff,
        low=max(-1.0, low),
        high=min(1.0, high),
        confidence=confidence,
        method=NEWCOMBE_METHOD,
    )


def _as_finite_floats(values: Sequence[float], name: str) -> list[float]:
    out = [float(v) for v in values]
    if not all(math.isfinite(v) for v in out):
        raise ValueError(
            _("%(name)s contains NaN or infinite values; drop missing values first")
            % {"name": name}
        )
    return out


def _mean_sd(values: list[float]) -> tuple[float, float]:
    n = len(values)
    mean = math.fsum(values) / n
    var = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(var)


def mean_interval(values: Sequence[float], confidence: float = 0.95) -> MeanInterval:
    """Mean with a Student t confidence interval (Student 1908).

    Why t rather than normal: programme samples are small, and the t quantile accounts for
    estimating the sd. Needs at least two values (ValueError otherwise); missing values must
    be dropped by the caller, NaN raises, so nothing is silently excluded.
    """
    confidence = _check_confidence(confidence)
    xs = _as_finite_floats(values, "values")
    n = len(xs)
    if n < 2:
        raise ValueError(_("a t interval needs at least 2 values, got %(n)s") % {"n": n})
    mean, sd = _mean_sd(xs)
    half = float(_sps.t.isf((1.0 - confidence) / 2.0, n - 1)) * sd / math.sqrt(n)
    return MeanInterval(n, mean, sd, mean - half, mean + half, confidence, T_METHOD)


def paired_change(
    before: Sequence[float], after: Sequence[float], confidence: float = 0.95
) -> PairedChange:
    """Mean within-person change ``after - before`` with t interval, paired t-test and d_z.

    Why paired: the same people answer twice, so analysing the differences removes
    between-person variation (Student 1908). The effect size is Cohen's d_z = mean change /
    sd of change (Cohen 1988; Lakens 2013), the standardiser matching the paired test, so
    ``t = d_z * sqrt(n)``. The p-value is two-sided.

    ``before[i]`` and ``after[i]`` must be the same person; lengths must match and n >= 2.
    """
    confidence = _check_confidence(confidence)
    b = _as_finite_floats(before, "before")
    a = _as_finite_floats(after, "after")
    if len(a) != len(b):
        raise ValueError(
            _("before and after differ in length (%(before)s vs %(after)s)")
            % {"before": len(b), "after": len(a)}
        )
    n = len(a)
    if n < 2:
        raise ValueError(_("a paired t analysis needs at least 2 pairs, got %(n)s") % {"n": n})
    diffs = [y - x for x, y in zip(b, a, strict=True)]
    mean, sd = _mean_sd(diffs)
    half = float(_sps.t.isf((1.0 - confidence) / 2.0, n - 1)) * sd / math.sqrt(n)
    dz: float | None = None
    t_stat: float | None = None
    p: float | None = None
    if sd > 0.0:
        dz = mean / sd
        t_value = mean / (sd / math.sqrt(n))
        t_stat = t_value
        p = float(2.0 * _sps.t.sf(abs(t_value), n - 1))
    return PairedChange(
        n=n,
        mean_before=math.fsum(b) / n,
        mean_after=math.fsum(a) / n,
        mean_change=mean,
        sd_change=sd,
        low=mean - half,
        high=mean + half,
        confidence=confidence,
        cohen_dz=dz,
        t_statistic=t_stat,
        p_value=p,
        method=PAIRED_T_METHOD,
    )


def share_meaningful_change(
    before: Sequence[float],
    after: Sequence[float],
    threshold: float = SWEMWBS_MEANINGFUL_CHANGE_POINTS,
    direction: Direction = "increase",
    confidence: float = 0.95,
) -> MeaningfulChangeShare:
    """Proportion of people whose own change reached ``threshold``, with a Wilson interval.

    Why: a mean change can hide that few people improved; counting individuals who crossed a
    meaningful-change threshold is the individual-level reading recommended for SWEMWBS
    (default threshold: SWEMWBS_MEANINGFUL_CHANGE_CITATION). The interval is Wilson 1927.

    ``direction="increase"`` counts ``after - before >= threshold``; ``"decrease"`` counts
    ``before - after >= threshold``. ``threshold`` must be positive. Comparisons allow a
    1e-9 tolerance so decimal scores (e.g. SWEMWBS metric 19.35 -> 22.35) are not lost to
    floating-point error. An empty sample gives ``n=0`` and an undefined estimate.
    """
    if direction not in ("increase", "decrease"):
        raise ValueError(
            _("direction must be 'increase' or 'decrease', got %(got)s") % {"got": repr(direction)}
        )
    threshold = float(threshold)
    if not (math.isfinite(threshold) and threshold > 0.0):
        raise ValueError(
            _("threshold must be a positive number, got %(got)s") % {"got": repr(threshold)}
        )
    b = _as_finite_floats(before, "before")
    a = _as_finite_floats(after, "after")
    if len(a) != len(b):
        raise ValueError(
            _("before and after differ in length (%(before)s vs %(after)s)")
            % {"before": len(b), "after": len(a)}
        )
    sign = 1.0 if direction == "increase" else -1.0
    count = sum(
        1 for x, y in zip(b, a, strict=True) if sign * (y - x) >= threshold - _THRESHOLD_TOLERANCE
    )
    return MeaningfulChangeShare(
        n=len(a),
        count=count,
        threshold=threshold,
        direction=direction,
        interval=wilson_interval(count, len(a), confidence),
    )
