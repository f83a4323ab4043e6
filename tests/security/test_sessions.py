"""Users see their signed-in sessions and end them; sign-in gives a new session key."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from tallytale.accounts.middleware import SEEN, STARTED
from tallytale.accounts.models import SignInSession
from tests.passwords import with_password

GOOD = "a long enough pass phrase"


def _client(agent: str, address: str) -> Client:
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


@pytest.fixture
def user(role_users):
    u = role_users["researcher"]
    with_password(u, GOOD)
    return u


def _sign_in(client):
    assert (
        client.post(reverse("accounts:login"), {"username": "r1", "password": GOOD}).status_code
        == 302
    )


def test_sessions_are_listed_and_ended(user):
    laptop, phone = _client("Firefox on Linux", "10.0.0.1"), _client("Phone browser", "10.0.0.2")
    _sign_in(laptop)
    _sign_in(phone)
    r = laptop.get(reverse("accounts:security"))
    html = r.content.decode()
    assert "Firefox on Linux" in html and "Phone browser" in html and "10.0.0.2" in html
    other = SignInSession.objects.get(user=user, user_agent="Phone browser")
    r = laptop.post(reverse("accounts:security"), {"action": "end", "session": other.pk})
    assert r.status_code == 302
    assert phone.get(reverse("web:me")).status_code == 302  # signed out
    assert laptop.get(reverse("web:me")).status_code == 200
    assert SignInSession.objects.get(pk=other.pk).ended_at is not None


def test_end_all_other_sessions(user, role_users):
    a, b, c = (_client(f"browser {i}", "10.0.0.9") for i in range(3))
    for cl in (a, b, c):
        _sign_in(cl)
    a.post(reverse("accounts:security"), {"action": "end_others"})
    assert b.get(reverse("web:me")).status_code == 302
    assert c.get(reverse("web:me")).status_code == 302
    assert a.get(reverse("web:me")).status_code == 200


def test_cannot_end_someone_elses_session(user, role_users):
    mine = _client("mine", "10.0.0.1")
    _sign_in(mine)
    other = Client()
    other.force_login(role_users["participant"])
    row = SignInSession.objects.get(user=user)
    r = other.post(reverse("accounts:security"), {"action": "end", "session": row.pk})
    assert r.status_code == 404
    assert mine.get(reverse("web:me")).status_code == 200


def test_sign_out_marks_the_session_ended(user):
    cl = _client("x", "10.0.0.1")
    _sign_in(cl)
    cl.post(reverse("accounts:logout"))
    assert SignInSession.objects.get(user=user).ended_at is not None


def test_sign_in_gives_a_new_session_key(user):
    cl = Client()
    cl.get(reverse("accounts:login"))
    cl.cookies["sessionid"] = "x" * 32
    _sign_in(cl)
    assert cl.cookies["sessionid"].value != "x" * 32
    assert SignInSession.objects.get(user=user).session_key == cl.cookies["sessionid"].value


@pytest.mark.parametrize(
    "started,seen,signed_out",
    [(0, 29 * 60, False), (0, 30 * 60 + 5, True), (12 * 3600 + 5, 0, True)],
)
def test_idle_30_minutes_and_absolute_12_hours(user, started, seen, signed_out):
    cl = Client()
    _sign_in(cl)
    cl.get(reverse("web:me"))
    now = int(time.time())
    session = cl.session
    session[STARTED], session[SEEN] = now - started, now - seen
    session.save()
    assert (cl.get(reverse("web:me")).status_code == 302) is signed_out
