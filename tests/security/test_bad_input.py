"""Hostile or absurd input gets a 4xx with a message naming the field, never a 500.

Each case here was a 500 (an exception escaping the view) in the security review: date
arithmetic overflow, decimal overflow, numbers beyond int64, booleans taken as numbers,
a NUL byte or lone surrogate reaching PostgreSQL, a race on an idempotency key.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tallytale.accounts.services import create_api_token
from tallytale.ledger import services as ledger
from tallytale.ledger.models import Transfer
from tallytale.stories import services as stories
from tallytale.stories.models import Story

HUGE = ["1e308", "1e30", "1e999999", "9223372036854775808"]


@pytest.fixture
def api(client, role_users):
    tokens = {role: create_api_token(u, "test")[1] for role, u in role_users.items()}

    def do(method, path, role, body=None, raw=None, **headers):
        headers["HTTP_AUTHORIZATION"] = f"Bearer {tokens[role]}"
        if raw is not None or body is not None:
            data = raw if raw is not None else json.dumps(body)
            return getattr(client, method)(
                f"/api/{path}", data, content_type="application/json", **headers
            )
        return getattr(client, method)(f"/api/{path}", **headers)

    return do


def _detail(r) -> str:
    return json.dumps(r.json())


def test_statement_from_the_first_day_of_the_calendar(api):
    r = api("get", "ledger/statement?start=0001-01-01", "participant")
    assert r.status_code == 200 and r.json()["opening_minutes"] == 0


@pytest.mark.parametrize("hours", HUGE)
def test_api_hours_beyond_reason_are_refused(api, hours):
    raw = '{"person": "P1", "partner": "library", "hours": ' + hours + "}"
    r = api("post", "ledger/projects/cwm/earn", "coordinator", raw=raw, HTTP_IDEMPOTENCY_KEY="k")
    assert r.status_code in (400, 422) and "hours" in _detail(r)
    assert not Transfer.objects.exists()


def test_api_hours_true_is_not_one_hour(api):
    body = {"person": "P1", "partner": "library", "hours": True}
    r = api("post", "ledger/projects/cwm/earn", "coordinator", body, HTTP_IDEMPOTENCY_KEY="k")
    assert r.status_code == 422 and "hours" in _detail(r)
    assert not Transfer.objects.exists()


def test_api_spend_dated_year_one_is_refused(api):
    ledger.earn("P1", "library", 2, actor=ledger.Actor("t"))
    body = {"person": "P1", "partner": "pool", "credits": 1, "day": "0001-01-01"}
    r = api("post", "ledger/projects/cwm/spend", "coordinator", body, HTTP_IDEMPOTENCY_KEY="k")
    assert r.status_code == 400 and "date 0001-01-01" in r.json()["detail"]


@pytest.mark.parametrize("text", ["a\ud800b", "a\x00b"])
def test_api_story_with_a_lone_surrogate_or_nul(api, text):
    raw = json.dumps({"text": text, "language": "en", "title": text})  # \ud800 escaped
    r = api("post", "projects/cwm/stories", "researcher", raw=raw)
    assert r.status_code == 422 and "text" in _detail(r)
    assert not Story.objects.exists()


@pytest.mark.parametrize("hours", HUGE)
def test_web_hours_form_beyond_reason(client, role_users, hours):
    client.force_login(role_users["coordinator"])
    r = client.post(
        reverse("web:hours", args=["cwm"]), {"member": "P1", "partner": "library", "hours": hours}
    )
    assert r.status_code == 400 and "hours" in r.content.decode()
    assert not Transfer.objects.exists()


@pytest.mark.parametrize("amount", HUGE)
def test_ledger_page_amount_beyond_reason(client, role_users, amount):
    client.force_login(role_users["coordinator"])
    r = client.post(
        reverse("web:ledger", args=["cwm"]),
        {"action": "earn", "member": "P1", "partner": "library", "amount": amount},
    )
    assert r.status_code in (200, 400) and "hours" in r.content.decode()
    assert not Transfer.objects.exists()


@pytest.mark.parametrize("hours", HUGE)
def test_contributions_import_hours_beyond_reason(client, role_users, hours):
    client.force_login(role_users["coordinator"])
    text = f"person_code,partner,date,hours,activity\nP1,library,2025-06-01,{hours},x\n"
    r = client.post(reverse("web:import", args=["cwm"]), {"text": text})
    assert r.status_code == 400 and "line 2: hours" in r.content.decode()


def test_budget_beyond_int64(client, role_users):
    client.force_login(role_users["admin"])
    r = client.post(
        reverse("web:budget", args=["cwm"]),
        {"partner": "garden", "credits": "99999999999999999999999"},
        follow=True,
    )
    assert r.status_code == 200 and "credits" in r.content.decode()
    assert not Transfer.objects.exists()


def test_votes_per_member_not_a_number(client, role_users):
    client.force_login(role_users["coordinator"])
    r = client.post(
        reverse("community:round_open", args=["cwm"]),
        {"title": "Spring", "votes_per_member": "abc"},
        follow=True,
    )
    assert r.status_code == 200 and "votes per member" in r.content.decode()


def test_concurrent_offline_story_sync_returns_the_first(client, role_users, monkeypatch):
    """Two tabs sync the same queued story: the loser's insert hits the unique key and
    must answer with the winner's story, not a 500."""
    client.force_login(role_users["researcher"])
    form = {
        "text": "We walked by the river.",
        "language": "en",
        "medium": "text",
        "consent_level": "research_team",
        "consent_method": "spoken",
        "idempotency_key": "3f2b8c1e-0000-4000-8000-00000000race",
    }
    real = stories.collect
    winner = {}

    def racing_collect(project, **fields):
        # the other tab commits the same story between our check and our insert
        if not winner:
            winner["story"] = real(project, **fields)
        return real(project, **fields)

    monkeypatch.setattr(stories, "collect", racing_collect)
    r = client.post(reverse("web:sync_story", args=["cwm"]), form)
    assert r.status_code == 200
    assert r.json() == {"status": "duplicate", "id": winner["story"].pk}
    assert Story.objects.count() == 1


def test_web_form_field_with_nul_is_refused_naming_the_field(client, role_users):
    """PostgreSQL refuses NUL in text: every web form field is checked before any view."""
    client.force_login(role_users["coordinator"])
    r = client.post(
        reverse("web:hours", args=["cwm"]),
        {"member": "P1", "partner": "library", "hours": "1", "activity": "gar\x00den"},
    )
    assert r.status_code == 400 and "activity" in r.content.decode()
    assert "NUL" in r.content.decode()
    assert not Transfer.objects.exists()
    r = client.get(reverse("web:ledger", args=["cwm"]) + "?q=%00")
    assert r.status_code == 400


def test_offline_sync_with_nul_answers_invalid_json(client, role_users):
    client.force_login(role_users["researcher"])
    form = {
        "text": "We walked\x00 by the river.",
        "language": "en",
        "medium": "text",
        "consent_level": "research_team",
        "consent_method": "spoken",
        "idempotency_key": "3f2b8c1e-0000-4000-8000-0000000000nul",
    }
    r = client.post(reverse("web:sync_story", args=["cwm"]), form)
    assert r.status_code == 400 and "NUL" in r.json()["errors"]["text"]
    assert not Story.objects.exists()
