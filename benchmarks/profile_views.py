"""Where a page's server CPU goes: the load test's request types, one at a time, in process.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/profile_views.py [--n 200] [--profile NAME]

Seeds the load test's sample project, signs a researcher and a coordinator in (through the
real session and two-step middleware), then requests each of the load test's pages --n times
through every middleware and reports the median server CPU (the Server-Timing figure
load.py divides by the floor) and the queries each made. With --profile NAME (e.g.
"story: form") it runs cProfile over that page's requests and prints the functions where
the time goes, so a cut can be aimed before the two-minute load test is run again.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
import uuid
from urllib.parse import urlencode

os.environ["TALLYTALE_SERVER_TIMING"] = "1"
# one client posts far faster than a person: the limit is still checked on every post
os.environ["TALLYTALE_RATE_LIMIT_POSTS"] = "1000000"
from _setup import fresh_django, machine  # noqa: E402

CPU = re.compile(r"cpu;dur=([0-9.]+)")


AREAS = (
    ("django/template", "Django templates"),
    ("jinja2", "Jinja2 (form widgets)"),
    ("django/forms", "Django forms"),
    ("django/db", "Django ORM"),
    ("psycopg", "psycopg"),
    ("sqlite3", "sqlite3"),
    ("django/utils/translation", "translation"),
    ("django/contrib/sessions", "sessions"),
    ("django/core/signing", "signing"),
    ("django/urls", "URL routing"),
    ("django/test", "test client (not the server's)"),
    ("django", "Django, other"),
    ("tallytale", "Tallytale"),
)


def by_area(prof: cProfile.Profile) -> None:
    """Own time per library: which layer a cut should aim at."""
    stats = pstats.Stats(prof)
    totals: dict[str, float] = {}
    for (filename, _line, _fn), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        area = next((label for key, label in AREAS if key in filename), "other (Python, C)")
        totals[area] = totals.get(area, 0.0) + tottime
    whole = sum(totals.values()) or 1
    for area, t in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"    {area:<32} {100 * t / whole:5.1f}%")


def inclusive_calls(fetch, top: int) -> None:
    """Python calls made by each function and everything below it, in one request: which
    part of a page (a query, a template, a service) a cut should aim at. Only Tallytale's
    functions and Django's request, template and ORM entry points are listed."""
    counts: dict[tuple[str, int, str], int] = {}
    stack: list[tuple[str, int, str] | None] = []

    def interesting(code) -> tuple[str, int, str] | None:
        f = code.co_filename
        if "tallytale" in f or any(
            k in f for k in ("django/db/models/query.py", "django/template/base.py", "middleware")
        ):
            return (f.split("site-packages/")[-1].split("src/")[-1], code.co_firstlineno,
                    code.co_name)  # fmt: skip
        return None

    def tracer(frame, event, arg):
        if event == "call":
            for key in {k for k in stack if k is not None}:
                counts[key] = counts.get(key, 0) + 1
            stack.append(interesting(frame.f_code))
        elif event == "return" and stack:
            stack.pop()
        elif event == "c_call":
            for key in {k for k in stack if k is not None}:
                counts[key] = counts.get(key, 0) + 1

    sys.setprofile(tracer)
    try:
        fetch()
    finally:
        sys.setprofile(None)
    for (f, line, fn), n in sorted(counts.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{n:>8,}  {fn}  ({f}:{line})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--profile", default="", help="a page name from the table, or 'all'")
    ap.add_argument("--top", type=int, default=35)
    ap.add_argument("--sql", action="store_true", help="print each page's queries")
    ap.add_argument(
        "--tree",
        default="",
        help="a page name: Python calls each function made, itself and below, in one request",
    )
    args = ap.parse_args()
    vendor = fresh_django("profile")
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from tallytale.accounts import mfa
    from tallytale.demo.sample import build_sample_project
    from tallytale.programmes import services as people
    from tallytale.programmes.models import Membership, Organisation, Person, Role
    from tallytale.programmes.permissions import Actor

    slug = "load"
    build_sample_project(slug, participants=200, seed=5)
    User = get_user_model()
    clients = {}
    for code, role in (("PROF-RES", "researcher"), ("PROF-COO", "coordinator")):
        person = people.add_person(code, slug, role, actor=Actor.cli("bench"))
        user = User.objects.create(username=code.lower())
        Person.objects.filter(pk=person.pk).update(user=user)
        client = Client()
        client.force_login(user)
        session = client.session
        session[mfa.VERIFIED] = True
        session.save()
        clients[role] = client
    members = list(
        Membership.objects.filter(project__slug=slug, role=Role.PARTICIPANT).values_list(
            "person__code", flat=True
        )
    )
    partners = list(
        Organisation.objects.filter(project__slug=slug, kind__in=["earning", "both"]).values_list(
            "slug", flat=True
        )
    )
    res, coo = clients["researcher"], clients["coordinator"]

    def story_form():
        return res.get(f"/stories/{slug}/new/")

    def post(client, url, data):
        # as a browser and the load test's client send a form: urlencoded, not multipart
        r = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
        # a browser follows the redirect and the page it lands on shows (and so clears) the
        # "saved" message; without that the message cookie would grow with every post
        client.cookies.pop("messages", None)
        return r

    def story_send():
        return post(
            res,
            f"/stories/{slug}/new/",
            {
                "medium": "text",
                "language": "en",
                "text": "Since the lunch club started I see people again and I sleep better. "
                f"({uuid.uuid4().hex})",
                "consent_level": "project",
                "consent_method": "spoken",
            },
        )

    def hours_form():
        return res.get(f"/p/{slug}/hours/")

    def hours_record():
        n = len(members)
        hours_record.i = getattr(hours_record, "i", 0) + 1
        return post(
            res,
            f"/p/{slug}/hours/",
            {
                "idempotency_key": uuid.uuid4().hex,
                "member": members[hours_record.i * 7 % n],
                "partner": partners[hours_record.i % len(partners)],
                "hours": "0.25",
                "activity": "gardening",
            },
        )

    def dashboard():
        return coo.get(f"/p/{slug}/coordinate/")

    def floor():
        return res.get("/healthz")

    pages = {
        "floor: bare view, signed in": (floor, 200),
        "story: form": (story_form, 200),
        "story: send": (story_send, 302),
        "hours: form": (hours_form, 200),
        "hours: record": (hours_record, 302),
        "dashboard": (dashboard, 200),
    }
    rows = []
    for name, (fetch, status) in pages.items():
        for _ in range(10):  # warm caches and the template loader
            r = fetch()
            assert r.status_code == status, (name, r.status_code, r.content[:500])
        cpus = []
        prof = cProfile.Profile(time.thread_time) if args.profile in (name, "all") else None
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        calls = cProfile.Profile()
        with connection.execute_wrapper(count):
            calls.enable()
            r = fetch()
            calls.disable()
        # Python function calls: a CPU proxy that does not move with neighbours (the test
        # client's own calls included, the same for every page)
        ncalls = sum(nc for _cc, nc, _tt, _ct, _callers in pstats.Stats(calls).stats.values())
        if args.sql:
            print(f"-- {name}", *(q[:300] for q in queries), sep="\n")
        if args.tree == name:
            inclusive_calls(fetch, args.top)
        if prof:
            for _ in range(args.n):
                prof.enable()
                fetch()
                prof.disable()
            by_area(prof)
            stats = pstats.Stats(prof, stream=sys.stdout).strip_dirs()
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
        rows.append([name, cpus, len(queries), ncalls])
    # the pages take turns, so the floor and every page meet the same machine (its speed
    # drifts by a quarter over a minute on a shared host); the median of each page's turns
    for _ in range(args.n):
        for row in rows:
            fetch, _status = pages[row[0]]
            r = fetch()
            row[1].append(float(CPU.search(r["Server-Timing"]).group(1)))
    for row in rows:
        row[1] = statistics.median(row[1])
    # the floor again, asked for alone n times in a row: the best case (its code and data
    # hot in the CPU's caches), which no page meets on a server serving a mix
    alone = []
    for _ in range(args.n):
        r = pages[rows[0][0]][0]()
        alone.append(float(CPU.search(r["Server-Timing"]).group(1)))
    floor_alone = statistics.median(alone)

    floor_cpu, floor_calls = rows[0][1], rows[0][3]
    print(f"### Server CPU per page, in process ({vendor}; {machine()})\n")
    print(
        f"Each page requested {args.n} times through every middleware by one signed-in client "
        "(the load test's pages and data, `TALLYTALE_SERVER_TIMING`); median thread CPU, the "
        "queries one request made, and the Python function calls it took (a count that does "
        "not move with neighbours). The floor is the load test's: a bare view for a signed-in "
        "user. The pages and the floor take turns (one request each, round after round), so "
        "each is measured on the same machine in the same state; the last column but two "
        "divides by the floor asked for alone, many times in a row, instead "
        f"({floor_alone:.2f} ms: its code and data hot in the CPU's caches, a best case no "
        "page meets on a server serving a mix).\n"
    )
    print(
        "| page | server CPU ms | CPU ÷ floor | CPU ÷ floor alone | queries | Python calls "
        "| calls ÷ floor |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, cpu, nq, nc in rows:
        print(
            f"| {name} | {cpu:.2f} | {cpu / floor_cpu:.1f} | {cpu / floor_alone:.1f} | {nq} | "
            f"{nc:,} | {nc / floor_calls:.1f} |"
        )


if __name__ == "__main__":
    main()
