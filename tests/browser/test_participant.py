"""A member's pages in Chromium on a 390 px phone, as the member: home, statement and
changing who may read their story (without JavaScript), and axe-core in English and Welsh."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tallytale.stories.models import ConsentRecord

from .conftest import PHONE, axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def inside_the_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_member_sees_balance_surveys_and_stories_on_a_phone(sign_in, site):
    page = sign_in(site["users"]["participant"])
    page.goto(reverse("web:home"))
    balance = page.locator("[data-balance]")
    assert balance.inner_text().startswith("2") and inside_the_screen(balance)
    assert page.get_by_role("link", name="API tokens").count() == 0
    page.get_by_role("link", name=site["instrument"].title).click()
    page.wait_for_url(reverse("surveys:respond", args=[site["instrument"].pk]))
    page.goto(reverse("web:me"))
    # the statement's newest row: its balance is on screen, named by its column
    cell = page.locator("table.stack tbody tr").first.locator("td[data-label=Balance]")
    assert inside_the_screen(cell) and cell.inner_text() == "2"
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"Balance"'


def test_member_changes_who_may_read_their_story_without_javascript(browser, live_server, site):
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    c = Client()
    c.force_login(site["users"]["participant"])
    ctx.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": c.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = ctx.new_page()
    page.goto(reverse("web:me"))
    page.get_by_role("link", name="Change who may read it").click()
    assert page.get_by_text("I went to the garden club every Tuesday").is_visible()
    assert page.get_by_text("Parts of it may be quoted in published reports").is_visible()
    assert page.get_by_label("How the teller gave consent").count() == 0
    page.get_by_label("May be quoted in published reports").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    record = ConsentRecord.objects.filter(story=site["story"]).latest("id")
    assert (record.level, record.method, record.by_teller) == ("public", "online", True)
    ctx.close()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_member_pages_have_no_serious_axe_findings(sign_in, context, site, language):
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": context._tt_base}]
    )
    page = sign_in(site["users"]["participant"])
    found = {}
    for name, args in [
        ("web:home", []),
        ("web:me", []),
        ("stories:consent", ["cwm", site["story"].pk]),
    ]:
        page.goto(reverse(name, args=args))
        assert page.locator("html").get_attribute("lang") == language
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], name
        if bad := axe_violations(page):
            found[name] = bad
    assert found == {}
