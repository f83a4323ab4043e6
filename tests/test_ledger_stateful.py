"""Property-based (hypothesis stateful) check of the ledger invariants through the services.

Random sequences of earn, spend, gift, reverse and repeated idempotency keys; after every
step: the sum of all balances is zero, no member is below zero, every stored balance equals
a replay of the journal, and a model of expected member balances agrees.
"""

import datetime as dt

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tallytale.errors import InvalidInput
from tallytale.ledger import services as ledger
from tallytale.ledger import statements as ledger_statements
from tallytale.ledger.models import Account, Transfer
from tallytale.ledger.services import Actor

TODAY = dt.date(2025, 6, 30)
MEMBERS = ["M1", "M2", "M3"]
ACTOR = Actor("hypothesis")


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.expected = {m: 0 for m in MEMBERS}
        self.keys: dict[str, tuple] = {}
        self.reversible: list[tuple[int, str, str | None, int]] = []
        self.n = 0

    def _key(self):
        self.n += 1
        return f"k{self.n}"

    @rule(member=st.sampled_from(MEMBERS), halves=st.integers(1, 16))
    def earn(self, member, halves):
        key = self._key()
        try:
            t = ledger.earn(
                member, "library", str(halves / 2), key=key, actor=ACTOR, today=TODAY, day=TODAY
            )
        except InvalidInput as exc:
            assert "24" in str(exc)
            return
        self.expected[member] += halves * 30
        self.keys[key] = ("earn", member, halves)
        self.reversible.append((t.pk, "earn", member, halves * 30))

    @rule(member=st.sampled_from(MEMBERS), halves=st.integers(1, 10))
    def spend(self, member, halves):
        key = self._key()
        try:
            t = ledger.spend(member, "pool", str(halves / 2), key=key, actor=ACTOR, today=TODAY)
        except InvalidInput:
            assert self.expected[member] < halves * 30
            return
        self.expected[member] -= halves * 30
        self.keys[key] = ("spend", member, halves)
        self.reversible.append((t.pk, "spend", member, halves * 30))

    @rule(a=st.sampled_from(MEMBERS), b=st.sampled_from(MEMBERS), halves=st.integers(1, 6))
    def gift(self, a, b, halves):
        if a == b:
            return
        key = self._key()
        try:
            t = ledger.gift(a, b, str(halves / 2), key=key, actor=ACTOR, today=TODAY)
        except InvalidInput:
            assert self.expected[a] < halves * 30
            return
        self.expected[a] -= halves * 30
        self.expected[b] += halves * 30
        self.reversible.append((t.pk, "gift", (a, b), halves * 30))

    @precondition(lambda self: self.keys)
    @rule(data=st.data())
    def repeat_a_key(self, data):
        key = data.draw(st.sampled_from(sorted(self.keys)))
        kind, member, halves = self.keys[key]
        before = Transfer.objects.count()
        fn = ledger.earn if kind == "earn" else ledger.spend
        partner = "library" if kind == "earn" else "pool"
        fn(member, partner, str(halves / 2), key=key, actor=ACTOR, today=TODAY, day=TODAY)
        assert Transfer.objects.count() == before

    @precondition(lambda self: self.reversible)
    @rule(data=st.data())
    def reverse(self, data):
        i = data.draw(st.integers(0, len(self.reversible) - 1))
        pk, kind, who, minutes = self.reversible[i]
        try:
            ledger.reverse(pk, actor=ACTOR)
        except InvalidInput as exc:
            assert "already been reversed" in str(exc) or "available" in str(exc)
            return
        if kind == "earn":
            self.expected[who] -= minutes
        elif kind == "spend":
            self.expected[who] += minutes
        else:
            self.expected[who[0]] += minutes
            self.expected[who[1]] -= minutes
        with pytest.raises(InvalidInput):
            ledger.reverse(pk, actor=ACTOR)

    @invariant()
    def books_balance(self):
        books = ledger_statements.check_books()
        assert books["sum_of_balances"] == 0
        assert books["mismatched"] == {}
        assert not Account.objects.filter(owner="person", balance__lt=0).exists()
        actual = dict(
            Account.objects.filter(person__code__in=MEMBERS).values_list("person__code", "balance")
        )
        assert actual == self.expected


@pytest.mark.django_db
def test_ledger_state_machine(scheme):
    from django.db import transaction
    from hypothesis.stateful import run_state_machine_as_test

    sid = None

    def fresh():
        # every example starts from the same books: undo the previous example's writes
        nonlocal sid
        if sid is not None:
            transaction.savepoint_rollback(sid)
        sid = transaction.savepoint()
        return LedgerMachine()

    run_state_machine_as_test(
        fresh,
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
