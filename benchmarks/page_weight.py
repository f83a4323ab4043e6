"""Page weight per page type: what a first visit fetches (HTML, CSS, JS, service worker,
manifest), gzip-compressed, against the 100 KB budget.

    .venv/bin/python benchmarks/page_weight.py

Runs the page-weight test (tests/web/test_page_weight.py), which signs in as each role on a
seeded test database, and prints its table.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from _setup import ROOT


def main() -> int:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["TALLYTALE_DATA_DIR"] = tempfile.mkdtemp(prefix="tallytale-bench-weight-")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "tests/web/test_page_weight.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    table = [line for line in proc.stdout.splitlines() if line.startswith("|")]
    if proc.returncode != 0 or not table:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-2000:])
        return 1
    print("### Page weight per page type (first load, gzip level 6; budget 100 KB)\n")
    print("\n".join(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
