"""The language switch in Chromium at 390 px (issue 17): on the sign-in page, without
JavaScript, it keeps the same page (and its query) and shows it in the chosen language;
a person whose language is Welsh signs in and gets Welsh pages without touching it."""

import pytest
from django.urls import reverse

from tallytale.programmes.models import Person

from .conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def no_js_page(browser, live_server):
    ctx = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB",
        java_script_enabled=False,
    )  # fmt: skip
    yield ctx.new_page()
    ctx.close()


def test_switching_to_welsh_on_sign_in_stays_on_sign_in(no_js_page, site):
    page = no_js_page
    login = reverse("accounts:login") + "?next=" + reverse("web:me")
    page.goto(login)
    assert page.locator("html").get_attribute("lang") == "en"
    switch = page.locator("form.lang")
    options = switch.locator("option")
    langs = {options.nth(i).get_attribute("value"): options.nth(i).get_attribute("lang")
             for i in range(options.count())}  # fmt: skip
    assert langs == {"en": "en", "cy": "cy", "ar": "ar"}  # each option in its own language
    switch.get_by_label("Language").select_option("cy")
    switch.get_by_role("button").click()
    assert page.url.endswith(login)  # the same page, with its query
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("heading", level=1).inner_text() == "Mewngofnodi"
    assert page.locator("form.lang select option:checked").get_attribute("value") == "cy"


def test_a_welsh_speaker_signs_in_and_reads_welsh(no_js_page, site):
    Person.objects.filter(code="R1").update(language="cy")
    page = no_js_page
    page.goto(reverse("accounts:login"))
    assert page.locator("html").get_attribute("lang") == "en"  # the browser asks for English
    page.get_by_label("User name").fill("r1")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form").get_by_role("button").click()
    assert page.locator("html").get_attribute("lang") == "cy"
    page.goto(reverse("web:me"))
    assert page.locator("html").get_attribute("lang") == "cy"
    assert "Fy Tallytale" in page.locator("nav").first.inner_text()
