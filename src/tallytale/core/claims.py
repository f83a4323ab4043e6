"""Claims: the figures a report publishes, each with its interval, its n and its protection.

A claim is one published figure about a stated population (project, wave, subgroup):

* ``proportion`` - x of n answered positively; Wilson 95% interval (Wilson 1927);
* ``difference`` - difference of two proportions; Newcombe hybrid score interval
  (Newcombe 1998, method 10);
* ``mean`` - mean score at one wave; Student t interval;
* ``change`` - mean within-person change baseline -> follow-up; paired t interval and
  Cohen's d_z (Cohen 1988; Lakens 2013);
* ``meaningful_change`` - share of people whose own change reached a threshold (for SWEMWBS
  the threshold in :data:`tallytale.core.stats.SWEMWBS_MEANINGFUL_CHANGE_POINTS`); Wilson;
* ``prevalence`` - share of stories in a theme or with a signifier answer; Wilson;
* ``count`` - a ledger figure (hours given, active members, partners), no interval: it is a
  complete count of the scheme's own records, not a sample.

Disclosure control (``rule`` given, i.e. every audience except the research team) goes
through :mod:`tallytale.core.disclosure`: a suppressed claim carries ``suppressed=True``, the
reason ("fewer than 5") and *no* figure - estimate, interval and the hidden count are None.
Families of figures that share totals (a proportion and its subgroups; the themes of one
story set) are protected together so no hidden figure can be recovered by subtraction.
Under a rounding rule (NHS Digital) intervals are computed from the rounded counts, so the
interval cannot be inverted to the exact count.

Plain values in, frozen dataclasses out; no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .disclosure import (
    ThresholdRule,
    protect_mean,
    protect_proportion,
    protect_subgroups,
    protect_table,
)
from .stats import (
    SWEMWBS_MEANINGFUL_CHANGE_CITATION,
    SWEMWBS_MEANINGFUL_CHANGE_POINTS,
    T_METHOD,
    WILSON_METHOD,
    mean_interval,
    newcombe_difference,
    paired_change,
    share_meaningful_change,
    wilson_interval,
)

__all__ = [
    "ClaimResult",
    "change_claim",
    "count_claim",
    "difference_claim",
    "mean_claim",
    "meaningful_change_claim",
    "prevalence_family",
    "proportion_claim",
    "proportion_family",
]

COUNT_METHOD = "complete count of ledger records (no sampling, so no interval)"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimResult:
    """One published figure. ``estimate``/``ci_*`` are fractions for proportions and score
    units for means and changes. ``population`` names project, wave(s), subgroup, item."""

    id: str
    kind: str
    label: str
    n: int | None
    numerator: int | None
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    ci_method: str
    suppressed: bool
    suppressed_reason: str | None = None
    population: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def hidden(self, reason: str, n: int | None) -> ClaimResult:
        """The same claim with every figure withheld (only the reason and a safe n remain)."""
        return replace(
            self,
            n=n,
            numerator=None,
            estimate=None,
            ci_low=None,
            ci_high=None,
            suppressed=True,
            suppressed_reason=reason,
            extra={k: v for k, v in self.extra.items() if k in _SAFE_EXTRA},
        )


_SAFE_EXTRA = {"threshold", "threshold_citation", "direction", "unit", "scale", "positive"}


def proportion_claim(
    claim_id: str,
    label: str,
    x: int,
    n: int,
    rule: ThresholdRule | None,
    population: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
    kind: str = "proportion",
) -> ClaimResult:
    """x of n with a Wilson 95% interval, protected on its own (threshold rule)."""
    extra = dict(extra or {})
    if rule is None:
        return _proportion(claim_id, label, x, n, population, extra, kind)
    cell = protect_proportion(x, n, rule)
    if not cell.published or cell.count is None or cell.denominator is None:
        return _proportion(claim_id, label, x, n, population, extra, kind).hidden(
            cell.reason or "suppressed", cell.denominator
        )
    return _proportion(claim_id, label, cell.count, cell.denominator, population, extra, kind)


def _proportion(
    claim_id: str,
    label: str,
    x: int,
    n: int,
    population: Mapping[str, Any],
    extra: Mapping[str, Any],
    kind: str,
) -> ClaimResult:
    ci = wilson_interval(x, n)
    if ci.estimate is None:
        return ClaimResult(
            id=claim_id,
            kind=kind,
            label=label,
            n=n,
            numerator=x,
            estimate=None,
            ci_low=None,
            ci_high=None,
            ci_method=WILSON_METHOD,
            suppressed=True,
            suppressed_reason="nobody answered",
            population=dict(population),
            extra=dict(extra),
        )
    return ClaimResult(
        id=claim_id,
        kind=kind,
        label=label,
        n=n,
        numerator=x,
        estimate=ci.estimate,
        ci_low=ci.low,
        ci_high=ci.high,
        ci_method=WILSON_METHOD,
        suppressed=False,
        suppressed_reason=None,
        population=dict(population),
        extra=dict(extra),
    )


def proportion_family(
    overall: tuple[str, str, int, int, Mapping[str, Any]],
    groups: Sequence[tuple[str, str, int, int, Mapping[str, Any]]],
    rule: ThresholdRule | None,
    extra: Mapping[str, Any] | None = None,
) -> list[ClaimResult]:
    """An overall proportion and its (non-overlapping) subgroups, protected as one family
    with primary and secondary suppression (``protect_subgroups``), so no hidden subgroup
    figure can be worked out from the overall figure and the other subgroups.

    Each tuple is ``(claim_id, label, x, n, population)``; the overall claim comes first.
    """
    cid, label, tx, tn, pop = overall
    if rule is None:
        out = [_proportion(cid, label, tx, tn, pop, extra or {}, "proportion")]
        out += [
            _proportion(g[0], g[1], g[2], g[3], g[4], extra or {}, "proportion") for g in groups
        ]
        return out
    protection = protect_subgroups(tx, tn, {g[0]: (g[2], g[3]) for g in groups}, rule)
    out = []
    for spec, cell in [(overall, protection.overall)] + [
        (g, protection.group(g[0])) for g in groups
    ]:
        base = _proportion(spec[0], spec[1], spec[2], spec[3], spec[4], extra or {}, "proportion")
        if cell.published and cell.count is not None and cell.denominator is not None:
            out.append(
                _proportion(
                    spec[0],
                    spec[1],
                    cell.count,
                    cell.denominator,
                    spec[4],
                    extra or {},
                    "proportion",
                )
            )
        else:
            out.append(base.hidden(cell.reason or "suppressed", cell.denominator))
    return out


def difference_claim(
    claim_id: str,
    label: str,
    a: ClaimResult,
    b: ClaimResult,
    population: Mapping[str, Any],
) -> ClaimResult:
    """Difference between two published proportions (a - b), Newcombe interval. Computed
    from the figures as published (rounded under a rounding rule); withheld if either is."""
    if a.suppressed or b.suppressed or a.numerator is None or b.numerator is None:
        return ClaimResult(
            id=claim_id,
            kind="difference",
            label=label,
            n=None,
            numerator=None,
            estimate=None,
            ci_low=None,
            ci_high=None,
            ci_method=newcombe_difference(0, 1, 0, 1).method,
            suppressed=True,
            suppressed_reason="one of the groups compared is suppressed",
            population=dict(population),
            extra={"groups": [a.id, b.id]},
        )
    assert a.n is not None and b.n is not None
    ci = newcombe_difference(a.numerator, a.n, b.numerator, b.n)
    return ClaimResult(
        id=claim_id,
        kind="difference",
        label=label,
        n=a.n + b.n,
        numerator=None,
        estimate=ci.estimate,
        ci_low=ci.low,
        ci_high=ci.high,
        ci_method=ci.method,
        suppressed=False,
        suppressed_reason=None,
        population=dict(population),
        extra={
            "groups": [a.id, b.id],
            "n_a": a.n,
            "n_b": b.n,
            "x_a": a.numerator,
            "x_b": b.numerator,
        },
    )


def mean_claim(
    claim_id: str,
    label: str,
    values: Sequence[float],
    rule: ThresholdRule | None,
    population: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> ClaimResult:
    """Mean score with a Student t 95% interval; withheld below the rule's mean minimum."""
    n = len(values)
    extra = dict(extra or {})
    if n < 2:
        return ClaimResult(
            id=claim_id,
            kind="mean",
            label=label,
            n=n if rule is None else None,
            numerator=None,
            estimate=None,
            ci_low=None,
            ci_high=None,
            ci_method=T_METHOD,
            suppressed=True,
            suppressed_reason="fewer than 2 values",
            population=dict(population),
            extra=extra,
        )
    m = mean_interval(values)
    extra["sd"] = m.sd
    result = ClaimResult(
        id=claim_id,
        kind="mean",
        label=label,
        n=n,
        numerator=None,
        estimate=m.mean,
        ci_low=m.low,
        ci_high=m.high,
        ci_method=T_METHOD,
        suppressed=False,
        suppressed_reason=None,
        population=dict(population),
        extra=extra,
    )
    if rule is not None:
        pm = protect_mean(m.mean, n, rule)
        if not pm.published:
            return result.hidden(pm.reason or "suppressed", pm.n)
        result = replace(result, n=pm.n)
    return result


def change_claim(
    claim_id: str,
    label: str,
    before: Sequence[float],
    after: Sequence[float],
    rule: ThresholdRule | None,
    population: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> ClaimResult:
    """Mean paired change with t interval, Cohen's d_z, t and p (``paired_change``)."""
    n = len(before)
    extra = dict(extra or {})
    if n < 2:
        return ClaimResult(
            id=claim_id,
            kind="change",
            label=label,
            n=n if rule is None else None,
            numerator=None,
            estimate=None,
            ci_low=None,
            ci_high=None,
            ci_method=T_METHOD,
            suppressed=True,
            suppressed_reason="fewer than 2 people answered at both waves",
            population=dict(population),
            extra=extra,
        )
    pc = paired_change(before, after)
    improved = sum(1 for b, a in zip(before, after, strict=True) if a > b)
    extra.update(
        mean_before=pc.mean_before,
        mean_after=pc.mean_after,
        sd_change=pc.sd_change,
        cohen_dz=pc.cohen_dz,
        t_statistic=pc.t_statistic,
        p_value=pc.p_value,
        improved=improved,
    )
    result = ClaimResult(
        id=claim_id,
        kind="change",
        label=label,
        n=n,
        numerator=None,
        estimate=pc.mean_change,
        ci_low=pc.low,
        ci_high=pc.high,
        ci_method=pc.method,
        suppressed=False,
        suppressed_reason=None,
        population=dict(population),
        extra=extra,
    )
    if rule is not None:
        pm = protect_mean(pc.mean_change, n, rule)
        if not pm.published:
            return result.hidden(pm.reason or "suppressed", pm.n)
        if rule.is_disclosive(improved) or rule.is_disclosive(n - improved):
            extra["improved"] = None
        result = replace(result, n=pm.n, extra=extra)
    return result


def meaningful_change_claim(
    claim_id: str,
    label: str,
    before: Sequence[float],
    after: Sequence[float],
    rule: ThresholdRule | None,
    population: Mapping[str, Any],
    threshold: float = SWEMWBS_MEANINGFUL_CHANGE_POINTS,
    citation: str = SWEMWBS_MEANINGFUL_CHANGE_CITATION,
) -> ClaimResult:
    """Share of people whose own change reached ``threshold`` (Wilson interval), with the
    threshold and its source recorded on the claim."""
    share = share_meaningful_change(before, after, threshold=threshold)
    extra = {"threshold": threshold, "threshold_citation": citation, "direction": "increase"}
    return proportion_claim(
        claim_id, label, share.count, share.n, rule, population, extra, kind="meaningful_change"
    )


def prevalence_family(
    specs: Sequence[tuple[str, str, int, Mapping[str, Any]]],
    n: int,
    rule: ThresholdRule | None,
    partition: bool = True,
    extra: Mapping[str, Any] | None = None,
) -> list[ClaimResult]:
    """Prevalence of each category among ``n`` stories (themes, a signifier's options).

    When the categories partition the stories (``partition``), they are protected as one
    table row with its total (``protect_table``), so one hidden category cannot be worked
    out as n minus the others; each is also protected against a small complement.
    ``specs`` are ``(claim_id, label, count, population)``.
    """
    out: list[ClaimResult] = []
    counts = [s[2] for s in specs]
    hidden_by_table: dict[int, str] = {}
    if rule is not None and partition and specs:
        rest = n - sum(counts)
        row = [*counts, rest] if rest > 0 else counts
        table = protect_table([row], rule)
        for j, cell in enumerate(table.cells[0][: len(specs)]):
            if not cell.published:
                hidden_by_table[j] = cell.reason or "suppressed"
    for j, (cid, label, count, pop) in enumerate(specs):
        claim = proportion_claim(cid, label, count, n, rule, pop, extra, kind="prevalence")
        if j in hidden_by_table and not claim.suppressed:
            claim = claim.hidden(hidden_by_table[j], claim.n)
        out.append(claim)
    return out


def count_claim(
    claim_id: str,
    label: str,
    value: float,
    people: int,
    rule: ThresholdRule | None,
    population: Mapping[str, Any],
    unit: str = "",
    count_of_people: bool = False,
) -> ClaimResult:
    """A ledger figure. Withheld when it rests on 1..k-1 people (a total of hours given by
    three people is theirs); a count *of* people is itself the protected cell."""
    extra = {"unit": unit}
    result = ClaimResult(
        id=claim_id,
        kind="count",
        label=label,
        n=people,
        numerator=None,
        estimate=float(value),
        ci_low=None,
        ci_high=None,
        ci_method=COUNT_METHOD,
        suppressed=False,
        suppressed_reason=None,
        population=dict(population),
        extra=extra,
    )
    if rule is not None and rule.is_disclosive(people):
        return result.hidden(f"fewer than {rule.k} people", None)
    if rule is not None and count_of_people and rule.round_to:
        result = replace(result, estimate=float(rule.round(int(value))), n=rule.round(people))
    return result
