"""Demo surveys: built-in instruments, three waves, and responses whose change depends on
how involved each member was.

The model, in standard-deviation units of wellbeing: each member has a baseline level
`w0` (lower in projects serving people facing more hardship), and at each follow-up a
change `d = 0.55 * involvement - 0.12 + person noise + wave noise`, where involvement is
`log(1 + hours given so far) / log(1 + 40)`, capped at 1.5. So more involved members
improve more on average, a member who gave nothing tends to drift slightly down, and
noise makes some involved members worse too. Item answers come from `w0 + d` plus item
noise: SWEMWBS items 1-5 (scored through the real conversion table by the surveys app),
ONS4 items 0-10 with UK-like means.

Response: about 75% of eligible members answer at baseline, 55% at 6 months and 40% at
12 months ("eligible" = joined long enough ago to have reached the milestone), with the
more involved and those who answered before likelier to answer again (selective attrition,
as in real programmes).

The time-credit outcomes questionnaire is asked at 12 months. Each item's agreement is a
logistic model of involvement, wellbeing change and project, with intercepts calibrated so
the 12-month respondents agree at about the rates the Spice/Apteligen (2014) evaluation
published: quality of life 65%, healthier 45%, doctor less 19%, new friends 71%,
contribute more 76%. Every member has a latent answer (the survey reveals it only for
respondents), which `stories` uses to link what people say to what they tell.

Responses are written through `surveys.responses.import_responses`, the validated bulk
path (executemany; no per-row ORM saves).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from tallytale.surveys import responses as surveys_responses
from tallytale.surveys import services as surveys
from tallytale.surveys.responses import RawRow

from .people import Member

INSTRUMENTS = ("swemwbs", "ons4", "time_credit_member", "time_credit_partner")
WAVES = (
    # name, label, days after joining, days after programme start the wave opens
    ("baseline", "Baseline (on joining)", 0, 0),
    ("6-months", "6 months", 182, 182),
    ("12-months", "12 months", 365, 365),
)
RESPONSE_RATES = {"baseline": 0.75, "6-months": 0.55, "12-months": 0.40}
# undoes the mean of the follow-up propensity factors below, so the rates above hold overall
FOLLOW_UP_SCALE = {"6-months": 1.18, "12-months": 1.33}
TC_GROUP = "since_involved"  # the built-in's group: answers are keyed by question path
#: published agreement rates (Spice/Apteligen 2014) the 12-month answers are calibrated to
TC_TARGETS = {
    "tc_quality_of_life": 0.65,
    "tc_healthier": 0.45,
    "tc_doctor_less": 0.19,
    "tc_new_friends": 0.71,
    "tc_contribute": 0.76,
}
# item -> (weight of involvement, weight of wellbeing change)
TC_WEIGHTS = {
    "tc_quality_of_life": (0.8, 1.6),
    "tc_healthier": (0.5, 1.2),
    "tc_doctor_less": (0.3, 0.8),
    "tc_new_friends": (1.8, 0.4),
    "tc_contribute": (1.4, 0.3),
}
# project -> item -> logit offset: what each project is known for
TC_PROJECT = {
    "deaf-peer-support": {"tc_new_friends": 0.5, "tc_doctor_less": -0.2},
    "sanctuary-researchers": {"tc_contribute": 0.4, "tc_doctor_less": -0.4, "tc_healthier": -0.3},
    "cwm-time-credits": {"tc_contribute": 0.2},
    "lunch-club": {"tc_new_friends": 0.7, "tc_healthier": 0.2},
    "youth-voice": {"tc_quality_of_life": 0.2, "tc_contribute": -0.3, "tc_doctor_less": -0.3},
}
BASELINE_LEVEL = {
    "deaf-peer-support": -0.25,
    "sanctuary-researchers": -0.45,
    "cwm-time-credits": 0.0,
    "lunch-club": -0.15,
    "youth-voice": -0.2,
}


@dataclass
class MemberOutcome:
    """Ground truth for one member (latent), and what the surveys observed."""

    w0: float
    change: float  # latent wellbeing change at the member's last milestone (sd units)
    hours: float  # hours given by today
    tc: dict[str, bool] = field(default_factory=dict)  # latent agreement, every member
    waves: dict[str, dt.date] = field(default_factory=dict)  # wave -> day answered
    swemwbs: dict[str, float] = field(default_factory=dict)  # wave -> metric score

    @property
    def answered_outcomes(self) -> bool:
        return "12-months" in self.waves


@dataclass
class SurveyOutcomes:
    responses: int
    by_code: dict[str, MemberOutcome]


def involvement(hours: float) -> float:
    return min(math.log1p(hours) / math.log1p(40), 1.5)


def _clamp(x: float, lo: int, hi: int) -> int:
    return lo if x < lo else hi if x > hi else int(round(x))


def setup(start: dt.date, today: dt.date, slugs: list[str]) -> None:
    """Install the built-in instruments and create the three waves in every project."""
    for slug in slugs:
        for key in INSTRUMENTS:
            surveys.install_builtin(key, slug, actor_label="demo")
        for position, (name, label, _, opens) in enumerate(WAVES):
            surveys.create_wave(
                slug,
                name,
                label=label,
                opens_on=start + dt.timedelta(days=opens),
                closes_on=today,
                position=position,
            )


def _swemwbs(rng: random.Random, w: float) -> dict[str, str]:
    return {
        f"swemwbs_{i}": str(_clamp(3.35 + 0.62 * w + rng.gauss(0, 0.6), 1, 5)) for i in range(1, 8)
    }


def _ons4(rng: random.Random, w: float) -> dict[str, str]:
    return {
        "ons4_life": str(_clamp(6.9 + 1.3 * w + rng.gauss(0, 1.1), 0, 10)),
        "ons4_worthwhile": str(_clamp(7.3 + 1.1 * w + rng.gauss(0, 1.1), 0, 10)),
        "ons4_happy": str(_clamp(7.0 + 1.3 * w + rng.gauss(0, 1.5), 0, 10)),
        "ons4_anxious": str(_clamp(3.3 - 1.2 * w + rng.gauss(0, 2.0), 0, 10)),
    }


def _agreement(rng: random.Random, positive: bool) -> str:
    if positive:
        return "5" if rng.random() < 0.35 else "4"
    return rng.choices(["3", "2", "1"], [0.5, 0.35, 0.15])[0]


def _when(rng: random.Random, day: dt.date) -> str:
    return f"{day.isoformat()}T{rng.randint(9, 19):02d}:{rng.randint(0, 59):02d}:00+00:00"


def _intercept(linear: np.ndarray, target: float) -> float:
    """The intercept making the mean of sigmoid(intercept + linear) equal `target`."""
    lo, hi = -12.0, 12.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if np.mean(1 / (1 + np.exp(-(mid + linear)))) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def generate(
    rng: random.Random, members: list[Member], today: dt.date, start: dt.date
) -> SurveyOutcomes:
    """Set up instruments and waves and write every demo response; return the outcomes."""
    from . import layout

    setup(start, today, layout.project_slugs())

    by_code: dict[str, MemberOutcome] = {}
    # (project, form, wave) -> rows
    rows: dict[tuple[str, str, str], list[RawRow]] = defaultdict(list)
    persistent: dict[str, float] = {}
    for m in members:
        w0 = rng.gauss(BASELINE_LEVEL[m.project], 1.0)
        persistent[m.code] = rng.gauss(0, 0.3)
        hours_now = m.hours_until(today)
        out = MemberOutcome(w0=w0, change=0.0, hours=hours_now)
        answered_before = False
        for name, _, after, _ in WAVES:
            due = m.joined + dt.timedelta(days=after)
            window = 14 if after == 0 else 28
            day = due + dt.timedelta(days=int(rng.random() * window))
            wave_noise = rng.gauss(0, 0.25)
            z = involvement(m.hours_until(day))
            d = 0.0 if after == 0 else 0.55 * z - 0.12 + persistent[m.code] + wave_noise
            if day > today:
                break
            out.change = d
            if after == 0:
                p = RESPONSE_RATES[name] * (0.85 + 0.3 * min(m.engagement, 2) / 2)
            else:
                # selective attrition: the involved and those who answered before stay
                base = RESPONSE_RATES[name] * FOLLOW_UP_SCALE[name]
                p = base * (0.55 + 0.3 * z) * (1.25 if answered_before else 0.55)
            if rng.random() >= min(p, 0.97):
                answered_before = False
                continue
            answered_before = True
            out.waves[name] = day
            w = w0 + d
            sid = f"demo-{m.code}-{name}"
            when = _when(rng, day)
            sw = _swemwbs(rng, w)
            out.swemwbs[name] = _metric(sw)
            rows[(m.project, "swemwbs", name)].append(RawRow(0, f"{sid}-swemwbs", m.code, when, sw))
            rows[(m.project, "ons4", name)].append(
                RawRow(0, f"{sid}-ons4", m.code, when, _ons4(rng, w))
            )
        if "12-months" not in out.waves and out.waves:
            # the latent change by today, for those not (yet) at 12 months
            z = involvement(hours_now)
            out.change = 0.55 * z - 0.12 + persistent[m.code]
        by_code[m.code] = out

    _outcomes_questionnaire(rng, members, by_code, rows)
    written = 0
    for (slug, form, wave), batch in sorted(rows.items()):
        for line, row in enumerate(batch, start=2):
            row.line = line
        instrument = surveys.get_instrument(form, slug)
        report = surveys_responses.import_responses(
            instrument, batch, wave=wave, actor_label="demo"
        )
        written += report.written
    return SurveyOutcomes(responses=written, by_code=by_code)


def _metric(items: dict[str, str]) -> float:
    from tallytale.core.scales import score_swemwbs

    return score_swemwbs([items[f"swemwbs_{i}"] for i in range(1, 8)]).metric or 0.0


def _outcomes_questionnaire(
    rng: random.Random,
    members: list[Member],
    by_code: dict[str, MemberOutcome],
    rows: dict[tuple[str, str, str], list[RawRow]],
) -> None:
    """Latent time-credit outcomes for everyone; the 12-month respondents' answers."""
    if not members:
        return
    z = np.array([involvement(by_code[m.code].hours) for m in members])
    d = np.array([by_code[m.code].change for m in members])
    z = z - z.mean()
    d = (d - d.mean()) / (d.std() or 1.0)
    person = np.array([rng.gauss(0, 0.6) for _ in members])  # general positivity
    answered = np.array([by_code[m.code].answered_outcomes for m in members])
    calibrate_on = answered if answered.sum() >= 20 else np.ones(len(members), dtype=bool)
    draws = {item: np.array([rng.random() for _ in members]) for item in TC_TARGETS}
    for item, target in TC_TARGETS.items():
        wz, wd = TC_WEIGHTS[item]
        offsets = np.array([TC_PROJECT[m.project].get(item, 0.0) for m in members])
        linear = wz * z + wd * d + person + offsets
        a = _intercept(linear[calibrate_on], target)
        prob = 1 / (1 + np.exp(-(a + linear)))
        positive = draws[item] < prob
        for m, yes in zip(members, positive):
            by_code[m.code].tc[item] = bool(yes)
    for m in members:
        out = by_code[m.code]
        if not out.answered_outcomes:
            continue
        answers = {f"{TC_GROUP}/{item}": _agreement(rng, out.tc[item]) for item in TC_TARGETS}
        when = _when(rng, out.waves["12-months"])
        rows[(m.project, "time_credit_member", "12-months")].append(
            RawRow(0, f"demo-{m.code}-12-months-tc", m.code, when, answers)
        )
