"""A worker killed mid-job (SIGKILL) leaves the job retryable and nothing half-written.

Real processes on a real database (an SQLite file; PostgreSQL when TALLYTALE_TEST_PG_URL or
the suite's DATABASE_URL names one): `tallytale report --queue` queues a PDF build,
`tallytale worker` takes it and is killed while it builds; the next worker marks the job
failed (its worker stopped), `tallytale jobs retry` queues it again and `tallytale worker
--burst` finishes it: one build logged, one result file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.reliability._databases import PG_SKIP, _admin, _drop_database, pg_base, url_of

HERE = Path(__file__).resolve().parent
pytestmark = pytest.mark.slow


def _env(data: Path, db_url: str, **extra: str) -> dict:
    env = {**os.environ, "TALLYTALE_DATA_DIR": str(data), "DATABASE_URL": db_url, **extra}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(HERE.parent.parent / "src"), env.get("PYTHONPATH", "")]
    )
    return env


def _tt(env: dict, *args: str, timeout: float = 180) -> str:
    p = subprocess.run(
        [sys.executable, "-m", "tallytale.cli", *args],
        capture_output=True, text=True, env=env, timeout=timeout,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    return p.stdout.strip()


class _Db:
    def __init__(self, url: str, path: Path | None = None, name: str = "", base=None):
        self.url, self.path, self.name, self.base = url, path, name, base

    def one(self, sql: str):
        if self.path is not None:
            import sqlite3

            with sqlite3.connect(self.path) as c:
                return c.execute(sql).fetchone()
        import psycopg

        cfg = self.base
        with psycopg.connect(
            dbname=self.name, user=cfg.get("USER") or None, password=cfg.get("PASSWORD") or None,
            host=cfg.get("HOST") or None, port=cfg.get("PORT") or None,
        ) as c:  # fmt: skip
            return c.execute(sql).fetchone()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        path = tmp_path / "jobs.sqlite3"
        yield _Db(f"sqlite:///{path}", path=path)
        return
    base = pg_base()
    if base is None:
        pytest.skip(PG_SKIP)
    name = f"tt_jobs_{uuid.uuid4().hex[:10]}"
    with _admin(base) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _Db(url_of({**base, "ENGINE": "django.db.backends.postgresql", "NAME": name}),
                  name=name, base=base)  # fmt: skip
    finally:
        _drop_database(base, name)


def test_a_worker_killed_mid_job_leaves_it_retryable_and_nothing_half_written(database, tmp_path):
    data = tmp_path / "data"
    env = _env(data, database.url)
    subprocess.run(
        [sys.executable, str(HERE / "_jobs_setup.py"), database.url],
        check=True, env=env, timeout=300,
    )  # fmt: skip
    job_id = int(_tt(env, "report", "--project", "riverside", "--format", "pdf",
                     "--audience", "research_team", "--queue", "--key", "kill-1"))  # fmt: skip
    # the same key queues nothing new
    assert int(_tt(env, "report", "--project", "riverside", "--format", "pdf", "--audience",
                   "research_team", "--queue", "--key", "kill-1")) == job_id  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "tallytale.cli", "worker", "--interval", "0.1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            row = database.one(f"SELECT state FROM jobs_job WHERE id = {job_id}")
            if row and row[0] == "running":
                break
            time.sleep(0.02)
        else:
            pytest.fail("the worker never started the job")
        time.sleep(0.3)  # into the build (several seconds for a PDF)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert database.one(f"SELECT state, result_path FROM jobs_job WHERE id = {job_id}") == (
        "running",
        "",
    )
    assert database.one("SELECT COUNT(*) FROM evidence_reportbuild") == (0,)
    results = data / "jobs"
    assert [p for p in results.rglob("*") if p.is_file() and p.suffix != ".part"] == []

    # the next worker finds it dead (no report for longer than the stale limit) ...
    stale = _env(data, database.url, TALLYTALE_JOBS_STALE_SECONDS="0")
    _tt(stale, "worker", "--burst")
    state, error = database.one(f"SELECT state, error FROM jobs_job WHERE id = {job_id}")
    assert state == "failed" and "retry it" in error
    # ... and a retry runs it to the end, once
    assert _tt(env, "jobs", "retry", str(job_id)) == f"job {job_id}: queued"
    _tt(env, "worker", "--burst", "--processes", "2")  # two workers, one claim
    state, attempts, path = database.one(
        f"SELECT state, attempts, result_path FROM jobs_job WHERE id = {job_id}"
    )
    assert (state, attempts) == ("done", 2)
    assert (results / path).read_bytes().startswith(b"%PDF")
    assert database.one("SELECT COUNT(*) FROM evidence_reportbuild") == (1,)
    assert [p.name for p in results.rglob("*.pdf")] == [Path(path).name]
