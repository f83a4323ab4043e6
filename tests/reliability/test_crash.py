"""Kill -9 in the middle of a large import and of a run of ledger writes: the database is
exactly as before or after, never in between; re-running the import completes it once.

Everything runs in real processes on their own SQLite file (no test hooks in the code):
the import is large enough that a kill after a short delay, or as soon as the write-ahead
log starts growing, lands inside its write transaction.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PEOPLE = 200
DAYS = 100  # PEOPLE * DAYS rows, one hour each, never over 24 hours a day
ROWS = PEOPLE * DAYS
BIN = Path(sys.executable).with_name("tallytale")
HERE = Path(__file__).parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    d = tmp_path_factory.mktemp("crash")
    db = d / "template.sqlite3"
    subprocess.run(
        [sys.executable, str(HERE / "_crash_setup.py"), f"sqlite:///{db}", str(PEOPLE)],
        check=True,
        env=_env(d),
        timeout=300,
    )
    _checkpoint(db)
    csv = d / "big.csv"
    day0 = dt.date(2024, 2, 1)
    with csv.open("w") as f:
        f.write("person_code,partner,date,hours,activity\n")
        for day in range(DAYS):
            for i in range(PEOPLE):
                f.write(f"P{i:05d},library,{day0 + dt.timedelta(days=day)},1,gardening\n")
    return db, csv


def _env(d: Path) -> dict:
    env = {**os.environ, "TALLYTALE_DATA_DIR": str(d / "data")}
    env.pop("DATABASE_URL", None)
    return env


def _checkpoint(db: Path) -> None:
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _state(db: Path) -> dict:
    """Counts and a full replay of the books, read with plain sqlite3."""
    with sqlite3.connect(db) as c:
        one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
        mismatched = one(
            """SELECT COUNT(*) FROM ledger_account a WHERE a.balance !=
                 COALESCE((SELECT SUM(amount) FROM ledger_transfer WHERE credit_id = a.id), 0)
               - COALESCE((SELECT SUM(amount) FROM ledger_transfer WHERE debit_id = a.id), 0)"""
        )
        return {
            "earns": one("SELECT COUNT(*) FROM ledger_transfer WHERE kind = 'earn'"),
            "contributions": one("SELECT COUNT(*) FROM ledger_contribution"),
            "orphan_contributions": one(
                "SELECT COUNT(*) FROM ledger_contribution c WHERE NOT EXISTS "
                "(SELECT 1 FROM ledger_transfer t WHERE t.contribution_id = c.id)"
            ),
            "sum_of_balances": one("SELECT COALESCE(SUM(balance), 0) FROM ledger_account"),
            "negative_members": one(
                "SELECT COUNT(*) FROM ledger_account WHERE owner = 'person' AND balance < 0"
            ),
            "mismatched": mismatched,
            "integrity": one("PRAGMA integrity_check"),
        }


def _import(db: Path, csv: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN),
            "import",
            "contributions",
            str(csv),
            "--project",
            "cwm",
            "--db",
            f"sqlite:///{db}",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_when(proc: subprocess.Popen, wal: Path, delay: float, wal_bytes: int) -> bool:
    """SIGKILL after `delay` seconds or once the WAL passes `wal_bytes`; True if killed
    before the process finished by itself."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if wal_bytes and wal.exists() and wal.stat().st_size > wal_bytes:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return proc.returncode == -signal.SIGKILL


def _assert_all_or_nothing(state: dict) -> str:
    assert state["integrity"] == "ok"
    assert state["mismatched"] == 0 and state["sum_of_balances"] == 0, state
    assert state["negative_members"] == 0 and state["orphan_contributions"] == 0, state
    assert state["earns"] in (0, ROWS), f"half an import is visible: {state}"
    assert state["contributions"] == state["earns"], state
    return "nothing" if state["earns"] == 0 else "everything"


def test_killed_import_is_all_or_nothing_and_rerun_applies_once(template, tmp_path):
    base, csv = template
    env = _env(tmp_path)
    outcomes = []
    # kill as soon as the transaction starts spilling pages, then at fixed delays
    for n, (delay, wal_bytes) in enumerate([(30.0, 256 * 1024), (1.5, 0), (3.0, 0)]):
        db = tmp_path / f"run{n}.sqlite3"
        shutil.copy(base, db)
        killed = _kill_when(_import(db, csv, env), Path(f"{db}-wal"), delay, wal_bytes)
        outcomes.append((killed, _assert_all_or_nothing(_state(db))))
    assert any(killed and seen == "nothing" for killed, seen in outcomes), (
        f"no kill landed inside the import's transaction: {outcomes}"
    )
    # restart on the last killed database: the import completes, once
    p = _import(db, csv, env)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert _assert_all_or_nothing(_state(db)) == "everything"
    p = _import(db, csv, env)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert f"{ROWS} rows already imported" in out
    assert _state(db)["earns"] == ROWS


LEDGER_LOOP = """
import os, sys, datetime as dt
os.environ["DJANGO_SETTINGS_MODULE"] = "tallytale.settings"
import django; django.setup()
from tallytale.ledger import services as ledger
from tallytale.ledger.services import Actor, Op
actor = Actor("crash")
day = dt.date(2024, 2, 1)
ops = [Op("earn", f"P{i:05d}", 60, f"batch-{i}", partner="library", day=day) for i in range(200)]
ledger.record_batch(ops, actor=actor, today=dt.date(2025, 1, 1))
print("batch done", flush=True)
today = dt.date(2025, 1, 1)
for n in range(100000):
    i = n % 200
    if n < 800:
        ledger.spend(f"P{i:05d}", "pool", "0.25", key=f"s-{n}", actor=actor, today=today)
    else:
        to = f"P{(i + 1) % 200:05d}"
        ledger.gift(f"P{i:05d}", to, "0.5", key=f"g-{n}", actor=actor, today=today)
"""


def test_killed_stream_of_ledger_writes_leaves_balanced_books(template, tmp_path):
    base, _ = template
    db = tmp_path / "loop.sqlite3"
    shutil.copy(base, db)
    env = {**_env(tmp_path), "DATABASE_URL": f"sqlite:///{db}"}
    proc = subprocess.Popen(
        [sys.executable, "-c", LEDGER_LOOP], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "batch done"
    time.sleep(2.0)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    state = _state(db)
    assert state["integrity"] == "ok"
    assert state["earns"] == 200 and state["contributions"] == 200
    assert state["mismatched"] == 0 and state["sum_of_balances"] == 0, state
    assert state["negative_members"] == 0, state
    with sqlite3.connect(db) as c:
        spends = c.execute("SELECT COUNT(*) FROM ledger_transfer WHERE kind = 'spend'").fetchone()
        keys = c.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT idempotency_key) FROM ledger_transfer"
        ).fetchone()
    assert spends[0] > 0 and keys[0] == 0
