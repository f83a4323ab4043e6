"""Kill -9 in the middle of a large import and of a run of ledger writes: the database is
exactly as before or after, never in between; re-running the import completes it once.

Everything runs in real processes (no test hooks in the code), on SQLite (a file of its
own) and on PostgreSQL (a database of its own, copied from a template; skipped without a
server). On SQLite the import is large enough that a kill after a short delay, or as soon
as the write-ahead log starts growing, lands inside its write transaction. On PostgreSQL
the server's own view of the importing backend decides when to kill: once its transaction
holds a transaction id (it has locked or written rows) or once it is inserting into
ledger_transfer; the server stays up, so the kill is of the client in mid-transaction,
and the state is read only after the server has ended that backend.
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
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from ._databases import PG_SKIP, _admin, _drop_database, pg_base, url_of

PEOPLE = 200
DAYS = 100  # PEOPLE * DAYS rows, one hour each, never over 24 hours a day
ROWS = PEOPLE * DAYS
BIN = Path(sys.executable).with_name("tallytale")
HERE = Path(__file__).parent

pytestmark = pytest.mark.slow


@dataclass
class Db:
    """One database a child process imports into: a SQLite file or a PostgreSQL database."""

    engine: str  # "sqlite" or "postgresql"
    url: str
    path: Path | None = None  # SQLite only
    name: str = ""  # PostgreSQL only

    def connect(self):
        if self.engine == "sqlite":
            return sqlite3.connect(self.path)
        import psycopg

        return psycopg.connect(self.url, autocommit=True)


def _env(d: Path) -> dict:
    env = {**os.environ, "TALLYTALE_DATA_DIR": str(d / "data")}
    env.pop("DATABASE_URL", None)
    return env


def _pg_url(base: dict, name: str) -> str:
    return url_of({**base, "ENGINE": "django.db.backends.postgresql", "NAME": name})


def _create_pg(base: dict, name: str, template: str | None = None) -> None:
    import psycopg

    sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    for _ in range(40):  # the template's last session (or autovacuum) may linger a moment
        try:
            with _admin(base) as admin:
                admin.execute(sql)
            return
        except psycopg.errors.ObjectInUse:
            time.sleep(0.25)
    raise AssertionError(f"could not create {name}: template {template} stays in use")


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    csv = tmp_path_factory.mktemp("csv") / "big.csv"
    day0 = dt.date(2024, 2, 1)
    with csv.open("w") as f:
        f.write("person_code,partner,date,hours,activity\n")
        for day in range(DAYS):
            for i in range(PEOPLE):
                f.write(f"P{i:05d},library,{day0 + dt.timedelta(days=day)},1,gardening\n")
    return csv


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def template(request, tmp_path_factory, big_csv):
    """A migrated database with a project, partners and PEOPLE members, and the CSV."""
    d = tmp_path_factory.mktemp(f"crash-{request.param}")
    base = None
    if request.param == "sqlite":
        db = Db("sqlite", f"sqlite:///{d / 'template.sqlite3'}", path=d / "template.sqlite3")
    else:
        base = pg_base()
        if base is None:
            pytest.skip(PG_SKIP)
        name = f"tt_crash_{uuid.uuid4().hex[:10]}"
        _create_pg(base, name)
        db = Db("postgresql", _pg_url(base, name), name=name)
    try:
        subprocess.run(
            [sys.executable, str(HERE / "_crash_setup.py"), db.url, str(PEOPLE)],
            check=True,
            env=_env(d),
            timeout=300,
        )
        if db.path is not None:
            _checkpoint(db.path)
        yield db, big_csv, base
    finally:
        if base is not None:
            _drop_database(base, db.name)


@pytest.fixture
def copies(template, tmp_path):
    """copy(label) -> a fresh Db with the template's contents; dropped afterwards."""
    db0, _, base = template
    made: list[str] = []

    def copy(label: str) -> Db:
        if db0.engine == "sqlite":
            path = tmp_path / f"{label}.sqlite3"
            shutil.copy(db0.path, path)
            return Db("sqlite", f"sqlite:///{path}", path=path)
        name = f"{db0.name}_{label}"[:63]
        _create_pg(base, name, template=db0.name)
        made.append(name)
        return Db("postgresql", _pg_url(base, name), name=name)

    yield copy
    for name in made:
        _drop_database(base, name)


def _checkpoint(db: Path) -> None:
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _one(db: Db, sql: str):
    c = db.connect()
    try:
        return c.execute(sql).fetchone()[0]
    finally:
        c.close()


def _state(db: Db) -> dict:
    """Counts and a full replay of the books, read with the plain driver."""
    c = db.connect()
    try:
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
            # PostgreSQL has no file-level check; the server never stopped, only its client
            "integrity": one("PRAGMA integrity_check") if db.engine == "sqlite" else "ok",
        }
    finally:
        c.close()


def _import(db: Db, csv: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN), "import", "contributions", str(csv), "--project", "cwm", "--db", db.url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_when(proc: subprocess.Popen, wal: Path, delay: float, wal_bytes: int) -> bool:
    """SQLite: SIGKILL after `delay` seconds or once the WAL passes `wal_bytes`; True if
    killed before the process finished by itself."""
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


# The child's backends as the server sees them: does its transaction hold a transaction id
# (it has locked or written rows), and is it inserting into ledger_transfer?
BACKENDS = """
SELECT a.pid, a.backend_xid IS NOT NULL,
       EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted
               AND l.mode = 'RowExclusiveLock' AND l.relation = to_regclass('ledger_transfer'))
FROM pg_stat_activity a
WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
  AND a.backend_type = 'client backend'
"""


def _kill_pg(proc: subprocess.Popen, db: Db, delay: float, trigger: str) -> tuple[bool, bool]:
    """PostgreSQL: SIGKILL after `delay` seconds, or as soon as the child's transaction has
    a transaction id (`trigger="xid"`) or is inserting transfers (`trigger="transfers"`).
    Waits until the server has ended the child's backend. Returns (killed before the
    process finished by itself, its write transaction was open at the last look, taken
    immediately before the kill)."""
    mon = db.connect()
    try:
        deadline = time.monotonic() + delay
        while True:
            if proc.poll() is not None:
                return False, False
            rows = mon.execute(BACKENDS).fetchall()
            writing = any(xid for _, xid, _ in rows)
            if trigger == "xid" and writing:
                break
            if trigger == "transfers" and any(ins for _, _, ins in rows):
                break
            if time.monotonic() >= deadline:
                break
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        gone_by = time.monotonic() + 60
        while mon.execute(BACKENDS).fetchall():
            assert time.monotonic() < gone_by, "the killed client's backend never ended"
            time.sleep(0.05)
    finally:
        mon.close()
    return proc.returncode == -signal.SIGKILL, writing


def _assert_all_or_nothing(state: dict) -> str:
    assert state["integrity"] == "ok"
    assert state["mismatched"] == 0 and state["sum_of_balances"] == 0, state
    assert state["negative_members"] == 0 and state["orphan_contributions"] == 0, state
    assert state["earns"] in (0, ROWS), f"half an import is visible: {state}"
    assert state["contributions"] == state["earns"], state
    return "nothing" if state["earns"] == 0 else "everything"


def test_killed_import_is_all_or_nothing_and_rerun_applies_once(template, copies, tmp_path):
    engine = template[0].engine
    csv = template[1]
    env = _env(tmp_path)
    outcomes = []  # (killed before finishing, kill known to be inside the transaction, seen)
    if engine == "sqlite":
        # kill as soon as the transaction starts spilling pages, then at fixed delays
        for n, (delay, wal_bytes) in enumerate([(30.0, 256 * 1024), (1.5, 0), (3.0, 0)]):
            db = copies(f"run{n}")
            killed = _kill_when(_import(db, csv, env), Path(f"{db.path}-wal"), delay, wal_bytes)
            outcomes.append((killed, killed, _assert_all_or_nothing(_state(db))))
    else:
        # kill once the import's transaction holds locks, once it inserts transfers, and at
        # a fixed delay (which may land before, inside or after it)
        for n, (delay, trigger) in enumerate([(60.0, "xid"), (60.0, "transfers"), (1.5, "")]):
            db = copies(f"run{n}")
            killed, inside = _kill_pg(_import(db, csv, env), db, delay, trigger)
            outcomes.append((killed, inside, _assert_all_or_nothing(_state(db))))
    assert any(killed and inside and seen == "nothing" for killed, inside, seen in outcomes), (
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
from tallytale.ledger import batch as ledger_batch
from tallytale.ledger.services import Actor
from tallytale.ledger.batch import Op
actor = Actor("crash")
day = dt.date(2024, 2, 1)
ops = [Op("earn", f"P{i:05d}", 60, f"batch-{i}", partner="library", day=day) for i in range(200)]
ledger_batch.record_batch(ops, actor=actor, today=dt.date(2025, 1, 1))
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


def test_killed_stream_of_ledger_writes_leaves_balanced_books(template, copies, tmp_path):
    db = copies("loop")
    env = {**_env(tmp_path), "DATABASE_URL": db.url}
    proc = subprocess.Popen(
        [sys.executable, "-c", LEDGER_LOOP], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "batch done"
    time.sleep(2.0)
    if db.engine == "sqlite":
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    else:  # aim the kill at a moment when one of the writes holds its locks
        killed, inside = _kill_pg(proc, db, 10.0, "xid")
        assert killed and inside, "the kill did not land inside a ledger write"
    state = _state(db)
    assert state["integrity"] == "ok"
    assert state["earns"] == 200 and state["contributions"] == 200
    assert state["mismatched"] == 0 and state["sum_of_balances"] == 0, state
    assert state["negative_members"] == 0, state
    spends = _one(db, "SELECT COUNT(*) FROM ledger_transfer WHERE kind = 'spend'")
    repeats = _one(db, "SELECT COUNT(*) - COUNT(DISTINCT idempotency_key) FROM ledger_transfer")
    assert spends > 0 and repeats == 0
