"""Inter-coder agreement for qualitative coding of stories on *defined units*.

Tallytale's story coding is only evidence if two people reading the same story (or sentence)
apply the same codes. Agreement is measured on units fixed in advance, and a code that one
coder applied and the other did not is a disagreement, so every unit counts, coded or not.

* Cohen's kappa for two coders (Cohen 1960);
* Krippendorff's alpha, nominal metric, any number of coders, missing data allowed
  (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"; Hayes & Krippendorff
  2007);
* percent agreement (pairwise), reported alongside because readers understand it, although
  it ignores chance agreement;
* per-code binary agreement and a pooled summary (pooled kappa, De Vries et al. 2008).

Plain values in, frozen dataclasses out; no Django, no I/O.
"""

from __future__ import annotations

import math
import numbers
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .i18n import gettext as _

__all__ = [
    "AgreementReport",
    "CodeAgreement",
    "OverallAgreement",
    "agreement_per_code",
    "cohen_kappa",
    "krippendorff_alpha_nominal",
    "percent_agreement",
]


UnitT = TypeVar("UnitT", bound=Hashable)
CoderT = TypeVar("CoderT", bound=Hashable)
CodeT = TypeVar("CodeT", bound=Hashable)


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, numbers.Real) and math.isnan(value))


def _chance_corrected(p_observed: float, p_expected: float) -> float | None:
    if math.isclose(p_expected, 1.0, rel_tol=0.0, abs_tol=1e-15):
        return None
    return (p_observed - p_expected) / (1.0 - p_expected)


def _kappa_parts(labels_a: Sequence[Hashable], labels_b: Sequence[Hashable]) -> tuple[float, float]:
    n = len(labels_a)
    p_o = sum(1 for a, b in zip(labels_a, labels_b, strict=True) if a == b) / n
    count_a, count_b = Counter(labels_a), Counter(labels_b)
    p_e = math.fsum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    return p_o, p_e


def cohen_kappa(labels_a: Sequence[Hashable], labels_b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa for two coders labelling the same units (Cohen 1960).

    kappa = (p_o - p_e) / (1 - p_e), with p_e from each coder's own label distribution.
    Why kappa and not just percent agreement: two coders who rarely apply a code agree on
    "absent" almost everywhere by chance. Matches ``sklearn.metrics.cohen_kappa_score``.

    Returns ``None`` when kappa is undefined (p_e = 1: both coders gave every unit the same
    single label). Missing labels are not allowed (ValueError); drop incomplete pairs first,
    or use ``krippendorff_alpha_nominal``, which handles missing data.
    """
    if len(labels_a) != len(labels_b):
        raise ValueError(f"label lists differ in length ({len(labels_a)} vs {len(labels_b)})")
    if len(labels_a) == 0:
        raise ValueError(_("no units to compare"))
    if any(_is_missing(v) for v in (*labels_a, *labels_b)):
        raise ValueError("missing labels: use krippendorff_alpha_nominal for incomplete data")
    return _chance_corrected(*_kappa_parts(labels_a, labels_b))


def _pairable_units(matrix: Iterable[Iterable[Any]]) -> list[list[Hashable]]:
    """Columns (units) of a coders x units matrix, missing values dropped, 2+ values only."""
    rows = [list(row) for row in matrix]
    if not rows:
        raise ValueError(_("no coders"))
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("every coder's row must have one entry per unit")
    units = []
    for u in range(width):
        values = [row[u] for row in rows if not _is_missing(row[u])]
        if len(values) >= 2:
            units.append(values)
    return units


def krippendorff_alpha_nominal(matrix: Iterable[Iterable[Any]]) -> float | None:
    """Krippendorff's alpha for nominal data (Krippendorff 2011; Hayes & Krippendorff 2007).

    ``matrix`` is coders x units; ``None`` or NaN marks a unit a coder did not code. Any
    number of coders. Why alpha: it handles missing data and more than two coders, and its
    chance correction uses the pooled distribution of values, so it does not reward coders
    for having different biases.

    alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k, where o is the
    coincidence matrix (each unit with m_u >= 2 values adds 1/(m_u - 1) per ordered pair
    of values from different coders) and n_c its margins. Units with fewer than two values
    are not pairable and are ignored.

    Returns ``None`` when undefined: no pairable values, or only one value ever used
    (no variation, so expected disagreement is 0).
    """
    coincidences: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for values in _pairable_units(matrix):
        m = len(values)
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[(c, k)] += pairs / (m - 1)
    margins: defaultdict[Hashable, float] = defaultdict(float)
    for (c, _k), o in coincidences.items():
        margins[c] += o
    n = math.fsum(margins.values())
    if n <= 1:
        return None
    observed = math.fsum(o for (c, k), o in coincidences.items() if c != k)
    expected = n * n - math.fsum(v * v for v in margins.values())
    if expected <= 1e-12:
        return None
    return 1.0 - (n - 1.0) * observed / expected


def percent_agreement(matrix: Iterable[Iterable[Any]]) -> float | None:
    """Share of agreeing coder pairs, averaged over units (a proportion in [0, 1]).

    ``matrix`` is coders x units, missing values allowed as for alpha. For each unit coded by
    at least two coders, the share of coder pairs that gave the same value; then the mean
    over those units. With two coders this is simply the share of units (both coded) on
    which they agree. It ignores chance agreement, so always report it beside kappa/alpha.
    Returns ``None`` if no unit was coded by two coders.
    """
    shares = []
    for values in _pairable_units(matrix):
        m = len(values)
        agreeing = sum(c * (c - 1) for c in Counter(values).values())
        shares.append(agreeing / (m * (m - 1)))
    if not shares:
        return None
    return math.fsum(shares) / len(shares)


@dataclass(frozen=True, slots=True)
class CodeAgreement:
    """Agreement on one code, treated as present/absent on every defined unit.

    ``n_units`` counts the units coded by at least two coders (all units unless
    ``assignments`` left some out); ``n_applied`` the (unit, coder) pairs where the code was
    applied. ``cohen_kappa`` is only computed for exactly two coders.
    """

    code: Hashable
    n_units: int
    n_applied: int
    percent_agreement: float | None
    cohen_kappa: float | None
    krippendorff_alpha: float | None


@dataclass(frozen=True, slots=True)
class OverallAgreement:
    """Agreement over every (unit, code) present/absent decision.

    ``percent_agreement`` and ``krippendorff_alpha`` pool all decisions as one binary
    reliability data set; ``pooled_kappa`` (two coders only) is De Vries et al. 2008:
    (mean p_o - mean p_e) / (1 - mean p_e) over codes.
    """

    n_codes: int
    n_decisions: int
    percent_agreement: float | None
    pooled_kappa: float | None
    krippendorff_alpha: float | None


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Per-code and overall agreement for one double-coding exercise."""

    per_code: tuple[CodeAgreement, ...]
    overall: OverallAgreement
    n_units: int
    coders: tuple[Hashable, ...]

    def for_code(self, code: Hashable) -> CodeAgreement:
        for item in self.per_code:
            if item.code == code:
                return item
        raise KeyError(code)


ItemT = TypeVar("ItemT", bound=Hashable)


def _unique(items: Sequence[ItemT], what: str) -> list[ItemT]:
    out = list(items)
    if len(set(out)) != len(out):
        raise ValueError(f"duplicate {what}")
    return out


def agreement_per_code(
    codings: Iterable[tuple[UnitT, CoderT, CodeT]],
    units: Sequence[UnitT],
    coders: Sequence[CoderT],
    codes: Sequence[CodeT] | None = None,
    assignments: Mapping[CoderT, Collection[UnitT]] | None = None,
) -> AgreementReport:
    """Per-code agreement from ``(unit_id, coder, code)`` triples on defined units.

    Why per code on all units: a codebook is applied code by code, and a code one coder
    used on a story that the other left uncoded is a disagreement. So for each code we
    build the binary present/absent matrix (coders x ``units``) over *all* units, including
    units nobody coded, and compute percent agreement, Cohen's kappa (two coders) and
    Krippendorff's alpha (nominal, which for binary data is the binary alpha). The overall
    figures pool every (unit, code) decision; see ``OverallAgreement``.

    ``units`` are the defined units (whole stories or sentences) every coder was asked to
    code; ``coders`` the coders. ``codes`` lists the codebook (default: the codes that
    appear), so a code nobody used is still reported. ``assignments`` maps coder -> units
    they were given, when not every coder saw every unit; other units are then missing
    for that coder rather than "absent". Codings on unknown units or coders, or on units
    not assigned to that coder, raise ValueError: they mean the unit definitions differ.
    """
    unit_list = _unique(units, "units")
    coder_list = _unique(coders, "coders")
    if len(coder_list) < 2:
        raise ValueError(_("agreement needs at least two coders"))
    unit_index = {u: i for i, u in enumerate(unit_list)}
    coder_index = {c: i for i, c in enumerate(coder_list)}
    if assignments is not None:
        unknown = set(assignments) - set(coder_list)
        if unknown:
            raise ValueError(
                _("assignments name unknown coders: %(coders)s")
                % {"coders": sorted(map(str, unknown))}
            )
        seen = {
            coder: {unit_index[u] for u in assignments.get(coder, ()) if u in unit_index}
            for coder in coder_list
        }
        for coder in coder_list:
            stray = [u for u in assignments.get(coder, ()) if u not in unit_index]
            if stray:
                raise ValueError(
                    _("coder %(coder)s assigned unknown units: %(units)s")
                    % {"coder": repr(coder), "units": stray[:5]}
                )
    else:
        seen = {coder: set(range(len(unit_list))) for coder in coder_list}

    applied: dict[CodeT, set[tuple[int, int]]] = {}
    for unit, coder, code in codings:
        if unit not in unit_index:
            raise ValueError(
                _("coding on unit %(unit)s, which is not among the defined units")
                % {"unit": repr(unit)}
            )
        if coder not in coder_index:
            raise ValueError(
                _("coding by %(coder)s, who is not among the coders") % {"coder": repr(coder)}
            )
        if unit_index[unit] not in seen[coder]:
            raise ValueError(
                _("coder %(coder)s coded unit %(unit)s without it being assigned")
                % {"coder": repr(coder), "unit": repr(unit)}
            )
        applied.setdefault(code, set()).add((coder_index[coder], unit_index[unit]))

    code_list = _unique(codes, "codes") if codes is not None else list(applied)
    stray_codes = set(applied) - set(code_list)
    if stray_codes:
        raise ValueError(
            _("codings use codes not in the codebook: %(codes)s")
            % {"codes": sorted(map(str, stray_codes))}
        )

    def matrix_for(code: CodeT) -> list[list[int | None]]:
        present = applied.get(code, set())
        return [
            [
                (1 if (ci, ui) in present else 0) if ui in seen[coder] else None
                for ui in range(len(unit_list))
            ]
            for ci, coder in enumerate(coder_list)
        ]

    two_coders = len(coder_list) == 2
    per_code: list[CodeAgreement] = []
    pooled: list[list[int | None]] = [[] for _ in coder_list]
    kappa_parts: list[tuple[float, float]] = []
    for code in code_list:
        matrix = matrix_for(code)
        for row, extra in zip(pooled, matrix, strict=True):
            row.extend(extra)
        n_units = len(_pairable_units(matrix))
        kappa: float | None = None
        if two_coders:
            both = [(a, b) for a, b in zip(*matrix, strict=True) if a is not None and b is not None]
            if both:
                a_labels, b_labels = [a for a, _ in both], [b for _, b in both]
                parts = _kappa_parts(a_labels, b_labels)
                kappa_parts.append(parts)
                kappa = _chance_corrected(*parts)
        per_code.append(
            CodeAgreement(
                code=code,
                n_units=n_units,
                n_applied=len(applied.get(code, ())),
                percent_agreement=percent_agreement(matrix),
                cohen_kappa=kappa,
                krippendorff_alpha=krippendorff_alpha_nominal(matrix),
            )
        )

    pooled_kappa: float | None = None
    if kappa_parts:
        mean_po = math.fsum(p for p, _ in kappa_parts) / len(kappa_parts)
        mean_pe = math.fsum(e for _, e in kappa_parts) / len(kappa_parts)
        pooled_kappa = _chance_corrected(mean_po, mean_pe)
    overall = OverallAgreement(
        n_codes=len(code_list),
        n_decisions=len(_pairable_units(pooled)),
        percent_agreement=percent_agreement(pooled),
        pooled_kappa=pooled_kappa,
        krippendorff_alpha=krippendorff_alpha_nominal(pooled),
    )
    return AgreementReport(
        per_code=tuple(per_code),
        overall=overall,
        n_units=len(unit_list),
        coders=tuple(coder_list),
    )
