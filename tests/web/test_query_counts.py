"""The hot pages of a busy session (benchmarks/load.py) keep their database round trips
bounded: each query is CPU in the app (the ORM compiles it) as well as a trip to the
database, so a page that grows one per row, or a check done twice, shows up here first.

The ceilings are today's counts on the slower of SQLite and PostgreSQL; lower them when a
change saves a query.
"""

from __future__ import annotations

import re
import time
import uuid

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _key(html: str) -> str:
    return re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)


def _coordinator(client, site) -> None:
    """Signed in as the coordinator, second factor given (as in the load benchmark)."""
    client.force_login(site["users"]["coordinator"])
    session = client.session
    session["tallytale_mfa_at"] = int(time.time())
    session.save()


def test_recording_hours_takes_at_most_15_queries(client, site, django_assert_max_num_queries):
    client.force_login(site["users"]["researcher"])
    url = reverse("web:hours", args=["cwm"])
    page = client.get(url).content.decode()
    data = {"idempotency_key": _key(page), "member": "M2", "partner": "library", "hours": "1.5"}
    with django_assert_max_num_queries(15):
        r = client.post(url, data)
    assert r.status_code == 302


def test_the_hours_form_takes_at_most_5_queries(client, site, django_assert_max_num_queries):
    client.force_login(site["users"]["researcher"])
    client.get(reverse("web:hours", args=["cwm"]))
    with django_assert_max_num_queries(5):
        assert client.get(reverse("web:hours", args=["cwm"])).status_code == 200


def test_sending_a_story_takes_at_most_14_queries(client, site, django_assert_max_num_queries):
    client.force_login(site["users"]["researcher"])
    url = reverse("stories:collect", args=["cwm"])
    client.get(url)
    form = {
        "medium": "text", "language": "en", "consent_level": "project", "consent_method": "spoken",
        "text": f"Since the lunch club started I see people again. {uuid.uuid4().hex}",
    }  # fmt: skip
    with django_assert_max_num_queries(14):
        r = client.post(url, form)
    assert r.status_code == 302


def test_the_dashboard_from_its_cache_takes_at_most_5_queries(
    client, site, settings, django_assert_max_num_queries
):
    settings.DASHBOARD_MAX_AGE = 15
    _coordinator(client, site)
    url = reverse("web:coordinate", args=["cwm"])
    assert client.get(url).status_code == 200  # computes and keeps the figures
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


def test_the_blank_story_form_takes_at_most_6_queries(client, site, django_assert_max_num_queries):
    client.force_login(site["users"]["researcher"])
    url = reverse("stories:collect", args=["cwm"])
    client.get(url)  # draws its fields and keeps them
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
