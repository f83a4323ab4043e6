"""What every role shares, in Chromium at 390 px: one project menu with the same names on
every page of a project (and on the home page), and <details> that show their marker."""

import pytest
from django.urls import reverse

from tallytale.coding import services as coding

from .conftest import PHONE, axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PAGES = {
    "researcher": ["web:research", "stories:collect", "stories:list", "coding:codebook"],
    "coordinator": ["web:coordinate", "web:members", "web:ledger", "stories:list"],
}


@pytest.mark.parametrize("role", ["researcher", "coordinator"])
def test_the_project_menu_names_each_place_the_same_on_every_page(sign_in, site, role):
    page = sign_in(site["users"][role])
    menus = {}
    for name in PAGES[role]:
        page.goto(reverse(name, args=["cwm"]))
        menu = page.get_by_role("navigation", name=site["project"].name)
        menus[name] = menu.get_by_role("link").all_inner_texts()
        current = menu.locator("a[aria-current=page]")
        if current.count():
            assert page.url.endswith(current.get_attribute("href"))
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], name
    assert len({tuple(m) for m in menus.values()}) == 1, menus
    names = menus[PAGES[role][0]]
    assert "Stories" in names
    # the home page calls the same places by the same names
    page.goto(reverse("web:home") + "?projects=1")  # a coordinator lands on the dashboard
    card = page.locator(".cards li").first
    home_names = card.get_by_role("link").all_inner_texts()
    assert set(names) <= set(home_names), (names, home_names)
    assert axe_violations(page) == []


def test_details_show_their_disclosure_marker(sign_in, site):
    coding.add_code(site["project"], "Garden", actor=coding.Actor("cli:test"))
    page = sign_in(site["users"]["researcher"])
    page.goto(reverse("coding:codebook", args=["cwm"]))
    summary = page.locator("summary").first
    style = summary.evaluate(
        "el => [getComputedStyle(el).display, getComputedStyle(el).listStyleType]"
    )
    assert style[0] == "list-item" and style[1] != "none"
    assert summary.bounding_box()["height"] >= 44
