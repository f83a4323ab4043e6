"""Each page type's first load, compressed, stays under 100 KB (HTML + CSS + JS).

Counts what a first visit fetches: the HTML, every stylesheet and script it links, the
service worker and manifest it registers. Gzip level 6, as a typical server sends.
Run with `-s` to see the table (for BENCHMARKS.md).
"""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db
LIMIT = 100 * 1024

PAGES = [
    ("sign-in", None, "accounts:login", []),
    ("home", "participant", "web:home", []),
    ("my tallytale", "participant", "web:me", []),
    ("researcher", "researcher", "web:research", ["cwm"]),
    ("collect story", "researcher", "stories:collect", ["cwm"]),
    ("survey entry", "researcher", "surveys:respond", ["INSTRUMENT"]),
    ("log hours", "researcher", "web:hours", ["cwm"]),
    ("offline queue", "researcher", "web:offline", []),
    ("coordinator dashboard", "coordinator", "web:coordinate", ["cwm"]),
    ("members", "coordinator", "web:members", ["cwm"]),
    ("ledger", "coordinator", "web:ledger", ["cwm"]),
    ("import", "coordinator", "web:import", ["cwm"]),
    ("import stories", "coordinator", "web:import_stories", ["cwm"]),
    ("import responses", "coordinator", "web:import_responses", ["cwm"]),
    ("home (coordinator)", "coordinator", "web:home", []),
    ("evaluator", "evaluator", "web:evaluate", ["cwm"]),
]


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def first_load(client, url: str) -> dict[str, int]:
    html = client.get(url, follow=True).content  # a coordinator's home is their dashboard
    sizes = {"html": _gz(html), "css": 0, "js": 0}
    for kind, ref in re.findall(
        rb'<(?:link rel="(stylesheet)" href|script src)="([^"]+)"', html.replace(b"'", b'"')
    ):
        path = ref.decode().split("?")[0].removeprefix("/static/")
        found = finders.find(path)
        assert found, ref
        with open(found, "rb") as f:
            sizes["css" if kind else "js"] += _gz(f.read())
    sizes["js"] += _gz(client.get("/sw.js").content)
    sizes["html"] += _gz(client.get(reverse("web:manifest")).content)
    return sizes


def test_every_page_type_is_under_100_kb(client, site, capsys):
    rows = []
    for label, role, name, args in PAGES:
        args = [site["instrument"].pk if a == "INSTRUMENT" else a for a in args]
        client.logout()
        if role:
            client.force_login(site["users"][role])
        s = first_load(client, reverse(name, args=args))
        rows.append((label, s["html"], s["css"], s["js"], sum(s.values())))
    with capsys.disabled():
        print("\n| page | HTML+manifest (gz) | CSS (gz) | JS incl. sw.js (gz) | total (gz) |")
        print("|---|---:|---:|---:|---:|")
        for label, h, c, j, t in rows:
            print(
                f"| {label} | {h / 1024:.1f} KB | {c / 1024:.1f} KB | {j / 1024:.1f} KB | {t / 1024:.1f} KB |"
            )
    too_big = [(r[0], r[4]) for r in rows if r[4] >= LIMIT]
    assert too_big == []
