"""A short run of the load benchmark in the suite: many users at once against the
production server (gunicorn, threaded workers), on each database.

Zero failed requests, every story and hours entry the users were told was saved present
exactly once, and the books balance (load.py exits non-zero otherwise). Latency is not
asserted here (CI machines vary); the two-minute, 200-user run with its 300 ms p95 target
is `make bench` (BENCHMARKS.md, section "load").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ._databases import PG_SKIP, pg_base, scratch_pg, url_of

LOAD = Path(__file__).resolve().parents[2] / "benchmarks" / "load.py"

pytestmark = pytest.mark.slow


def _run(env: dict) -> str:
    p = subprocess.run(
        # 40 users thinking 0.5-1.5 s for 8 s send about as many requests, at a higher rate,
        # as 60 users thinking 1-5 s for 15 s did, in half the wall time.
        [
            sys.executable,
            str(LOAD),
            "--users",
            "40",
            "--seconds",
            "8",
            "--spawn-rate",
            "40",
            "--think",
            "0.5,1.5",
            "--runs",
            "2",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return p.stdout


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_many_users_at_once_lose_nothing(tmp_path, vendor):
    env = {**os.environ, "TALLYTALE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # never the suite's database: load.py flushes what it uses
    if vendor == "postgresql":
        if pg_base() is None:
            pytest.skip(PG_SKIP)
        with scratch_pg("load") as cfg:
            out = _run({**env, "DATABASE_URL": url_of(cfg)})
    else:
        out = _run(env)
    assert f"({vendor};" in out
    row = re.search(
        r"^\| \*\*all\*\* \| ([\d,]+) \| (\d+) \|.* \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$",
        out,
        re.M,
    )
    assert row, out
    assert int(row.group(1).replace(",", "")) > 100 and row.group(2) == "0"
    # server CPU ms, ÷ the floor asked for during the load, ÷ the quiet server's floor
    assert all(float(row.group(i)) > 0 for i in (3, 4, 5))
    assert re.search(r"^\| floor: bare view, signed in \| [\d,]+ \| 0 \|.* \| 1\.0 \|", out, re.M)
    assert re.search(r"a bare view returning \"ok\" through every middleware [\d.]+ ms", out)
    assert re.search(r"the same view for a signed-in user [\d.]+ ms", out), out
    runs = re.findall(r"([\d,]+) stories saved, ([\d,]+) found exactly once", out)
    assert len(runs) == 2 and all(a == b and a != "0" for a, b in runs), out
    hours = re.findall(r"([\d,]+) hours entries, ([\d,]+) found exactly once", out)
    assert len(hours) == 2 and all(a == b and a != "0" for a, b in hours), out
    assert out.count("sum of balances 0, 0 accounts differing") == 2
