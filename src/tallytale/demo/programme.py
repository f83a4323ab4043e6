"""The demo programme: a deterministic, believable co-production programme.

It doubles as the test-data factory: tests call `build_programme(seed=..., participants=...)`
for realistic data. Everything is derived from `random.Random(seed)`, and dates are
anchored on `today` so the same seed and day give the same database.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from django.db import transaction

from tallytale.core.ledger import MINUTES_PER_CREDIT, Kind
from tallytale.ledger import services as ledger
from tallytale.ledger.services import Actor, Op
from tallytale.programmes import services as people
from tallytale.programmes.models import Person, Project, Role

PROGRAMME = ("valleys-wellbeing", "Valleys Community Wellbeing Programme")
PROJECTS = [
    # slug, name, share of participants, first language weights
    ("deaf-peer-support", "Deaf Peer Support Group", 0.12, {"bfi": 0.7, "en": 0.3}),
    (
        "sanctuary-researchers",
        "Sanctuary Community Researchers",
        0.18,
        {"ar": 0.4, "en": 0.2, "ti": 0.2, "ps": 0.2},
    ),
    ("cwm-time-credits", "Cwm Valley Time Credits", 0.40, {"en": 0.7, "cy": 0.3}),
    ("lunch-club", "Friday Lunch Club", 0.15, {"en": 0.6, "cy": 0.4}),
    ("youth-voice", "Youth Voice", 0.15, {"en": 0.85, "cy": 0.15}),
]
EARNING = ["community-garden", "food-bank", "library", "care-home", "youth-centre", "repair-cafe"]
SPENDING = ["leisure-centre", "theatre", "cinema", "museum", "swimming-pool", "college"]
ACTIVITIES = ["gardening", "cooking", "befriending", "admin", "events", "peer-support", "repairs"]
SPEND_CATEGORIES = ["leisure", "culture", "learning", "transport"]
AGE_BANDS = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]


@dataclass
class DemoSummary:
    programme: str
    projects: list[str]
    participants: int
    transfers: int
    contributions: int
    notes: list[str] = field(default_factory=list)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _season(day: dt.date) -> float:
    """More giving in spring and summer, a dip at Christmas."""
    return 1.0 + 0.35 * math.sin((day.timetuple().tm_yday - 80) / 365 * 2 * math.pi)


def build_programme(
    seed: int = 7, participants: int = 1300, today: dt.date | None = None, years: int = 2
) -> DemoSummary:
    """Create the programme, projects, partners, people and two years of ledger activity."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    start = today - dt.timedelta(days=365 * years)
    actor = Actor("demo")
    with transaction.atomic():
        people.create_programme(*PROGRAMME)
        for slug, name, *_ in PROJECTS:
            people.create_project(slug, name, PROGRAMME[0])
        partners: dict[str, tuple[list[str], list[str]]] = {}
        for slug, *_ in PROJECTS:
            earn = [f"{slug}-{p}" for p in rng.sample(EARNING, 3)]
            spend = [f"{slug}-{p}" for p in rng.sample(SPENDING, 3)]
            for p in earn:
                people.add_partner(p, slug, "earning", p.replace("-", " ").title())
            for p in spend:
                people.add_partner(p, slug, "spending", p.replace("-", " ").title())
            partners[slug] = (earn, spend)
        for slug, *_ in PROJECTS:
            people.add_person(f"{slug[:3].upper()}-COORD", slug, Role.COORDINATOR, joined_on=start)
            people.add_person(f"{slug[:3].upper()}-RES1", slug, Role.RESEARCHER, joined_on=start)
            people.add_person(f"{slug[:3].upper()}-EVAL", slug, Role.EVALUATOR, joined_on=start)
    # a budget for one partner per project, so both funding models appear
    for slug, *_ in PROJECTS:
        ledger.set_budget(
            partners[slug][0][0], 400, key=f"demo:budget:{slug}", actor=actor, today=start
        )

    members: list[tuple[str, str, dt.date, float]] = []
    shares = [share for _, _, share, _ in PROJECTS]
    with transaction.atomic():
        for i in range(participants):
            proj = rng.choices(PROJECTS, weights=shares)[0]
            code = f"P{i + 1:06d}"
            joined = start + dt.timedelta(days=int(rng.random() ** 1.3 * (365 * years - 30)))
            engagement = rng.lognormvariate(0, 0.8)  # how involved this person becomes
            people.add_person(
                code,
                proj[0],
                joined_on=joined,
                card_code=f"CARD{i + 1:06d}" if rng.random() < 0.3 else None,
                new_to_volunteering=rng.random() < 0.55,
                age_band=rng.choice(AGE_BANDS),
                gender=rng.choices(["woman", "man", "non-binary", ""], [0.52, 0.44, 0.02, 0.02])[0],
                first_language=_pick(rng, proj[3]),
                area=rng.choice(["north", "south", "east", "west", "centre"]),
            )
            members.append((code, proj[0], joined, engagement))

    budget_left = {partners[slug][0][0]: 400 * MINUTES_PER_CREDIT for slug, *_ in PROJECTS}
    ops: list[Op] = []
    for code, slug, joined, engagement in members:
        earn_partners, spend_partners = partners[slug]
        balance = 0
        day = joined
        days_used: set[dt.date] = set()
        while True:
            gap = rng.expovariate(engagement / 21)
            day = day + dt.timedelta(days=max(1, int(gap)))
            if day > today or rng.random() < 0.04 / engagement:
                break  # people drift away, the less involved sooner
            if rng.random() > _season(day) / 1.35:
                continue
            if day in days_used:
                continue
            days_used.add(day)
            minutes = rng.choice([60, 60, 90, 120, 120, 180, 240]) * MINUTES_PER_CREDIT // 60
            where = rng.choice(earn_partners)
            if where in budget_left:
                if budget_left[where] < minutes:
                    where = earn_partners[1]
                else:
                    budget_left[where] -= minutes
            ops.append(
                Op(
                    Kind.EARN,
                    code,
                    minutes,
                    f"demo:{code}:e{len(ops)}",
                    partner=where,
                    day=day,
                    category=rng.choice(ACTIVITIES),
                )
            )
            balance += minutes
            if balance >= 120 and rng.random() < 0.45:
                amount = rng.choice([60, 120, min(balance, 180)])
                amount = min(amount, balance)
                ops.append(
                    Op(
                        Kind.SPEND,
                        code,
                        amount,
                        f"demo:{code}:s{len(ops)}",
                        partner=rng.choice(spend_partners),
                        day=day,
                        category=rng.choice(SPEND_CATEGORIES),
                    )
                )
                balance -= amount
            elif balance >= 60 and rng.random() < 0.04:
                other = rng.choice(members)[0]
                if other != code:
                    ops.append(
                        Op(
                            Kind.GIFT,
                            code,
                            60,
                            f"demo:{code}:g{len(ops)}",
                            to=other,
                            day=day,
                            category="gift",
                        )
                    )
                    balance -= 60
    # apply in date order so every balance is affordable when it happens
    ops.sort(key=lambda op: (op.day, op.key))
    for i in range(0, len(ops), 5000):
        ledger.record_batch(_affordable(ops[i : i + 5000]), actor=actor, today=today)
    from tallytale.ledger.models import Contribution, Transfer

    return DemoSummary(
        programme=PROGRAMME[0],
        projects=[p[0] for p in PROJECTS],
        participants=Person.objects.filter(memberships__role=Role.PARTICIPANT).distinct().count(),
        transfers=Transfer.objects.count(),
        contributions=Contribution.objects.count(),
    )


def _affordable(ops: list[Op]) -> list[Op]:
    """Gifts received later in a batch can make an earlier-planned spend unaffordable when
    ops are re-ordered by date; keep the generator honest by dropping those, not forcing."""
    from tallytale.ledger.models import Account

    codes = {op.person for op in ops}
    bal = dict(
        Account.objects.filter(person__code__in=codes).values_list("person__code", "balance")
    )
    kept = []
    for op in ops:
        if op.kind == Kind.EARN:
            bal[op.person] = bal.get(op.person, 0) + op.minutes
        else:
            if bal.get(op.person, 0) < op.minutes:
                continue
            bal[op.person] -= op.minutes
            if op.kind == Kind.GIFT:
                bal[op.to] = bal.get(op.to, 0) + op.minutes
        kept.append(op)
    return kept


def project_slugs() -> list[str]:
    return [p[0] for p in PROJECTS]


def existing() -> bool:
    return Project.objects.filter(slug=PROJECTS[0][0]).exists()
