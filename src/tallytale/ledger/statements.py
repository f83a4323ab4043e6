"""Reading one member's account: the balance (now or at the end of a day), a statement with
its running balance, and the whole books' check (every balance equals its journal, the sum
is zero, no member below zero)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, Sum

from tallytale.core import ledger as ledger_rules
from tallytale.core.ledger import Posting
from tallytale.ledger.services import account_for_person
from tallytale.programmes.services import get_person

from .models import Account, Transfer


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
