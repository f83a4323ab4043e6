"""Offline sync endpoints: a retried sync never records anything twice."""

import pytest
from django.urls import reverse

from tallytale.ledger.models import Contribution
from tallytale.stories.models import Story
from tallytale.surveys.models import Response

pytestmark = pytest.mark.django_db


def test_story_sync_is_idempotent(client, site):
    client.force_login(site["users"]["researcher"])
    url = reverse("web:sync_story", args=["cwm"])
    form = {
        "text": "We walked by the river.",
        "language": "en",
        "medium": "text",
        "consent_level": "research_team",
        "consent_method": "spoken",
        "teller_code": "M2",
        "idempotency_key": "3f2b8c1e-0000-4000-8000-000000000001",
    }
    first = client.post(url, form).json()
    again = client.post(url, form).json()
    assert first["status"] == "saved" and again == {"status": "duplicate", "id": first["id"]}
    assert Story.objects.filter(text="We walked by the river.").count() == 1
    bad = client.post(url, {**form, "text": "", "idempotency_key": "3f2b8c1e-0002"})
    assert bad.status_code == 400 and "text" in bad.json()["errors"]


def test_survey_sync_is_idempotent(client, site):
    client.force_login(site["users"]["researcher"])
    url = reverse("web:sync_survey", args=[site["instrument"].pk])
    answers = {
        f"q:{n}": "7" for n in ("ons4_life", "ons4_worthwhile", "ons4_happy", "ons4_anxious")
    }
    form = {**answers, "participant": "M1", "wave": "baseline", "idempotency_key": "sv-00000001"}
    assert client.post(url, form).json()["status"] == "saved"
    assert client.post(url, form).json()["status"] == "duplicate"
    assert Response.objects.filter(person__code="M1").count() == 1
    r = client.post(url, {**form, "participant": "X1", "idempotency_key": "sv-00000002"})
    assert r.status_code == 400


def test_hours_sync_is_idempotent(client, site):
    client.force_login(site["users"]["researcher"])
    url = reverse("web:sync_hours", args=["cwm"])
    form = {"member": "M3", "partner": "library", "hours": "2", "idempotency_key": "hr-00000001"}
    assert client.post(url, form).json()["status"] == "saved"
    assert client.post(url, form).json()["status"] == "duplicate"
    assert Contribution.objects.filter(person__code="M3").count() == 1


def test_sync_needs_the_capability_and_a_key(client, site):
    url = reverse("web:sync_hours", args=["cwm"])
    form = {"member": "M3", "partner": "library", "hours": "2", "idempotency_key": "hr-00000009"}
    assert client.post(url, form).status_code == 403  # signed out
    client.force_login(site["users"]["participant"])
    assert client.post(url, form).status_code == 403
    client.force_login(site["users"]["researcher"])
    assert client.post(url, {**form, "idempotency_key": "x"}).status_code == 404


def test_synced_story_teller_must_be_in_this_project(client, site):
    client.force_login(site["users"]["researcher"])
    url = reverse("web:sync_story", args=["cwm"])
    form = {
        "text": "Queued on the bus.",
        "language": "en",
        "medium": "text",
        "consent_level": "research_team",
        "consent_method": "spoken",
        "teller_code": "X1",  # a participant of another project
        "idempotency_key": "3f2b8c1e-0000-4000-8000-00000000000a",
    }
    r = client.post(url, form)
    assert r.status_code == 400
    assert r.json()["errors"]["teller_code"] == "No participant with that code in this project."
    assert not Story.objects.filter(text="Queued on the bus.").exists()


def test_survey_sync_errors_are_in_the_readers_language(client, site):
    """The offline queue shows these messages to the person who queued the answers."""
    client.force_login(site["users"]["researcher"])
    url = reverse("web:sync_survey", args=[site["instrument"].pk])
    form = {"participant": "X1", "wave": "nope", "idempotency_key": "sv-0000000c"}
    errors = client.post(url, form, HTTP_ACCEPT_LANGUAGE="cy").json()["errors"]
    english = client.post(url, form).json()["errors"]
    assert set(errors) == set(english) == {"participant", "wave"}
    assert errors["participant"] != english["participant"]
    assert english["participant"] == "No participant with that code in this project."
    assert english["wave"] == "Choose a wave."
    assert Response.objects.count() == 0
