"""Locust users for `benchmarks/load.py`: researchers collecting stories, researchers logging
members' hours, and coordinators (signed in with an authenticator code) watching the
dashboard.

Each simulated user signs in once with its own account, then repeats its task with a think
time between page views, as a person at a phone would (only much faster). Every story and
every hours entry it was told was saved is written to `LOAD_OUT` when the run stops, so the
orchestrator can check each one is in the database exactly once. Each sample carries the
server's CPU milliseconds for it (its Server-Timing header) when the server sends one.

The measured window opens when the last user has signed in and lasts `LOAD_SECONDS`; then
the run stops itself. Every request in the window is written to `LOAD_OUT` as
(name, milliseconds, ok), so load.py computes percentiles from raw samples, not buckets.

Reads `LOAD_ACCOUNTS` (JSON written by load.py), `LOAD_USERS`, `LOAD_SECONDS` and
`LOAD_THINK` ("min,max" seconds).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import time
import uuid
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tallytale.core import totp  # noqa: E402 - pure module, no Django

ACCOUNTS = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text())
THINK = tuple(float(x) for x in os.environ.get("LOAD_THINK", "1,5").split(","))
SLUG = ACCOUNTS["project"]
NEXT = {role: itertools.count() for role in ("researchers", "loggers", "coordinators")}
USERS = int(os.environ["LOAD_USERS"])
SECONDS = float(os.environ["LOAD_SECONDS"])
RUN = int(os.environ.get("LOAD_RUN", "0"))  # each run signs in its own slice of the accounts
RUNS = int(ACCOUNTS.get("runs", 1))
SUBMITTED: dict[str, list[dict]] = {"stories": [], "hours": []}
SAMPLES: list[tuple[str, float, bool]] = []
WINDOW: dict[str, float] = {}
ERRORS: dict[str, int] = {}  # every failure of the run, sign-in included, by message
SIGNED_IN = itertools.count(1)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf(html: str) -> str:
    m = CSRF.search(html)
    return m.group(1) if m else ""


SERVER_CPU = re.compile(r"cpu;dur=([0-9.]+)")


@events.request.add_listener
def _sample(name: str, response_time: float, exception, response=None, **_kwargs) -> None:
    if exception is not None:
        why = f"{name}: {exception}"[:200]
        ERRORS[why] = ERRORS.get(why, 0) + 1
    if "start" in WINDOW and "end" not in WINDOW:
        # the server's CPU for this request (Server-Timing, TALLYTALE_SERVER_TIMING=1); a
        # redirect followed counts the last response only, so pages are fetched unfollowed
        timing = response.headers.get("Server-Timing", "") if response is not None else ""
        m = SERVER_CPU.search(timing)
        SAMPLES.append((name, response_time, exception is None, float(m.group(1)) if m else None))


def _open_window(environment) -> None:
    WINDOW["start"] = time.time()

    def close() -> None:
        WINDOW["end"] = time.time()
        environment.runner.quit()

    gevent.spawn_later(SECONDS, close)


@events.test_stop.add_listener
def _write_out(**_kwargs) -> None:
    Path(os.environ["LOAD_OUT"]).write_text(
        json.dumps({"submitted": SUBMITTED, "samples": SAMPLES, "window": WINDOW, "errors": ERRORS})
    )


class Signed(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    pool = ""

    def page(self, path: str, name: str):
        """GET a page that must answer 200 itself (a redirect to sign-in is a failure)."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
            return r

    def on_start(self) -> None:
        accounts = ACCOUNTS[self.pool]
        per_run = len(accounts) // RUNS
        self.sign_in(accounts[RUN * per_run + next(NEXT[self.pool]) % per_run])
        if next(SIGNED_IN) == USERS:  # failed sign-ins count too: they are failures
            _open_window(self.environment)

    def sign_in(self, account: dict) -> None:
        page = self.client.get("/accounts/login/", name="sign in: form")
        with self.client.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": csrf(page.text),
                "username": account["username"],
                "password": ACCOUNTS["password"],
            },
            name="sign in: password",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"sign-in refused: HTTP {r.status_code}")
                return
            r.success()
        if account.get("totp"):
            page = self.client.get("/accounts/mfa/verify/", name="sign in: code form")
            with self.client.post(
                "/accounts/mfa/verify/",
                {
                    "csrfmiddlewaretoken": csrf(page.text),
                    "code": totp.code_at(account["totp"], time.time()),
                },
                name="sign in: authenticator code",
                allow_redirects=False,
                catch_response=True,
            ) as r:
                if r.status_code != 302:
                    r.failure(f"code refused: HTTP {r.status_code}")
                else:
                    r.success()


class StoryCollector(Signed):
    """Opens the story form, writes for a while, sends it."""

    weight = 2
    pool = "researchers"

    @task
    def collect(self) -> None:
        page = self.page(f"/stories/{SLUG}/new/", "story: form")
        self.wait()
        marker = f"load-{uuid.uuid4().hex}"
        with self.client.post(
            f"/stories/{SLUG}/new/",
            {
                "csrfmiddlewaretoken": csrf(page.text),
                "medium": "text",
                "language": "en",
                "text": "Since the lunch club started I see people again and I sleep better. "
                f"({marker})",
                "consent_level": "project",
                "consent_method": "spoken",
            },
            name="story: send",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            saved = r.status_code == 302
            SUBMITTED["stories"].append({"marker": marker, "saved": saved})
            if not saved:
                r.failure(f"story not saved: HTTP {r.status_code}")


class HoursLogger(Signed):
    """Opens the hours form, fills it in for a member, records it."""

    weight = 2
    pool = "loggers"

    @task
    def log_hours(self) -> None:
        page = self.page(f"/p/{SLUG}/hours/", "hours: form")
        key = re.search(r'name="idempotency_key" value="([^"]+)"', page.text)
        self.wait()
        if key is None:
            return  # already counted as a failure by page()
        with self.client.post(
            f"/p/{SLUG}/hours/",
            {
                "csrfmiddlewaretoken": csrf(page.text),
                "idempotency_key": key.group(1),
                "member": random.choice(ACCOUNTS["members"]),
                "partner": random.choice(ACCOUNTS["partners"]),
                "hours": "0.25",
                "activity": "gardening",
            },
            name="hours: record",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            saved = r.status_code == 302
            SUBMITTED["hours"].append({"key": key.group(1), "saved": saved})
            if not saved:
                r.failure(f"hours not recorded: HTTP {r.status_code}")


PROBE = "floor: bare view, signed in"


class FloorProbe(Signed):
    """A signed-in user asking for the bare view while the others work: the floor the pages'
    server CPU is divided by, measured under the same load (same caches, same neighbours)
    rather than only on the quiet server afterwards. Spawned apart from the scenario's
    users (`LOAD_PROBES` of them, a fixed count)."""

    fixed_count = int(os.environ.get("LOAD_PROBES", "0"))
    pool = "researchers"

    @task
    def probe(self) -> None:
        self.page("/healthz", PROBE)


class DashboardViewer(Signed):
    """A coordinator reading the project dashboard."""

    weight = 1
    pool = "coordinators"

    @task
    def dashboard(self) -> None:
        self.page(f"/p/{SLUG}/coordinate/", "dashboard")
