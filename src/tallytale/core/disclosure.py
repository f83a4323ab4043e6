"""Statistical disclosure control (SDC) for the figures Tallytale publishes.

A programme's participants live in the same streets as its readers, so a published "2 of
the 9 carers" can identify people. Every count, percentage and mean that leaves the platform
goes through a *threshold rule* (cell-count threshold, with the complement n - x protected
too), optionally with rounding (the NHS Digital HES rule), and every table through primary
and secondary cell suppression so that no hidden figure can be worked out from the totals.

References: Hundepool et al. 2012, *Statistical Disclosure Control* (Wiley), ch. 5 (tabular
data: threshold rule, primary/secondary suppression, the linear "audit" of a suppression
pattern); Griffiths et al. 2019, *Handbook on Statistical Disclosure Control for Outputs*
(SDC Handbook, SDAP: threshold of 10 in secure research outputs); NHS Digital, *Hospital
Episode Statistics Analysis Guide* (numbers 1-7 suppressed, others rounded to nearest 5).

Zero cells. Zeros are never suppressed and never chosen as secondary suppressions: a zero
says nothing about an individual on its own (it can contribute to group disclosure, "all the
women answered yes", which the threshold rule does not address). Because every hidden figure
is therefore at least 1, a hidden figure that lies on a cycle of hidden figures (see
``protect_table``) can be moved by +1/-1 around the cycle without breaking any published
total or going negative, so it cannot be pinned down even using non-negativity.

Plain values in, frozen dataclasses out; no Django, no I/O.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, SupportsIndex

from tallytale.core.i18n import gettext as _
from tallytale.core.suppression import Pos, secondary_suppression

__all__ = [
    "DEFAULT_RULE",
    "NHS_DIGITAL",
    "SECURE_RESEARCH_10",
    "ProtectedCell",
    "ProtectedCount",
    "ProtectedMean",
    "ProtectedTable",
    "SubgroupProtection",
    "ThresholdRule",
    "protect_mean",
    "protect_proportion",
    "protect_subgroups",
    "protect_table",
]

Status = Literal["published", "primary", "secondary"]

SECONDARY_REASON = "could be worked out from published totals (secondary suppression)"


def _ranges(k: int) -> str:
    return "1" if k == 2 else f"1 to {k - 1}"


@dataclass(frozen=True, slots=True)
class ThresholdRule:
    """Cell-count threshold rule (Hundepool et al. 2012, section 5.2).

    A count is disclosive when ``0 < count < k``. With ``protect_complement`` the count of
    people *without* the outcome (n - x) is protected too, since "5 of 6" tells as much as
    "1 of 6". ``round_to`` rounds every published count to the nearest multiple (ties
    upwards) and percentages are then computed from the rounded counts. Means need at least
    ``min_values_for_mean`` values (``k`` if not set).
    """

    k: int = 5
    round_to: int | None = None
    min_values_for_mean: int | None = None
    protect_complement: bool = True
    name: str = "threshold rule"
    source: str = "Hundepool et al. 2012, Statistical Disclosure Control, section 5.2"

    def __post_init__(self) -> None:
        if isinstance(self.k, bool) or not isinstance(self.k, int) or self.k < 1:
            raise ValueError(_("k must be a positive integer, got %(got)s") % {"got": repr(self.k)})
        if self.round_to is not None and (
            isinstance(self.round_to, bool)
            or not isinstance(self.round_to, int)
            or self.round_to < 2
        ):
            raise ValueError(
                _("round_to must be an integer >= 2 or None, got %(got)s")
                % {"got": repr(self.round_to)}
            )
        if self.min_values_for_mean is not None and self.min_values_for_mean < 1:
            raise ValueError(_("min_values_for_mean must be >= 1"))

    @property
    def mean_minimum(self) -> int:
        """Fewest values a published mean may be based on."""
        return self.k if self.min_values_for_mean is None else self.min_values_for_mean

    def is_disclosive(self, count: int) -> bool:
        """True for a count that must not be published: ``0 < count < k``."""
        return 0 < count < self.k

    def round(self, count: int) -> int:
        """Round a publishable count to the rule's base (nearest; ties go up)."""
        if self.round_to is None:
            return count
        base = self.round_to
        return (count + base // 2) // base * base

    def describe(self) -> str:
        """One plain-English sentence (two at most) for methods sections of reports."""
        parts: list[str] = []
        if self.k <= 1:
            parts.append("No counts are suppressed for being small")
        elif self.protect_complement:
            parts.append(
                f"Counts of {_ranges(self.k)} are suppressed, as is any percentage whose "
                f"count, or whose number of people without the outcome, is {_ranges(self.k)}"
            )
        else:
            parts.append(
                f"Counts of {_ranges(self.k)} are suppressed, as is any percentage based on one"
            )
        if self.round_to is not None:
            parts.append(
                f"other counts are rounded to the nearest {self.round_to} and percentages "
                "are calculated from the rounded counts"
            )
        parts.append(f"means are shown only when based on at least {self.mean_minimum} values")
        sentence = "; ".join(parts) + "."
        return (
            f"{sentence} Further figures are suppressed where a hidden one could otherwise be "
            f"worked out from published totals. Rule: {self.name} ({self.source})."
        )


#: Default: threshold of 5, complement protected, means from 5+ values.
DEFAULT_RULE = ThresholdRule()

#: NHS Digital HES small-number rule: 1-7 suppressed, others rounded to nearest 5,
#: percentages from rounded counts, means only from 8+ values.
NHS_DIGITAL = ThresholdRule(
    k=8,
    round_to=5,
    min_values_for_mean=8,
    name="NHS Digital small-number rule",
    source="NHS Digital, Hospital Episode Statistics Analysis Guide (suppress 1-7, round to 5)",
)

#: Secure research environments' output-checking threshold of 10.
SECURE_RESEARCH_10 = ThresholdRule(
    k=10,
    name="secure research output threshold of 10",
    source="Griffiths et al. 2019, Handbook on Statistical Disclosure Control for Outputs",
)


@dataclass(frozen=True, slots=True)
class ProtectedCell:
    """A proportion ready to publish: "count of denominator (percentage %)".

    When suppressed, ``count`` and ``percentage`` are ``None``; ``denominator`` may still be
    shown ("n = 40, figure suppressed") unless it is itself disclosive. Published values are
    already rounded when the rule rounds.
    """

    published: bool
    count: int | None
    denominator: int | None
    percentage: float | None
    status: Status
    reason: str | None


@dataclass(frozen=True, slots=True)
class ProtectedCount:
    """One entry of a protected table (cell or total); ``value`` is ``None`` if hidden."""

    value: int | None
    status: Status
    reason: str | None

    @property
    def published(self) -> bool:
        return self.status == "published"


@dataclass(frozen=True, slots=True)
class ProtectedMean:
    """A mean ready to publish, or withheld because it rests on too few values."""

    published: bool
    value: float | None
    n: int | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class ProtectedTable:
    """A table of counts after primary and secondary suppression.

    ``row_totals[i]`` is the total of row ``i``, ``col_totals[j]`` of column ``j``.
    """

    cells: tuple[tuple[ProtectedCount, ...], ...]
    row_totals: tuple[ProtectedCount, ...]
    col_totals: tuple[ProtectedCount, ...]
    grand_total: ProtectedCount
    rule: ThresholdRule

    def _entries(self) -> list[ProtectedCount]:
        out = [c for row in self.cells for c in row]
        return [*out, *self.row_totals, *self.col_totals, self.grand_total]

    @property
    def primary_count(self) -> int:
        return sum(1 for c in self._entries() if c.status == "primary")

    @property
    def secondary_count(self) -> int:
        return sum(1 for c in self._entries() if c.status == "secondary")

    def grid(self) -> tuple[tuple[int | None, ...], ...]:
        """Published values as rows, each ending with its total; last row holds the totals."""
        rows = [
            (*(c.value for c in row), total.value)
            for row, total in zip(self.cells, self.row_totals, strict=True)
        ]
        rows.append((*(c.value for c in self.col_totals), self.grand_total.value))
        return tuple(rows)


@dataclass(frozen=True, slots=True)
class SubgroupProtection:
    """An overall proportion and its subgroup breakdown, protected as one family.

    ``has_unlisted_remainder`` is true when the groups do not add up to the overall figure;
    the people in no listed group are then protected as a hidden extra group.
    """

    overall: ProtectedCell
    groups: tuple[tuple[str, ProtectedCell], ...]
    has_unlisted_remainder: bool
    table: ProtectedTable
    rule: ThresholdRule

    def group(self, label: str) -> ProtectedCell:
        for name, cell in self.groups:
            if name == label:
                return cell
        raise KeyError(label)


def _count(value: SupportsIndex, name: str) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, not a boolean")
    v = operator.index(value)
    if v < 0:
        raise ValueError(_("%(name)s must be >= 0, got %(got)s") % {"name": name, "got": v})
    return v


def hidden_count_text(rule: ThresholdRule) -> str:
    """What readers see in place of a hidden count: "fewer than k"."""
    return f"fewer than {rule.k}"


_fewer_than = hidden_count_text


def is_hidden(count: int, rule: ThresholdRule | None) -> bool:
    """True when ``count`` must not be published under ``rule`` (None: the research team's
    view, no disclosure control)."""
    return rule is not None and rule.is_disclosive(count)


def publish_count(count: int, rule: ThresholdRule | None) -> int | None:
    """A stand-alone count as it may be published: None when disclosive, else rounded by
    the rule (NHS Digital rounds to 5). With no rule (research team) the count as it is.

    Why one function: every table, chart and sentence that prints a count must both hide
    small ones and round the rest, or a rounded figure elsewhere can be undone."""
    if rule is None:
        return count
    return None if rule.is_disclosive(count) else rule.round(count)


def publish_part(count: int, n: int, rule: ThresholdRule | None) -> int | None:
    """A count printed as part of a published total ("12 of 60 answered X"): None when it,
    or (with complement protection) the rest ``n - count``, is disclosive; else rounded."""
    if rule is None:
        return count
    if rule.is_disclosive(count) or (rule.protect_complement and rule.is_disclosive(n - count)):
        return None
    return rule.round(count)


def _percentage(count: int | None, denominator: int | None) -> float | None:
    if count is None or not denominator:
        return None
    return 100.0 * count / denominator


def protect_proportion(numerator: int, n: int, rule: ThresholdRule = DEFAULT_RULE) -> ProtectedCell:
    """Apply the threshold rule to one "x of n" figure (Hundepool et al. 2012, 5.2).

    Suppressed when ``0 < x < k`` (reason "fewer than k") or, with complement protection,
    when ``0 < n - x < k`` (reason "fewer than k without ..."). ``n`` is shown only if it is
    not itself disclosive. Under a rounding rule, count and n are rounded and the
    percentage is computed from the rounded values (NHS Digital practice). ``n == 0``
    publishes "0 of 0" with no percentage.

    This protects a figure on its own; figures that share totals with others need
    ``protect_subgroups`` or ``protect_table``.
    """
    x = _count(numerator, "numerator")
    m = _count(n, "n")
    if x > m:
        raise ValueError(_("numerator %(x)s exceeds n %(n)s") % {"x": x, "n": m})
    denominator = None if rule.is_disclosive(m) else rule.round(m)
    if rule.is_disclosive(x):
        return ProtectedCell(False, None, denominator, None, "primary", _fewer_than(rule))
    if rule.protect_complement and rule.is_disclosive(m - x):
        reason = f"{_fewer_than(rule)} without the outcome (n minus count)"
        return ProtectedCell(False, None, denominator, None, "primary", reason)
    count = rule.round(x)
    return ProtectedCell(
        True, count, denominator, _percentage(count, denominator), "published", None
    )


def protect_mean(mean: float, n_values: int, rule: ThresholdRule = DEFAULT_RULE) -> ProtectedMean:
    """Publish a mean only if it rests on at least ``rule.mean_minimum`` values.

    Why: a mean of two scores plus either score reveals the other (Hundepool et al. 2012,
    5.2; NHS Digital requires 8+ values). ``n`` is shown rounded under a rounding rule.
    """
    m = _count(n_values, "n_values")
    if m < rule.mean_minimum:
        reason = f"based on fewer than {rule.mean_minimum} values"
        return ProtectedMean(False, None, None if rule.is_disclosive(m) else rule.round(m), reason)
    return ProtectedMean(True, float(mean), rule.round(m), None)


# --- tables -------------------------------------------------------------------------------


def _extended_grid(cells: Sequence[Sequence[SupportsIndex]]) -> list[list[int]]:
    if not cells or not cells[0]:
        raise ValueError(_("a table needs at least one row and one column"))
    width = len(cells[0])
    rows: list[list[int]] = []
    for i, row in enumerate(cells):
        if len(row) != width:
            raise ValueError(
                _("row %(row)s has %(cells)s cells, expected %(width)s")
                % {"row": i, "cells": len(row), "width": width}
            )
        rows.append([_count(v, f"cell ({i}, {j})") for j, v in enumerate(row)])
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(col) for col in zip(*grid, strict=True)])
    return grid


def _protect_grid(
    grid: list[list[int]], rule: ThresholdRule, exempt: set[Pos] | None = None
) -> ProtectedTable:
    n_rows, n_cols = len(grid), len(grid[0])
    exempt = exempt or set()
    primary = {
        (i, j)
        for i in range(n_rows)
        for j in range(n_cols)
        if (i, j) not in exempt and rule.is_disclosive(grid[i][j])
    }
    secondary = secondary_suppression(grid, primary)

    def entry(i: int, j: int) -> ProtectedCount:
        if (i, j) in primary:
            return ProtectedCount(None, "primary", _fewer_than(rule))
        if (i, j) in secondary:
            return ProtectedCount(None, "secondary", SECONDARY_REASON)
        return ProtectedCount(rule.round(grid[i][j]), "published", None)

    body = tuple(tuple(entry(i, j) for j in range(n_cols - 1)) for i in range(n_rows - 1))
    return ProtectedTable(
        cells=body,
        row_totals=tuple(entry(i, n_cols - 1) for i in range(n_rows - 1)),
        col_totals=tuple(entry(n_rows - 1, j) for j in range(n_cols - 1)),
        grand_total=entry(n_rows - 1, n_cols - 1),
        rule=rule,
    )


def protect_table(
    cells: Sequence[Sequence[int]], rule: ThresholdRule = DEFAULT_RULE
) -> ProtectedTable:
    """Protect a rows x columns table of counts published with its row, column and grand totals.

    Primary suppression hides every cell *and every total* with ``0 < count < k`` (a small
    total makes all non-zero cells of its line small, so the whole line goes). Secondary
    suppression then hides more entries until no hidden entry can be worked out exactly
    from the published ones (Hundepool et al. 2012, 5.4-5.6):

    1. any row or column (totals included) with exactly one hidden entry gets the smallest
       other non-zero entry of that line hidden, preferring an entry whose crossing line
       also has a lone hidden entry (one suppression then mends two lines); repeated until
       stable;
    2. any hidden entry that still lies on no *cycle* of hidden entries (a bridge between
       two hidden blocks, recoverable by adding and subtracting lines) gets a further entry
       hidden, preferring the smallest that closes a cycle through it.

    The result has every hidden entry on a cycle of non-zero hidden entries, so each could
    be one higher or lower with every published figure unchanged. Zeros are published and
    never used as secondary suppressions (see module notes). Under a rounding rule the
    suppression is computed on true counts (conservatively ignoring the noise that rounding
    adds) and published entries, totals included, are rounded independently, so rounded
    cells need not add up to rounded totals.
    """
    return _protect_grid(_extended_grid(cells), rule)


def protect_subgroups(
    total_x: int,
    total_n: int,
    groups: Mapping[str, tuple[int, int]],
    rule: ThresholdRule = DEFAULT_RULE,
) -> SubgroupProtection:
    """Protect an overall "x of n" and its subgroup breakdown as one family of claims.

    Why: "12 of 40 overall; 9 of 30 women" publishes "3 of 10 men" by subtraction even if
    the men's figure is hidden. The family is laid out as a table with one row per group
    (columns: with and without the outcome; row totals: the group sizes) whose margins are
    the overall figure, and protected with ``protect_table``, so no hidden subgroup figure
    (count, count without the outcome, or size) can be recovered from the others and the
    overall figure. Groups must not overlap; if they do not cover everyone, the people in no
    listed group become a hidden extra row, protected like the others (so "everyone else"
    cannot leak either).

    ``groups`` maps label -> (x, n) in display order.
    """
    tx = _count(total_x, "total_x")
    tn = _count(total_n, "total_n")
    if tx > tn:
        raise ValueError(_("total_x %(x)s exceeds total_n %(n)s") % {"x": tx, "n": tn})
    rows: list[list[int]] = []
    labels = list(groups)
    for label in labels:
        x_raw, n_raw = groups[label]
        x, n = _count(x_raw, f"{label} x"), _count(n_raw, f"{label} n")
        if x > n:
            raise ValueError(
                _("group %(group)s: x %(x)s exceeds n %(n)s")
                % {"group": repr(label), "x": x, "n": n}
            )
        rows.append([x, n - x])
    rem_x = tx - sum(r[0] for r in rows)
    rem_n = tn - sum(r[0] + r[1] for r in rows)
    if rem_x < 0 or rem_n < 0 or rem_x > rem_n:
        raise ValueError(
            _("subgroups add up to more than the overall figure; groups must not overlap")
        )
    has_remainder = rem_n > 0
    if has_remainder:
        rows.append([rem_x, rem_n - rem_x])
    if not rows:
        rows.append([tx, tn - tx])  # no groups: the table is the overall figure alone
    grid = _extended_grid(rows)
    exempt: set[Pos] = set()
    if not rule.protect_complement:
        exempt = {(i, 1) for i in range(len(grid))}
    table = _protect_grid(grid, rule, exempt)

    def family_cell(
        x_entry: ProtectedCount, without: ProtectedCount, n_entry: ProtectedCount
    ) -> ProtectedCell:
        n_value = n_entry.value if n_entry.published else None
        if x_entry.published and without.published:
            # n = x + (n - x) is then derivable, so secondary suppression never hides it.
            pct = _percentage(x_entry.value, n_value)
            return ProtectedCell(True, x_entry.value, n_value, pct, "published", None)
        # The proportion is withheld; report the most basic reason for it.
        if x_entry.status == "primary":
            status: Status = "primary"
            reason = x_entry.reason
        elif without.status == "primary":
            status = "primary"
            reason = f"{_fewer_than(rule)} without the outcome (n minus count)"
        else:
            status = "secondary"
            reason = SECONDARY_REASON
        return ProtectedCell(False, None, n_value, None, status, reason)

    overall = family_cell(table.col_totals[0], table.col_totals[1], table.grand_total)
    group_cells = tuple(
        (label, family_cell(table.cells[i][0], table.cells[i][1], table.row_totals[i]))
        for i, label in enumerate(labels)
    )
    return SubgroupProtection(
        overall=overall,
        groups=group_cells,
        has_unlisted_remainder=has_remainder,
        table=table,
        rule=rule,
    )
