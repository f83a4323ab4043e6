"""Looking a member up by what a user types (issue 21 moved the lookups on every hours entry
and spend into SQL; they must answer exactly as before). Codes may belong to another project."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tallytale.errors import NotFound
from tallytale.programmes import services as people
from tallytale.programmes.models import Person, Project
from tests.actors import OPERATOR

pytestmark = pytest.mark.django_db


def test_a_participant_code_wins_over_another_persons_card_code(scheme):
    cwm = Project.objects.get(slug="cwm")
    # B's member card carries the text of A's participant code; B is added first, so a
    # lookup that fell back to the order of the rows would find B
    people.add_person("B7", "cwm", joined_on=dt.date(2025, 1, 1), card_code="A7", actor=OPERATOR)
    people.add_person("A7", "cwm", joined_on=dt.date(2025, 1, 1), actor=OPERATOR)
    assert people.get_member(cwm, "A7").code == "A7"
    assert people.get_member(cwm, " B7 ").code == "B7"


def test_a_card_code_finds_its_member_only_in_their_project(scheme):
    town = Project.objects.get(slug="town")
    cwm = Project.objects.get(slug="cwm")
    assert people.get_member(town, "CARD-T1").code == "T1"
    with pytest.raises(NotFound):
        people.get_member(cwm, "CARD-T1")
    with pytest.raises(NotFound):
        people.get_member(cwm, "T1")
    with pytest.raises(NotFound):
        people.get_member(cwm, "")


def test_a_partner_is_found_only_in_its_own_project(scheme):
    cwm = Project.objects.get(slug="cwm")
    assert people.get_partner_in(cwm, "library").project == cwm
    with pytest.raises(NotFound):
        people.get_partner_in(cwm, "cinema")  # town's


def test_an_erased_member_is_not_found(scheme):
    cwm = Project.objects.get(slug="cwm")

    Person.objects.filter(code="M3").update(erased_at=timezone.now())
    with pytest.raises(NotFound):
        people.get_member(cwm, "M3")
