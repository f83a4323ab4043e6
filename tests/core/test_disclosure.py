"""Tests for tallytale.core.disclosure, with an independent recoverability checker."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import null_space

from tallytale.core.disclosure import (
    DEFAULT_RULE,
    NHS_DIGITAL,
    SECURE_RESEARCH_10,
    ProtectedTable,
    ThresholdRule,
    protect_mean,
    protect_proportion,
    protect_subgroups,
    protect_table,
)

# --- independent checker (does not use any disclosure.py internals) ------------------------


def extended(cells: list[list[int]]) -> np.ndarray:
    """True table with row totals as last column and column totals as last row."""
    a = np.asarray(cells, dtype=np.int64)
    body = np.hstack([a, a.sum(axis=1, keepdims=True)])
    return np.vstack([body, body.sum(axis=0, keepdims=True)])


def hidden_mask(table: ProtectedTable) -> np.ndarray:
    return np.array([[v is None for v in row] for row in table.grid()])


def line_leaks(mask: np.ndarray) -> list[tuple[str, int]]:
    """Lines (with their total) in which exactly one entry is hidden: recoverable by subtraction."""
    leaks = [("row", i) for i in range(mask.shape[0]) if mask[i].sum() == 1]
    leaks += [("col", j) for j in range(mask.shape[1]) if mask[:, j].sum() == 1]
    return leaks


def linearly_determined(mask: np.ndarray) -> list[tuple[int, int]]:
    """Hidden entries fixed by the additivity equations given every published entry.

    Every line of the extended table says "the other entries add up to the last one". An
    unknown is determined iff it is zero in every vector of the null space of the system
    restricted to the unknowns.
    """
    n_rows, n_cols = mask.shape
    equations = []
    for i in range(n_rows):
        eq = np.zeros((n_rows, n_cols))
        eq[i, :-1], eq[i, -1] = 1, -1
        equations.append(eq.ravel())
    for j in range(n_cols):
        eq = np.zeros((n_rows, n_cols))
        eq[:-1, j], eq[-1, j] = 1, -1
        equations.append(eq.ravel())
    a = np.array(equations)
    unknown = np.flatnonzero(mask.ravel())
    if unknown.size == 0:
        return []
    basis = null_space(a[:, unknown])
    determined = []
    for idx, flat in enumerate(unknown):
        if basis.size == 0 or np.max(np.abs(basis[idx])) < 1e-9:
            determined.append((int(flat // n_cols), int(flat % n_cols)))
    return determined


def integer_witnesses_exist(true: np.ndarray, mask: np.ndarray) -> bool:
    """Brute force: every hidden entry takes another value in some other non-negative integer
    table that agrees with every published figure (inner cells moved by -1, 0 or +1)."""
    hidden_all = list(zip(*np.nonzero(mask), strict=True))
    if not hidden_all:
        return True
    rows, cols = np.nonzero(mask[:-1, :-1])
    if rows.size == 0:
        return False  # only totals hidden: each is the sum of published cells
    deltas = np.array(list(itertools.product((-1, 0, 1), repeat=rows.size)), dtype=np.int64)
    body = np.repeat(true[None, :-1, :-1], len(deltas), axis=0)
    body[:, rows, cols] += deltas
    alt = np.concatenate([body, body.sum(axis=2, keepdims=True)], axis=2)
    alt = np.concatenate([alt, alt.sum(axis=1, keepdims=True)], axis=1)
    feasible = (body >= 0).all(axis=(1, 2)) & (alt[:, ~mask] == true[~mask]).all(axis=1)
    feasible &= deltas.any(axis=1)
    alt = alt[feasible]
    return all((alt[:, i, j] != true[i, j]).any() for i, j in hidden_all)


# --- strategies ---------------------------------------------------------------------------

count_values = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 60))
ks = st.integers(min_value=2, max_value=10)


@st.composite
def tables(
    draw: st.DrawFn,
    max_rows: int = 5,
    max_cols: int = 5,
    values: st.SearchStrategy[int] = count_values,
) -> list[list[int]]:
    r = draw(st.integers(1, max_rows))
    c = draw(st.integers(1, max_cols))
    return [[draw(values) for _ in range(c)] for _ in range(r)]


# --- protect_table ------------------------------------------------------------------------


def assert_table_safe(cells: list[list[int]], rule: ThresholdRule, table: ProtectedTable) -> None:
    true = extended(cells)
    mask = hidden_mask(table)
    statuses = np.array(
        [[c.status for c in row] + [t.status] for row, t in zip(table.cells, table.row_totals)]
        + [[c.status for c in table.col_totals] + [table.grand_total.status]]
    )
    # primary rule: every non-zero entry below k is hidden as primary, and nothing else is
    small = (true > 0) & (true < rule.k)
    assert np.array_equal(statuses == "primary", small)
    # zeros are never hidden; published values are the (rounded) true values
    assert not mask[true == 0].any()
    for (i, j), v in np.ndenumerate(np.array(table.grid(), dtype=object)):
        if v is not None:
            assert v == rule.round(int(true[i, j]))
    # nothing recoverable
    assert line_leaks(mask) == []
    assert linearly_determined(mask) == []


@settings(max_examples=150, deadline=None)
@given(tables(), ks)
def test_protect_table_nothing_recoverable(cells: list[list[int]], k: int) -> None:
    rule = ThresholdRule(k=k)
    assert_table_safe(cells, rule, protect_table(cells, rule))


@settings(max_examples=100, deadline=None)
@given(tables(max_rows=3, max_cols=3, values=st.integers(0, 14)), ks)
def test_protect_table_integer_brute_force(cells: list[list[int]], k: int) -> None:
    table = protect_table(cells, ThresholdRule(k=k))
    assert integer_witnesses_exist(extended(cells), hidden_mask(table))


def test_checker_catches_leaks() -> None:
    # The checker must be able to fail: one hidden cell in a line, and a hidden "bridge".
    true = extended([[3, 10], [20, 15]])
    mask = np.zeros_like(true, dtype=bool)
    mask[0, 0] = True
    assert line_leaks(mask) == [("row", 0), ("col", 0)]
    assert linearly_determined(mask) == [(0, 0)]
    assert not integer_witnesses_exist(true, mask)


BRIDGE_TABLE = [[2, 3, 50, 60], [4, 1, 2, 70], [80, 90, 3, 2], [55, 65, 4, 1]]


def test_bridge_between_hidden_blocks_is_protected() -> None:
    # Two 2x2 blocks of small cells joined by one small cell at (1, 2). Every line has
    # 0 or >= 2 small cells, so "one hidden cell per line" alone would publish nothing more,
    # yet (1, 2) = rows {0,1} minus columns {0,1}.
    true = extended(BRIDGE_TABLE)
    primary_only = (true > 0) & (true < 5)
    assert line_leaks(primary_only) == []
    assert linearly_determined(primary_only) == [(1, 2)]

    table = protect_table(BRIDGE_TABLE)
    assert_table_safe(BRIDGE_TABLE, DEFAULT_RULE, table)
    assert table.primary_count == 9
    assert table.secondary_count == 1
    assert table.cells[0][2].status == "secondary"  # 50: smallest cell closing a cycle


@st.composite
def bridged_tables(draw: st.DrawFn) -> list[list[int]]:
    """Two blocks of small cells joined by one small cell, shuffled: no line has a lone small
    cell, so only the cycle (bridge) argument protects the joining cell."""
    r1, c1, r2, c2 = (draw(st.integers(2, 3)) for _ in range(4))
    rows, cols = r1 + r2, c1 + c2
    small = st.integers(1, 4)
    cells = [[draw(st.integers(20, 60)) for _ in range(cols)] for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            if (i < r1) == (j < c1):
                cells[i][j] = draw(small)
    cells[draw(st.integers(0, r1 - 1))][draw(st.integers(c1, cols - 1))] = draw(small)
    row_order = draw(st.permutations(range(rows)))
    col_order = draw(st.permutations(range(cols)))
    return [[cells[i][j] for j in col_order] for i in row_order]


@settings(max_examples=50, deadline=None)
@given(bridged_tables())
def test_protect_table_bridges_property(cells: list[list[int]]) -> None:
    primary_only = (extended(cells) > 0) & (extended(cells) < 5)
    assert line_leaks(primary_only) == []
    assert len(linearly_determined(primary_only)) == 1  # the joining cell leaks
    assert_table_safe(cells, DEFAULT_RULE, protect_table(cells))


def test_protect_table_worked_example() -> None:
    table = protect_table([[3, 10, 12], [20, 15, 8], [9, 2, 30]])
    assert table.grid() == (
        (None, None, 12, 25),
        (20, 15, 8, 43),
        (None, None, 30, 41),
        (32, 27, 50, 109),
    )
    assert [c.status for c in table.cells[0]] == ["primary", "secondary", "published"]
    assert table.cells[0][0].reason == "fewer than 5"
    assert table.cells[0][1].reason is not None and "secondary" in table.cells[0][1].reason
    assert (table.primary_count, table.secondary_count) == (2, 2)


def test_small_total_suppresses_its_line() -> None:
    cells = [[2, 1, 0], [30, 25, 40], [12, 18, 9]]
    table = protect_table(cells)
    assert table.row_totals[0].status == "primary"  # total 3 < 5
    assert [c.status for c in table.cells[0]] == ["primary", "primary", "published"]
    assert table.cells[0][2].value == 0  # zeros stay published
    assert_table_safe(cells, DEFAULT_RULE, table)
    # hiding the total means the column of row totals needs a second hidden entry
    assert sum(t.value is None for t in table.row_totals) >= 2


def test_small_grand_total_hides_everything_non_zero() -> None:
    table = protect_table([[1, 0], [2, 1]])
    assert table.grid() == ((None, 0, None), (None, None, None), (None, None, None))


def test_nothing_to_suppress() -> None:
    table = protect_table([[10, 20], [30, 0]])
    assert table.primary_count == table.secondary_count == 0
    assert table.grid() == ((10, 20, 30), (30, 0, 30), (40, 20, 60))


def test_single_row_table() -> None:
    # with one row the column totals repeat the cells, so a small cell is hidden twice
    table = protect_table([[3, 10, 20]])
    assert_table_safe([[3, 10, 20]], DEFAULT_RULE, table)
    assert table.cells[0][0].value is None and table.col_totals[0].value is None


def test_protect_table_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        protect_table([])
    with pytest.raises(ValueError):
        protect_table([[1, 2], [3]])
    with pytest.raises(ValueError):
        protect_table([[1, -2]])


# --- presets ------------------------------------------------------------------------------


def test_default_rule_preset() -> None:
    assert DEFAULT_RULE == ThresholdRule() and DEFAULT_RULE.k == 5
    assert [DEFAULT_RULE.is_disclosive(c) for c in (0, 1, 4, 5)] == [False, True, True, False]
    assert "1 to 4" in DEFAULT_RULE.describe()
    assert DEFAULT_RULE.describe().endswith(".")


def test_nhs_digital_preset() -> None:
    rule = NHS_DIGITAL
    assert [rule.is_disclosive(c) for c in (0, 1, 7, 8)] == [False, True, True, False]
    assert [rule.round(c) for c in (0, 8, 12, 13, 22, 23, 100)] == [0, 10, 10, 15, 20, 25, 100]
    text = rule.describe()
    assert "1 to 7" in text and "nearest 5" in text and "at least 8 values" in text
    # percentages from rounded counts: 8 of 23 -> 10 of 25 -> 40 %
    cell = protect_proportion(8, 23, rule)
    assert (cell.published, cell.count, cell.denominator) == (True, 10, 25)
    assert cell.percentage == pytest.approx(40.0)
    assert protect_proportion(7, 23, rule).published is False
    assert protect_mean(12.5, 7, rule).published is False
    shown = protect_mean(12.5, 8, rule)
    assert (shown.published, shown.value, shown.n) == (True, 12.5, 10)  # n rounded
    table = protect_table([[8, 7, 12], [40, 33, 51], [9, 26, 18]], rule)
    published = [v for row in table.grid() for v in row if v is not None]
    assert all(v % 5 == 0 for v in published)
    assert table.grid() == (
        (None, None, 10, 25),  # 7 primary; 8 secondary; 12 -> 10
        (40, 35, 50, 125),
        (None, None, 20, 55),  # 9 and 26 secondary close the cycle; 18 -> 20
        (55, 65, 80, 205),
    )
    assert table.cells[0][1].status == "primary"
    assert [table.cells[0][0].status, table.cells[2][0].status] == ["secondary"] * 2


def test_secure_research_preset() -> None:
    rule = SECURE_RESEARCH_10
    assert rule.k == 10 and rule.round_to is None
    assert protect_proportion(9, 40, rule).published is False
    assert protect_proportion(10, 40, rule).percentage == pytest.approx(25.0)
    assert protect_proportion(31, 40, rule).published is False  # complement 9
    assert "1 to 9" in rule.describe() and "at least 10 values" in rule.describe()


def test_rule_validation() -> None:
    for bad in ({"k": 0}, {"round_to": 1}, {"min_values_for_mean": 0}):
        with pytest.raises(ValueError):
            ThresholdRule(**bad)  # type: ignore[arg-type]
    assert ThresholdRule(k=1).is_disclosive(1) is False
    assert "No counts are suppressed" in ThresholdRule(k=1).describe()


# --- protect_proportion / protect_mean ----------------------------------------------------


def test_protect_proportion_cases() -> None:
    ok = protect_proportion(12, 40)
    assert (ok.published, ok.count, ok.denominator, ok.status, ok.reason) == (
        True,
        12,
        40,
        "published",
        None,
    )
    assert ok.percentage == pytest.approx(30.0)
    small = protect_proportion(3, 40)
    assert (small.published, small.count, small.percentage) == (False, None, None)
    assert small.denominator == 40 and small.reason == "fewer than 5"
    complement = protect_proportion(37, 40)
    assert complement.published is False
    assert complement.reason is not None and "n minus count" in complement.reason
    tiny_group = protect_proportion(0, 3)  # 0 of 3: complement 3 < 5, n itself hidden
    assert tiny_group.published is False and tiny_group.denominator is None
    assert protect_proportion(0, 40).published is True  # 0 % is published
    assert protect_proportion(40, 40).published is True  # complement 0 is not < k
    empty = protect_proportion(0, 0)
    assert empty.published and empty.percentage is None
    no_comp = ThresholdRule(protect_complement=False)
    assert protect_proportion(37, 40, no_comp).published is True


def test_protect_proportion_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        protect_proportion(5, 4)
    with pytest.raises(ValueError):
        protect_proportion(-1, 4)
    with pytest.raises(TypeError):
        protect_proportion(True, 4)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 200), st.integers(0, 200), ks)
def test_protect_proportion_property(x: int, extra: int, k: int) -> None:
    n = x + extra
    rule = ThresholdRule(k=k)
    cell = protect_proportion(x, n, rule)
    assert cell.published == (not (0 < x < k) and not (0 < n - x < k))
    if cell.published:
        assert cell.count == x and cell.denominator == n
    else:
        assert cell.count is None and cell.percentage is None and cell.reason


def test_protect_mean() -> None:
    assert protect_mean(3.2, 4).published is False
    withheld = protect_mean(3.2, 4)
    assert withheld.value is None and withheld.n is None
    assert withheld.reason == "based on fewer than 5 values"
    shown = protect_mean(3.2, 5)
    assert (shown.published, shown.value, shown.n) == (True, 3.2, 5)


# --- protect_subgroups --------------------------------------------------------------------


def test_subgroup_recovered_by_subtraction_is_prevented() -> None:
    # 12 of 40 overall and 9 of 30 women would reveal 3 of 10 men.
    result = protect_subgroups(12, 40, {"women": (9, 30), "men": (3, 10)})
    men, women = result.group("men"), result.group("women")
    assert men.published is False and men.status == "primary"
    assert men.reason == "fewer than 5"
    assert women.published is False and women.status == "secondary"
    assert men.denominator == 10 and women.denominator == 30  # group sizes still shown
    assert result.overall.published and result.overall.count == 12
    assert not result.has_unlisted_remainder
    with pytest.raises(KeyError):
        result.group("other")


def test_subgroups_all_large_publish_everything() -> None:
    result = protect_subgroups(40, 100, {"a": (20, 50), "b": (20, 50)})
    assert all(cell.published for _, cell in result.groups)
    assert result.group("a").percentage == pytest.approx(40.0)
    assert result.table.secondary_count == 0


def test_unlisted_remainder_is_protected() -> None:
    # Listed group A is 48 of 97; the 3 people in no listed group would be "2 of 3".
    result = protect_subgroups(50, 100, {"A": (48, 97)})
    assert result.has_unlisted_remainder
    a = result.group("A")
    assert not (a.published and result.overall.published)
    assert_table_safe([[48, 49], [2, 1]], DEFAULT_RULE, result.table)


def test_overlapping_groups_rejected() -> None:
    with pytest.raises(ValueError):
        protect_subgroups(10, 40, {"a": (8, 30), "b": (8, 30)})


def test_subgroups_complement_and_nhs_rounding() -> None:
    result = protect_subgroups(60, 100, {"a": (48, 50), "b": (12, 50)})
    a = result.group("a")
    assert a.published is False  # 2 without the outcome
    assert a.reason is not None and "n minus count" in a.reason
    assert result.group("b").published is False  # recoverable from overall otherwise
    nhs = protect_subgroups(60, 100, {"a": (28, 50), "b": (32, 50)}, NHS_DIGITAL)
    assert nhs.group("a").count == 30 and nhs.group("a").percentage == pytest.approx(60.0)


@st.composite
def families(draw: st.DrawFn) -> tuple[int, int, dict[str, tuple[int, int]], bool]:
    n_groups = draw(st.integers(0, 5))
    groups: dict[str, tuple[int, int]] = {}
    for g in range(n_groups):
        n = draw(st.integers(0, 60))
        groups[f"g{g}"] = (draw(st.integers(0, n)), n)
    rem_n = draw(st.one_of(st.just(0), st.integers(0, 20)))
    rem_x = draw(st.integers(0, rem_n))
    total_x = sum(x for x, _ in groups.values()) + rem_x
    total_n = sum(n for _, n in groups.values()) + rem_n
    return total_x, total_n, groups, rem_n > 0


@settings(max_examples=150, deadline=None)
@given(families(), ks)
def test_protect_subgroups_property(
    family: tuple[int, int, dict[str, tuple[int, int]], bool], k: int
) -> None:
    total_x, total_n, groups, has_rem = family
    rule = ThresholdRule(k=k)
    result = protect_subgroups(total_x, total_n, groups, rule)
    assert result.has_unlisted_remainder == has_rem
    rows = [[x, n - x] for x, n in groups.values()]
    if has_rem:
        rows.append(
            [total_x - sum(r[0] for r in rows), total_n - total_x - sum(r[1] for r in rows)]
        )
    if not rows:
        rows = [[total_x, total_n - total_x]]
    assert_table_safe(rows, rule, result.table)
    # every published claim satisfies the threshold rule and matches the data
    claims = [(result.overall, total_x, total_n)]
    claims += [(cell, *groups[label]) for label, cell in result.groups]
    for cell, x, n in claims:
        if cell.published:
            assert not rule.is_disclosive(x) and not rule.is_disclosive(n - x)
            assert (cell.count, cell.denominator) == (x, n)
        else:
            assert cell.count is None and cell.reason


def test_publish_count_hides_small_counts_and_rounds_the_rest() -> None:
    from tallytale.core.disclosure import NHS_DIGITAL, ThresholdRule, is_hidden, publish_count

    rule = ThresholdRule(k=5)
    assert [publish_count(c, rule) for c in (0, 1, 4, 5, 37)] == [0, None, None, 5, 37]
    # NHS Digital: 1-7 hidden, the rest rounded to the nearest 5 (ties up)
    assert [publish_count(c, NHS_DIGITAL) for c in (0, 7, 8, 12, 13, 61)] == [
        0, None, 10, 10, 15, 60,
    ]  # fmt: skip
    assert publish_count(3, None) == 3  # research team: no control
    assert is_hidden(3, rule) and not is_hidden(0, rule) and not is_hidden(3, None)


def test_publish_part_protects_the_complement() -> None:
    from tallytale.core.disclosure import NHS_DIGITAL, ThresholdRule, publish_part

    rule = ThresholdRule(k=5)
    assert publish_part(10, 12, rule) is None  # the 2 others would be told
    assert publish_part(10, 15, rule) == 10
    assert publish_part(3, 15, rule) is None
    assert publish_part(10, 12, ThresholdRule(k=5, protect_complement=False)) == 10
    assert publish_part(22, 60, NHS_DIGITAL) == 20
    assert publish_part(2, 3, None) == 2
