"""Tests for tallytale.core.agreement against sklearn and Krippendorff's published examples."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Hashable, Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from tallytale.core.agreement import (
    agreement_per_code,
    cohen_kappa,
    krippendorff_alpha_nominal,
    percent_agreement,
)

N = None

# Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C: nominal data,
# four observers, twelve units, missing data. Published alpha = 0.743; from the paper's
# coincidence matrix, n = 40, sum of off-diagonal coincidences = 8 and
# sum_{c != k} n_c n_k = 40^2 - (9^2 + 13^2 + 10^2 + 5^2 + 3^2) = 1216.
KRIPPENDORFF_2011_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],  # observer B
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],  # observer D
]


def sk_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a, b))


# --- Cohen's kappa ------------------------------------------------------------------------


def test_cohen_kappa_matches_sklearn_fixed() -> None:
    a = ["hope", "hope", "loss", "loss", "money", "hope", "loss", "money", "hope", "hope"]
    b = ["hope", "loss", "loss", "loss", "money", "hope", "hope", "money", "hope", "money"]
    got = cohen_kappa(a, b)
    assert got is not None
    assert abs(got - sk_kappa(a, b)) < 1e-9
    # p_o = 7/10; marginals a (5, 3, 2), b (4, 3, 3): p_e = (20 + 9 + 6) / 100 = 0.35
    assert got == pytest.approx((0.7 - 0.35) / (1 - 0.35), abs=1e-12)


labels = st.sampled_from(["a", "b", "c", "d"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(labels, labels), min_size=1, max_size=60))
def test_cohen_kappa_matches_sklearn_property(pairs: list[tuple[str, str]]) -> None:
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    got = cohen_kappa(a, b)
    ref = sk_kappa(a, b)
    if math.isnan(ref):
        assert got is None
        assert len(set(a) | set(b)) == 1
    else:
        assert got is not None and abs(got - ref) < 1e-9
        assert got <= 1.0


def test_cohen_kappa_edge_cases() -> None:
    assert cohen_kappa([1, 0, 1], [1, 0, 1]) == pytest.approx(1.0)
    assert cohen_kappa([1, 1, 1], [1, 1, 1]) is None  # undefined, not 1 and not NaN
    with pytest.raises(ValueError):
        cohen_kappa([1, 2], [1])
    with pytest.raises(ValueError):
        cohen_kappa([], [])
    with pytest.raises(ValueError):
        cohen_kappa([1, None], [1, 2])
    with pytest.raises(ValueError):
        cohen_kappa([1.0, float("nan")], [1.0, 2.0])


# --- Krippendorff's alpha -----------------------------------------------------------------


def test_alpha_krippendorff_2011_four_coders_missing_data() -> None:
    alpha = krippendorff_alpha_nominal(KRIPPENDORFF_2011_C)
    assert alpha is not None
    assert round(alpha, 3) == 0.743
    assert alpha == pytest.approx(1 - 39 * 8 / 1216, abs=1e-12)


def test_alpha_krippendorff_2011_nan_same_as_none() -> None:
    as_float = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in KRIPPENDORFF_2011_C]
    )
    assert krippendorff_alpha_nominal(as_float) == krippendorff_alpha_nominal(KRIPPENDORFF_2011_C)


def test_alpha_krippendorff_2011_two_coders_binary() -> None:
    # Section A: binary data, two observers, no missing data: alpha = 0.095.
    ben = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    gerry = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    alpha = krippendorff_alpha_nominal([ben, gerry])
    assert alpha is not None and round(alpha, 3) == 0.095
    assert alpha == pytest.approx(1 - 19 * 4 / (14 * 6), abs=1e-12)


def test_alpha_krippendorff_2011_two_coders_nominal() -> None:
    # Section B: nominal data, two observers, no missing data: alpha = 0.692.
    a = list("aabbdcccedda")
    b = list("babbbccceddd")
    alpha = krippendorff_alpha_nominal([a, b])
    assert alpha is not None and round(alpha, 3) == 0.692
    assert alpha == pytest.approx(1 - 23 * 6 / 448, abs=1e-12)


def pairwise_alpha(matrix: list[list[int | None]]) -> float | None:
    """Independent definition: alpha = 1 - D_o / D_e with explicit pair enumeration."""
    units = [[v for v in col if v is not None] for col in zip(*matrix, strict=True)]
    units = [u for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    if n < 2:
        return None
    d_o = (
        sum(
            sum(u[i] != u[j] for i, j in itertools.permutations(range(len(u)), 2)) / (len(u) - 1)
            for u in units
        )
        / n
    )
    d_e = sum(values[i] != values[j] for i, j in itertools.permutations(range(n), 2)) / (
        n * (n - 1)
    )
    return None if d_e == 0 else 1 - d_o / d_e


@st.composite
def reliability_data(draw: st.DrawFn) -> list[list[int | None]]:
    coders = draw(st.integers(2, 5))
    units = draw(st.integers(1, 12))
    value = st.one_of(st.none(), st.integers(0, 3))
    return [[draw(value) for _ in range(units)] for _ in range(coders)]


@settings(max_examples=150, deadline=None)
@given(reliability_data())
def test_alpha_matches_pairwise_definition(matrix: list[list[int | None]]) -> None:
    got = krippendorff_alpha_nominal(matrix)
    ref = pairwise_alpha(matrix)
    if ref is None:
        assert got is None
    else:
        assert got is not None and abs(got - ref) < 1e-9
        assert got <= 1.0 + 1e-12
        # invariant under reordering coders and units and under relabelling values
        shuffled = [list(reversed([None if v is None else 10 - v for v in row])) for row in matrix]
        again = krippendorff_alpha_nominal(list(reversed(shuffled)))
        assert again is not None and abs(again - got) < 1e-9


def test_alpha_two_coders_complete_data_relates_to_kappa_family() -> None:
    # Without missing data, alpha = 1 - (n-1)/n * (1 - pi) where pi is Scott's pi
    # (Krippendorff 2011): check on the section B data, n = 24 values.
    a, b = list("aabbdcccedda"), list("babbbccceddd")
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    pooled = {c: (a + b).count(c) / 24 for c in set(a + b)}
    p_e = sum(p * p for p in pooled.values())
    pi = (p_o - p_e) / (1 - p_e)
    alpha = krippendorff_alpha_nominal([a, b])
    assert alpha == pytest.approx(1 - (23 / 24) * (1 - pi), abs=1e-12)


def test_alpha_edge_cases() -> None:
    assert krippendorff_alpha_nominal([[1, 2, 3], [1, 2, 3]]) == pytest.approx(1.0)
    assert krippendorff_alpha_nominal([[1, 1], [1, 1]]) is None  # no variation
    assert krippendorff_alpha_nominal([[1, N], [N, 2]]) is None  # nothing pairable
    with pytest.raises(ValueError):
        krippendorff_alpha_nominal([[1, 2], [1]])
    with pytest.raises(ValueError):
        krippendorff_alpha_nominal([])


# --- percent agreement --------------------------------------------------------------------


def test_percent_agreement() -> None:
    assert percent_agreement([[1, 1, 0, 0], [1, 0, 0, 0]]) == pytest.approx(0.75)
    # Krippendorff 2011 C data, by hand: units 1-11 pairable; unit 2 and 8 half the pairs
    # agree, unit 6 none, the rest all: (8 + 0.5 + 0.5 + 0) / 11.
    assert percent_agreement(KRIPPENDORFF_2011_C) == pytest.approx(9 / 11)
    assert percent_agreement([[1, N], [N, 1]]) is None
    assert percent_agreement([[1, N, 2], [1, 3, 3]]) == pytest.approx(0.5)


# --- agreement per code -------------------------------------------------------------------

UNITS = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]
CODINGS = [
    ("s1", "ana", "isolation"),
    ("s1", "ben", "isolation"),
    ("s2", "ana", "isolation"),
    ("s3", "ana", "hope"),
    ("s3", "ben", "hope"),
    ("s4", "ben", "hope"),
    ("s5", "ana", "hope"),
    ("s5", "ben", "hope"),
    ("s5", "ana", "isolation"),
    ("s6", "ben", "isolation"),
    ("s6", "ben", "isolation"),  # duplicates are harmless
    # s7, s8: nobody applied anything; they still count as agreement on "absent"
]


def binary(codings: list[tuple[str, str, str]], coder: str, code: str) -> list[int]:
    return [int((u, coder, code) in codings) for u in UNITS]


def test_agreement_per_code_two_coders() -> None:
    report = agreement_per_code(CODINGS, UNITS, ["ana", "ben"])
    assert report.n_units == 8 and report.coders == ("ana", "ben")
    assert [c.code for c in report.per_code] == ["isolation", "hope"]
    for item in report.per_code:
        a = binary(CODINGS, "ana", str(item.code))
        b = binary(CODINGS, "ben", str(item.code))
        assert item.n_units == 8
        assert item.cohen_kappa is not None
        assert abs(item.cohen_kappa - sk_kappa(a, b)) < 1e-9
        assert item.krippendorff_alpha == krippendorff_alpha_nominal([a, b])
        assert item.percent_agreement == pytest.approx(
            sum(x == y for x, y in zip(a, b, strict=True)) / 8
        )
    iso = report.for_code("isolation")
    # ana: s1 s2 s5; ben: s1 s6 -> agree on s1 (present) and s3 s4 s7 s8 (absent): 5/8
    assert iso.percent_agreement == pytest.approx(5 / 8)
    assert iso.n_applied == 5
    # p_e = (3/8)(2/8) + (5/8)(6/8) = 36/64
    assert iso.cohen_kappa == pytest.approx((5 / 8 - 36 / 64) / (1 - 36 / 64), abs=1e-12)
    with pytest.raises(KeyError):
        report.for_code("nope")


def test_agreement_per_code_overall() -> None:
    report = agreement_per_code(CODINGS, UNITS, ["ana", "ben"])
    overall = report.overall
    assert overall.n_codes == 2 and overall.n_decisions == 16
    pooled = [
        binary(CODINGS, "ana", "isolation") + binary(CODINGS, "ana", "hope"),
        binary(CODINGS, "ben", "isolation") + binary(CODINGS, "ben", "hope"),
    ]
    assert overall.krippendorff_alpha == krippendorff_alpha_nominal(pooled)
    assert overall.percent_agreement == pytest.approx(percent_agreement(pooled))
    # De Vries et al. 2008 pooled kappa: mean p_o and mean p_e over codes
    parts = []
    for code in ("isolation", "hope"):
        a, b = binary(CODINGS, "ana", code), binary(CODINGS, "ben", code)
        p_o = sum(x == y for x, y in zip(a, b, strict=True)) / 8
        p_e = (sum(a) * sum(b) + (8 - sum(a)) * (8 - sum(b))) / 64
        parts.append((p_o, p_e))
    mean_po = sum(p for p, _ in parts) / 2
    mean_pe = sum(e for _, e in parts) / 2
    assert overall.pooled_kappa == pytest.approx((mean_po - mean_pe) / (1 - mean_pe), abs=1e-12)


def test_uncoded_units_change_the_answer() -> None:
    # Counting only units somebody coded would give a different (lower) agreement.
    few = agreement_per_code(CODINGS, UNITS[:6], ["ana", "ben"]).for_code("isolation")
    full = agreement_per_code(CODINGS, UNITS, ["ana", "ben"]).for_code("isolation")
    assert few.percent_agreement == pytest.approx(3 / 6)
    assert full.percent_agreement == pytest.approx(5 / 8)


def test_agreement_per_code_unused_code_and_three_coders() -> None:
    codings = [*CODINGS, ("s1", "cat", "isolation"), ("s5", "cat", "hope")]
    report = agreement_per_code(
        codings, UNITS, ["ana", "ben", "cat"], codes=["isolation", "hope", "money"]
    )
    money = report.for_code("money")
    assert (money.percent_agreement, money.cohen_kappa, money.krippendorff_alpha) == (
        1.0,
        None,
        None,
    )
    assert money.n_applied == 0
    hope = report.for_code("hope")
    assert hope.cohen_kappa is None  # kappa only for two coders
    matrix = [binary(codings, c, "hope") for c in ("ana", "ben", "cat")]
    assert hope.krippendorff_alpha == krippendorff_alpha_nominal(matrix)
    assert report.overall.pooled_kappa is None and report.overall.n_codes == 3


def test_agreement_per_code_with_assignments() -> None:
    assignments = {"ana": UNITS, "ben": UNITS[:6]}  # ben never saw s7, s8
    report = agreement_per_code(CODINGS, UNITS, ["ana", "ben"], assignments=assignments)
    iso = report.for_code("isolation")
    assert iso.n_units == 6
    a = binary(CODINGS, "ana", "isolation")[:6]
    b = binary(CODINGS, "ben", "isolation")[:6]
    assert iso.cohen_kappa is not None and abs(iso.cohen_kappa - sk_kappa(a, b)) < 1e-9
    assert iso.percent_agreement == pytest.approx(3 / 6)
    with pytest.raises(ValueError, match="without it being assigned"):
        agreement_per_code(
            [*CODINGS, ("s8", "ben", "hope")], UNITS, ["ana", "ben"], assignments=assignments
        )


@pytest.mark.parametrize(
    ("codings", "units", "coders", "codes", "match"),
    [
        ([("zz", "ana", "hope")], UNITS, ["ana", "ben"], None, "defined units"),
        ([("s1", "eve", "hope")], UNITS, ["ana", "ben"], None, "not among the coders"),
        ([], ["s1", "s1"], ["ana", "ben"], None, "duplicate units"),
        ([], UNITS, ["ana"], None, "at least two coders"),
        ([("s1", "ana", "hope")], UNITS, ["ana", "ben"], ["money"], "codebook"),
    ],
)
def test_agreement_per_code_rejects_inconsistent_input(
    codings: list[tuple[str, str, str]],
    units: list[str],
    coders: list[str],
    codes: list[str] | None,
    match: str,
) -> None:
    with pytest.raises(ValueError, match=match):
        agreement_per_code(codings, units, coders, codes=codes)


@settings(max_examples=60, deadline=None)
@given(
    st.sets(
        st.tuples(st.sampled_from(UNITS), st.sampled_from(["ana", "ben"]), st.sampled_from("xyz")),
        max_size=30,
    )
)
def test_agreement_per_code_property(codings: set[tuple[str, str, str]]) -> None:
    triples = sorted(codings)
    report = agreement_per_code(triples, UNITS, ["ana", "ben"], codes=["x", "y", "z"])
    for item in report.per_code:
        a = binary(triples, "ana", str(item.code))
        b = binary(triples, "ben", str(item.code))
        ref = sk_kappa(a, b)
        if math.isnan(ref):
            assert item.cohen_kappa is None
        else:
            assert item.cohen_kappa is not None and abs(item.cohen_kappa - ref) < 1e-9
        assert item.n_units == len(UNITS)
        assert item.krippendorff_alpha == krippendorff_alpha_nominal([a, b])
