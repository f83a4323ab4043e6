"""A coordinator runs the scheme in Chromium on a 390 px phone with JavaScript off: find a
member by name, open their page, record hours, reverse a transfer; the whole ledger
filtered and exported; a register for a group session."""

import re

import pytest
from django.urls import reverse

from tallytale.ledger.models import Transfer
from tallytale.programmes.models import ContactDetails

from .conftest import ARGS, PHONE, axe_violations  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def nojs(browser, live_server):
    """A phone-sized browser with JavaScript switched off (axe is run in a second one)."""
    ctx = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="en-GB", java_script_enabled=False
    )
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


def signed_in(ctx, live_server, user):
    from django.conf import settings
    from django.test import Client

    c = Client()
    c.force_login(user)
    cookie = c.cookies[settings.SESSION_COOKIE_NAME]
    ctx.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return ctx.new_page()


def test_find_a_member_by_name_and_record_hours_without_javascript(nojs, live_server, site):
    ContactDetails.objects.filter(person__code="M1").update(name="Ann Powell")
    page = signed_in(nojs, live_server, site["users"]["coordinator"])
    page.goto(reverse("web:directory", args=["cwm"]))
    page.get_by_label("Name, code, card number, phone or e-mail").fill("powell")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Ann Powell (M1)").click()
    page.wait_for_url(re.compile(r".*/people/M1/$"))
    assert page.locator("h1").inner_text() == "Ann Powell (M1)"
    assert "Balance: 2 credits" in page.locator("#balance").inner_text()
    # record hours: the message says what was recorded, by name and code
    page.get_by_label("Gave time (hours)").check()
    page.get_by_label("Partner (time or spending)").select_option("library")
    page.get_by_label("Hours or credits").fill("2.5")
    page.get_by_label("Activity or category").fill("gardening")
    page.get_by_role("button", name="Record", exact=True).click()
    assert (
        "Recorded 2.5 hours for Ann P. (M1) at library: 2.5 credits."
        in page.locator(".messages").inner_text()
    )
    # reverse it from its row, with a reason
    earned = Transfer.objects.filter(category="gardening").get()
    page.get_by_label(f"Reason for reversing transfer {earned.pk}").fill("wrong day")
    page.get_by_role("button", name=f"Reverse #{earned.pk}").click()
    assert Transfer.objects.filter(reverses=earned).exists()
    assert f"Reversed transfer #{earned.pk}." in page.locator(".messages").inner_text()


@pytest.mark.parametrize("name", ["web:directory", "web:member"])
def test_people_pages_fit_a_phone_and_pass_axe(context, sign_in, site, name):
    ContactDetails.objects.filter(person__code="M1").update(name="Ann Powell")
    page = sign_in(site["users"]["coordinator"])
    args = ["cwm", "M1"] if name == "web:member" else ["cwm"]
    page.goto(reverse(name, args=args))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    assert axe_violations(page) == []


def test_register_a_group_session_without_javascript(nojs, live_server, site):
    from tallytale.ledger.models import Contribution
    from tallytale.programmes.models import Person

    Person.objects.filter(code="M3").update(card_code="CARD-M3")
    page = signed_in(nojs, live_server, site["users"]["coordinator"])
    page.goto(reverse("web:register", args=["cwm"]))
    page.get_by_label("Where was the session?").select_option("garden")
    page.get_by_label("Activity").fill("Choir")
    page.get_by_label("Hours each").fill("2")
    page.get_by_label("M1", exact=True).check()
    page.get_by_label("M2", exact=True).check()
    page.get_by_label("Card numbers or codes").fill("CARD-M3")
    page.get_by_role("button", name="Record the session").click()
    assert "Recorded 2 hours for 3 people at garden" in page.locator(".messages").inner_text()
    assert Contribution.objects.filter(activity="Choir").count() == 3


def test_whole_ledger_filtered_exported_and_reversed_without_javascript(nojs, live_server, site):
    page = signed_in(nojs, live_server, site["users"]["coordinator"])
    page.goto(reverse("web:ledger", args=["cwm"]))
    page.get_by_label("Kind").select_option("spend")
    page.get_by_role("button", name="Find").click()
    spend = Transfer.objects.get(kind="spend")
    earn = Transfer.objects.get(kind="earn")
    assert page.get_by_role("button", name=f"Reverse #{spend.pk}").is_visible()
    assert page.get_by_role("button", name=f"Reverse #{earn.pk}").count() == 0
    with page.expect_download() as dl:
        page.get_by_role("link", name="Download these transfers (CSV)").click()
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[0].startswith("id,date,kind,from,to,credits")
    assert len(text.splitlines()) == 2 and ",spend,M1,pool," in text
    page.get_by_label(f"Reason for reversing transfer {spend.pk}").fill("refund")
    page.get_by_role("button", name=f"Reverse #{spend.pk}").click()
    assert Transfer.objects.filter(reverses=spend).exists()


@pytest.mark.parametrize("name", ["web:ledger", "web:register"])
def test_ledger_pages_fit_a_phone_and_pass_axe(context, sign_in, site, name):
    page = sign_in(site["users"]["coordinator"])
    page.goto(reverse(name, args=["cwm"]))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    assert axe_violations(page) == []


def test_partner_added_with_an_offer_that_a_member_sees_on_a_phone(
    nojs, browser, live_server, site
):
    page = signed_in(nojs, live_server, site["users"]["coordinator"])
    page.goto(reverse("web:partners", args=["cwm"]))
    page.get_by_label("Short code (letters, digits, hyphens)").fill("swim-club")
    page.get_by_label("Name").fill("Swim Club")
    page.get_by_label("Kind").select_option("spending")
    page.get_by_label("Overdraft allowed (credits)").fill("2")
    page.get_by_role("button", name="Add partner").click()
    assert page.locator("h1").inner_text() == "Swim Club (swim-club)"
    page.get_by_label("Kind").last.select_option("spend")
    page.get_by_label("What (a role or an offer)").fill("Family swim")
    page.get_by_label("Price in credits (offers to spend on)").fill("1.5")
    page.get_by_role("button", name="Add", exact=True).click()
    assert "Added to what's on." in page.locator(".messages").inner_text()
    member = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    try:
        phone = signed_in(member, live_server, site["users"]["participant"])
        phone.goto(reverse("web:whats_on", args=["cwm"]))
        text = phone.locator("main").inner_text()
        assert "Family swim" in text and "Price: 1.5 credits" in text
    finally:
        member.close()


@pytest.mark.parametrize("name", ["web:partners", "web:whats_on", "web:rules", "web:instruments"])
def test_partner_pages_fit_a_phone_and_pass_axe(context, sign_in, site, name):
    page = sign_in(site["users"]["coordinator"])
    page.goto(reverse(name, args=["cwm"]))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    assert axe_violations(page) == []


WELSH_PAGES = [
    ("web:directory", ["cwm"]),
    ("web:member", ["cwm", "M1"]),
    ("web:ledger", ["cwm"]),
    ("web:register", ["cwm"]),
    ("web:partner", ["cwm", "cafe"]),
    ("web:coordinate", ["cwm"]),
]


def test_coordinator_pages_in_welsh_pass_axe(browser, live_server, site):
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="cy-GB")
    try:
        page = signed_in(ctx, live_server, site["users"]["coordinator"])
        for name, args in WELSH_PAGES:
            page.goto(reverse(name, args=args))
            assert page.locator("html").get_attribute("lang") == "cy", name
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 391, name
            assert axe_violations(page) == [], name
    finally:
        ctx.close()
