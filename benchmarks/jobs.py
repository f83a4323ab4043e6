"""Web under load while background jobs run: does heavy work stay off the web's back?

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/jobs.py [--users 200] [--seconds 120]

The same Locust scenario as benchmarks/load.py (stories, hours, dashboard; every guard on)
runs twice against one `tallytale serve`: first alone (the baseline, measured in the same
run), then while two `tallytale worker` processes build 10 report PDFs and import a
100,000-row contributions file as jobs. Reports, for the story form and the ledger entry,
p95 with jobs / p95 without (the issue's budget: at most 1.5x), failures, and afterwards
that every job ran exactly once (one attempt, done, one report build logged per PDF, every
imported row present once) and that the web's own writes are each present exactly once.

Exits non-zero on a failed request, a job not done once, a lost or doubled record, or (with
--max-ratio) a ratio above the budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _server import default_threads, running_server
from _setup import ROOT, fresh_django, machine
from load import run_locust, seed, summarise, verify

WATCHED = ("story: send", "hours: record")
PDFS = 10
IMPORT_ROWS = 100_000


def queue_jobs(accounts: dict) -> list[int]:
    """10 PDF builds and one 100k-row hours import, queued as a coordinator would."""
    from django.contrib.auth import get_user_model

    from tallytale.evidence.tasks import start_build
    from tallytale.ledger.tasks import start_import
    from tallytale.programmes import services as people
    from tallytale.programmes.permissions import Actor
    from tallytale.uploads import services as uploads

    project = people.get_project(accounts["project"])
    user = get_user_model().objects.get(username=accounts["coordinators"][0]["username"])
    actor = Actor(f"web:{user.username}", user)
    ids = []
    audiences = ("public", "project", "research_team")
    for n in range(PDFS):
        job = start_build(
            actor=actor, project=project, fmt="pdf", audience=audiences[n % 3], key=f"bench-{n}"
        )
        ids.append(job.pk)
    members, partners = accounts["members"], accounts["partners"]
    day0 = dt.date(2010, 1, 1)
    lines = ["person_code,partner,date,hours,activity"]
    for i in range(IMPORT_ROWS):  # distinct (member, partner, day) rows: none is a duplicate
        day = day0 + dt.timedelta(days=i // (len(members) * len(partners)))
        member = members[i % len(members)]
        partner = partners[(i // len(members)) % len(partners)]
        lines.append(f"{member},{partner},{day},1,bench import")
    upload = uploads.keep_text(
        "\n".join(lines) + "\n", user=user, project=project, kind="contributions"
    )
    ids.append(start_import(actor=actor, project=project, upload=upload).pk)
    return ids


def check_jobs(ids: list[int]) -> list[str]:
    from tallytale.evidence.models import ReportBuild
    from tallytale.jobs.models import Job
    from tallytale.ledger.models import Contribution

    problems = []
    for job in Job.objects.filter(pk__in=ids):
        if job.state != "done" or job.attempts != 1:
            problems.append(
                f"job {job.pk} ({job.kind}): {job.state}, {job.attempts} attempts {job.error}"
            )
    builds = ReportBuild.objects.filter(format="pdf").count()
    if builds != PDFS:
        problems.append(f"{builds} PDF builds logged, expected {PDFS}")
    imported = Contribution.objects.filter(activity="bench import").count()
    if imported != IMPORT_ROWS:
        problems.append(f"{imported} imported rows, expected {IMPORT_ROWS}")
    return problems


def wait_for(ids: list[int], timeout: float) -> float:
    from tallytale.jobs.models import Job

    t0 = time.perf_counter()
    while Job.objects.filter(pk__in=ids, state__in=("queued", "running")).exists():
        if time.perf_counter() - t0 > timeout:
            break
        time.sleep(1)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    ap.add_argument("--think", default="1,5", help="seconds between page views: min,max")
    ap.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: serve's default)")
    ap.add_argument(
        "--threads", type=int, default=0, help="threads per worker (0: serve's default; 1: sync)"
    )
    ap.add_argument("--max-ratio", type=float, default=0, help="fail above this p95 ratio")
    args = ap.parse_args()
    args.threads = args.threads or default_threads()
    t_start = time.perf_counter()
    vendor = fresh_django("jobs")
    accounts = seed(args.users, runs=2)
    work = Path(tempfile.mkdtemp(prefix="tallytale-jobs-"))
    (work / "accounts.json").write_text(json.dumps(accounts))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    problems: list[str] = []
    with running_server(env, workers=args.workers, threads=args.threads) as (port, workers):
        _all, alone = run_locust(args, env, port, work, run=0)
        base = summarise(alone["samples"], alone["window"]["end"] - alone["window"]["start"])
        checks = [verify(alone["submitted"])]
        ids = queue_jobs(accounts)
        worker = subprocess.Popen(
            [sys.executable, "-m", "tallytale.cli", "worker", "--processes", "2"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            t_jobs = time.perf_counter()
            everything, busy = run_locust(args, env, port, work, run=1)
            jobs_still = wait_for(ids, timeout=1800)
            jobs_wall = time.perf_counter() - t_jobs
        finally:
            worker.terminate()
            worker.wait(120)
        loaded = summarise(busy["samples"], busy["window"]["end"] - busy["window"]["start"])
        checks.append(verify(busy["submitted"]))
    problems += check_jobs(ids)
    failures = sum(r["failures"] for r in base + loaded if r["name"] == "**all**")
    if failures:
        problems.append(f"{failures} requests failed")
    for c in checks:
        for what in ("stories", "hours"):
            saved, once, ghosts = c[what]
            if once != saved or ghosts:
                problems.append(f"{what}: {saved} saved, {once} found once, {ghosts} doubled")
    print(f"### Web load with and without jobs: {args.users} users ({vendor}; {machine()})\n")
    print(
        f"`tallytale serve` ({workers} workers × {args.threads} threads) and Locust on the same "
        f"cores, the load.py scenario for {args.seconds:.0f} s after the last sign-in, twice: "
        f"alone, then while `tallytale worker --processes 2` built {PDFS} report PDFs and "
        f"imported a {IMPORT_ROWS:,}-row hours file (jobs done {jobs_wall:.0f} s after they "
        f"were queued; {jobs_still:.0f} s of that after the load ended). Script wall clock "
        f"{time.perf_counter() - t_start:.0f} s.\n"
    )
    print("| request | p95 ms alone | p95 ms with jobs | ratio | requests with jobs | failures |")
    print("|---|---:|---:|---:|---:|---:|")
    by_name = {r["name"]: r for r in base}
    worst = 0.0
    for r in loaded:
        b = by_name.get(r["name"])
        if b is None:
            continue
        ratio = r["p95"] / b["p95"] if b["p95"] else float("nan")
        if r["name"] in WATCHED:
            worst = max(worst, ratio)
        print(
            f"| {r['name']} | {b['p95']:.0f} | {r['p95']:.0f} | {ratio:.2f} | {r['n']:,} | "
            f"{r['failures'] + b['failures']} |"
        )
    print(
        f"\nWorst ratio for {' and '.join(WATCHED)}: {worst:.2f} (budget 1.5). Jobs: "
        f"{'all done once' if not check_jobs(ids) else 'NOT all done once'}."
    )
    if args.max_ratio and worst > args.max_ratio:
        problems.append(f"p95 ratio {worst:.2f} is over {args.max_ratio}")
    if problems:
        raise SystemExit("; ".join(problems))


if __name__ == "__main__":
    main()
