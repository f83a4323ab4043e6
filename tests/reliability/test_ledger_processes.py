"""The ledger under concurrency from separate processes, not only threads.

Each child process sets Django up against the same committed test database: on SQLite
BEGIN IMMEDIATE must hold across processes, on PostgreSQL the row locks do.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp

import pytest

from tallytale.ledger import services as ledger
from tallytale.ledger import statements as ledger_statements
from tallytale.ledger.models import Account, Transfer

from ._databases import current_url
from ._ledger_child import ROUNDS, _child

TODAY = dt.date(2025, 6, 30)
PROCESSES = 6


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_spends_gifts_and_repeated_keys_from_many_processes(scheme, actor, tmp_path):
    ledger.earn("M1", "library", 10, actor=actor, today=TODAY)
    ledger.earn("M2", "library", 12, actor=actor, today=TODAY)
    ledger.earn("M3", "library", 12, actor=actor, today=TODAY)
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(PROCESSES)
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=_child, args=(current_url(), str(tmp_path), i, start, queue))
        for i in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    results = []
    while len(results) < len(procs):
        try:
            results.append(queue.get(timeout=2))
        except Exception:  # noqa: BLE001 - queue.Empty: check nobody died silently
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            assert not dead, f"a child process died: exit codes {dead}"
    for p in procs:
        p.join(60)
    crashed = [(i, err) for i, _, err in results if err]
    assert not crashed, crashed
    flat = [o for _, outcomes, _ in results for o in outcomes]
    spends_m1 = Transfer.objects.filter(idempotency_key__startswith="spend-")
    # M1 had 10 credits: exactly 10 spends of 1 succeed, the rest are refused, none lost
    assert spends_m1.count() == 10
    assert ledger_statements.balance("M1") == 0
    # every shared key applied once, and every process saw that one transfer
    for j in range(ROUNDS):
        assert Transfer.objects.filter(idempotency_key=f"shared-{j}").count() == 1
    shared_ids = {pk for kind, pk in flat if kind == "ok"} & set(
        Transfer.objects.filter(idempotency_key__startswith="shared-").values_list("pk", flat=True)
    )
    assert len(shared_ids) == ROUNDS
    assert (
        Transfer.objects.filter(idempotency_key__startswith="gift-").count() == PROCESSES * ROUNDS
    )
    assert not Account.objects.filter(owner="person", balance__lt=0).exists()
    books = ledger_statements.check_books()
    assert books["sum_of_balances"] == 0 and books["mismatched"] == {}
    assert (
        ledger_statements.balance("M2") + ledger_statements.balance("M3") == 24 * 60 - ROUNDS * 15
    )
