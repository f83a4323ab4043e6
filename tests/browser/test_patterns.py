"""The issue's "done when", in a browser on a phone: a researcher filters the triad to
Welsh-language stories from new members, picks the "people" corner and reads the stories in
it; an evaluator sees the same plot aggregated, with no dot, because fewer than k tellers
match. No JavaScript is needed for either: forms and links only."""

import re

from django.urls import reverse

from tests.browser.conftest import PHONE, axe_violations
from tests.web.pattern_data import seed

POLE = "the people"


def _filter_welsh_new_members(page) -> None:
    """From the project's patterns, open the triad and filter it with the form."""
    page.goto(reverse("web:patterns", args=["cwm"]))
    page.get_by_role("link", name="What made the difference was…").click()
    page.get_by_text("Filters and comparison").click()
    page.get_by_label("Language of the story").select_option("cy")
    page.get_by_label("New to volunteering").select_option("yes")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()


def test_researcher_filters_picks_the_people_corner_and_reads_its_stories(sign_in, site):
    ids = seed(site["project"])
    page = sign_in(site["users"]["researcher"])
    _filter_welsh_new_members(page)
    assert "language=cy" in page.url and "new_member=yes" in page.url
    dots = page.locator("svg.triad circle[data-story]")
    assert dots.count() == 4
    # the lasso-free selection: the zone's link in the data table
    page.locator("table").get_by_role("link", name=f"mostly {POLE}", exact=True).click()
    page.wait_for_load_state()
    assert "zone=a" in page.url
    zone = page.locator("#zone")
    assert zone.get_by_role("heading", name=f"Stories placed mostly {POLE}").is_visible()
    links = zone.get_by_role("link", name=re.compile(r"^Story \d+$"))
    assert links.count() == 3
    listed = {int(t.split()[-1]) for t in links.all_inner_texts()}
    assert listed == {ids["PW1"], ids["PW2"], ids["PW3"]}
    # the plot fits a phone and passes axe
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    # read a story, and see where it sits
    links.first.click()
    page.wait_for_load_state()
    assert "A story told by pw" in page.locator(".story-text").inner_text()
    page.get_by_role("link", name=re.compile("see where it sits")).click()
    page.wait_for_load_state()
    assert page.locator("svg.triad circle[r='7']").count() == 1


def test_evaluator_sees_the_same_plot_aggregated_without_dots(sign_in, site):
    seed(site["project"])
    page = sign_in(site["users"]["evaluator"])
    _filter_welsh_new_members(page)
    figure = page.locator("figure.pattern")
    assert figure.count() == 1
    assert page.locator("svg.triad circle").count() == 0
    assert page.locator("svg.triad .mean").count() == 0
    assert "Fewer than 5 tellers match these filters" in figure.inner_text()
    table = page.locator("table").first
    assert "fewer than 5" in table.inner_text()
    # picking the people corner lists no story either
    page.locator("table").get_by_role("link", name=f"mostly {POLE}", exact=True).click()
    page.wait_for_load_state()
    assert "the stories are not listed" in page.locator("#zone").inner_text()
    assert page.locator("#zone a").count() == 0
    assert axe_violations(page) == []
    # without the filter, 10 tellers: the dots come back
    page.goto(reverse("web:pattern", args=["cwm", "difference"]))
    assert page.locator("svg.triad circle[data-story]").count() == 10
