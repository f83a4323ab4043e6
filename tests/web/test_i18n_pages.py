"""Every page type renders in Welsh (lang="cy") and Arabic (lang="ar", dir="rtl") for each
role that may open it, with translated text in it."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# (role, URL name, args); INSTRUMENT and STORY are replaced by the fixture's objects
PAGES = [
    (None, "accounts:login", []),
    ("participant", "web:home", []),
    ("participant", "web:me", []),
    ("participant", "surveys:index", []),
    ("participant", "surveys:respond", ["INSTRUMENT"]),
    ("participant", "stories:list", ["cwm"]),
    ("participant", "stories:detail", ["cwm", "STORY"]),
    ("participant", "community:home", ["cwm"]),
    ("participant", "community:reviews", ["cwm"]),
    ("participant", "community:actions", ["cwm"]),
    ("participant", "accounts:tokens", []),
    ("researcher", "web:research", ["cwm"]),
    ("researcher", "web:hours", ["cwm"]),
    ("researcher", "stories:collect", ["cwm"]),
    ("researcher", "stories:review", ["cwm"]),
    ("researcher", "coding:codebook", ["cwm"]),
    ("researcher", "coding:themes", ["cwm"]),
    ("researcher", "web:offline", []),
    ("coordinator", "web:coordinate", ["cwm"]),
    ("coordinator", "web:members", ["cwm"]),
    ("coordinator", "web:ledger", ["cwm"]),
    ("coordinator", "web:import", ["cwm"]),
    ("coordinator", "web:import_stories", ["cwm"]),
    ("coordinator", "web:import_responses", ["cwm"]),
    ("coordinator", "web:waves", ["cwm"]),
    ("coordinator", "accounts:people", ["cwm"]),
    ("coordinator", "web:directory", ["cwm"]),
    ("coordinator", "web:member", ["cwm", "M1"]),
    ("coordinator", "web:register", ["cwm"]),
    ("coordinator", "web:partners", ["cwm"]),
    ("coordinator", "web:partner", ["cwm", "cafe"]),
    ("coordinator", "web:rules", ["cwm"]),
    ("coordinator", "web:instruments", ["cwm"]),
    ("coordinator", "web:instrument", ["cwm", "INSTRUMENT"]),
    ("participant", "web:whats_on", ["cwm"]),
    ("evaluator", "web:evaluate", ["cwm"]),
    ("evaluator", "web:patterns", ["cwm"]),
    ("evaluator", "evidence:report", ["cwm"]),
]

# a string every page carries (the footer), and its translation
FOOTER = "Tallytale: no numbers without stories, and no stories without numbers."


@pytest.mark.parametrize(("lang", "direction"), [("cy", "ltr"), ("ar", "rtl")])
def test_every_page_type_in_welsh_and_arabic(client, site, lang, direction):
    with translation.override(lang):
        footer = translation.gettext(FOOTER)
        home = translation.gettext("Your projects")
    assert footer != FOOTER and home != "Your projects"
    failures = []
    for role, name, args in PAGES:
        args = [
            site["instrument"].pk if a == "INSTRUMENT" else site["story"].pk if a == "STORY" else a
            for a in args
        ]
        client.logout()
        if role:
            client.force_login(site["users"][role])
        r = client.get(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE=lang)
        html = r.content.decode()
        if r.status_code != 200:
            failures.append((name, role, r.status_code))
            continue
        if f'<html lang="{lang}" dir="{direction}">' not in html:
            failures.append((name, role, "lang/dir"))
        if footer not in html:
            failures.append((name, role, "untranslated"))
    assert failures == []


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_home_links_are_translated(client, site, lang):
    client.force_login(site["users"]["coordinator"])
    home = (
        reverse("web:home") + "?projects=1"
    )  # a coordinator of one project lands on its dashboard
    html = client.get(home, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    with translation.override(lang):
        for label in ("Your projects", "Import stories", "Accounts and invitations"):
            assert translation.gettext(label) in html, label
