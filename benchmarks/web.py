"""Web throughput and latency under a local load generator, against a static file served by
the same server in the same run.

    .venv/bin/python benchmarks/web.py [--clients 20] [--seconds 15] [--workers N] [--threads 4]

Starts `tallytale serve` (gunicorn + WhiteNoise) on a fresh SQLite database (or
DATABASE_URL) seeded with a sample project, signs in one session per client, then for each
scenario runs the clients flat out on loopback for a fixed time: the static stylesheet
(baseline), the story form (GET the form, POST a story), and the coordinator dashboard.
This is a saturation test (no pause between requests); `load.py` is the one with users.
Afterwards every story the clients were told was saved is looked up: each must be present
exactly once. Bounded: it stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import threading
import time
import urllib.parse
import uuid

from _server import default_threads, running_server
from _setup import ROOT, fresh_django, machine

PASSWORD = "bench password not secret 1"


class Session:
    """A tiny cookie-keeping HTTP client over one keep-alive connection."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                text = resp.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt:
                    raise
        for header, value in resp.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return resp.status, text

    def csrf_from(self, html: str) -> str:
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return m.group(1) if m else ""

    def login(self, username: str) -> None:
        status, html = self.request("GET", "/accounts/login/")
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": self.csrf_from(html),
                "username": username,
                "password": PASSWORD,
            },
        )
        if status != 302:
            raise SystemExit(f"sign-in as {username} failed with HTTP {status}")


def seed() -> str:
    from django.contrib.auth import get_user_model

    from tallytale.demo.sample import build_sample_project
    from tallytale.programmes import services as people
    from tallytale.programmes.models import Person
    from tallytale.programmes.permissions import Actor as _Actor

    build_sample_project("bench", participants=200, seed=3)
    for code, role in (("BENCH-RES", "researcher"), ("BENCH-COORD", "coordinator")):
        person = people.add_person(code, "bench", role, actor=_Actor.cli("bench"))
        user = get_user_model().objects.create_user(username=code.lower(), password=PASSWORD)
        Person.objects.filter(pk=person.pk).update(user=user)
    return "bench"


def run(clients: list[Session], seconds: float, step) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(session: Session) -> None:
        nonlocal errors
        local, bad = [], 0
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                ok = step(session)
            except Exception:  # noqa: BLE001 - counted as an error, the run goes on
                ok = False
            local.append(time.perf_counter() - t0)
            bad += 0 if ok else 1
        with lock:
            latencies.extend(local)
            errors += bad

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    return {
        "n": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95": p95 * 1000,
        "errors": errors,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: serve's default)")
    ap.add_argument(
        "--threads", type=int, default=0, help="threads per worker (0: serve's default; 1: sync)"
    )
    args = ap.parse_args()
    args.threads = args.threads or default_threads()
    vendor = fresh_django("web")
    slug = seed()
    # Measure the app, not its guards: two-step sign-in would hold the coordinator at the
    # enrolment page and the per-user post limit (60 a minute) would answer 429 to the load.
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "TALLYTALE_MFA": "0",
        "TALLYTALE_RATE_LIMIT_POSTS": "1000000",
    }
    with running_server(env, workers=args.workers, threads=args.threads) as (port, workers):
        researchers = [Session(port) for _ in range(args.clients)]
        for s in researchers:
            s.login("bench-res")
        coordinators = [Session(port) for _ in range(args.clients)]
        for s in coordinators:
            s.login("bench-coord")
        status, css_page = researchers[0].request("GET", "/")
        css = re.search(r'href="(/static/[^"]+\.css)"', css_page)
        css_path = css.group(1) if css else "/static/tallytale/site.css"
        saved: list[str] = []
        saved_lock = threading.Lock()

        def static_step(s: Session) -> bool:
            return s.request("GET", css_path)[0] == 200

        def story_step(s: Session) -> bool:
            status, html = s.request("GET", f"/stories/{slug}/new/")
            if status != 200:
                return False
            marker = f"bench-{uuid.uuid4().hex}"
            status, _ = s.request(
                "POST",
                f"/stories/{slug}/new/",
                {
                    "csrfmiddlewaretoken": s.csrf_from(html),
                    "medium": "text",
                    "language": "en",
                    "text": f"The lunch club helped me meet people again. {marker}",
                    "consent_level": "project",
                    "consent_method": "spoken",
                },
            )
            if status == 302:
                with saved_lock:
                    saved.append(marker)
                return True
            return False

        def dashboard_step(s: Session) -> bool:
            return s.request("GET", f"/p/{slug}/coordinate/")[0] == 200

        results = [
            ("static stylesheet (baseline)", run(researchers, args.seconds, static_step)),
            ("story form: GET form + POST story", run(researchers, args.seconds, story_step)),
            ("coordinator dashboard", run(coordinators, args.seconds, dashboard_step)),
        ]

    from tallytale.stories.models import Story

    found = {}
    for marker in saved:
        found[marker] = Story.objects.filter(text__contains=marker).count()
    once = sum(1 for n in found.values() if n == 1)
    base = results[0][1]["rps"]
    print(f"### Web requests under load ({vendor}; {machine()})\n")
    print(
        f"`tallytale serve` with {workers} gunicorn workers × {args.threads} threads on loopback; "
        f"{args.clients} clients, "
        f"each with its own signed-in session and keep-alive connection, for {args.seconds:.0f} s per "
        "scenario; the load generator shares the same 2 cores. Two-step sign-in and the per-user "
        "post rate limit are off for the run (TALLYTALE_MFA=0, TALLYTALE_RATE_LIMIT_POSTS).\n"
    )
    print("| scenario | requests | per second | p50 ms | p95 ms | errors | ratio to baseline rps |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results:
        print(
            f"| {name} | {r['n']:,} | {r['rps']:,.0f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['errors']} | "
            f"{r['rps'] / base:.2f} |"
        )
    print(
        f"\nStories saved during the run: {len(saved):,}; found exactly once afterwards: {once:,}."
    )
    if once != len(saved):
        raise SystemExit("some saved stories are missing or duplicated")
    if any(r["errors"] for _, r in results):
        raise SystemExit("some requests failed: the figures above are not a clean run")


if __name__ == "__main__":
    main()
