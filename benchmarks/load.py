"""Load test: 200 concurrent users collecting stories, logging hours and viewing the
dashboard for two minutes, against `tallytale serve` (gunicorn) on loopback.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/load.py [--users 200] [--seconds 120]

Seeds a sample project and one account per simulated user (coordinators enrolled in
two-step sign-in, which they pass with a real authenticator code), starts the production
server with its default worker count and every guard on (CSRF, per-user post limits,
two-step sign-in), then runs Locust headless (`benchmarks/locustfile.py`). Users sign in
while they are spawned; the measured window opens when the last one has signed in and
lasts --seconds, so the table covers the steady state (sign-in is reported apart). Afterwards every story and hours entry a user was told was saved is looked
up: each must be in the database exactly once, and the books must balance.

Exits non-zero on any failed request, any lost or doubled record, or (with --max-p95) a
p95 above the target. Bounded: Locust stops itself after the window, and a cap of ramp-up
plus --seconds plus five minutes stops it anyway.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _server import running_server
from _setup import ROOT, fresh_django, machine

PASSWORD = "load test password not secret 7"
MIX = {"researchers": 2, "loggers": 2, "coordinators": 1}  # locustfile weights


def seed(users: int) -> dict:
    """A sample project plus one account per simulated user (plus spares)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from tallytale.accounts import mfa
    from tallytale.core import totp
    from tallytale.demo.sample import build_sample_project
    from tallytale.programmes import services as people
    from tallytale.programmes.models import Membership, Organisation, Person, Role
    from tallytale.programmes.permissions import Actor as _Actor

    slug = "load"
    build_sample_project(slug, participants=200, seed=5)
    User = get_user_model()
    hashed = make_password(PASSWORD)  # one hash for all: seeding stays fast
    total = sum(MIX.values())
    accounts: dict = {"project": slug, "password": PASSWORD}
    for pool, role in (
        ("researchers", "researcher"),
        ("loggers", "researcher"),
        ("coordinators", "coordinator"),
    ):
        n = users * MIX[pool] // total + 5
        accounts[pool] = []
        for i in range(n):
            code = f"LOAD-{pool[:3].upper()}-{i:03d}"
            person = people.add_person(code, slug, role, actor=_Actor.cli("bench"))
            user = User.objects.create(username=code.lower(), password=hashed)
            Person.objects.filter(pk=person.pk).update(user=user)
            entry = {"username": user.username}
            if role == "coordinator":
                # Enrol with a code from a minute ago, so the sign-in code is not a reuse.
                dev = mfa.start_enrolment(user)
                ago = time.time() - 60
                mfa.confirm_enrolment(user, totp.code_at(dev.secret, ago), at=ago)
                entry["totp"] = dev.secret
            accounts[pool].append(entry)
    accounts["members"] = list(
        Membership.objects.filter(project__slug=slug, role=Role.PARTICIPANT).values_list(
            "person__code", flat=True
        )
    )
    accounts["partners"] = list(
        Organisation.objects.filter(project__slug=slug, kind__in=["earning", "both"]).values_list(
            "slug", flat=True
        )
    )
    return accounts


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def verify(submitted: dict) -> dict:
    """Each saved story and hours entry exactly once; the books balance."""
    from tallytale.ledger import statements as ledger_statements
    from tallytale.ledger.models import Contribution, Transfer
    from tallytale.stories.models import Story

    out = {}
    stories = [s["marker"] for s in submitted["stories"] if s["saved"]]
    once = sum(1 for m in stories if Story.objects.filter(text__contains=m).count() == 1)
    tried = [s["marker"] for s in submitted["stories"] if not s["saved"]]
    ghosts = sum(1 for m in tried if Story.objects.filter(text__contains=m).count() > 1)
    out["stories"] = (len(stories), once, ghosts)
    keys = [h["key"] for h in submitted["hours"] if h["saved"]]
    # the key is unique, so present means once; each must carry its hours (a contribution)
    found = set(
        Transfer.objects.filter(
            idempotency_key__in=[f"web:hours:{k}" for k in keys], contribution__isnull=False
        ).values_list("idempotency_key", flat=True)
    )
    out["hours"] = (len(keys), len(found), 0)
    out["orphans"] = Contribution.objects.filter(transfer__isnull=True).count()
    out["books"] = ledger_statements.check_books()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    ap.add_argument("--think", default="1,5", help="seconds between page views: min,max")
    ap.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: serve's default)")
    ap.add_argument("--threads", type=int, default=4, help="threads per worker (1: sync)")
    ap.add_argument("--max-p95", type=float, default=0, help="fail above this p95 (ms)")
    args = ap.parse_args()
    t_start = time.perf_counter()
    vendor = fresh_django("load")
    accounts = seed(args.users)
    work = Path(tempfile.mkdtemp(prefix="tallytale-load-"))
    (work / "accounts.json").write_text(json.dumps(accounts))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with running_server(env, workers=args.workers, threads=args.threads) as (port, workers):
        everything, out = run_locust(args, env, port, work)
    rows = summarise(out["samples"], out["window"]["end"] - out["window"]["start"])
    checks = verify(out["submitted"])
    report(args, vendor, workers, rows, everything, checks, time.perf_counter() - t_start)
    failures = sum(int(r["Failure Count"]) for r in everything if r["Name"] == "Aggregated")
    problems = []
    if failures:
        problems.append(f"{failures} requests failed")
        for why, n in sorted(out["errors"].items(), key=lambda kv: -kv[1]):
            print(f"- {n} × {why}")
    for what in ("stories", "hours"):
        saved, once, ghosts = checks[what]
        if once != saved or ghosts:
            problems.append(f"{what}: {saved} saved, {once} found exactly once, {ghosts} doubled")
    if checks["orphans"]:
        problems.append(f"{checks['orphans']} hours contributions without a transfer")
    books = checks["books"]
    if books["sum_of_balances"] != 0 or books["mismatched"]:
        problems.append(f"the books do not balance: {books}")
    p95 = rows[-1]["p95"]
    if args.max_p95 and p95 > args.max_p95:
        problems.append(f"p95 {p95:.0f} ms is over the target of {args.max_p95:.0f} ms")
    if problems:
        raise SystemExit("; ".join(problems))


def run_locust(args, env: dict, port: int, work: Path) -> tuple[list[dict], dict]:
    """Run the Locust scenario headless against the server on `port`; returns Locust's
    whole-run stats (sign-in included) and the locustfile's own record (samples of the
    measured window, what each user submitted, errors)."""
    ramp = args.users / args.spawn_rate
    for old in work.glob("load_*.csv"):
        old.unlink()
    locust = subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless", "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
            "--run-time", f"{int(ramp + args.seconds + 300)}s", "--stop-timeout", "30",
            "--host", f"http://127.0.0.1:{port}", "--csv", str(work / "load"),
            "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ],
        env={
            **env,
            "LOAD_ACCOUNTS": str(work / "accounts.json"),
            "LOAD_OUT": str(work / "out.json"),
            "LOAD_THINK": args.think,
            "LOAD_USERS": str(args.users),
            "LOAD_SECONDS": str(args.seconds),
        },
        capture_output=True,
        text=True,
        timeout=ramp + args.seconds + 400,
    )  # fmt: skip
    if locust.returncode != 0:
        raise SystemExit(f"locust failed:\n{locust.stderr[-3000:]}")
    everything = read_stats(work / "load")  # every request of the run, sign-in included
    out = json.loads((work / "out.json").read_text())
    if "end" not in out["window"]:
        raise SystemExit("the measured window never closed: some users never signed in")
    return everything, out


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    return values[max(0, math.ceil(q * len(values)) - 1)] if values else float("nan")


def summarise(samples: list, seconds: float) -> list[dict]:
    """Per request name and overall: count, rate, failures and latency percentiles."""
    by_name: dict[str, list] = {}
    for name, ms, ok in samples:
        by_name.setdefault(name, []).append((ms, ok))
    by_name["**all**"] = [(ms, ok) for _n, ms, ok in samples]
    rows = []
    for name, vals in sorted(by_name.items(), key=lambda kv: kv[0] == "**all**"):
        ms = sorted(v for v, _ in vals)
        rows.append(
            {
                "name": name,
                "n": len(ms),
                "rps": len(ms) / seconds,
                "failures": sum(1 for _, ok in vals if not ok),
                "p50": percentile(ms, 0.50),
                "p95": percentile(ms, 0.95),
                "p99": percentile(ms, 0.99),
                "max": ms[-1] if ms else float("nan"),
            }
        )
    return rows


def report(
    args,
    vendor: str,
    workers: int,
    rows: list[dict],
    everything: list[dict],
    checks: dict,
    wall: float,
) -> None:
    lo, hi = args.think.split(",")
    print(f"### {args.users} users for {args.seconds:.0f} s ({vendor}; {machine()})\n")
    print(
        f"`tallytale serve` (gunicorn, {workers} workers × {args.threads} threads) on loopback, every guard on (CSRF, "
        "per-user post limits, coordinators signed in with an authenticator code). Locust "
        f"(same 2 cores) starts {args.users} users at {args.spawn_rate:g} a second: "
        f"{MIX['researchers']}/{sum(MIX.values())} collect stories, "
        f"{MIX['loggers']}/{sum(MIX.values())} log members' hours, "
        f"{MIX['coordinators']}/{sum(MIX.values())} read the coordinator dashboard; each waits "
        f"{lo}–{hi} s between page views. The table covers the {args.seconds:.0f} s after the "
        f"last user had signed in. Script wall clock {wall:.0f} s.\n"
    )
    print("| request | requests | per second | failures | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['name']} | {r['n']:,} | {r['rps']:.1f} | {r['failures']} | {r['p50']:.0f} | "
            f"{r['p95']:.0f} | {r['p99']:.0f} | {r['max']:.0f} |"
        )
    signin = [r for r in everything if r["Name"].startswith("sign in")]
    total = next(r for r in everything if r["Name"] == "Aggregated")
    print(
        f"\nSigning in ({sum(int(r['Request Count']) for r in signin):,} requests while users "
        f"were started, Argon2id password checks): p95 "
        f"{max(float(r['95%']) for r in signin):.0f} ms at worst. Failed requests over the whole "
        f"run, sign-in included: {total['Failure Count']}."
    )
    s, h = checks["stories"], checks["hours"]
    print(
        f"\nAfterwards: {s[0]:,} stories saved, {s[1]:,} found exactly once; "
        f"{h[0]:,} hours entries recorded, {h[1]:,} found exactly once with their hours "
        f"({checks['orphans']} hours without a transfer). Ledger replayed from "
        f"the journal: sum of balances {checks['books']['sum_of_balances']}, "
        f"{len(checks['books']['mismatched'])} accounts differing from their stored balance."
    )


if __name__ == "__main__":
    main()
