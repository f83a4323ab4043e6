import pytest
from django.contrib.auth import get_user_model

from tallytale.programmes.models import Person
from tallytale.surveys import services
from tallytale.surveys.models import Response
from tests.passwords import with_password

pytestmark = pytest.mark.django_db


def login(client, code):
    user = with_password(get_user_model().objects.create_user(username=code.lower()), "x" * 16)
    person = Person.objects.get(code=code)
    person.user = user
    person.save()
    client.force_login(user)
    return user


@pytest.fixture
def ons4(people_cwm):
    services.create_wave("cwm", "baseline")
    return services.install_builtin("ons4", "cwm").instrument


def test_participant_answers_in_welsh_without_javascript(client, ons4):
    login(client, "M1")
    url = f"/surveys/{ons4.pk}/respond/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="cy")
    html = page.content.decode()
    assert page.status_code == 200
    assert "pa mor fodlon ydych chi" in html and "style=" not in html
    # scripts only from the app's own static files (offline queue), never inline
    import re

    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert '<fieldset class="q"' in html and "<legend>" in html
    assert 'for="f-q-ons4_life-0"' in html
    bad = client.post(url, {"wave": "baseline", "q:ons4_life": "7"}, HTTP_ACCEPT_LANGUAGE="cy")
    # the missing answers are named in Welsh too (issue 17), not "is required"
    refused = bad.content.decode()
    assert bad.status_code == 400 and "mae angen ateb" in refused
    assert "is required" not in refused
    assert not Response.objects.exists()
    ok = client.post(
        url,
        {
            "wave": "baseline",
            "q:ons4_life": "7",
            "q:ons4_worthwhile": "8",
            "q:ons4_happy": "9",
            "q:ons4_anxious": "2",
        },
    )
    assert ok.status_code == 302
    r = Response.objects.get()
    assert (
        r.person.code == "M1"
        and r.scores["ons4_anxious_band"] == "low"
        and r.scores["ons4_happy_band"] == "very high"
    )
    assert r.entered_by.username == "m1"


def test_researcher_enters_on_behalf_and_participant_cannot(client, ons4):
    researcher = login(client, "R1")
    url = f"/surveys/{ons4.pk}/respond/"
    answers = {
        "q:ons4_life": "5",
        "q:ons4_worthwhile": "5",
        "q:ons4_happy": "5",
        "q:ons4_anxious": "5",
        "wave": "baseline",
    }
    assert "Participant code" in client.get(url).content.decode()
    assert client.post(url, {**answers, "participant": "T1"}).status_code == 400  # not in cwm
    assert client.post(url, {**answers, "participant": "M2"}).status_code == 302
    r = Response.objects.get()
    assert r.person.code == "M2" and r.entered_by == researcher
    client.logout()
    login(client, "M3")
    page = client.get(url).content.decode()
    assert "Participant code" not in page
    client.post(url, {**answers, "participant": "M2"})
    assert Response.objects.filter(person__code="M3").count() == 1  # answered for self, not M2


def test_outsiders_and_anonymous_are_refused(client, ons4):
    assert client.get(f"/surveys/{ons4.pk}/respond/").status_code == 302  # to login
    login(client, "T1")
    assert client.get(f"/surveys/{ons4.pk}/respond/").status_code == 403
    assert client.get("/surveys/").status_code == 200


def test_complex_form_groups_repeats_relevance(client, instrument, people_cwm):
    login(client, "M1")
    url = f"/surveys/{instrument.pk}/respond/"
    html = client.get(url).content.decode()
    assert "<legend>Where you live</legend>" in html and "Household member 2" in html
    post = {
        "wave": "baseline",
        "q:participant_code": "M1",
        "q:age": "40",
        "q:volunteered": "no",
        "q:activities": ["garden"],
        "q:place/county": "carms",
        "q:place/town": "llanelli",
        "q:consent": "OK",
        "q:household[1]:household/hh_name": "Sam",
        "q:household[1]:household/hh_age": "12",
        "q:mood": "11",
    }
    bad = client.post(url, post)
    assert bad.status_code == 400 and "outside 1–10" in bad.content.decode()
    post["q:mood"] = "6"
    assert client.post(url, post).status_code == 302
    r = Response.objects.get()
    assert "activities" not in r.data  # irrelevant: volunteered = no
    assert r.data["household"] == [{"household/hh_name": "Sam", "household/hh_age": "12"}]
    assert r.data["age_next"] == "41"
