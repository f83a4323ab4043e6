"""The submit service enforces who may answer for whom, and a retried submission (an
offline queue syncing twice) records one response."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from tallytale.errors import AlreadyExists
from tallytale.programmes.models import Person
from tallytale.surveys import responses as surveys_responses
from tallytale.surveys import services
from tallytale.surveys.models import Response
from tests.passwords import with_password

ANSWERS = {"ons4_life": 6, "ons4_worthwhile": 7, "ons4_happy": 5, "ons4_anxious": 3}


def user_for(code):
    user = with_password(get_user_model().objects.create_user(username=code.lower()), "x" * 16)
    person = Person.objects.get(code=code)
    person.user = user
    person.save()
    return user


@pytest.fixture
def ons4(people_cwm):
    services.create_wave("cwm", "baseline")
    return services.install_builtin("ons4", "cwm").instrument


def test_members_answer_for_themselves_only(ons4):
    m1, m2 = Person.objects.get(code="M1"), Person.objects.get(code="M2")
    member = user_for("M1")
    surveys_responses.submit_response(ons4, ANSWERS, person=m1, wave="baseline", entered_by=member)
    with pytest.raises(PermissionDenied):
        surveys_responses.submit_response(
            ons4, ANSWERS, person=m2, wave="baseline", entered_by=member
        )
    researcher = user_for("R1")
    surveys_responses.submit_response(
        ons4, ANSWERS, person=m2, wave="baseline", entered_by=researcher
    )
    outsider = user_for("T1")
    with pytest.raises(PermissionDenied):
        surveys_responses.submit_response(
            ons4, ANSWERS, person=m2, wave="baseline", entered_by=outsider
        )
    assert Response.objects.count() == 2


def test_a_retried_submission_is_recorded_once(ons4):
    m1, m2 = Person.objects.get(code="M1"), Person.objects.get(code="M2")
    researcher = user_for("R1")
    first = surveys_responses.submit_response(
        ons4, ANSWERS, person=m1, wave="baseline", entered_by=researcher, submission_id="offline-42"
    )
    again = surveys_responses.submit_response(
        ons4, ANSWERS, person=m1, wave="baseline", entered_by=researcher, submission_id="offline-42"
    )
    assert first.pk == again.pk and Response.objects.count() == 1
    with pytest.raises(AlreadyExists):
        surveys_responses.submit_response(
            ons4,
            ANSWERS,
            person=m2,
            wave="baseline",
            entered_by=researcher,
            submission_id="offline-42",
        )
