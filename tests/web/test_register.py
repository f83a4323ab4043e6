"""The register for group sessions: one form, many attendees (ticked or typed by card),
one idempotent batch, every problem named, nothing written when any is wrong."""

import datetime as dt

import pytest
from django.urls import reverse

from tallytale.ledger.models import Contribution, Transfer
from tallytale.programmes.models import Person

pytestmark = pytest.mark.django_db

URL = reverse("web:register", args=["cwm"])


@pytest.fixture
def coord(client, site):
    client.force_login(site["users"]["coordinator"])
    Person.objects.filter(code="M3").update(card_code="CARD-M3")
    return client


def session(**more):
    data = {
        "partner": "garden",
        "day": "2025-05-06",
        "activity": "Choir",
        "hours": "1.5",
        "attendee": ["M1", "M2"],
        "cards": "CARD-M3",
        "idempotency_key": "reg-1",
    }
    data.update(more)
    return data


def test_one_session_for_many_attendees_ticked_and_typed(coord):
    r = coord.post(URL, session(), follow=True)
    assert "Recorded 1.5 hours for 3 people at garden (0 already recorded)." in r.content.decode()
    got = Contribution.objects.filter(partner__slug="garden", activity="Choir")
    assert sorted(got.values_list("person__code", flat=True)) == ["M1", "M2", "M3"]
    assert {c.minutes for c in got} == {90} and {c.day for c in got} == {dt.date(2025, 5, 6)}


def test_sending_the_register_twice_records_nothing_twice(coord):
    coord.post(URL, session())
    before = Transfer.objects.count()
    r = coord.post(URL, session(), follow=True)
    assert Transfer.objects.count() == before
    assert "for 0 people at garden (3 already recorded)" in r.content.decode()


def test_unknown_or_other_project_cards_refuse_the_whole_session(coord):
    r = coord.post(URL, session(cards="CARD-M3 CARD-T1 nobody"))
    assert r.status_code == 400
    page = r.content.decode()
    assert "Not members of this project: CARD-T1, nobody" in page
    assert not Contribution.objects.filter(activity="Choir").exists()
    # what was typed and ticked is kept
    assert 'value="M1" checked' in page and "CARD-T1 nobody" in page and 'value="Choir"' in page


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("hours", "lots", "Enter the hours as a number"),
        ("partner", "pool", "Choose where the session was held."),  # a spending partner
        ("day", "6/5/2025", "Enter the date as YYYY-MM-DD."),
        ("attendee", [], "Tick who came"),
    ],
)
def test_bad_fields_are_named(coord, field, value, message):
    data = session(**{field: value})
    if field == "attendee":
        data["cards"] = ""
    r = coord.post(URL, data)
    assert r.status_code == 400 and message in r.content.decode()


def test_a_rule_broken_for_one_attendee_names_them_and_writes_nothing(coord):
    r = coord.post(URL, session(hours="24", idempotency_key="reg-2"))
    assert r.status_code == 200 or r.status_code == 302
    r = coord.post(URL, session(hours="1", idempotency_key="reg-3", attendee=["M1"], cards=""))
    assert r.status_code == 400
    assert "M1:" in r.content.decode() and "24" in r.content.decode()
    assert not Transfer.objects.filter(idempotency_key__startswith="web:register:reg-3").exists()
