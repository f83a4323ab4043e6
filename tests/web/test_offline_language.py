"""The offline app's words are in the reader's language (issue 17).

The scripts (offline.js, draft.js) take every word they show from `data-msg-*` attributes
that the templates translate, keeping an English fallback only for a page without them; the
service worker, which has no page to read, is rendered per language.
"""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse

SRC = Path(__file__).resolve().parents[2] / "src" / "tallytale"
SCRIPTS = {
    "offline": SRC / "web" / "static" / "tallytale" / "offline.js",
    "draft": SRC / "stories" / "static" / "stories" / "draft.js",
}
# msg("name", "English fallback")
MSG = re.compile(r'msg\("([a-z]+)", "([^"]+)"\)')
# a word shown to the reader straight from a string literal, not through msg()
LITERAL = re.compile(r'(?:say|note\(form,|textContent =)\s*\(?\s*"[A-Za-z]')


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_scripts_show_no_english_literal(name):
    source = SCRIPTS[name].read_text(encoding="utf-8")
    assert LITERAL.findall(source) == []
    assert MSG.findall(source)  # they do show words, through msg()


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_every_word_the_scripts_show_is_on_the_page_translated(client, site, lang):
    client.force_login(site["users"]["researcher"])
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    html = client.get(reverse("stories:collect", args=["cwm"])).content.decode()
    assert f'lang="{lang}"' in html
    missing, english = [], []
    for name, path in SCRIPTS.items():
        for key, fallback in MSG.findall(path.read_text(encoding="utf-8")):
            m = re.search(rf'data-msg-{key}="([^"]*)"', html)
            if m is None:
                missing.append((name, key))
            elif unescape(m.group(1)).replace("%s", "") == fallback.replace("%s", ""):
                english.append((name, key))
    assert missing == []
    assert english == []


def _offline_page(body: str) -> str:
    m = re.search(r"^var OFFLINE_PAGE = (.*);$", body, re.M)
    assert m, "sw.js has no OFFLINE_PAGE"
    return json.loads(m.group(1))


def test_service_worker_is_rendered_in_the_readers_language(client):
    english = client.get("/sw.js").content.decode()
    client.cookies["django_language"] = "cy"
    welsh = client.get("/sw.js").content.decode()
    client.cookies["django_language"] = "ar"
    arabic = client.get("/sw.js").content.decode()
    # a new worker and shell per language: it keeps the offline page again in that language;
    # the pages kept for offline use stay across a switch
    shells = {re.search(r"^var SHELL = (.*);$", b, re.M).group(1) for b in (english, welsh, arabic)}
    pages = {re.search(r"^var PAGES = (.*);$", b, re.M).group(1) for b in (english, welsh, arabic)}
    assert len(shells) == 3 and len(pages) == 1
    assert "this page is not kept on this device" in _offline_page(english)
    page = _offline_page(welsh)
    assert 'lang="cy"' in page and "nid yw'r dudalen hon wedi'i chadw" in unescape(page)
    page = _offline_page(arabic)
    assert 'dir="rtl"' in page and "غير محفوظة" in page
