"""The coordinator dashboard keeps its aggregate figures for DASHBOARD_MAX_AGE seconds per
process (so a busy dashboard costs a cache read, not a scan of the ledger) and says how old
they are; with 0 every view recomputes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tallytale.ledger import services as ledger

pytestmark = pytest.mark.django_db


def _hours_given(html: str) -> str:
    m = re.search(r'<p class="figure">([^<]+)</p><p>hours given', html)
    assert m, "no hours figure on the dashboard"
    return m.group(1)


def _earn_two_hours() -> None:
    ledger.earn("M1", "library", 2, day=dt.date(2025, 3, 5), key="cache-t", actor=ledger.Actor("t"))


def test_cached_figures_are_served_until_they_expire(client, site, settings):
    settings.DASHBOARD_MAX_AGE = 60
    cache.clear()
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:coordinate", args=["cwm"])
    first = client.get(url).content.decode()
    assert _hours_given(first) == "3"
    assert "Figures as of" in first and "at most every 60 s" in first
    _earn_two_hours()
    assert _hours_given(client.get(url).content.decode()) == "3"  # cached, says its age
    cache.clear()  # what expiry does
    assert _hours_given(client.get(url).content.decode()) == "5"


def test_with_max_age_zero_every_view_is_fresh(client, site, settings):
    settings.DASHBOARD_MAX_AGE = 0
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:coordinate", args=["cwm"])
    assert _hours_given(client.get(url).content.decode()) == "3"
    _earn_two_hours()
    html = client.get(url).content.decode()
    assert _hours_given(html) == "5"
    assert "at most every" not in html


def test_cached_figures_follow_the_reader_language(client, site, settings):
    settings.DASHBOARD_MAX_AGE = 60
    cache.clear()
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:coordinate", args=["cwm"])
    client.get(url)  # cached in English
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert 'lang="cy"' in html
    assert "Hours given per month" not in html  # chart titles are made per request
    assert "Ffigurau fel yr oeddent am" in html
