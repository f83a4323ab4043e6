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

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.audit.services import record as audit
from tallytale.core import ledger as ledger_rules
from tallytale.core.ledger import Kind, Posting
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
    more = _(" (and %(n)s more)") % {"n": len(errors) - 1} if len(errors) > 1 else ""
    return InputErrors(
        errors, _("item %(item)s: %(problem)s") % {"item": first[0], "problem": first[1]} + more
    )


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


# The single-operation hot path (every hours entry, every spend) reads and writes accounts
# with a few fixed statements written here in SQL rather than built by the ORM: building and
# compiling an ORM query costs more than a thousand Python calls, which made up most of an
# hours entry's server CPU (benchmarks/profile_views.py --tree "hours: record"). Rows come
# back through `Model.objects.raw`, so every field is converted exactly as the ORM does.


def _for_update() -> str:
    """Row locks where the database has them (PostgreSQL); SQLite's writers queue instead."""
    return " FOR UPDATE" if connection.features.has_select_for_update else ""


def _lock(*account_ids: int) -> dict[int, Account]:
    ids = sorted(set(account_ids))
    marks = ", ".join(["%s"] * len(ids))
    rows = Account.objects.raw(
        f"SELECT * FROM ledger_account WHERE id IN ({marks}) ORDER BY id{_for_update()}",  # noqa: S608
        ids,
    )
    return {a.pk: a for a in rows}


def _lock_earn_accounts(
    person: Person, partner: Organisation
) -> tuple[Account, Account, Account, dict[int, Account]]:
    """The member's, the partner's and the scheme's issuance account, locked in one query
    (in primary-key order, as `_lock` does); the hot path of every hours entry. Accounts
    are opened on save (ledger.signals), so the fallback that opens any missing one and
    locks again runs only for rows made before that."""
    project = partner.project
    rows = list(
        Account.objects.raw(
            "SELECT * FROM ledger_account WHERE person_id = %s OR organisation_id = %s"  # noqa: S608
            f" OR (project_id = %s AND owner = %s) ORDER BY id{_for_update()}",
            [person.pk, partner.pk, project.pk, Account.Owner.ISSUANCE.value],
        )
    )
    p_acc = next((a for a in rows if a.person_id == person.pk), None)
    o_acc = next((a for a in rows if a.organisation_id == partner.pk), None)
    issuance = next((a for a in rows if a.owner == Account.Owner.ISSUANCE), None)
    if p_acc is None or o_acc is None or issuance is None:
        p_acc = account_for_person(person)
        o_acc = account_for_organisation(partner)
        issuance, _ = scheme_accounts(project)
        return p_acc, o_acc, issuance, _lock(p_acc.pk, o_acc.pk, issuance.pk)
    # the caller already holds both: what it records names them without loading them again
    p_acc.person = person
    o_acc.organisation = partner
    return p_acc, o_acc, issuance, {a.pk: a for a in rows}


def _who(account: Account) -> str:
    if account.person_id:
        return _("member %(code)s") % {"code": account.person.code}
    if account.organisation_id:
        return _("partner %(slug)s") % {"slug": account.organisation.slug}
    return _("%(owner)s of %(project)s") % {
        "owner": account.get_owner_display().lower(),
        "project": account.project.slug,
    }


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
        raise NotFound(
            _("no member %(code)s in project %(project)s")
            % {"code": repr(code), "project": repr(scope.slug)}
        ) from None


def _projects_of(t: Transfer) -> set[int]:
    return set(
        Account.objects.filter(pk__in=(t.debit_id, t.credit_id)).values_list(
            "project_id", flat=True
        )
    )


def _existing(key: str) -> Transfer | None:
    found = Transfer.objects.raw("SELECT * FROM ledger_transfer WHERE idempotency_key = %s", [key])
    return next(iter(found), None)


def _same_request(t: Transfer, debit_id: int, credit_id: int, amount: int, kind: str) -> bool:
    return (t.debit_id, t.credit_id, t.amount, t.kind) == (debit_id, credit_id, amount, kind)


def _idempotent(key: str, check) -> Transfer | None:
    t = _existing(key)
    if t is not None and check is not None and not check(t):
        raise IdempotencyConflict(
            _("key %(key)s was already used for a different transfer (#%(id)s)")
            % {"key": repr(key), "id": t.pk}
        )
    return t


def _post(debit: Account, credit: Account, *args, **kwargs) -> Transfer:
    """Write one planned transfer on already-locked accounts (the planner checked the
    floor against these locked balances; the database CHECK constraint backs it up).
    Takes what `_unsaved` takes."""
    t = _unsaved(debit, credit, *args, **kwargs)
    t.save(force_insert=True)
    _save_balances(debit, credit)
    return t


def _unsaved(
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
    """A planned transfer, its accounts' balances moved in memory, not yet written (for
    `Transfer.objects.bulk_create` with the request's other transfers)."""
    t = Transfer(
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
    return t


def _save_balances(*accounts: Account) -> None:
    """Write the in-memory balances of locked accounts in one UPDATE."""
    by_pk = {a.pk: a.balance for a in accounts}
    cases = " ".join(["WHEN %s THEN %s"] * len(by_pk))
    marks = ", ".join(["%s"] * len(by_pk))
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE ledger_account SET balance = CASE id {cases} END WHERE id IN ({marks})",  # noqa: S608
            [v for pair in by_pk.items() for v in pair] + list(by_pk),
        )


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
    with connection.cursor() as cur:
        cur.execute(
            "SELECT COALESCE(SUM(c.minutes), 0) FROM ledger_contribution c"
            " LEFT JOIN ledger_transfer t ON t.contribution_id = c.id"
            " LEFT JOIN ledger_transfer r ON r.reverses_id = t.id"
            " WHERE c.person_id = %s AND c.day = %s AND r.id IS NULL",
            [person.pk, connection.ops.adapt_datefield_value(day)],
        )
        return int(cur.fetchone()[0])


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
        p_acc, o_acc, issuance, locked = _lock_earn_accounts(person, partner)
        op = ledger_rules.Earn(
            ledger_rules.Member(p_acc.pk, person.code),
            _partner(partner, o_acc.pk, issuance.pk),
            minutes,
            day,
            category,
        )
        facts = _facts(locked, today, given={(p_acc.pk, day): _active_minutes_on(person, day)})
        *issues, earned = ledger_rules.plan(op, facts)
        transfers = [
            _unsaved(locked[p.debit], locked[p.credit], p.amount, p.kind, f"{key}:issue",
                     actor, day, "auto")
            for p in issues
        ]  # fmt: skip
        contribution = Contribution.objects.create(
            person=person, partner=partner, day=day, minutes=minutes, activity=category
        )
        t = _unsaved(
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
        # one INSERT for the issue and the earn, one UPDATE for the balances they moved
        Transfer.objects.bulk_create([*transfers, t])
        _save_balances(*locked.values())
        return t

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
        if project is not None:
            raise NotFound(
                _("no transfer %(id)s in %(project)s")
                % {"id": transfer_id, "project": repr(project.slug)}
            )
        raise NotFound(_("no transfer %(id)s") % {"id": transfer_id})
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
        raise InvalidInput(
            _("transfer %(id)s has already been reversed") % {"id": transfer_id}
        ) from None
