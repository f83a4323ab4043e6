"""Core's refusals reach a Welsh or Arabic reader in their language (issue 17).

`tallytale.core` has no Django: its messages go through `core.i18n.gettext`, which the
programmes app connects to Django's at start-up. Each case here takes the path a person
takes: a coordinator uploads an XLSForm whose expressions Tallytale cannot check and reads
why on the instrument's page; a coordinator starts a theme run on stories with no content
words and reads why on the job's page. The English text is checked on the same page first,
so a case that stopped reaching its refusal fails instead of passing for the wrong reason.

Core's other refusals (statistics, disclosure control, agreement, pattern views, scales,
redaction corrections) are behind services that check their input first, so no page reaches
them today; the last test checks they too come out in the reader's language when raised.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tallytale.core import agreement, disclosure, patterns, redact, scales, stats, themes
from tallytale.jobs.worker import run_pending
from tallytale.programmes.models import Person
from tallytale.stories import services as stories
from tests.surveys.forms import write_xlsform

from .conftest import CLI

pytestmark = pytest.mark.django_db

LANGS = ["cy", "ar"]


def _said(msgid: str, params: dict | None, lang: str) -> str:
    """`msgid` as a page shows it in `lang` (escaped, placeholders filled)."""
    with translation.override(lang):
        message = translation.gettext(msgid)
    return escape(message % params if params else message)


def _as(client, user, lang: str):
    """Sign in as `user`, whose own chosen language is `lang` (the browser asks for English,
    so the page follows the person's choice)."""
    Person.objects.filter(user=user).update(language=lang)
    client.logout()
    client.force_login(user)
    return client


def _shown_in(lang: str, msgid: str, params: dict | None, html: str) -> None:
    english, other = _said(msgid, params, "en"), _said(msgid, params, lang)
    assert other != english, f"no {lang} translation of {msgid!r}"
    assert other in html and english not in html, (lang, other)


# (column, expression, msgid, params): an expression outside the subset core.xpath checks
EXPRESSIONS = [
    (
        "constraint",
        "pulldata('households', 'size', 'id', ${hh}) > 0",
        "function %(name)s() is not supported",
        {"name": "pulldata"},
    ),
    ("relevant", "${hh} > 1 # 2", "unexpected %(token)s", {"token": "'#'"}),
    ("relevant", "${hh} = jr:itext", "path or name %(name)s is not supported", {"name": "'jr:itext'"}),
    ("constraint", ". > (1 +", "expression ends too early", None),
    ("constraint", ". > 1" + " or . > 1" * 300, "expression is longer than %(most)s characters", {"most": 2000}),
]  # fmt: skip


@pytest.mark.parametrize(("column", "expression", "msgid", "params"), EXPRESSIONS)
def test_an_xlsform_expression_tallytale_cannot_check_is_named_in_the_readers_language(
    client, site, tmp_path, column, expression, msgid, params
):
    """Before: the instrument page did not say which expressions go unchecked, and core.xpath
    said why only in English (in the import summary of the command line)."""
    coordinator = site["users"]["coordinator"]
    path = write_xlsform(
        tmp_path / "household.xlsx",
        [["type", "name", "label", column],
         ["integer", "hh", "How many people live here?", ""],
         ["integer", "rooms", "How many rooms?", expression]],
        settings=[["form_id", "version"], ["household", "1"]],
    )  # fmt: skip
    _as(client, coordinator, "en")
    r = client.post(
        reverse("web:instruments", args=["cwm"]),
        {"form": SimpleUploadedFile(path.name, path.read_bytes())},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    english = client.get(r["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _said(msgid, params, "en") in english
    assert f"rooms: <code>{column}</code>" in english
    for lang in LANGS:
        html = _as(client, coordinator, lang).get(r["Location"], HTTP_ACCEPT_LANGUAGE="en")
        _shown_in(lang, msgid, params, html.content.decode())


@pytest.mark.parametrize("lang", LANGS)
def test_a_theme_run_on_stories_without_content_words_fails_in_the_starters_language(
    client, site, lang
):
    """Before: the job's page said core.themes' refusal in English whatever the language."""
    stories.withdraw_story(site["story"], actor=CLI)  # the one story with content words
    for _i in range(themes.MIN_STORIES):
        stories.collect(
            site["project"], actor=CLI, text="And so it was, and it is.", language="en",
            consent_level="project",
        )  # fmt: skip
    coordinator = site["users"]["coordinator"]
    msgid = "theme discovery found no content words in these stories"
    pages = {}
    for reader in ("en", lang):
        _as(client, coordinator, reader)
        r = client.post(
            reverse("coding:themes", args=["cwm"]),
            {"method": "lexical", "k": "2", "idempotency_key": reader},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert r.status_code == 302
        assert run_pending() == 1
        pages[reader] = client.get(r["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _said(msgid, None, "en") in pages["en"]
    _shown_in(lang, msgid, None, pages[lang])


def _refusal(call: Callable[[], object]) -> str:
    with pytest.raises(ValueError) as refused:
        call()
    return str(refused.value)


# core refusals no page reaches today (their services check first): (call, msgid, params)
BEHIND_SERVICES = [
    (lambda: stats.mean_interval([3.0]), "a t interval needs at least 2 values, got %(n)s",
     {"n": 1}),
    (lambda: stats.paired_change([1.0, 2.0], [1.0]),
     "before and after differ in length (%(before)s vs %(after)s)", {"before": 2, "after": 1}),
    (lambda: disclosure.ThresholdRule(k=0), "k must be a positive integer, got %(got)s",
     {"got": "0"}),
    (lambda: disclosure.protect_subgroups(5, 10, {"a": (3, 8), "b": (4, 8)}),
     "subgroups add up to more than the overall figure; groups must not overlap", None),
    (lambda: agreement.agreement_per_code([], ["s1"], ["r1"]),
     "agreement needs at least two coders", None),
    (lambda: agreement.agreement_per_code([("s9", "r1", 1)], ["s1"], ["r1", "r2"]),
     "coding on unit %(unit)s, which is not among the defined units", {"unit": "'s9'"}),
    (lambda: patterns.histogram([120], 0, 100, 10), "value %(value)s is outside %(low)s to %(high)s",
     {"value": 120, "low": 0, "high": 100}),
    (lambda: patterns.ternary_xy([0, 0, 0]), "triad weights must not all be 0", None),
    (lambda: scales.ons4_band("ons4_happy", 11), "ONS4 answers are 0-10", None),
    (lambda: redact.apply_corrections("short", [], [redact.Span(2, 40, "NAME", "")], []),
     "span [%(start)s, %(end)s) is outside the text", {"start": 2, "end": 40}),
    (lambda: themes.discover_themes(["a story"] * 3, [1, 2, 3]),
     "theme discovery needs at least %(least)s stories; got %(n)s",
     {"least": themes.MIN_STORIES, "n": 3}),
]  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_core_refusals_behind_services_are_in_the_readers_language_too(lang):
    """Before: each of these stayed English under any active language."""
    english_wrong, untranslated = [], []
    for call, msgid, params in BEHIND_SERVICES:
        with translation.override("en"):
            if _refusal(call) != (msgid % params if params else msgid):
                english_wrong.append(msgid)
        with translation.override(lang):
            said, expected = _refusal(call), translation.gettext(msgid)
        expected = expected % params if params else expected
        if said != expected or expected == (msgid % params if params else msgid):
            untranslated.append(f"{msgid}: {said}")
    assert english_wrong == [], english_wrong
    assert untranslated == [], untranslated
