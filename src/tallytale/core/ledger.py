"""Time-credit ledger rules, free of storage.

One integer unit everywhere: minutes of credit. One credit is one hour given, so
1 credit = 60 units and half hours can be earned exactly. Floats never touch an amount:
user input arrives as text and is parsed with `Decimal`.

The storage layer (the `ledger` app) calls these rules inside its transactions; the same
rules replay a journal in tests so stored balances can be checked against it.

Every operation goes through one planner, beancount-style: `plan(operation, facts)` takes
a frozen description of the request (`Earn`, `Spend`, `Gift`, `Donate`, `Budget`,
`Reverse`) and the facts read under lock (balances, floors, minutes already given that
day), and returns the postings to write, or raises `LedgerError`. The single operations
and the batch both call it, so each rule (same scheme, automatic issue, daily hours,
floors) exists once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from tallytale.core.i18n import gettext as _
from tallytale.errors import InvalidInput

MINUTES_PER_CREDIT = 60
MAX_MINUTES_PER_DAY = 24 * 60
#: the largest amount (hours or credits) one transfer may carry; far beyond any real
#: budget, far below the 64-bit integers (minutes) the database stores
MAX_CREDITS = 10**9
#: no transfer is dated before this (time-credit schemes and this software are younger)
EARLIEST_DAY = dt.date(1990, 1, 1)


class Kind(StrEnum):
    """Transfer kinds. Funders ask for activity and spending by kind and category."""

    ISSUE = "issue"  # scheme issuance -> an earning partner's credit budget
    EARN = "earn"  # earning partner -> member, for a contribution of hours
    SPEND = "spend"  # member -> spending partner
    GIFT = "gift"  # member -> member (also across projects of one programme)
    DONATE = "donate"  # member -> the project's community pot
    EXPIRE = "expire"  # member -> issuance, when a scheme retires unused credits
    REVERSE = "reverse"  # exact mirror of an earlier transfer, once


class LedgerError(InvalidInput):
    """A rule was broken; the message is one line a coordinator can act on.

    An `InvalidInput`, so every shell already answers it as a 4xx / one-line error and the
    services let it through unchanged."""


class InsufficientBalance(LedgerError):
    pass


class AlreadyReversed(LedgerError):
    pass


class TooManyHours(LedgerError):
    pass


def _shown(text: object) -> str:
    """The amount as typed, cut short: a message must stay one readable line."""
    shown = str(text).strip()
    return repr(shown if len(shown) <= 24 else shown[:21] + "...")


def _parse_decimal(text: str | int | Decimal, what: str) -> Decimal:
    if isinstance(text, float | bool):
        raise LedgerError(
            _("%(what)s must be given as text or an integer, not a %(type)s")
            % {"what": what, "type": type(text).__name__}
        )
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        raise LedgerError(
            _("%(what)s must be a number, got %(got)s") % {"what": what, "got": _shown(text)}
        ) from None
    if not value.is_finite():
        raise LedgerError(
            _("%(what)s must be a finite number, got %(got)s") % {"what": what, "got": _shown(text)}
        )
    # checked before any arithmetic: 1e999999 * 60 overflows Decimal, 1e30 minutes
    # overflows the database's 64-bit integers
    if abs(value) > MAX_CREDITS:
        raise LedgerError(
            _("%(what)s must be at most %(most)s, got %(got)s")
            % {"what": what, "most": f"{MAX_CREDITS:,}", "got": _shown(text)}
        )
    return value


def to_minutes(amount: str | int | Decimal, what: str = "hours") -> int:
    """Convert hours or credits (same scale) to whole minutes, refusing fractions of a minute.

    Half an hour ("0.5") is 30 minutes; "0.333" is refused rather than rounded, so the
    ledger never holds an amount the coordinator did not write.
    """
    value = _parse_decimal(amount, what) * MINUTES_PER_CREDIT
    if value != value.to_integral_value():
        raise LedgerError(
            _("%(what)s must be a whole number of minutes, got %(got)s")
            % {"what": what, "got": repr(amount)}
        )
    minutes = int(value)
    if minutes <= 0:
        raise LedgerError(
            _("%(what)s must be more than zero, got %(got)s") % {"what": what, "got": repr(amount)}
        )
    return minutes


def format_credits(minutes: int) -> str:
    """Show minutes of credit as credits with at most two decimals ("2.5")."""
    value = Decimal(minutes) / MINUTES_PER_CREDIT
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


@dataclass(frozen=True, slots=True)
class Posting:
    """A transfer as the rules see it: whole minutes from one account to another."""

    debit: int
    credit: int
    amount: int
    kind: str = Kind.GIFT
    reverses: int | None = None


def check_amount(amount: int) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise LedgerError(_("amounts are whole minutes of credit"))
    if amount <= 0:
        raise LedgerError(_("amount must be more than zero"))


def check_funds(balance: int, min_balance: int | None, amount: int, who: str) -> None:
    """Refuse a debit that would take an account below its floor.

    Members have a floor of zero; an organisation's floor is minus its overdraft limit;
    the scheme's issuance account has no floor (`None`), because issuing is how credits
    come into being.
    """
    if min_balance is not None and balance - amount < min_balance:
        available = balance - min_balance
        raise InsufficientBalance(
            _("%(who)s has %(available)s credits available; cannot move %(amount)s")
            % {
                "who": who,
                "available": format_credits(max(available, 0)),
                "amount": format_credits(amount),
            }
        )


def check_daily_hours(already: int, adding: int, person: str, day: dt.date) -> None:
    """One person cannot give more than 24 hours in a day, whatever the partners say."""
    if already + adding > MAX_MINUTES_PER_DAY:
        raise TooManyHours(
            _(
                "%(person)s would have %(hours)s hours on %(day)s; the most one person can "
                "give in a day is 24"
            )
            % {"person": person, "hours": format_credits(already + adding), "day": day.isoformat()}
        )


def check_not_future(day: dt.date, today: dt.date, what: str = "date") -> None:
    """A transfer's day: not in the future and not before EARLIEST_DAY (a mistyped year
    such as 0001 or 1025 would otherwise sit first on every statement for ever)."""
    if day > today:
        raise LedgerError(
            _("%(what)s %(day)s is in the future") % {"what": what, "day": day.isoformat()}
        )
    if day < EARLIEST_DAY:
        raise LedgerError(
            _("%(what)s %(day)s is before %(earliest)s; check the year")
            % {"what": what, "day": day.isoformat(), "earliest": EARLIEST_DAY.isoformat()}
        )


def reversal_of(original: Posting, original_id: int, already_reversed: bool) -> Posting:
    """The exact mirror of a transfer. A transfer is reversed at most once, and a reversal
    is itself final: a wrong reversal is put right by recording the transfer again."""
    if original.kind == Kind.REVERSE:
        raise LedgerError(
            _("transfer %(id)s is itself a reversal and cannot be reversed") % {"id": original_id}
        )
    if already_reversed:
        raise AlreadyReversed(_("transfer %(id)s has already been reversed") % {"id": original_id})
    return Posting(
        debit=original.credit,
        credit=original.debit,
        amount=original.amount,
        kind=Kind.REVERSE,
        reverses=original_id,
    )


def replay(postings: Iterable[Posting]) -> dict[int, int]:
    """Balances from a journal. Stored balances must always equal this."""
    balances: dict[int, int] = {}
    for p in postings:
        balances[p.debit] = balances.get(p.debit, 0) - p.amount
        balances[p.credit] = balances.get(p.credit, 0) + p.amount
    return balances


def apply(
    balances: dict[int, int], floors: dict[int, int | None], posting: Posting, who: str = "account"
) -> None:
    """Apply one posting to in-memory balances, enforcing the floor; used by batch mode."""
    check_amount(posting.amount)
    if posting.debit == posting.credit:
        raise LedgerError(_("cannot transfer credits to the same account"))
    check_funds(balances[posting.debit], floors.get(posting.debit), posting.amount, who)
    balances[posting.debit] -= posting.amount
    balances[posting.credit] += posting.amount


# --- the planner --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scheme:
    """Where a request or an account belongs: a project, and the programme it is part of."""

    project: int
    slug: str
    programme: int | None = None


@dataclass(frozen=True, slots=True)
class Member:
    account: int
    code: str


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner organisation as the rules see it; `issuance` is its project's issuance
    account, from which an unbudgeted earning partner draws what it rewards."""

    account: int
    slug: str
    scheme: Scheme
    earns: bool = False
    spends: bool = False
    budgeted: bool = False
    issuance: int | None = None


@dataclass(frozen=True, slots=True)
class Earn:
    """Hours given by `member` at `partner`: one credit per hour."""

    member: Member
    partner: Partner
    minutes: int
    day: dt.date
    category: str = ""


@dataclass(frozen=True, slots=True)
class Spend:
    """Credits spent by `member` (acting in `scope`) at `partner`."""

    member: Member
    partner: Partner
    minutes: int
    day: dt.date
    scope: Scheme
    category: str = ""


@dataclass(frozen=True, slots=True)
class Gift:
    """Credits from `giver` (acting in `scope`) to `receiver`, whose home is `receiver_scheme`."""

    giver: Member
    receiver: Member
    receiver_scheme: Scheme
    minutes: int
    day: dt.date
    scope: Scheme
    category: str = ""


@dataclass(frozen=True, slots=True)
class Donate:
    member: Member
    pot: int
    minutes: int
    day: dt.date


@dataclass(frozen=True, slots=True)
class Budget:
    """Credits issued from the scheme's issuance account to an earning partner's budget."""

    partner: Partner
    issuance: int
    minutes: int
    day: dt.date


@dataclass(frozen=True, slots=True)
class Reverse:
    original: Posting
    original_id: int
    already_reversed: bool


Operation = Earn | Spend | Gift | Donate | Budget | Reverse


@dataclass(frozen=True, slots=True)
class Facts:
    """What the planner needs to know, read by the caller (under lock when writing).

    `balances` and `floors` cover at least the accounts the operation touches (a floor of
    `None` is no floor); `given` maps (member account, day) to the minutes that member
    already gave that day, reversed contributions left out (absent is none). A batch passes
    the same mutable mappings for every item, kept up to date as it goes.
    """

    balances: Mapping[int, int]
    floors: Mapping[int, int | None]
    today: dt.date
    given: Mapping[tuple[int, dt.date], int] = field(default_factory=dict)
    names: Mapping[int, str] = field(default_factory=dict)  # account -> "member M1", for messages


def same_scheme(scope: Scheme, other: Scheme, what: str) -> None:
    """Credits move only within one project, or between projects of one programme."""
    if scope.project == other.project:
        return
    if scope.programme is None or scope.programme != other.programme:
        raise LedgerError(
            _("%(what)s is in project %(project)s, outside this member's programme")
            % {"what": what, "project": repr(other.slug)}
        )


def _checked(postings: list[Posting], facts: Facts, who: Mapping[int, str]) -> list[Posting]:
    """Check each posting's amount and floor in order, as if the earlier ones were written."""
    moved: dict[int, int] = {}
    for p in postings:
        check_amount(p.amount)
        if p.debit == p.credit:
            raise LedgerError(_("cannot transfer credits to the same account"))
        balance = facts.balances[p.debit] + moved.get(p.debit, 0)
        name = who.get(p.debit) or facts.names.get(p.debit, "account")
        check_funds(balance, facts.floors.get(p.debit), p.amount, name)
        moved[p.debit] = moved.get(p.debit, 0) - p.amount
        moved[p.credit] = moved.get(p.credit, 0) + p.amount
    return postings


def plan(op: Operation, facts: Facts) -> list[Posting]:
    """The postings that carry out `op`, in the order they must be written.

    Raises `LedgerError` with a one-line message for the first rule `op` breaks; nothing
    here reads or writes storage, so the same rules hold for one request and for a batch.
    """
    if isinstance(op, Reverse):
        mirror = reversal_of(op.original, op.original_id, op.already_reversed)
        return _checked([mirror], facts, {})
    check_not_future(op.day, facts.today)
    if isinstance(op, Earn):
        partner, member = op.partner, op.member
        if not partner.earns:
            raise LedgerError(
                _("partner %(partner)s is not an earning partner") % {"partner": repr(partner.slug)}
            )
        check_amount(op.minutes)
        already = facts.given.get((member.account, op.day), 0)
        check_daily_hours(already, op.minutes, member.code, op.day)
        postings = []
        if not partner.budgeted:
            available = facts.balances[partner.account] - (facts.floors.get(partner.account) or 0)
            shortfall = op.minutes - available
            if shortfall > 0:
                assert partner.issuance is not None, "an unbudgeted partner needs its issuance"
                postings.append(Posting(partner.issuance, partner.account, shortfall, Kind.ISSUE))
        postings.append(Posting(partner.account, member.account, op.minutes, Kind.EARN))
        return _checked(
            postings, facts, {partner.account: _("partner %(slug)s") % {"slug": partner.slug}}
        )
    if isinstance(op, Spend):
        if not op.partner.spends:
            raise LedgerError(
                _("partner %(partner)s is not a spending partner")
                % {"partner": repr(op.partner.slug)}
            )
        same_scheme(
            op.scope, op.partner.scheme, _("partner %(slug)s") % {"slug": repr(op.partner.slug)}
        )
        posting = Posting(op.member.account, op.partner.account, op.minutes, Kind.SPEND)
        return _checked(
            [posting], facts, {op.member.account: _("member %(code)s") % {"code": op.member.code}}
        )
    if isinstance(op, Gift):
        if op.giver.account == op.receiver.account:
            raise LedgerError(_("a member cannot gift credits to themselves"))
        same_scheme(
            op.scope, op.receiver_scheme, _("member %(code)s") % {"code": repr(op.receiver.code)}
        )
        posting = Posting(op.giver.account, op.receiver.account, op.minutes, Kind.GIFT)
        return _checked(
            [posting], facts, {op.giver.account: _("member %(code)s") % {"code": op.giver.code}}
        )
    if isinstance(op, Donate):
        posting = Posting(op.member.account, op.pot, op.minutes, Kind.DONATE)
        return _checked(
            [posting], facts, {op.member.account: _("member %(code)s") % {"code": op.member.code}}
        )
    if isinstance(op, Budget):
        if not op.partner.earns:
            raise LedgerError(
                _("partner %(partner)s is not an earning partner")
                % {"partner": repr(op.partner.slug)}
            )
        posting = Posting(op.issuance, op.partner.account, op.minutes, Kind.ISSUE)
        return _checked([posting], facts, {})
    raise LedgerError(f"unknown operation {type(op).__name__}")
