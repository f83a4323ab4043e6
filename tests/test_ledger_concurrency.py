"""Many threads spend the same balance at once: exactly the affordable number succeed.

Runs on whichever database the suite targets (SQLite file with BEGIN IMMEDIATE, or
PostgreSQL with SELECT ... FOR UPDATE); CI runs it on both.
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from tallytale.errors import InvalidInput
from tallytale.ledger import services as ledger
from tallytale.ledger import statements as ledger_statements
from tallytale.ledger.models import Transfer

TODAY = dt.date(2025, 6, 30)
THREADS = 12
ATTEMPTS_PER_THREAD = 4


def _run_threads(target, n):
    barrier = threading.Barrier(n)
    results: list = []
    lock = threading.Lock()

    def wrapped(i):
        try:
            barrier.wait()
            out = target(i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            out = exc
        finally:
            connections.close_all()
        with lock:
            results.append(out)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_spends_of_one_balance(scheme, actor):
    ledger.earn("M1", "library", 10, actor=actor, today=TODAY)  # 10 credits, each spend takes 1

    def spend_many(i):
        outcomes = []
        for j in range(ATTEMPTS_PER_THREAD):
            try:
                ledger.spend("M1", "pool", 1, key=f"t{i}-{j}", actor=actor, today=TODAY)
                outcomes.append("ok")
            except InvalidInput:
                outcomes.append("refused")
        return outcomes

    results = _run_threads(spend_many, THREADS)
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    flat = [o for r in results for o in r]
    assert flat.count("ok") == 10
    assert flat.count("refused") == THREADS * ATTEMPTS_PER_THREAD - 10
    assert ledger_statements.balance("M1") == 0
    books = ledger_statements.check_books()
    assert books["sum_of_balances"] == 0 and books["mismatched"] == {}


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_one_key_apply_once(scheme, actor):
    ledger.earn("M1", "library", 5, actor=actor, today=TODAY)

    def same_key(i):
        return ledger.spend("M1", "pool", 1, key="the-same-key", actor=actor, today=TODAY).pk

    results = _run_threads(same_key, 8)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(set(results)) == 1
    assert Transfer.objects.filter(idempotency_key="the-same-key").count() == 1
    assert ledger_statements.balance("M1") == 4 * 60


@pytest.mark.django_db(transaction=True)
def test_concurrent_gifts_in_both_directions_do_not_deadlock(scheme, actor):
    ledger.earn("M1", "library", 10, actor=actor, today=TODAY)
    ledger.earn("M2", "library", 10, actor=actor, today=TODAY)

    def ping_pong(i):
        a, b = ("M1", "M2") if i % 2 else ("M2", "M1")
        for j in range(5):
            ledger.gift(a, b, "0.5", key=f"g{i}-{j}", actor=actor, today=TODAY)
        return "done"

    results = _run_threads(ping_pong, 8)
    assert results.count("done") == 8, results
    assert ledger_statements.balance("M1") + ledger_statements.balance("M2") == 20 * 60
    assert ledger_statements.check_books()["mismatched"] == {}
    assert connection.vendor in ("sqlite", "postgresql")
