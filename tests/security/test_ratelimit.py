"""Form posts are limited per user and address in a fixed window, answered with HTTP 429."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tallytale.accounts import ratelimit


def test_too_many_story_posts_get_429(client, role_users, settings):
    settings.RATE_LIMIT_POSTS = 3
    client.force_login(role_users["researcher"])
    url = reverse("stories:collect", kwargs={"slug": "cwm"})
    statuses = [client.post(url, {}).status_code for _ in range(4)]
    assert 429 not in statuses[:3] and statuses[3] == 429
    r = client.post(url, {})
    assert r.status_code == 429 and "Too many at once" in r.content.decode()
    assert r["Retry-After"] == "60"
    # reading is not limited, nor posts elsewhere
    assert client.get(url).status_code == 200
    assert client.post(reverse("accounts:tokens"), {"name": "t"}).status_code == 200


def test_limit_is_per_user_and_address(role_users, settings):
    settings.RATE_LIMIT_POSTS = 2
    url = reverse("community:raise", kwargs={"slug": "cwm"})
    a, b = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    a.force_login(role_users["participant"])
    b.force_login(role_users["participant"])
    assert [a.post(url, {}).status_code == 429 for _ in range(3)] == [False, False, True]
    assert b.post(url, {}).status_code != 429
    c = Client(REMOTE_ADDR="10.0.0.1")
    c.force_login(role_users["researcher"])
    assert c.post(url, {}).status_code != 429


def test_windows_are_fixed(db, settings):
    assert ratelimit.hit("k", now=120) == 1
    assert ratelimit.hit("k", now=179) == 2
    assert ratelimit.hit("k", now=180) == 1  # a new minute
    assert ratelimit.count("k", now=181) == 1
