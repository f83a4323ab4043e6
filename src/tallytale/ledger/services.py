"""The one way to move time credits.

Every function here runs in a single transaction and either writes everything or nothing.
Concurrency: on PostgreSQL the accounts of a transfer are locked with SELECT ... FOR UPDATE
in ascending id order (a fixed order, so two transfers cannot deadlock); on SQLite every
write transaction starts with BEGIN IMMEDIATE (see settings), so writers queue.
Idempotency: every transfer carries a unique key; repeating a request with the same key
returns the first transfer and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from tallytale.audit.services import record as audit
from tallytale.core import ledger as ledger_rules
from tallytale.core.ledger import Kind, LedgerError, Posting
from tallytale.errors import InputErrors, InvalidInput, NotFound, TallytaleError
from tallytale.programmes.models import Organisation, Person, Project
from tallytale.programmes.permissions import Actor, require
from tallytale.programmes.services import get_member, get_partner, get_partner_in, get_person

from .models import Account, Contribution, Transfer


class IdempotencyConflict(TallytaleError):
    pass


# All-or-nothing batch refused; `errors` lists (index, message) for every bad item.
BatchError = InputErrors


def _batch_error(errors: list[tuple[int, str]]) -> InputErrors:
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return InputErrors(errors, f"item {first[0]}: {first[1]}{more}")


# --- accounts ---------------------------------------------------------------------------


def scheme_accounts(project: Project) -> tuple[Account, Account]:
    """The project's issuance account (no floor) and community pot."""
    issuance, _ = Account.objects.get_or_create(
        project=project, owner=Account.Owner.ISSUANCE, defaults={"min_balance": None}
    )
    pot, _ = Account.objects.get_or_create(
        project=project, owner=Account.Owner.POT, defaults={"min_balance": 0}
    )
    return issuance, pot


def account_for_person(person: Person) -> Account:
    account, _ = Account.objects.get_or_create(
        person=person,
        defaults={
            "owner": Account.Owner.PERSON,
            "project_id": person.home_project_id,
            "min_balance": 0,
        },
    )
    return account


def account_for_organisation(org: Organisation) -> Account:
    account, _ = Account.objects.get_or_create(
        organisation=org,
        defaults={
            "owner": Account.Owner.ORGANISATION,
            "project_id": org.project_id,
            "min_balance": -int(org.overdraft_minutes),
        },
    )
    return account


def _lock(*account_ids: int) -> dict[int, Account]:
    ids = sorted(set(account_ids))
    return {a.pk: a for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _who(account: Account) -> str:
    if account.person_id:
        return f"member {account.person.code}"
    if account.organisation_id:
        return f"partner {account.organisation.slug}"
    return f"{account.get_owner_display().lower()} of {account.project.slug}"


# --- requests ---------------------------------------------------------------------------


def _scope(actor: Actor, capability: str, project: Project | None, fallback: Project) -> Project:
    """The project an operation acts in, with the actor's capability checked there.

    Shells pass the project of the page or endpoint; without one (the command line,
    imports) it is the project the named partner or member belongs to. Either way the
    service checks the capability itself, so a shell that forgets cannot cross a boundary.
    """
    scope = project or fallback
    require(actor, capability, scope)
    return scope


def _member(scope: Project, code: str) -> Person:
    try:
        return get_member(scope, code)
    except NotFound:
        raise NotFound(f"no member {code!r} in project {scope.slug!r}") from None


def _projects_of(t: Transfer) -> set[int]:
    return set(
        Account.objects.filter(pk__in=(t.debit_id, t.credit_id)).values_list(
            "project_id", flat=True
        )
    )


def _existing(key: str) -> Transfer | None:
    return Transfer.objects.filter(idempotency_key=key).first()


def _same_request(t: Transfer, debit_id: int, credit_id: int, amount: int, kind: str) -> bool:
    return (t.debit_id, t.credit_id, t.amount, t.kind) == (debit_id, credit_id, amount, kind)


def _idempotent(key: str, check) -> Transfer | None:
    t = _existing(key)
    if t is not None and check is not None and not check(t):
        raise IdempotencyConflict(
            f"key {key!r} was already used for a different transfer (#{t.pk})"
        )
    return t


def _post(
    debit: Account,
    credit: Account,
    amount: int,
    kind: str,
    key: str,
    actor: Actor,
    occurred_on: dt.date,
    category: str = "",
    contribution: Contribution | None = None,
    reverses: Transfer | None = None,
    note: str = "",
) -> Transfer:
    """Write one planned transfer on already-locked accounts (the planner checked the
    floor against these locked balances; the database CHECK constraint backs it up)."""
    t = Transfer.objects.create(
        debit=debit,
        credit=credit,
        amount=amount,
        kind=kind,
        category=category,
        idempotency_key=key,
        occurred_on=occurred_on,
        recorded_by=actor.user,
        recorded_by_label=actor.label,
        contribution=contribution,
        reverses=reverses,
        note=note,
    )
    debit.balance -= amount
    credit.balance += amount
    Account.objects.filter(pk=debit.pk).update(balance=debit.balance)
    Account.objects.filter(pk=credit.pk).update(balance=credit.balance)
    return t


def _retrying_key(fn, key: str):
    """Run `fn` in a transaction; if a concurrent request with the same key won the race,
    return the transfer it wrote instead of failing."""
    try:
        with transaction.atomic():
            return fn()
    except IntegrityError:
        t = _existing(key)
        if t is None:
            raise
        return t


def _today() -> dt.date:
    return timezone.localdate()


def _active_minutes_on(person: Person, day: dt.date) -> int:
    """Minutes already credited to a person for a day, ignoring reversed contributions."""
    return (
        Contribution.objects.filter(
            person=person, day=day, transfer__reversed_by__isnull=True
        ).aggregate(s=Sum("minutes"))["s"]
        or 0
    )


# --- facts for the planner ---------------------------------------------------------------


def _scheme(project: Project) -> ledger_rules.Scheme:
    return ledger_rules.Scheme(project.pk, project.slug, project.programme_id)


def _partner(org: Organisation, account: int, issuance: int | None = None) -> ledger_rules.Partner:
    return ledger_rules.Partner(
        account=account,
        slug=org.slug,
        scheme=_scheme(org.project),
        earns=org.earns,
        spends=org.spends,
        budgeted=org.budgeted,
        issuance=issuance,
    )


def _facts(locked: dict[int, Account], today: dt.date, **more) -> ledger_rules.Facts:
    """The planner's facts from accounts locked for this transaction."""
    return ledger_rules.Facts(
        balances={pk: a.balance for pk, a in locked.items()},
        floors={pk: a.min_balance for pk, a in locked.items()},
        today=today,
        **more,
    )


def _parties(t: Transfer, kind: str, amount: int, debit: tuple, credit: tuple) -> bool:
    """Is stored transfer `t` the same request: kind, amount and the owners of both sides?"""
    if (t.kind, t.amount) != (kind, amount):
        return False
    d = Account.objects.filter(pk=t.debit_id).values_list(debit[0], flat=True).first()
    c = Account.objects.filter(pk=t.credit_id).values_list(credit[0], flat=True).first()
    return (d, c) == (debit[1], credit[1])


# --- operations -------------------------------------------------------------------------


def earn(
    person_code: str,
    partner_slug: str,
    hours,
    *,
    day: dt.date | None = None,
    category: str = "",
    key: str | None = None,
    actor: Actor,
    project: Project | None = None,
    today: dt.date | None = None,
) -> Transfer:
    """Reward hours given at an earning partner: one credit per hour.

    A partner without a budget draws the credits from the project's issuance account as
    it rewards them (an `issue` transfer, then the `earn`); a budgeted partner must have
    the credits in its account (or within its overdraft limit).
    """
    key = key or f"earn:{uuid.uuid4()}"
    minutes = ledger_rules.to_minutes(hours, "hours")
    today = today or _today()
    day = day or today
    ledger_rules.check_not_future(day, today)
    if project is not None:
        partner = get_partner_in(project, partner_slug)
    else:
        partner = get_partner(partner_slug)
    scope = _scope(actor, "ledger.record", project, partner.project)
    person = _member(scope, person_code)

    def check(t: Transfer) -> bool:
        return t.kind == Kind.EARN and t.amount == minutes and t.credit.person_id == person.pk

    done = _idempotent(key, check)
    if done:
        return done

    def write() -> Transfer:
        p_acc = account_for_person(person)
        o_acc = account_for_organisation(partner)
        issuance, _ = scheme_accounts(partner.project)
        locked = _lock(p_acc.pk, o_acc.pk, issuance.pk)
        op = ledger_rules.Earn(
            ledger_rules.Member(p_acc.pk, person.code),
            _partner(partner, o_acc.pk, issuance.pk),
            minutes,
            day,
            category,
        )
        facts = _facts(locked, today, given={(p_acc.pk, day): _active_minutes_on(person, day)})
        *issues, earned = ledger_rules.plan(op, facts)
        for p in issues:
            _post(
                locked[p.debit],
                locked[p.credit],
                p.amount,
                p.kind,
                f"{key}:issue",
                actor,
                day,
                "auto",
            )
        contribution = Contribution.objects.create(
            person=person, partner=partner, day=day, minutes=minutes, activity=category
        )
        return _post(
            locked[earned.debit],
            locked[earned.credit],
            earned.amount,
            earned.kind,
            key,
            actor,
            day,
            category,
            contribution=contribution,
        )

    return _retrying_key(write, key)


def spend(
    person_code: str,
    partner_slug: str,
    credits,
    *,
    day: dt.date | None = None,
    category: str = "",
    key: str | None = None,
    actor: Actor,
    project: Project | None = None,
    today: dt.date | None = None,
) -> Transfer:
    """Spend credits at a spending partner of the member's programme (or project)."""
    key = key or f"spend:{uuid.uuid4()}"
    minutes = ledger_rules.to_minutes(credits, "credits")
    today = today or _today()
    day = day or today
    ledger_rules.check_not_future(day, today)
    partner = get_partner(partner_slug)
    if project is None:
        project = get_person(person_code).home_project
    scope = _scope(actor, "ledger.record", project, project)
    person = _member(scope, person_code)
    done = _idempotent(
        key,
        lambda t: _parties(
            t, Kind.SPEND, minutes, ("person_id", person.pk), ("organisation_id", partner.pk)
        ),
    )
    if done:
        return done

    def write() -> Transfer:
        # accounts inside the transaction: a refused request leaves none behind
        p_acc, o_acc = account_for_person(person), account_for_organisation(partner)
        locked = _lock(p_acc.pk, o_acc.pk)
        op = ledger_rules.Spend(
            ledger_rules.Member(p_acc.pk, person.code),
            _partner(partner, o_acc.pk),
            minutes,
            day,
            _scheme(scope),
            category,
        )
        (p,) = ledger_rules.plan(op, _facts(locked, today))
        return _post(locked[p.debit], locked[p.credit], p.amount, p.kind, key, actor, day, category)

    return _retrying_key(write, key)


def gift(
    person_code: str,
    to_code: str,
    credits,
    *,
    day: dt.date | None = None,
    category: str = "",
    key: str | None = None,
    actor: Actor,
    project: Project | None = None,
    today: dt.date | None = None,
) -> Transfer:
    """Give credits to another member, in this project or another of the same programme."""
    key = key or f"gift:{uuid.uuid4()}"
    minutes = ledger_rules.to_minutes(credits, "credits")
    today = today or _today()
    day = day or today
    ledger_rules.check_not_future(day, today)
    if project is None:
        project = get_person(person_code).home_project
    scope = _scope(actor, "ledger.record", project, project)
    giver, receiver = _member(scope, person_code), get_person(to_code)
    done = _idempotent(
        key,
        lambda t: _parties(
            t, Kind.GIFT, minutes, ("person_id", giver.pk), ("person_id", receiver.pk)
        ),
    )
    if done:
        return done

    def write() -> Transfer:
        a, b = account_for_person(giver), account_for_person(receiver)
        locked = _lock(a.pk, b.pk)
        op = ledger_rules.Gift(
            ledger_rules.Member(a.pk, giver.code),
            ledger_rules.Member(b.pk, to_code),
            _scheme(receiver.home_project),
            minutes,
            day,
            _scheme(scope),
            category,
        )
        (p,) = ledger_rules.plan(op, _facts(locked, today))
        return _post(locked[p.debit], locked[p.credit], p.amount, p.kind, key, actor, day, category)

    return _retrying_key(write, key)


def donate(
    person_code: str,
    credits,
    *,
    day: dt.date | None = None,
    key: str | None = None,
    actor: Actor,
    project: Project | None = None,
    today: dt.date | None = None,
) -> Transfer:
    """Give credits to the project's community pot (counted as donated in the statistics)."""
    key = key or f"donate:{uuid.uuid4()}"
    minutes = ledger_rules.to_minutes(credits, "credits")
    today = today or _today()
    day = day or today
    ledger_rules.check_not_future(day, today)
    if project is None:
        project = get_person(person_code).home_project
    scope = _scope(actor, "ledger.record", project, project)
    person = _member(scope, person_code)
    a = account_for_person(person)
    _, pot = scheme_accounts(scope)
    done = _idempotent(key, lambda t: _same_request(t, a.pk, pot.pk, minutes, Kind.DONATE))
    if done:
        return done

    def write() -> Transfer:
        locked = _lock(a.pk, pot.pk)
        op = ledger_rules.Donate(ledger_rules.Member(a.pk, person.code), pot.pk, minutes, day)
        (p,) = ledger_rules.plan(op, _facts(locked, today))
        return _post(
            locked[p.debit], locked[p.credit], p.amount, p.kind, key, actor, day, "donation"
        )

    return _retrying_key(write, key)


def set_budget(
    partner_slug: str,
    credits,
    *,
    key: str | None = None,
    actor: Actor,
    project: Project | None = None,
    today: dt.date | None = None,
) -> Transfer:
    """Issue credits to an earning partner's budget. From then on the partner can reward
    only what its budget (plus any overdraft limit) holds."""
    key = key or f"issue:{uuid.uuid4()}"
    minutes = ledger_rules.to_minutes(credits, "credits")
    day = today or _today()
    partner = get_partner_in(project, partner_slug) if project else get_partner(partner_slug)
    _scope(actor, "ledger.correct", project, partner.project)
    done = _idempotent(
        key,
        lambda t: _parties(
            t,
            Kind.ISSUE,
            minutes,
            ("owner", Account.Owner.ISSUANCE),
            ("organisation_id", partner.pk),
        ),
    )
    if done:
        return done

    def write() -> Transfer:
        o_acc = account_for_organisation(partner)
        issuance, _ = scheme_accounts(partner.project)
        locked = _lock(issuance.pk, o_acc.pk)
        op = ledger_rules.Budget(_partner(partner, o_acc.pk), issuance.pk, minutes, day)
        (p,) = ledger_rules.plan(op, _facts(locked, day))
        Organisation.objects.filter(pk=partner.pk).update(budgeted=True)
        return _post(locked[p.debit], locked[p.credit], p.amount, p.kind, key, actor, day, "budget")

    return _retrying_key(write, key)


def reverse(
    transfer_id: int,
    *,
    key: str | None = None,
    actor: Actor,
    reason: str = "",
    project: Project | None = None,
) -> Transfer:
    """Correct a transfer by its exact mirror. Nothing is edited or deleted; the reversal
    references the original and a transfer can be reversed only once (also a database
    constraint)."""
    key = key or f"reverse:{transfer_id}:{uuid.uuid4()}"
    found = Transfer.objects.select_related("debit__project").filter(pk=transfer_id).first()
    if found is None or (project is not None and project.pk not in _projects_of(found)):
        where = f" in {project.slug!r}" if project else ""
        raise NotFound(f"no transfer {transfer_id}{where}")
    _scope(actor, "ledger.correct", project, found.debit.project)
    done = _idempotent(key, lambda t: t.reverses_id == transfer_id)
    if done:
        return done

    def write() -> Transfer:
        original = Transfer.objects.get(pk=transfer_id)
        locked = _lock(original.debit_id, original.credit_id)
        op = ledger_rules.Reverse(
            Posting(original.debit_id, original.credit_id, original.amount, original.kind),
            original.pk,
            Transfer.objects.filter(reverses=original).exists(),
        )
        names = {original.credit_id: _who(locked[original.credit_id])}
        (mirror,) = ledger_rules.plan(op, _facts(locked, _today(), names=names))
        t = _post(
            locked[mirror.debit],
            locked[mirror.credit],
            mirror.amount,
            mirror.kind,
            key,
            actor,
            _today(),
            original.category,
            reverses=original,
            note=reason[:200],
        )
        audit(
            "ledger.reverse",
            actor_label=actor.label,
            actor=actor.user,
            target=original,
            project_slug=locked[mirror.debit].project.slug,
            reversal_id=t.pk,
        )
        return t

    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        t = _existing(key)
        if t is not None:
            return t
        raise InvalidInput(f"transfer {transfer_id} has already been reversed") from None


# --- batch mode -------------------------------------------------------------------------


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
        raise PermissionDenied("a batch of ledger operations must name its project")
    today = today or _today()
    errors: list[tuple[int, str]] = []
    keys = [op.key for op in ops]
    if len(set(keys)) != len(keys):
        seen: set[str] = set()
        for i, k in enumerate(keys):
            if k in seen:
                errors.append((i, f"key {k!r} repeated within the batch"))
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
                    raise LedgerError(f"no person {op.person!r}{where}")
                member = member_of(person)
                scope = schemes[project.pk if project is not None else person.home_project_id]
                if op.kind == Kind.EARN:
                    org = partners.get(op.partner)
                    if org is None or (project is not None and org.project_id != project.pk):
                        where = f" in {project.slug!r}" if project is not None else ""
                        raise LedgerError(f"no partner {op.partner!r}{where}")
                    operation = ledger_rules.Earn(
                        member, partner_of(org), op.minutes, day, op.category
                    )
                elif op.kind == Kind.SPEND:
                    org = partners.get(op.partner)
                    if org is None:
                        raise LedgerError(f"no partner {op.partner!r}")
                    operation = ledger_rules.Spend(
                        member, partner_of(org), op.minutes, day, scope, op.category
                    )
                elif op.kind == Kind.GIFT:
                    other = people.get(op.to)
                    if other is None:
                        raise LedgerError(f"no person {op.to!r}")
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


# --- reading ----------------------------------------------------------------------------


def balance(person_code: str, as_of: dt.date | None = None) -> int:
    """A member's balance in minutes, now or at the end of a day."""
    person = get_person(person_code)
    account = account_for_person(person)
    if as_of is None:
        return account.balance
    return _balance_as_of(account, as_of)


def _balance_as_of(account: Account, as_of: dt.date) -> int:
    inflow = (
        Transfer.objects.filter(credit=account, occurred_on__lte=as_of).aggregate(s=Sum("amount"))[
            "s"
        ]
        or 0
    )
    outflow = (
        Transfer.objects.filter(debit=account, occurred_on__lte=as_of).aggregate(s=Sum("amount"))[
            "s"
        ]
        or 0
    )
    return inflow - outflow


def statement(person_code: str, start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """Opening balance, every transfer in the period with a running balance, closing balance."""
    person = get_person(person_code)
    account = account_for_person(person)
    # nothing is dated before the calendar's first day (start - 1 day would overflow)
    opening = (
        _balance_as_of(account, start - dt.timedelta(days=1))
        if start and start > dt.date.min
        else 0
    )
    qs = Transfer.objects.filter(Q(debit=account) | Q(credit=account)).select_related(
        "debit__person",
        "debit__organisation",
        "credit__person",
        "credit__organisation",
        "contribution",
    )
    if start:
        qs = qs.filter(occurred_on__gte=start)
    if end:
        qs = qs.filter(occurred_on__lte=end)
    running = opening
    lines = []
    for t in qs.order_by("occurred_on", "pk"):
        signed = t.amount if t.credit_id == account.pk else -t.amount
        running += signed
        other = t.debit if t.credit_id == account.pk else t.credit
        lines.append(
            {
                "id": t.pk,
                "date": t.occurred_on.isoformat(),
                "kind": t.kind,
                "category": t.category,
                "counterparty": _counterparty(other),
                "minutes": signed,
                "credits": ledger_rules.format_credits(signed)
                if signed >= 0
                else "-" + ledger_rules.format_credits(-signed),
                "balance_minutes": running,
                "reverses": t.reverses_id,
                "recorded_by": t.recorded_by_label,
            }
        )
    return {
        "person": person.code,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "opening_minutes": opening,
        "closing_minutes": running,
        "lines": lines,
    }


def _counterparty(account: Account) -> str:
    if account.person_id:
        return account.person.code
    if account.organisation_id:
        return account.organisation.slug
    return account.owner


def check_books() -> dict:
    """Re-derive every balance from the journal and compare with the stored balances."""
    postings = Transfer.objects.values_list("debit_id", "credit_id", "amount").iterator(
        chunk_size=5000
    )
    replayed = ledger_rules.replay(Posting(d, c, a) for d, c, a in postings)
    stored = dict(Account.objects.values_list("pk", "balance"))
    mismatched = {
        pk: (stored.get(pk, 0), replayed.get(pk, 0))
        for pk in set(stored) | set(replayed)
        if stored.get(pk, 0) != replayed.get(pk, 0)
    }
    return {
        "sum_of_balances": sum(stored.values()),
        "mismatched": mismatched,
        "accounts": len(stored),
    }
