"""Ledger writes stay fast on SQLite while six report PDFs build on two worker processes.

Real processes on one SQLite file, as `make demo` runs them: `tallytale report --queue`
queues six PDF builds, `tallytale worker --processes 2` builds them, and a third process
records hours one at a time meanwhile. The issue's budget: p95 of a ledger write under
250 ms while the PDFs build. (Before jobs, a build held a write transaction inside the
request and a coordinator's entry waited out the 60 s busy timeout.)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.test_worker_kill import HERE, _Db, _env, _tt

pytestmark = pytest.mark.slow
AUDIENCES = ("public", "project", "research_team")


def test_ledger_writes_p95_under_250_ms_while_six_pdfs_build(tmp_path: Path):
    path = tmp_path / "load.sqlite3"
    db = _Db(f"sqlite:///{path}", path=path)
    env = _env(tmp_path / "data", db.url)
    subprocess.run(
        [sys.executable, str(HERE / "_jobs_setup.py"), db.url], check=True, env=env, timeout=300
    )
    for n in range(6):
        _tt(env, "report", "--project", "riverside", "--format", "pdf",
            "--audience", AUDIENCES[n % 3], "--queue", "--key", f"pdf-{n}")  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "tallytale.cli", "worker", "--processes", "2", "--interval", "0.1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        writer = subprocess.run(
            [sys.executable, str(HERE / "_ledger_writer.py"), db.url, "200"],
            env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert writer.returncode == 0, writer.stderr[-2000:]
        deadline = time.monotonic() + 300
        while db.one("SELECT COUNT(*) FROM jobs_job WHERE state IN ('queued', 'running')")[0]:
            assert time.monotonic() < deadline, "the PDFs did not finish"
            time.sleep(0.2)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
    latencies = json.loads(writer.stdout.strip().splitlines()[-1])
    assert db.one("SELECT COUNT(*) FROM jobs_job WHERE state = 'done'") == (6,)
    assert db.one("SELECT COUNT(*) FROM evidence_reportbuild") == (6,)
    assert len(latencies) >= 20, f"only {len(latencies)} writes overlapped the builds"
    p95 = statistics.quantiles(latencies, n=20)[-1]
    assert p95 < 0.25, f"ledger writes p95 {p95 * 1000:.0f} ms while six PDFs built"
