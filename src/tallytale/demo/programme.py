"""The demo programme: a deterministic, believable co-production programme.

It doubles as the test-data factory: tests call `build_programme(seed=..., participants=...)`
for realistic data. Everything is derived from `random.Random(seed)` (one stream per part,
so adding a part never changes the others), and dates are anchored on `today` so the same
seed and day give the same database.

The shape follows published time-credit evaluations: Spice/Apteligen (2014) surveyed over
1,300 members over two years (hence the default size); in Carmarthenshire (2014) 600
members gave 17,500 hours through 70 organisations (about 29 hours each), roughly what a
demo member gives here. Parts, in order: structure (programme, projects, partners,
staff) -> members (`people`) -> ledger activity (this module) -> surveys (`surveys`) ->
stories (`stories`) -> partners' answers and stories (`partners`) -> demo sign-ins (`users`) -> community workflow (`community`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import random
from dataclasses import dataclass, field

from django.db import connection, transaction

from tallytale.audit.services import record
from tallytale.core.ledger import MINUTES_PER_CREDIT, Kind
from tallytale.ledger import batch as ledger_batch
from tallytale.ledger import services as ledger
from tallytale.ledger.batch import Op
from tallytale.programmes import services as people
from tallytale.programmes.models import Project, Role
from tallytale.programmes.permissions import Actor

from .layout import PROJECTS, project_slugs, staff_code
from .people import Member, add_members

PROGRAMME = ("valleys-wellbeing", "Valleys Community Wellbeing Programme")
EARNING = ["community-garden", "food-bank", "library", "care-home", "youth-centre", "repair-cafe"]
SPENDING = ["leisure-centre", "theatre", "cinema", "museum", "swimming-pool", "college"]
ACTIVITIES = ["gardening", "cooking", "befriending", "admin", "events", "peer-support", "repairs"]
SPEND_CATEGORIES = ["leisure", "culture", "learning", "transport"]
#: operations per `record_batch` call: large batches write each index page fewer times;
#: kept well under SQLite's 32,766 bound variables for the batch's look-ups
LEDGER_BATCH = 20_000
SQLITE_CACHE_KIB = 256 * 1024  # page cache while the demo is written
AGE_BANDS = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]


@dataclass
class DemoSummary:
    programme: str
    projects: list[str]
    participants: int
    transfers: int
    contributions: int
    responses: int = 0
    stories: int = 0
    logins: list = field(default_factory=list)  # users.DemoLogin
    password: str = ""
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def stream(seed: int, part: str) -> random.Random:
    """An independent random stream for one part of the demo (str seeds hash stably)."""
    return random.Random(f"tallytale-demo:{seed}:{part}")


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _season(day: dt.date) -> float:
    """More giving in spring and summer, a dip at Christmas."""
    return 1.0 + 0.35 * math.sin((day.timetuple().tm_yday - 80) / 365 * 2 * math.pi)


def build_programme(
    seed: int = 7,
    participants: int = 1300,
    today: dt.date | None = None,
    years: int = 2,
    *,
    surveys: bool = True,
    stories: bool = True,
    users: bool = True,
    community: bool = True,
    progress=None,
) -> DemoSummary:
    """Create the whole demo programme: structure, members, two years of ledger activity,
    survey waves and responses, stories, demo sign-ins and community workflow data.

    The parts after the ledger can be switched off (tests that only need a ledger run
    faster). `progress(message)` is called as each part finishes. The whole demo is
    written in one transaction: all or nothing, and each database page is written once
    (with small transactions, the random index updates of 100,000 members' activity
    rewrite the same pages hundreds of times).
    """
    with _bulk_writes(), transaction.atomic():
        return _build(
            seed, participants, today or dt.date.today(), years, surveys, stories, users,
            community, progress,
        )  # fmt: skip


@contextlib.contextmanager
def _bulk_writes():
    """On SQLite, a larger page cache for this connection while the demo is written."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA cache_size")
        before = cur.fetchone()[0]
        cur.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB:d}")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute(f"PRAGMA cache_size = {int(before):d}")


def _build(
    seed, participants, today, years, surveys, stories, users, community, progress
) -> DemoSummary:
    import time

    timings: dict[str, float] = {}
    t0 = time.perf_counter()

    def done(part: str) -> None:
        nonlocal t0
        now = time.perf_counter()
        timings[part] = round(now - t0, 2)
        t0 = now
        if progress is not None:
            progress(f"{part}: {timings[part]:.1f}s")

    members = _build_ledger(seed, participants, today, years)
    done("people and ledger")
    summary = DemoSummary(
        programme=PROGRAMME[0],
        projects=project_slugs(),
        participants=len(members),
        transfers=0,
        contributions=0,
        timings=timings,
    )
    outcomes = None
    if surveys:
        from . import surveys as demo_surveys

        start = today - dt.timedelta(days=365 * years)
        outcomes = demo_surveys.generate(stream(seed, "surveys"), members, today, start)
        summary.responses = outcomes.responses
        done("surveys")
    if stories:
        from . import stories as demo_stories

        summary.stories = demo_stories.generate(stream(seed, "stories"), members, today, outcomes)
        done("stories")
    if surveys:
        from . import partners as demo_partners

        start = today - dt.timedelta(days=365 * years)
        made = demo_partners.generate(stream(seed, "partners"), today, start)
        summary.responses += made["responses"]
        summary.stories += made["stories"]
        done("partners")
    if users:
        from . import users as demo_users

        summary.password = demo_users.demo_password(seed)
        summary.logins = demo_users.create_logins(members, summary.password)
        done("demo sign-ins")
    if community:
        from . import community as demo_community

        note = demo_community.generate(stream(seed, "community"), members, today, outcomes)
        if note:
            summary.notes.append(note)
        done("community")
    from tallytale.ledger.models import Contribution, Transfer

    summary.transfers = Transfer.objects.count()
    summary.contributions = Contribution.objects.count()
    record(
        "demo.generate",
        actor_label="demo",
        seed=seed,
        participants=participants,
        today=today.isoformat(),
    )
    return summary


def _build_ledger(seed: int, participants: int, today: dt.date, years: int) -> list[Member]:
    """Programme, projects, partners, staff, members and their ledger activity."""
    rng = random.Random(seed)
    start = today - dt.timedelta(days=365 * years)
    actor = Actor.cli("demo")
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
            for role in (Role.COORDINATOR, Role.RESEARCHER, Role.EVALUATOR, Role.ADMIN):
                people.add_person(staff_code(slug, role), slug, role, joined_on=start, actor=actor)
    # a budget for one partner per project, so both funding models appear
    for slug, *_ in PROJECTS:
        ledger.set_budget(
            partners[slug][0][0], 400, key=f"demo:budget:{slug}", actor=actor, today=start
        )

    members: list[Member] = []
    shares = [share for _, _, share, _ in PROJECTS]
    for i in range(participants):
        proj = rng.choices(PROJECTS, weights=shares)[0]
        joined = start + dt.timedelta(days=int(rng.random() ** 1.3 * (365 * years - 30)))
        engagement = rng.lognormvariate(0, 0.8)  # how involved this person becomes
        card = f"CARD{i + 1:06d}" if rng.random() < 0.3 else None
        new = rng.random() < 0.55
        age = rng.choice(AGE_BANDS)
        gender = rng.choices(["woman", "man", "non-binary", ""], [0.52, 0.44, 0.02, 0.02])[0]
        members.append(
            Member(
                code=f"P{i + 1:06d}",
                project=proj[0],
                joined=joined,
                engagement=engagement,
                first_language=_pick(rng, proj[3]),
                card_code=card,
                new_to_volunteering=new,
                age_band=age,
                gender=gender,
                area=rng.choice(["north", "south", "east", "west", "centre"]),
            )
        )
    add_members(members)

    budget_left = {partners[slug][0][0]: 400 * MINUTES_PER_CREDIT for slug, *_ in PROJECTS}
    ops: list[Op] = []
    for member in members:
        code, slug, engagement = member.code, member.project, member.engagement
        earn_partners, spend_partners = partners[slug]
        balance = 0
        day = member.joined
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
            member.earned.append((day, minutes))
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
                other = rng.choice(members).code
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
    for i in range(0, len(ops), LEDGER_BATCH):
        batch = _affordable(ops[i : i + LEDGER_BATCH])
        ledger_batch.record_batch(batch, actor=actor, today=today)
    return members


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


def existing() -> bool:
    return Project.objects.filter(slug=PROJECTS[0][0]).exists()


def stored_seed() -> int | None:
    """The seed the demo in this database was generated from (to print its password)."""
    from tallytale.audit.models import AuditEvent

    event = AuditEvent.objects.filter(action="demo.generate").order_by("-id").first()
    return None if event is None else event.detail.get("seed")
