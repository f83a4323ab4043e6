"""Run every benchmark and write BENCHMARKS.md from what they print.

    make bench            # or: .venv/bin/python benchmarks/run_all.py [--only NAME ...]

Each benchmark measures Tallytale against a baseline in the same run and prints markdown;
this script adds the machine, the command and what is being compared, and keeps nothing
that a script did not print in this run. With --only, the other sections are kept from the
existing BENCHMARKS.md (their own recorded date says when they were measured).
Set TALLYTALE_BENCH_DATABASE_URL to a scratch PostgreSQL database to run the ledger and
load benchmarks there (its tables are flushed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from _setup import machine

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "BENCHMARKS.md"

BENCHMARKS = [
    (
        "ledger",
        ["ledger.py"],
        "Ledger transfers per second through the service API (batch mode and one at a time) "
        "against raw INSERTs of the same rows into identically indexed tables.",
    ),
    (
        "import_responses",
        ["import_responses.py", "--rows", "100000"],
        "Importing a Kobo-style CSV of survey responses against reading the same file with the "
        "csv module, then exporting it as CSV, Parquet and SPSS.",
    ),
    (
        "redaction",
        ["redaction.py"],
        "Redaction recall and precision per type over the labelled test set, and stories per "
        "second against a single regex pass and str.lower() over the same texts.",
    ),
    (
        "redaction_real",
        ["redaction_real.py", "/tmp/hm_sample.txt"],
        "Name-masking precision on real text: 1,998 happy moments from HappyDB's public "
        "sample (fetch it first: see the script), every NAME span labelled by hand. Before the "
        "title, brand, shouting and family-word rules (commit 86942be, same labels): 91 spans, "
        "73 people, precision 0.802.",
    ),
    (
        "themes",
        [
            "themes.py",
            "--n",
            "100000",
            "--methods",
            "tallytale-k,tallytale-auto,baseline,nmf,static",
        ],
        "Theme discovery quality (NMI, ARI against the generator's labels) and time against "
        "plain TF-IDF + k-means and TF-IDF + NMF on the same corpus (the semantic method, which "
        "needs the optional model, is compared with sentence embeddings + k-means by "
        "`themes_semantic`).",
    ),
    (
        "themes_semantic",
        ["themes.py", "--n", "2000", "--methods", "baseline,static,semantic"],
        "The semantic method against the shipped sentence embeddings + plain k-means, in the same "
        "run (needs `pip install '.[embed]'`; the script says so when the model is absent).",
    ),
    (
        "report",
        ["report.py"],
        "Building the evidence report (JSON and HTML) for a generated programme of 100,000 "
        "participants, 1,000,000 transfers and 100,000 stories, against just reading the same "
        "rows from the database.",
    ),
    (
        "pairing",
        ["pairing_eval.py", "--judged", "benchmarks/pairing_judged.json"],
        "Whether the quotes beside each figure fit it: on-topic share of the stories paired "
        "with outcome and ledger figures on the demo (the generator's theme-outcome links as "
        "labels), report-wide reuse, and 30 hand-judged pairs.",
    ),
    (
        "page_weight",
        ["page_weight.py"],
        "Page weight per page type on first load (HTML, CSS, JS, service worker, manifest; gzip), "
        "against the 100 KB budget.",
    ),
    (
        "web",
        ["web.py"],
        "Requests per second and latency for the story form and the coordinator dashboard "
        "under a local load generator, against a static file from the same server.",
    ),
    (
        "page_cpu",
        ["profile_views.py", "--n", "200"],
        "Server CPU, queries and Python calls per request for each of the load test's pages, "
        "one client in process, against a bare view for a signed-in user measured in the same "
        "run (with --profile PAGE it shows where the time goes).",
    ),
    (
        "load",
        ["load.py", "--max-p95", "300", "--max-cpu-ratio", "4"],
        "200 concurrent users (Locust) collecting stories, logging hours and reading the "
        "dashboard for two minutes against the production server, three times: errors, the "
        "median and range of p95 against the 300 ms target, server CPU per request against "
        "the floor (a bare view), and every record present exactly once afterwards.",
    ),
    (
        "jobs",
        ["jobs.py", "--max-ratio", "1.5"],
        "The same 200 users alone and then while two workers build 10 report PDFs and import "
        "a 100,000-row hours file as background jobs: p95 of the story form and the ledger "
        "entry with jobs against without (budget 1.5x), and every job done exactly once.",
    ),
    (
        "passwords",
        ["passwords.py"],
        "A password check (what each sign-in costs) with Tallytale's Argon2id parameters "
        "(OWASP's minimum) against Django's default Argon2id parameters, one at a time and "
        "a burst on every core.",
    ),
]


def _sections(text: str) -> dict[str, str]:
    found = {}
    for m in re.finditer(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->", text, re.S):
        found[m.group(1)] = m.group(2)
    return found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", choices=[b[0] for b in BENCHMARKS])
    args = ap.parse_args()
    previous = _sections(OUT.read_text()) if OUT.exists() else {}
    failed = []
    body = []
    for name, command, what in BENCHMARKS:
        if args.only and name not in args.only:
            if name in previous:
                body.append(f"<!-- bench:{name} -->\n{previous[name]}<!-- /bench:{name} -->\n")
            continue
        print(f"== {name}: {' '.join(command)}", flush=True)
        t0 = time.perf_counter()
        # never a database the user configured for real work: benchmarks flush what they use
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if name in ("ledger", "page_cpu", "load", "jobs") and os.environ.get(
            "TALLYTALE_BENCH_DATABASE_URL"
        ):
            env["DATABASE_URL"] = os.environ["TALLYTALE_BENCH_DATABASE_URL"]
        proc = subprocess.run(
            [sys.executable, *command], cwd=HERE, capture_output=True, text=True, env=env
        )
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            failed.append(name)  # what it measured stays on record, with why it failed
            output = (
                proc.stdout.strip()
                + f"\n\n**Failed** (exit {proc.returncode}):\n\n```\n{proc.stderr[-2000:]}\n```\n"
            )
        else:
            output = proc.stdout.strip() + "\n"
        section = (
            f"## {name}\n\n{what}\n\n    .venv/bin/python benchmarks/{' '.join(command)}\n\n"
            f"Measured {dt.date.today().isoformat()} ({seconds:.0f} s wall clock for the script).\n\n"
            f"{output}\n"
        )
        body.append(f"<!-- bench:{name} -->\n{section}<!-- /bench:{name} -->\n")
    header = (
        "# Benchmarks\n\n"
        "Written by `make bench` (benchmarks/run_all.py) from what each script printed. Every "
        "figure has a baseline measured in the same run on the same machine; absolute numbers "
        "move with machine load, ratios much less.\n\n"
        f"Machine: {machine()}.\n\n"
    )
    OUT.write_text(header + "\n".join(body))
    print(f"wrote {OUT}")
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
