"""With DEBUG off, errors show Tallytale's own pages: no stack trace, no settings."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def production(settings):
    settings.DEBUG = False


def test_404_is_the_friendly_page(client, production):
    r = client.get("/no/such/page/")
    assert r.status_code == 404
    html = r.content.decode()
    assert "Page not found" in html and 'class="site"' in html  # extends the base template
    assert "Traceback" not in html and "URLconf" not in html


def test_403_is_the_friendly_page(client, role_users, production):
    client.force_login(role_users["participant"])
    r = client.get("/accounts/cwm/people/")
    assert r.status_code == 403
    html = r.content.decode()
    assert "Not allowed" in html and 'class="site"' in html
    assert "people.manage" not in html


@pytest.mark.urls("tests.security.boom_urls")
def test_500_is_the_friendly_page(production, db):
    client = Client(raise_request_exception=False)
    r = client.get("/boom/")
    assert r.status_code == 500
    html = r.content.decode()
    assert "Something went wrong" in html and 'class="site"' in html
    assert "secret detail" not in html and "Traceback" not in html and "RuntimeError" not in html
