"""Exports, downloads and erasure ask for the password again after 10 minutes."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from tallytale.accounts import mfa
from tallytale.core import totp
from tests.passwords import with_password

GOOD = "a long enough pass phrase"
# every export, download and erasure view, with the arguments to reach it
GUARDED = [
    ("web:my_data", {"fmt": "json"}),
    ("web:export_stories", {"slug": "cwm", "fmt": "csv"}),
    ("web:export_survey", {"slug": "cwm", "instrument_id": 1, "fmt": "csv"}),
    ("stories:withdraw_all", {}),
    ("coding:export", {"slug": "cwm", "kind": "qdpx"}),
    ("evidence:download", {"slug": "cwm", "fmt": "csv"}),
    ("web:job_download", {"slug": "cwm", "job_id": 1}),
    ("web:my_job_download", {"job_id": 1}),
]
# exports are queued as jobs by a POST; the rest are GET downloads
POSTED = {
    "web:my_data", "stories:withdraw_all", "evidence:download", "web:export_stories", "web:export_survey",
    "coding:export",
}  # fmt: skip


@pytest.fixture
def stale(client, role_users):
    user = role_users["admin"]
    with_password(user, GOOD)
    client.force_login(user)
    session = client.session
    session[mfa.AUTH_AT] = int(time.time()) - 11 * 60
    session.save()
    return user


@pytest.mark.parametrize("name,kwargs", GUARDED)
def test_guarded_views_ask_for_the_password_after_ten_minutes(client, stale, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    r = client.post(url) if name in POSTED else client.get(url)
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:confirm")), name


def test_confirming_the_password_returns_to_the_download(client, stale):
    url = reverse("web:job_download", kwargs={"slug": "cwm", "job_id": 1})
    r = client.get(url)
    confirm = r.url
    assert client.post(confirm, {"password": "wrong"}).status_code == 400
    r = client.post(confirm, {"password": GOOD, "next": url})
    assert r.status_code == 302 and r.url == url
    assert client.get(url).status_code == 404  # past the check: there is no job 1


def test_a_posted_download_returns_to_the_page_it_came_from(client, stale):
    me = reverse("web:me")
    r = client.post(
        reverse("web:my_data", kwargs={"fmt": "json"}), HTTP_REFERER=f"http://testserver{me}"
    )
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:confirm"))
    assert "next=http%3A%2F%2Ftestserver%2Fme%2F" in r.url


def test_fresh_sign_in_needs_no_confirmation(client, role_users):
    client.force_login(role_users["participant"])
    r = client.post(reverse("web:my_data", kwargs={"fmt": "json"}))
    assert r.status_code == 302 and r.url.startswith("/me/jobs/")


def test_enrolled_user_confirms_with_a_code_too(client, stale):
    dev = mfa.start_enrolment(stale)
    mfa.confirm_enrolment(stale, totp.code_at(dev.secret, time.time() - 30))
    url = reverse("web:my_data", kwargs={"fmt": "json"})
    confirm = reverse("accounts:confirm")
    assert client.post(confirm, {"password": GOOD, "next": url}).status_code == 400
    code = totp.code_at(dev.secret, time.time())
    r = client.post(confirm, {"password": GOOD, "code": code, "next": url})
    assert r.status_code == 302 and r.url == url


def test_confirm_refuses_an_outside_next(client, stale):
    r = client.post(
        reverse("accounts:confirm"), {"password": GOOD, "next": "https://evil.example/"}
    )
    assert r.status_code == 302 and r.url == reverse("web:home")
