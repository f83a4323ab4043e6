"""Pattern views of self-signification: the pure geometry and statistics behind the plots.

Tellers place their own story on a triad (three weights summing to 1), on sliders (0-100),
on scales and on multiple-choice questions. The value is in the patterns, so this module
turns answers into plot geometry (ternary coordinates, the seven standard zones, the mean
and its 95% region, histogram bins, choice shares with intervals) and decides what an
audience may see (`may_show_points`): below the research team, no dot is drawn when a
filter leaves fewer than k tellers, and public reports never draw dots at all.

Every coordinate leaves here as a string formatted with "." (`fmt`), so a template in
Welsh or Arabic can never localise an SVG number into "0,5" or "٠٫٥".

Plain values in, frozen dataclasses out; no Django, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tallytale.core.disclosure import ThresholdRule, publish_count, publish_part
from tallytale.core.i18n import gettext as _
from tallytale.core.stats import wilson_interval

__all__ = [
    "ZONES",
    "Bin",
    "ChoiceShare",
    "TriadMean",
    "choice_shares",
    "fmt",
    "histogram",
    "leaning",
    "may_show_points",
    "triad_mean",
    "triad_terms",
    "ternary_xy",
    "zone_counts",
    "zone_of",
    "zone_polygon",
]

SQRT3_2 = math.sqrt(3) / 2
#: a pole "dominates" from this weight on; below EDGE_MAX the third pole is "absent"
POLE_MIN = 0.6
EDGE_MAX = 0.2
#: chi-square quantile with 2 degrees of freedom at 95%: the mean's 95% ellipse
CHI2_2_95 = 5.991464547107979

#: the seven standard zones: each pole, each edge (between two poles), the centre
ZONES: tuple[str, ...] = ("a", "b", "c", "ab", "bc", "ac", "centre")


def fmt(value: float, places: int = 1) -> str:
    """A number for SVG or CSV: fixed "." decimals, never localised, no "-0.0"."""
    text = f"{value:.{places}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def _check_weights(weights: Sequence[float]) -> tuple[float, float, float]:
    if len(weights) != 3:
        raise ValueError(
            _("a triad answer has three weights, got %(count)s") % {"count": len(weights)}
        )
    a, b, c = (float(w) for w in weights)
    if not all(math.isfinite(w) and w >= 0 for w in (a, b, c)):
        raise ValueError(
            _("triad weights must be finite and >= 0, got %(got)s") % {"got": list(weights)}
        )
    total = a + b + c
    if total <= 0:
        raise ValueError(_("triad weights must not all be 0"))
    return a / total, b / total, c / total


def ternary_xy(weights: Sequence[float]) -> tuple[float, float]:
    """Cartesian position in the unit triangle, y upwards: pole A at the top (0.5, √3/2),
    B bottom left (0, 0), C bottom right (1, 0). Weights are normalised first."""
    a, _b, c = _check_weights(weights)
    return c + a / 2, a * SQRT3_2


def zone_of(weights: Sequence[float]) -> str:
    """Which of the seven zones a triad answer lies in; they tile the triangle exactly.

    A pole zone when one weight is at least 0.6; else an edge zone when the third weight is
    below 0.2 (the story is "between" the other two); else the centre (all three count)."""
    w = _check_weights(weights)
    for i, name in enumerate("abc"):
        if w[i] >= POLE_MIN:
            return name
    low = min(range(3), key=lambda i: w[i])
    if w[low] < EDGE_MAX:
        return {0: "bc", 1: "ac", 2: "ab"}[low]
    return "centre"


def _corners(zone: str) -> list[tuple[float, float, float]]:
    p, e = POLE_MIN, EDGE_MAX
    poles = {
        "a": [(1, 0, 0), (p, 1 - p, 0), (p, 0, 1 - p)],
        "b": [(0, 1, 0), (0, p, 1 - p), (1 - p, p, 0)],
        "c": [(0, 0, 1), (1 - p, 0, p), (0, 1 - p, p)],
    }
    if zone in poles:
        return poles[zone]
    if zone == "centre":
        return [(1 - 2 * e, e, e), (e, 1 - 2 * e, e), (e, e, 1 - 2 * e)]
    # an edge between poles i and j, the third weight k below EDGE_MAX
    i, j = ("abc".index(zone[0]), "abc".index(zone[1]))
    k = 3 - i - j

    def point(wi: float, wj: float, wk: float) -> tuple[float, float, float]:
        out = [0.0, 0.0, 0.0]
        out[i], out[j], out[k] = wi, wj, wk
        return out[0], out[1], out[2]

    return [
        point(p, 1 - p, 0),
        point(1 - p, p, 0),
        point(1 - p - e, p, e),
        point(p, 1 - p - e, e),
    ]


def zone_polygon(zone: str) -> list[tuple[float, float]]:
    """The zone's outline in the unit triangle's coordinates (see `ternary_xy`)."""
    if zone not in ZONES:
        raise ValueError(
            _("unknown zone %(zone)s; choose one of %(zones)s")
            % {"zone": repr(zone), "zones": ", ".join(ZONES)}
        )
    return [ternary_xy(w) for w in _corners(zone)]


def zone_counts(answers: Iterable[Sequence[float]]) -> dict[str, int]:
    """How many answers lie in each zone (every zone present, in `ZONES` order)."""
    counts = dict.fromkeys(ZONES, 0)
    for w in answers:
        counts[zone_of(w)] += 1
    return counts


def triad_terms(weights: Sequence[float]) -> list[tuple[str, int, int]]:
    """Words for one answer, strongest pole first: (term, pole index, percent), where term
    is "mostly" (half or more), "some" (a fifth or more) or "a little"; poles at 0 are left
    out. A page turns this into "mostly the people, some the activity" in its language."""
    w = _check_weights(weights)
    out = []
    for i in sorted(range(3), key=lambda i: (-w[i], i)):
        pct = round(100 * w[i])
        if pct == 0:
            continue
        term = "mostly" if w[i] >= 0.5 else "some" if w[i] >= EDGE_MAX else "a little"
        out.append((term, i, pct))
    return out


@dataclass(frozen=True, slots=True)
class TriadMean:
    """The mean answer of a group and its 95% region (an ellipse around the mean position).

    ``region`` is the ellipse as points in the unit triangle's coordinates; empty when
    fewer than three answers (no spread to estimate) or when every answer is the same."""

    n: int
    weights: tuple[float, float, float]
    xy: tuple[float, float]
    region: tuple[tuple[float, float], ...]


def triad_mean(answers: Sequence[Sequence[float]], steps: int = 48) -> TriadMean | None:
    """The arithmetic mean of the weights and the 95% confidence ellipse of the mean
    position (covariance of the positions / n, scaled by the χ²(2) quantile); None for no
    answers. Why an ellipse: it shows how sure the centre is, and two groups whose
    ellipses do not overlap differ beyond chance."""
    ws = [_check_weights(w) for w in answers]
    n = len(ws)
    if n == 0:
        return None
    mean = tuple(sum(w[i] for w in ws) / n for i in range(3))
    mx, my = ternary_xy(mean)
    region: tuple[tuple[float, float], ...] = ()
    if n >= 3:
        pts = [ternary_xy(w) for w in ws]
        sxx = sum((x - mx) ** 2 for x, _ in pts) / (n - 1) / n
        syy = sum((y - my) ** 2 for _, y in pts) / (n - 1) / n
        sxy = sum((x - mx) * (y - my) for x, y in pts) / (n - 1) / n
        tr, det = sxx + syy, sxx * syy - sxy * sxy
        disc = math.sqrt(max(tr * tr / 4 - det, 0.0))
        l1, l2 = tr / 2 + disc, max(tr / 2 - disc, 0.0)
        if l1 > 1e-12:
            angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
            r1, r2 = math.sqrt(CHI2_2_95 * l1), math.sqrt(CHI2_2_95 * l2)
            ca, sa = math.cos(angle), math.sin(angle)
            region = tuple(
                (
                    mx + r1 * math.cos(t) * ca - r2 * math.sin(t) * sa,
                    my + r1 * math.cos(t) * sa + r2 * math.sin(t) * ca,
                )
                for t in (2 * math.pi * s / steps for s in range(steps))
            )
    return TriadMean(n=n, weights=mean, xy=(mx, my), region=region)  # type: ignore[arg-type]


def leaning(first: TriadMean, second: TriadMean) -> tuple[int, float]:
    """The pole on which two groups' means differ most: (pole index, difference first -
    second). The report sentence "new members leaned further to *people*" reads this."""
    diffs = [first.weights[i] - second.weights[i] for i in range(3)]
    pole = max(range(3), key=lambda i: (abs(diffs[i]), -i))
    return pole, diffs[pole]


def may_show_points(n_tellers: int, rule: ThresholdRule | None, *, public: bool = False) -> bool:
    """May a plot draw one dot per story? Always for the research team (``rule`` None);
    never in a public report (a reader could trace a dot through its filters); otherwise
    only when the filter leaves at least k tellers."""
    if public:
        return False
    if rule is None:
        return True
    return n_tellers >= rule.k


@dataclass(frozen=True, slots=True)
class Bin:
    """One histogram bar: values in [low, high] (high inclusive only for the last bin).
    ``count`` is None when hidden by disclosure control."""

    low: int
    high: int
    count: int | None


def histogram(
    values: Iterable[int], low: int, high: int, width: int, rule: ThresholdRule | None = None
) -> list[Bin]:
    """Counts of whole-number answers in bins of `width` from `low` to `high` (a slider
    0-100 in tenths; a 1-5 scale one bin per value, width 1). Small counts are hidden under
    `rule` (`publish_count`); values outside the range raise, they are a data error."""
    if width < 1 or high < low:
        raise ValueError(_("bins need width >= 1 and high >= low"))
    edges = list(range(low, high + 1, width))
    if width > 1 and edges[-1] == high and len(edges) > 1:
        edges.pop()  # the top value joins the last bin (0-100: ten bins, 90-100)
    counts = [0] * len(edges)
    for v in values:
        if not low <= v <= high:
            raise ValueError(
                _("value %(value)s is outside %(low)s to %(high)s")
                % {"value": v, "low": low, "high": high}
            )
        counts[min((v - low) // width, len(edges) - 1)] += 1
    bins = []
    for i, start in enumerate(edges):
        end = edges[i + 1] - 1 if i + 1 < len(edges) else high
        bins.append(Bin(start, end, publish_count(counts[i], rule)))
    return bins


@dataclass(frozen=True, slots=True)
class ChoiceShare:
    """The share of a group's stories that picked one option, with its Wilson 95% interval.
    ``count`` and the shares are None when hidden by disclosure control."""

    option: str
    count: int | None
    n: int
    share: float | None
    low: float | None
    high: float | None


def choice_shares(
    picks: Sequence[Sequence[str]], options: Sequence[str], rule: ThresholdRule | None = None
) -> list[ChoiceShare]:
    """For each option, how many answers picked it out of all answers, with an interval.

    A count is hidden under `rule` when it, or the answers that did not pick it, is
    disclosive (`publish_part`), since "9 of 10" names the one as well as "1 of 10"."""
    n = len(picks)
    out = []
    for option in options:
        x = sum(1 for p in picks if option in p)
        shown = publish_part(x, n, rule)
        if shown is None or n == 0:
            out.append(ChoiceShare(option, None if shown is None else 0, n, None, None, None))
            continue
        interval = wilson_interval(x, n)
        out.append(ChoiceShare(option, shown, n, x / n, interval.low, interval.high))
    return out


@dataclass(frozen=True, slots=True)
class Canvas:
    """Pixel geometry of a triad plot: the unit triangle scaled to `side` pixels, with room
    around it for the pole labels. Every method returns "."-formatted strings for SVG."""

    width: int = 340
    height: int = 300
    side: int = 260
    left: int = 40
    top: int = 30

    def xy(self, point: tuple[float, float]) -> tuple[str, str]:
        """SVG x and y (y downwards) of a point in the unit triangle."""
        x, y = point
        return fmt(self.left + x * self.side), fmt(self.top + (SQRT3_2 - y) * self.side)

    def path(self, points: Sequence[tuple[float, float]]) -> str:
        """An SVG `points` attribute for a polygon."""
        return " ".join(",".join(self.xy(p)) for p in points)

    def triangle(self) -> str:
        return self.path([ternary_xy(w) for w in ((1, 0, 0), (0, 1, 0), (0, 0, 1))])

    def corner(self, pole: int) -> tuple[str, str]:
        """Where a pole's label goes: above the top corner, below the bottom ones."""
        w = [0.0, 0.0, 0.0]
        w[pole] = 1.0
        x, y = self.xy(ternary_xy(w))
        return x, fmt(float(y) + (-10 if pole == 0 else 18))
