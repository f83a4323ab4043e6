"""Scoring of the validated scales Tallytale ships: SWEMWBS, ONS4, time-credit outcomes.

Pure functions over plain values: item answers in, frozen dataclasses out.

SWEMWBS (Short Warwick-Edinburgh Mental Wellbeing Scale): 7 items scored 1 ("None of the
time") to 5 ("All of the time"); the raw sum (7-35) is converted to the metric score with
the official conversion table published by the University of Warwick (Stewart-Brown et al.
2009, Health and Quality of Life Outcomes 7:15), kept as data in
`tallytale/core/data/swemwbs_metric.csv` (see README-swemwbs.md beside it). SWEMWBS is
copyright NHS Health Scotland, University of Warwick and University of Edinburgh; it is
free to use and users are asked to register their use.

Missing-item rule (Tallytale's, stated so results are reproducible): a SWEMWBS response
with all 7 items is scored as is. With exactly one item missing, the missing item is
imputed as the mean of the other six (so raw = round-half-up(mean * 7)) and the score is
flagged `imputed`; with two or more missing, no score is given. Check the current
Warwick user guide before publishing if your funder prescribes a different rule.

ONS4 personal wellbeing (ONS harmonised standard): four 0-10 questions reported
separately, never summed, with ONS's bands: life satisfaction, worthwhile and happiness
0-4 low, 5-6 medium, 7-8 high, 9-10 very high; anxiety 0-1 very low, 2-3 low,
4-5 medium, 6-10 high.

Time-credit outcomes: retrospective five-point agreement items (1 strongly disagree ..
5 strongly agree); "agree" or "strongly agree" counts as a positive outcome, as in the
Spice/Apteligen (2014) and Tempo (2022) evaluations.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .i18n import gettext as _

SWEMWBS_ITEMS: tuple[str, ...] = tuple(f"swemwbs_{i}" for i in range(1, 8))
ONS4_ITEMS: tuple[str, ...] = ("ons4_life", "ons4_worthwhile", "ons4_happy", "ons4_anxious")
TC_MEMBER_ITEMS: tuple[str, ...] = (
    "tc_quality_of_life",
    "tc_healthier",
    "tc_doctor_less",
    "tc_new_friends",
    "tc_contribute",
)
#: the partner organisations' questionnaire (answered by an organisation, not a person):
#: improved access with the same resources (Spice/Apteligen 2014's 48% figure), new
#: volunteers, reaching new people, and delivering with the same or fewer resources
TC_PARTNER_ITEMS: tuple[str, ...] = (
    "tc_partner_access",
    "tc_partner_volunteers",
    "tc_partner_reach",
    "tc_partner_resources",
)
#: the organisational capacity self-assessment: five domains, each 1 (not yet) to 5 (strong)
CAPACITY_DOMAINS: tuple[str, ...] = (
    "cap_governance",
    "cap_volunteers",
    "cap_partnerships",
    "cap_evidence",
    "cap_sustainability",
)


@lru_cache(maxsize=1)
def swemwbs_table() -> dict[int, float]:
    """The raw -> metric conversion table (read once from package data)."""
    text = resources.files("tallytale.core.data").joinpath("swemwbs_metric.csv").read_text()
    table = {
        int(r["raw_score"]): float(r["metric_score"]) for r in csv.DictReader(io.StringIO(text))
    }
    if sorted(table) != list(range(7, 36)):
        raise ValueError("swemwbs_metric.csv must cover raw scores 7..35")
    return table


@dataclass(frozen=True)
class SwemwbsScore:
    raw: int | None
    metric: float | None
    items_answered: int
    imputed: bool


def _item(v: object, low: int, high: int) -> int | None:
    """An answer as an integer in [low, high]; anything else counts as missing."""
    if v is None or v == "":
        return None
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if math.isnan(f) or not f.is_integer() or not low <= f <= high:
        return None
    return int(f)


def score_swemwbs(items: Sequence[object]) -> SwemwbsScore:
    """Score the 7 SWEMWBS items (in order). See the module docstring for missing items."""
    if len(items) != 7:
        raise ValueError("SWEMWBS has 7 items")
    values = [_item(v, 1, 5) for v in items]
    present = [v for v in values if v is not None]
    n = len(present)
    if n == 7:
        raw = sum(present)
        return SwemwbsScore(raw, swemwbs_table()[raw], 7, False)
    if n == 6:
        raw = math.floor(sum(present) / 6 * 7 + 0.5)
        return SwemwbsScore(raw, swemwbs_table()[raw], 6, True)
    return SwemwbsScore(None, None, n, False)


def ons4_band(item: str, value: int) -> str:
    """ONS reporting band for one ONS4 answer (0-10)."""
    if not 0 <= value <= 10:
        raise ValueError(_("ONS4 answers are 0-10"))
    if item == "ons4_anxious":
        if value <= 1:
            return "very low"
        if value <= 3:
            return "low"
        if value <= 5:
            return "medium"
        return "high"
    if item not in ONS4_ITEMS:
        raise ValueError(_("not an ONS4 item: %(item)s") % {"item": item})
    if value <= 4:
        return "low"
    if value <= 6:
        return "medium"
    if value <= 8:
        return "high"
    return "very high"


@dataclass(frozen=True)
class ItemScore:
    item: str
    value: float | None
    band: str


def score_ons4(answers: Mapping[str, object]) -> list[ItemScore]:
    """Each ONS4 item with its band; ONS publishes no composite, so neither do we."""
    out = []
    for item in ONS4_ITEMS:
        v = _item(answers.get(item), 0, 10)
        out.append(
            ItemScore(
                item, None if v is None else float(v), "" if v is None else ons4_band(item, v)
            )
        )
    return out


AGREEMENT = {1: "strongly disagree", 2: "disagree", 3: "neither", 4: "agree", 5: "strongly agree"}


def score_agreement(answers: Mapping[str, object], items: Sequence[str]) -> list[ItemScore]:
    """Five-point agreement items: value 1-5, band 'positive' for agree/strongly agree."""
    out = []
    for item in items:
        v = _item(answers.get(item), 1, 5)
        band = "" if v is None else ("positive" if v >= 4 else "not positive")
        out.append(ItemScore(item, None if v is None else float(v), band))
    return out


@dataclass(frozen=True)
class ScaleResult:
    """One computed score: `scale` names it (e.g. swemwbs_metric, ons4_life)."""

    scale: str
    value: float | None
    raw: float | None = None
    band: str = ""
    imputed: bool = False


def score_all(answers: Mapping[str, object], names: frozenset[str] | set[str]) -> list[ScaleResult]:
    """Every scale whose items are all present among the instrument's question `names`.

    `answers` maps item name -> answer; forms opt in by naming questions `swemwbs_1..7`,
    `ons4_life` etc., so a community researcher's own XLSForm is scored the same way.
    """
    out: list[ScaleResult] = []
    if set(SWEMWBS_ITEMS) <= names:
        s = score_swemwbs([answers.get(i) for i in SWEMWBS_ITEMS])
        out.append(ScaleResult("swemwbs", s.metric, s.raw, "", s.imputed))
    if set(ONS4_ITEMS) <= names:
        out += [ScaleResult(i.item, i.value, i.value, i.band) for i in score_ons4(answers)]
    # the partner questionnaire's first version asked only tc_partner_access: score what a
    # version asks
    partner = tuple(i for i in TC_PARTNER_ITEMS if i in names)
    for items in (TC_MEMBER_ITEMS, partner):
        if items and set(items) <= names:
            out += [
                ScaleResult(i.item, i.value, i.value, i.band)
                for i in score_agreement(answers, items)
            ]
    return out


def positive_share(values: Sequence[float | None]) -> tuple[int, int]:
    """(positive, answered) for agreement items: a count and its denominator, for a
    Wilson interval downstream."""
    answered = [v for v in values if v is not None]
    return sum(1 for v in answered if v >= 4), len(answered)
