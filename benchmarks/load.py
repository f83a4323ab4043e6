"""Load test: 200 concurrent users collecting stories, logging hours and viewing the
dashboard for two minutes, against `tallytale serve` (gunicorn) on loopback.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/load.py [--users 200] [--seconds 120] [--runs 3]

Seeds a sample project and one account per simulated user (coordinators enrolled in
two-step sign-in, which they pass with a real authenticator code), starts the production
server with its default worker count and every guard on (CSRF, per-user post limits,
two-step sign-in), then runs Locust headless (`benchmarks/locustfile.py`). Users sign in
while they are spawned; the measured window opens when the last one has signed in and
lasts --seconds, so the table covers the steady state (sign-in is reported apart). Afterwards every story and hours entry a user was told was saved is looked
up: each must be in the database exactly once, and the books must balance.

The scenario runs --runs times (3) against the same server; the table gives, per request
type, the median and range of p95 over the runs, the machine's idle CPU in each window, and
the server CPU milliseconds per request (Server-Timing, TALLYTALE_SERVER_TIMING=1) beside
the floor: a static file and a bare view returning "ok" (anonymous, and for a signed-in
user: the floor each page is divided by), measured afterwards.

Exits non-zero on any failed request, any lost or doubled record, or (with --max-p95 /
--max-cpu-ratio) a median p95 or a CPU ratio above the target. Bounded: Locust stops itself
after the window, and a cap of ramp-up plus --seconds plus five minutes stops it anyway.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _server import default_threads, running_server
from _setup import ROOT, fresh_django, machine

PASSWORD = "load test password not secret 7"
MIX = {"researchers": 2, "loggers": 2, "coordinators": 1}  # locustfile weights


def seed(users: int, runs: int = 1) -> dict:
    """A sample project plus one account per simulated user and run (plus spares): each run
    signs its own accounts in, since a coordinator's authenticator code is refused when
    replayed within its 30 s step (as it should be)."""
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
    accounts: dict = {"project": slug, "password": PASSWORD, "runs": runs}
    for pool, role in (
        ("researchers", "researcher"),
        ("loggers", "researcher"),
        ("coordinators", "coordinator"),
    ):
        n = (users * MIX[pool] // total + 5) * runs
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
    ap.add_argument("--runs", type=int, default=3, help="repeat the scenario; report medians")
    ap.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    ap.add_argument("--think", default="1,5", help="seconds between page views: min,max")
    ap.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: serve's default)")
    ap.add_argument(
        "--threads", type=int, default=0, help="threads per worker (0: serve's default; 1: sync)"
    )
    ap.add_argument(
        "--probes", type=int, default=2, help="extra users measuring the floor under the load"
    )
    ap.add_argument("--max-p95", type=float, default=0, help="fail above this median p95 (ms)")
    ap.add_argument(
        "--max-cpu-ratio", type=float, default=0, help="fail above this CPU/floor ratio"
    )
    args = ap.parse_args()
    args.threads = args.threads or default_threads()
    t_start = time.perf_counter()
    vendor = fresh_django("load")
    accounts = seed(args.users, args.runs)
    work = Path(tempfile.mkdtemp(prefix="tallytale-load-"))
    (work / "accounts.json").write_text(json.dumps(accounts))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TALLYTALE_SERVER_TIMING": "1"}
    runs = []
    cpu = CpuSampler()
    connections: list[list[int]] = []
    with running_server(env, workers=args.workers, threads=args.threads) as (port, workers):
        for n in range(args.runs):
            cpu.connections = []
            with cpu:
                everything, out = run_locust(args, env, port, work, run=n)
            connections.append(list(cpu.connections))
            window = out["window"]
            runs.append(
                {
                    "rows": summarise(out["samples"], window["end"] - window["start"]),
                    "everything": everything,
                    "checks": verify(out["submitted"]),
                    "idle": cpu.idle_share(window["start"], window["end"]),
                    "errors": out["errors"],
                    "samples": out["samples"],
                }
            )
        floor = measure_floor(port, accounts["researchers"][-1])
    table = combine(runs, floor)
    report(args, vendor, workers, runs, table, floor, time.perf_counter() - t_start)
    if any(connections):
        peaks = [max(c) if c else 0 for c in connections]
        ends = [c[-1] if c else 0 for c in connections]
        print(
            f"\nPostgreSQL client connections (sampled each second): peak {', '.join(map(str, peaks))} "
            f"per run, {', '.join(map(str, ends))} at each run's end; workers × threads = "
            f"{workers * args.threads} (each thread keeps one connection, CONN_MAX_AGE)."
        )
    leak = any(connections) and max(max(c) for c in connections if c) > workers * args.threads + 5
    problems = []
    if leak:
        problems.append("more PostgreSQL connections than worker threads: a connection leak")
    for n, run in enumerate(runs, 1):
        failures = sum(
            int(r["Failure Count"]) for r in run["everything"] if r["Name"] == "Aggregated"
        )
        if failures:
            problems.append(f"run {n}: {failures} requests failed")
            for why, k in sorted(run["errors"].items(), key=lambda kv: -kv[1]):
                print(f"- run {n}: {k} × {why}")
        checks = run["checks"]
        for what in ("stories", "hours"):
            saved, once, ghosts = checks[what]
            if once != saved or ghosts:
                problems.append(
                    f"run {n}: {what}: {saved} saved, {once} found exactly once, {ghosts} doubled"
                )
        if checks["orphans"]:
            problems.append(f"run {n}: {checks['orphans']} hours contributions without a transfer")
        books = checks["books"]
        if books["sum_of_balances"] != 0 or books["mismatched"]:
            problems.append(f"run {n}: the books do not balance: {books}")
    for row in table:
        if args.max_p95 and row["p95_median"] > args.max_p95:
            problems.append(
                f"{row['name']}: median p95 {row['p95_median']:.0f} ms > {args.max_p95:.0f}"
            )
        ratio = row.get("cpu_ratio")
        if args.max_cpu_ratio and row["name"] != "**all**" and ratio and ratio > args.max_cpu_ratio:
            problems.append(f"{row['name']}: CPU {ratio:.1f}x the floor > {args.max_cpu_ratio}")
    if problems:
        raise SystemExit("; ".join(problems))


class CpuSampler:
    """The machine's CPU use second by second (from /proc/stat), so a run can say how idle
    the cores were during its measured window (neighbours show up as less idle)."""

    def __init__(self) -> None:
        self.points: list[tuple[float, int, int]] = []
        self.connections: list[int] = []  # PostgreSQL: the app's open connections, each second
        self._stop = threading.Event()
        self._pg = _pg_counter()

    @staticmethod
    def _read() -> tuple[int, int]:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total

    def _loop(self) -> None:
        while not self._stop.is_set():
            idle, total = self._read()
            self.points.append((time.time(), idle, total))
            if self._pg is not None:
                self.connections.append(self._pg())
            self._stop.wait(1)

    def __enter__(self):
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def idle_share(self, start: float, end: float) -> float:
        inside = [p for p in self.points if start <= p[0] <= end]
        if len(inside) < 2:
            return float("nan")
        (_, i0, t0), (_, i1, t1) = inside[0], inside[-1]
        return (i1 - i0) / (t1 - t0) if t1 > t0 else float("nan")


def _pg_counter():
    """On PostgreSQL, a function counting the database's client connections other than its
    own (the app's pool: a leak shows as a count that keeps growing); else None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    import psycopg

    cfg = connection.settings_dict
    own = psycopg.connect(
        dbname=cfg["NAME"], user=cfg.get("USER") or None, password=cfg.get("PASSWORD") or None,
        host=cfg.get("HOST") or None, port=cfg.get("PORT") or None, autocommit=True,
    )  # fmt: skip

    def count() -> int:
        row = own.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        ).fetchone()
        return int(row[0])

    return count


def measure_floor(port: int, account: dict | None = None, n: int = 300) -> dict[str, float]:
    """Median server CPU ms of the cheapest requests, on the quiet server after the load: a
    static file (WhiteNoise), a bare view returning "ok" through every middleware, and the
    same bare view for a signed-in user (its session and user loaded: the fixed cost of
    every signed-in page, and the floor the pages are compared with)."""
    import requests

    def median_cpu(session, path: str) -> float:
        cpu = []
        for _ in range(n):
            r = session.get(f"http://127.0.0.1:{port}{path}", allow_redirects=False)
            r.raise_for_status()
            m = re.search(r"cpu;dur=([0-9.]+)", r.headers.get("Server-Timing", ""))
            if m:
                cpu.append(float(m.group(1)))
        return statistics.median(cpu) if cpu else float("nan")

    out = {}
    with requests.Session() as s:
        out["static file"] = median_cpu(s, "/static/tallytale/site.css")
        out["bare view"] = median_cpu(s, "/healthz")
    if account is not None:
        with requests.Session() as s:
            base = f"http://127.0.0.1:{port}"
            page = s.get(f"{base}/accounts/login/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            r = s.post(
                f"{base}/accounts/login/",
                data={"csrfmiddlewaretoken": token.group(1) if token else "",
                      "username": account["username"], "password": PASSWORD},
                allow_redirects=False,
            )  # fmt: skip
            if r.status_code == 302:
                out["bare view, signed in"] = median_cpu(s, "/healthz")
    return out


FLOOR = "bare view, signed in"  # what each page's server CPU is compared with
PROBE = "floor: bare view, signed in"  # the same view, asked for during the load (locustfile)


def combine(runs: list[dict], floor: dict[str, float]) -> list[dict]:
    """Per request type over the runs: median and range of p95, and median server CPU."""
    names = [r["name"] for r in runs[0]["rows"]]
    probe = [c for run in runs for r in run["rows"] if r["name"] == PROBE for c in r.get("cpu", [])]
    under_load = statistics.median(probe) if probe else None
    table = []
    for name in names:
        per_run = [next((r for r in run["rows"] if r["name"] == name), None) for run in runs]
        per_run = [r for r in per_run if r is not None]
        p95s = [r["p95"] for r in per_run]
        cpus = [c for r in per_run for c in r.get("cpu", [])]
        cpu_ms = statistics.median(cpus) if cpus else float("nan")
        table.append(
            {
                "name": name,
                "n": sum(r["n"] for r in per_run),
                "failures": sum(r["failures"] for r in per_run),
                "p95_median": statistics.median(p95s),
                "p95_min": min(p95s),
                "p95_max": max(p95s),
                "p50_median": statistics.median(r["p50"] for r in per_run),
                "cpu_ms": cpu_ms,
                "cpu_quiet_ratio": cpu_ms / floor[FLOOR] if floor.get(FLOOR) else None,
                "cpu_ratio": cpu_ms / under_load if under_load else None,
            }
        )
    return table


def run_locust(args, env: dict, port: int, work: Path, run: int = 0) -> tuple[list[dict], dict]:
    """Run the Locust scenario headless against the server on `port`; returns Locust's
    whole-run stats (sign-in included) and the locustfile's own record (samples of the
    measured window, what each user submitted, errors)."""
    ramp = args.users / args.spawn_rate
    for old in work.glob("load_*.csv"):
        old.unlink()
    locust = subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless", "--users", str(args.users + args.probes),
            "--spawn-rate", str(args.spawn_rate),
            "--run-time", f"{int(ramp + args.seconds + 300)}s", "--stop-timeout", "30",
            "--host", f"http://127.0.0.1:{port}", "--csv", str(work / "load"),
            "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ],
        env={
            **env,
            "LOAD_ACCOUNTS": str(work / "accounts.json"),
            "LOAD_OUT": str(work / "out.json"),
            "LOAD_THINK": args.think,
            "LOAD_USERS": str(args.users + args.probes),
            "LOAD_PROBES": str(args.probes),
            "LOAD_SECONDS": str(args.seconds),
            "LOAD_RUN": str(run),
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
    for name, ms, ok, *cpu in samples:
        by_name.setdefault(name, []).append((ms, ok, cpu[0] if cpu else None))
    by_name["**all**"] = [v for k, vals in list(by_name.items()) if k != PROBE for v in vals]
    rows = []
    for name, vals in sorted(by_name.items(), key=lambda kv: kv[0] == "**all**"):
        ms = sorted(v for v, _, _ in vals)
        rows.append(
            {
                "name": name,
                "n": len(ms),
                "rps": len(ms) / seconds,
                "failures": sum(1 for _, ok, _ in vals if not ok),
                "cpu": [c for _, _, c in vals if c is not None],
                "p50": percentile(ms, 0.50),
                "p95": percentile(ms, 0.95),
                "p99": percentile(ms, 0.99),
                "max": ms[-1] if ms else float("nan"),
            }
        )
    return rows


def report(
    args, vendor: str, workers: int, runs: list[dict], table: list[dict], floor: dict, wall: float
) -> None:
    lo, hi = args.think.split(",")
    idle = ", ".join(f"{r['idle']:.0%}" for r in runs)
    print(
        f"### {args.users} users, {len(runs)} runs of {args.seconds:.0f} s ({vendor}; {machine()})\n"
    )
    print(
        f"`tallytale serve` (gunicorn, {workers} workers × {args.threads} threads) on loopback, every guard on (CSRF, "
        "per-user post limits, coordinators signed in with an authenticator code). Locust "
        f"(same cores) starts {args.users} users at {args.spawn_rate:g} a second: "
        f"{MIX['researchers']}/{sum(MIX.values())} collect stories, "
        f"{MIX['loggers']}/{sum(MIX.values())} log members' hours, "
        f"{MIX['coordinators']}/{sum(MIX.values())} read the coordinator dashboard; each waits "
        f"{lo}–{hi} s between page views. Each run's table covers the {args.seconds:.0f} s after "
        f"its last user had signed in; the scenario ran {len(runs)} times against the same "
        f"server. Idle CPU during the runs' windows: "
        f"{idle}. Script wall clock {wall:.0f} s.\n"
    )
    print(
        "| request | requests | failures | p50 ms (median) | p95 ms (median) | p95 range | "
        "server CPU ms | CPU ÷ floor under load | CPU ÷ quiet floor |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in table:
        ratio = f"{r['cpu_ratio']:.1f}" if r["cpu_ratio"] else "–"
        quiet = f"{r['cpu_quiet_ratio']:.1f}" if r["cpu_quiet_ratio"] else "–"
        print(
            f"| {r['name']} | {r['n']:,} | {r['failures']} | {r['p50_median']:.0f} | "
            f"{r['p95_median']:.0f} | {r['p95_min']:.0f}–{r['p95_max']:.0f} | "
            f"{r['cpu_ms']:.1f} | {ratio} | {quiet} |"
        )
    print(
        f"\nThe floor (median server CPU of 300 requests each on the quiet server afterwards): "
        f'a static file {floor["static file"]:.2f} ms, a bare view returning "ok" through '
        f"every middleware {floor['bare view']:.2f} ms, the same view for a signed-in user "
        f"{floor.get(FLOOR, float('nan')):.2f} ms (the floor of the last column: the session and "
        "user every signed-in page loads). Server CPU is the thread CPU time of the request in "
        "the app process (Server-Timing). It does not count time spent waiting, but a loaded "
        f"machine makes each instruction dearer (shared caches, both cores busy), so the pages "
        f"are divided by the same bare view asked for during the load by {args.probes} extra "
        f'signed-in users (the "{PROBE}" row; the gate uses this ratio) and, beside it, by '
        "the quiet server's."
    )
    for n, run in enumerate(runs, 1):
        signin = [r for r in run["everything"] if r["Name"].startswith("sign in")]
        total = next(r for r in run["everything"] if r["Name"] == "Aggregated")
        s, h, checks = run["checks"]["stories"], run["checks"]["hours"], run["checks"]
        print(
            f"\nRun {n}: sign-in ({sum(int(r['Request Count']) for r in signin):,} requests while "
            f"users were started, Argon2id) p95 {max(float(r['95%']) for r in signin):.0f} ms at "
            f"worst; failed requests, sign-in included: {total['Failure Count']}. Afterwards "
            f"{s[0]:,} stories saved, {s[1]:,} found exactly once; {h[0]:,} hours entries, "
            f"{h[1]:,} found exactly once ({checks['orphans']} without a transfer); sum of "
            f"balances {checks['books']['sum_of_balances']}, "
            f"{len(checks['books']['mismatched'])} accounts differing from their stored balance."
        )


if __name__ == "__main__":
    main()
