"""Many ledger operations in one transaction with a constant number of queries (imports, the
demo generator): the same planner as single operations (`core.ledger.plan`), so every rule
holds; any bad item refuses the whole batch and every bad item is reported; items whose
key was already applied are skipped, so re-running a batch is harmless."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from tallytale.core import ledger as ledger_rules
from tallytale.core.ledger import Kind, LedgerError
from tallytale.ledger.services import _batch_error, _partner, _today
from tallytale.programmes.models import Organisation, Person, Project
from tallytale.programmes.permissions import Actor, require

from .models import Account, Contribution, Transfer


class _P(NamedTuple):
    pk: int
    code: str
    home_project_id: int


class _A(NamedTuple):
    pk: int
    person_id: int | None
    organisation_id: int | None
    project_id: int
    owner: str
    balance: int
    min_balance: int | None


@dataclass(frozen=True)
class Op:
    """One request in a batch: `earn` (hours), `spend` or `gift` (credits), all in minutes."""

    kind: str
    person: str
    minutes: int
    key: str
    partner: str = ""
    to: str = ""
    day: dt.date | None = None
    category: str = ""


@dataclass
class BatchResult:
    written: int = 0
    skipped: int = 0  # idempotency keys already applied
    transfer_ids: list[int] = field(default_factory=list)


#: a batch at least this long first refreshes PostgreSQL's statistics of the ledger tables
ANALYZE_FROM = 1000


def _fresh_statistics(size: int) -> None:
    """Refresh the planner's statistics of the ledger's tables before a large batch reads them.

    An import is one transaction, so the rows its earlier chunks wrote are invisible to
    autovacuum; a table last analysed while (nearly) empty then looks empty to the planner,
    which joins contributions to transfers by nested loops and a 100,000-row import's
    daily-limit sums run for minutes instead of a second. ANALYZE inside the transaction
    counts its own rows (and costs a fraction of a second)."""
    if connection.vendor != "postgresql" or size < ANALYZE_FROM:
        return
    tables = ", ".join(
        connection.ops.quote_name(m._meta.db_table) for m in (Contribution, Transfer, Account)
    )
    with connection.cursor() as cur:
        cur.execute(f"ANALYZE {tables}")


def record_batch(
    ops: Sequence[Op],
    *,
    actor: Actor,
    today: dt.date | None = None,
    project: Project | None = None,
) -> BatchResult:
    """Apply many operations in one transaction with a constant number of queries.

    Every rule of the single-operation functions holds; any bad item refuses the whole
    batch and every bad item is reported. Items whose key was already applied are skipped,
    so re-running a batch is harmless. A batch for a project (imports, the web) may name
    only that project's members and earning partners; only an operator may run a batch
    across projects (the demo generator).
    """
    if project is not None:
        require(actor, "ledger.record", project)
    elif not actor.is_operator:
        raise PermissionDenied(gettext("a batch of ledger operations must name its project"))
    today = today or _today()
    errors: list[tuple[int, str]] = []
    keys = [op.key for op in ops]
    if len(set(keys)) != len(keys):
        seen: set[str] = set()
        for i, k in enumerate(keys):
            if k in seen:
                errors.append(
                    (i, gettext("key %(key)s repeated within the batch") % {"key": repr(k)})
                )
            seen.add(k)
    codes = {op.person for op in ops} | {op.to for op in ops if op.to}
    people = {
        r[1]: _P(*r)
        for r in Person.objects.filter(code__in=codes, erased_at__isnull=True).values_list(
            "pk", "code", "home_project_id"
        )
    }
    partners = {
        o.slug: o
        for o in Organisation.objects.select_related("project").filter(
            slug__in={op.partner for op in ops if op.partner}
        )
    }
    schemes = {
        pk: ledger_rules.Scheme(pk, slug, programme)
        for pk, slug, programme in Project.objects.values_list("pk", "slug", "programme_id")
    }
    in_project: set[str] | None = None
    if project is not None:
        in_project = set(
            Person.objects.filter(
                code__in=codes, memberships__project=project, erased_at__isnull=True
            ).values_list("code", flat=True)
        )
    with transaction.atomic():
        done_keys = set()
        for chunk in _chunks(keys, 900):
            done_keys.update(
                Transfer.objects.filter(idempotency_key__in=chunk).values_list(
                    "idempotency_key", flat=True
                )
            )
        person_ids = [p.pk for p in people.values()]
        org_ids = [o.pk for o in partners.values()]
        project_ids = {o.project_id for o in partners.values()}
        accounts = [
            _A(*r)
            for r in Account.objects.select_for_update()
            .filter(
                Q(person_id__in=person_ids)
                | Q(organisation_id__in=org_ids)
                | Q(project_id__in=project_ids, owner=Account.Owner.ISSUANCE)
            )
            .order_by("pk")
            .values_list(
                "pk",
                "person_id",
                "organisation_id",
                "project_id",
                "owner",
                "balance",
                "min_balance",
            )
        ]
        by_person = {a.person_id: a for a in accounts if a.person_id}
        by_org = {a.organisation_id: a for a in accounts if a.organisation_id}
        issuance = {a.project_id: a for a in accounts if a.owner == Account.Owner.ISSUANCE}
        balances = {a.pk: a.balance for a in accounts}
        floors = {a.pk: a.min_balance for a in accounts}
        start = dict(balances)
        days: dict[tuple[int, dt.date], int] = defaultdict(int)  # (member account, day)
        earn_days = {
            (people[op.person].pk, op.day or today)
            for op in ops
            if op.kind == Kind.EARN and op.person in people
        }
        if earn_days:
            _fresh_statistics(len(ops))
            for row in (
                Contribution.objects.filter(
                    person_id__in={p for p, _ in earn_days},
                    day__in={d for _, d in earn_days},
                    transfer__reversed_by__isnull=True,
                )
                .values("person_id", "day")
                .annotate(s=Sum("minutes"))
            ):
                days[(by_person[row["person_id"]].pk, row["day"])] = row["s"]
        # rows as plain tuples: (debit, credit, amount, kind, category, key, day, contribution#)
        rows: list[tuple] = []
        contributions: list[tuple[int, int, dt.date, int, str]] = []
        auto_issue: dict[int, list] = {}  # partner account -> [minutes, first day, keys, issuance]
        # one set of facts for the whole batch: the planner reads the same mappings the
        # loop keeps up to date; partners and members are described once each
        facts = ledger_rules.Facts(balances, floors, today, given=days)
        partner_facts: dict[int, ledger_rules.Partner] = {}
        members: dict[int, ledger_rules.Member] = {}

        def partner_of(org: Organisation) -> ledger_rules.Partner:
            if org.pk not in partner_facts:
                iss = issuance.get(org.project_id)
                partner_facts[org.pk] = _partner(org, by_org[org.pk].pk, iss.pk if iss else None)
            return partner_facts[org.pk]

        def member_of(person: _P) -> ledger_rules.Member:
            if person.pk not in members:
                members[person.pk] = ledger_rules.Member(by_person[person.pk].pk, person.code)
            return members[person.pk]

        for i, op in enumerate(ops):
            if op.key in done_keys:
                continue
            try:
                day = op.day or today
                ledger_rules.check_not_future(day, today)
                person = people.get(op.person)
                if person is None or (in_project is not None and op.person not in in_project):
                    where = f" in {project.slug!r}" if project is not None else ""
                    raise LedgerError(
                        gettext("no person %(person)s%(where)s")
                        % {"person": repr(op.person), "where": where}
                    )
                member = member_of(person)
                scope = schemes[project.pk if project is not None else person.home_project_id]
                if op.kind == Kind.EARN:
                    org = partners.get(op.partner)
                    if org is None or (project is not None and org.project_id != project.pk):
                        where = f" in {project.slug!r}" if project is not None else ""
                        raise LedgerError(
                            gettext("no partner %(partner)s%(where)s")
                            % {"partner": repr(op.partner), "where": where}
                        )
                    operation = ledger_rules.Earn(
                        member, partner_of(org), op.minutes, day, op.category
                    )
                elif op.kind == Kind.SPEND:
                    org = partners.get(op.partner)
                    if org is None:
                        raise LedgerError(
                            gettext("no partner %(partner)s") % {"partner": repr(op.partner)}
                        )
                    operation = ledger_rules.Spend(
                        member, partner_of(org), op.minutes, day, scope, op.category
                    )
                elif op.kind == Kind.GIFT:
                    other = people.get(op.to)
                    if other is None:
                        raise LedgerError(gettext("no person %(to)s") % {"to": repr(op.to)})
                    operation = ledger_rules.Gift(
                        member,
                        member_of(other),
                        schemes[other.home_project_id],
                        op.minutes,
                        day,
                        scope,
                        op.category,
                    )
                else:
                    raise LedgerError(f"unknown operation {op.kind!r}")
                postings = ledger_rules.plan(operation, facts)
            except LedgerError as exc:
                errors.append((i, str(exc)))
                continue
            for p in postings:
                balances[p.debit] -= p.amount
                balances[p.credit] += p.amount
                if p.kind == Kind.ISSUE:  # the automatic issue before an earn
                    entry = auto_issue.setdefault(p.credit, [0, day, [], p.debit])
                    entry[0] += p.amount
                    entry[1] = min(entry[1], day)
                    entry[2].append(op.key)
                    continue
                ci = None
                if p.kind == Kind.EARN:
                    days[(p.credit, day)] += p.amount
                    contributions.append((person.pk, org.pk, day, p.amount, op.category))
                    ci = len(contributions) - 1
                rows.append((p.debit, p.credit, p.amount, p.kind, op.category, op.key, day, ci))
        if errors:
            raise _batch_error(errors)
        # One automatic issue per unbudgeted partner per batch, written before its earns;
        # its key is derived from the earns it funds, so a re-run batch writes it once.
        issues = [
            (iss, o, minutes, Kind.ISSUE, "auto", "auto-issue:" + _digest(keys), first, None)
            for o, (minutes, first, keys, iss) in sorted(auto_issue.items())
        ]
        rows = issues + rows
        ids = _write_batch(rows, contributions, actor)
        changed = [(balances[a.pk], a.pk) for a in accounts if balances[a.pk] != start[a.pk]]
        with connection.cursor() as cur:
            cur.executemany("UPDATE ledger_account SET balance = %s WHERE id = %s", changed)
    return BatchResult(
        written=len(rows),
        skipped=sum(1 for op in ops if op.key in done_keys),
        transfer_ids=ids,
    )


def _digest(keys: list[str]) -> str:
    import hashlib

    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()[:40]


def _allocate_ids(table: str, n: int) -> list[int]:
    """Reserve `n` primary keys, so a batch can link rows without a round trip per row.

    PostgreSQL: from the table's identity sequence. SQLite: the batch holds the write lock
    (BEGIN IMMEDIATE), so the next ids after the highest ever issued are ours.
    """
    if n == 0:
        return []
    assert table in ("ledger_transfer", "ledger_contribution")  # internal names only
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",  # noqa: S608
                [n],
            )
            return [r[0] for r in cur.fetchall()]
        cur.execute(
            f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0), "  # noqa: S608
            f"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        first = cur.fetchone()[0] + 1
        return list(range(first, first + n))


def _write_batch(rows: list[tuple], contributions: list[tuple], actor: Actor) -> list[int]:
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    user_id = getattr(actor.user, "pk", None)
    c_ids = _allocate_ids("ledger_contribution", len(contributions))
    t_ids = _allocate_ids("ledger_transfer", len(rows))
    with connection.cursor() as cur:
        if contributions:
            cur.executemany(
                "INSERT INTO ledger_contribution (id, person_id, partner_id, day, minutes, activity, recorded_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (cid, p, o, ops.adapt_datefield_value(d), m, a, now)
                    for cid, (p, o, d, m, a) in zip(c_ids, contributions)
                ],
            )
        cur.executemany(
            "INSERT INTO ledger_transfer (id, debit_id, credit_id, amount, kind, category, idempotency_key, "
            "occurred_on, recorded_at, recorded_by_id, recorded_by_label, contribution_id, reverses_id, note) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, NULL, '')",
            [
                (
                    tid,
                    d,
                    c,
                    amount,
                    str(kind),
                    category,
                    key,
                    ops.adapt_datefield_value(day),
                    now,
                    user_id,
                    actor.label,
                    None if ci is None else c_ids[ci],
                )
                for tid, (d, c, amount, kind, category, key, day, ci) in zip(t_ids, rows)
            ],
        )
    return t_ids


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
