"""The app-credentials page on a phone: made without JavaScript, no sideways scrolling at
390 px, nothing serious for axe-core, before and after a credential is shown."""

from __future__ import annotations

from django.urls import reverse

from tallytale.openrosa.models import AppCredential

from .conftest import axe_violations


def test_a_coordinator_makes_a_credential_on_a_phone(sign_in, site, browser):
    page = sign_in(site["users"]["coordinator"])
    page.goto(reverse("web:coordinate", args=["cwm"]))
    page.get_by_role("link", name="App credentials (ODK Collect)").click()
    assert page.locator("h1").inner_text() == "App credentials for ODK Collect"
    assert axe_violations(page) == []
    page.get_by_label("Collector's participant code").fill("R1")
    page.get_by_label("Note (which phone)").fill("blue phone")
    page.get_by_role("button", name="Create credential").click()
    page.wait_for_selector("#new-credential")
    made = AppCredential.objects.get()
    assert made.username in page.locator("section[role=status]").inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
