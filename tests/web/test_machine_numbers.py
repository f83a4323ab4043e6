"""Numbers meant for machines are never localised: SVG coordinates, `data-` attributes and
`value=` of inputs read the same in English, Welsh and Arabic, and each parses as a float.

Django localises numbers in templates ("138,0" in Arabic); inside an SVG that silently breaks
the chart (no bars, garbled axes), and inside a `data-` or `value=` attribute it breaks the
script or the form that reads it. Comparing each page with its English rendering catches a
localised number even where a comma would still parse (a points list, a path).
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tallytale.ledger import services as ledger
from tests.web.pattern_data import seed

pytestmark = pytest.mark.django_db

# SVG attributes that carry numbers, and how a list of them is separated
SVG_NUMBERS = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "width", "height"}
SVG_NUMBERS |= {"dx", "dy", "stroke-width", "font-size", "opacity", "fill-opacity"}
SVG_LISTS = {"points", "viewbox", "d", "transform"}
VALUE_TAGS = {"input", "option", "progress", "meter"}
NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")
PATH_WORDS = re.compile(r"translate|rotate|scale|matrix|[MmLlHhVvZzCcSsQqTtAa]|[(),\s]")


class _Numbers(HTMLParser):
    """Every machine-number attribute of a page, in document order, as (where, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.svg = 0
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svg += 1
        for name, value in attrs:
            if value is None:
                continue
            where = f"<{tag} {name}>"
            if self.svg and (name in SVG_NUMBERS or name in SVG_LISTS):
                self.found.append((where, value))
            elif name.startswith("data-") and NUMBER.fullmatch(value.strip()):
                self.found.append((where, value))
            elif name == "value" and tag in VALUE_TAGS and looks_numeric(value):
                self.found.append((where, value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self.svg:
            self.svg -= 1


def looks_numeric(value: str) -> bool:
    """A value written as a number, localised or not ("1,5", "١٢", "3.0"); not a range such
    as the age band "25-34", which is a category."""
    return bool(re.fullmatch(r"-?[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*", value.strip()))


def bad_number(name: str, value: str) -> bool:
    """True when an attribute's value is not plain "." numbers a machine can read."""
    if name.split()[-1].rstrip(">") in SVG_LISTS:
        rest = PATH_WORDS.sub(" ", value)
        return any(not NUMBER.fullmatch(token) for token in rest.split())
    value = value.strip().removesuffix("%")
    try:
        float(value)
    except ValueError:
        return True
    return not value.isascii()


def machine_numbers(html: str) -> list[tuple[str, str]]:
    reader = _Numbers()
    reader.feed(html)
    reader.close()
    return reader.found


@pytest.fixture
def dashboard(site):
    """Months of hours (so the charts have bars with fractional heights) and pattern data."""
    actor = ledger.Actor("test")
    for month, hours in enumerate(["2", "5", "3.5", "7"], start=4):
        ledger.earn(
            "M1", "library", hours, day=dt.date(2025, month, 3), key=f"m-{month}", actor=actor
        )
    seed(site["project"])
    return site


PAGES = [
    ("coordinator", "web:coordinate", ["cwm"]),
    ("researcher", "web:pattern", ["cwm", "difference"]),
    ("researcher", "web:pattern", ["cwm", "better_worse"]),
    ("researcher", "web:pattern", ["cwm", "about"]),
    ("evaluator", "web:pattern", ["cwm", "difference"]),
    ("coordinator", "web:rules", ["cwm"]),
    ("coordinator", "web:partners", ["cwm"]),
    ("coordinator", "web:partner", ["cwm", "cafe"]),
    ("coordinator", "web:members", ["cwm"]),
    ("coordinator", "web:ledger", ["cwm"]),
    ("researcher", "web:hours", ["cwm"]),
    ("participant", "surveys:respond", ["INSTRUMENT"]),
]


@pytest.mark.parametrize("lang", ["cy", "ar"])
@pytest.mark.parametrize(("role", "name", "args"), PAGES)
def test_machine_numbers_are_the_same_in_every_language(client, dashboard, lang, role, name, args):
    client.force_login(dashboard["users"][role])
    args = [dashboard["instrument"].pk if a == "INSTRUMENT" else a for a in args]
    pages = {}
    for language in ("en", lang):
        client.cookies["django_language"] = language
        r = client.get(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE=language)
        assert r.status_code == 200
        body = r.content.decode("utf-8-sig")
        assert f'lang="{language}"' in body
        pages[language] = machine_numbers(body)
    english, other = pages["en"], pages[lang]
    if name == "web:coordinate":
        assert any(where == "<rect height>" for where, _ in other), "the dashboard has bars"
    if name == "web:pattern":
        assert any(where.startswith("<svg") for where, _ in other), "the pattern has a plot"
    bad = [(where, value) for where, value in other if bad_number(where, value)]
    assert bad == [], f"{name} in {lang}: numbers a machine cannot read"
    assert other == english, f"{name} in {lang}: machine numbers differ from English"


@pytest.mark.parametrize(
    ("where", "value", "bad"),
    [
        ("<rect x>", "138.5", False),
        ("<rect x>", "138,5", True),
        ("<rect width>", "100%", False),
        ("<rect x>", "١٣٨", True),
        ("<polygon points>", "1.5,2 3,4.25", False),
        ("<polygon points>", "1٫5,2 3,4", True),
        ("<path d>", "M10 20.5 h30 v-4 Z", False),
        ("<svg viewbox>", "0 0 320 180", False),
        ("<g transform>", "translate(4.5,8)", False),
        ("<p data-balance>", "2", False),
    ],
)
def test_the_number_check_itself(where, value, bad):
    assert bad_number(where, value) is bad


def test_the_reader_finds_svg_data_and_value_numbers():
    html = (
        '<svg viewBox="0 0 10 10"><rect x="1" y="2" width="3" height="4" fill="red"></rect></svg>'
        '<p data-balance="2" data-label="two">x</p><input name="n" value="1,5">'
        '<input name="t" value="text"><option value="25-34"><rect x="9">'
    )
    assert machine_numbers(html) == [
        ("<svg viewbox>", "0 0 10 10"),
        ("<rect x>", "1"),
        ("<rect y>", "2"),
        ("<rect width>", "3"),
        ("<rect height>", "4"),
        ("<p data-balance>", "2"),
        ("<input value>", "1,5"),
    ]
