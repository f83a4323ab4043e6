"""The web app in a real browser: sign in, collect offline on a phone, vote, review a
finding, withdraw a story, Arabic right-to-left, and axe-core on every page type."""

import re

import pytest
from django.urls import reverse

from tallytale.community import services as community
from tallytale.ledger.models import Contribution
from tallytale.stories.models import Story

from .conftest import PASSWORD, axe_violations, set_offline

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_sign_in_switch_to_arabic_right_to_left(context, live_server, site):
    page = context.new_page()
    page.goto(reverse("accounts:login"))
    page.get_by_label("User name").fill("r1")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").last.click()
    page.wait_for_url(re.compile(r".*/$"))
    assert page.locator("h1").inner_text() == "Your projects"
    page.select_option("#language", "ar")
    page.locator("form.lang button").click()
    page.wait_for_load_state()
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "مشاريعك"
    assert axe_violations(page) == []


def test_story_draft_survives_a_reload(sign_in, site):
    page = sign_in(site["users"]["researcher"])
    page.goto(reverse("stories:collect", args=["cwm"]))
    page.fill("#id_text", "The bus to the clinic stopped running.")
    page.select_option("#id_language", "en")
    page.reload()
    assert page.input_value("#id_text") == "The bus to the clinic stopped running."
    assert page.locator("[data-draft-status]").is_visible()


def test_collect_offline_on_a_phone_then_sync_once(sign_in, context, site):
    page = sign_in(site["users"]["researcher"])
    page.goto(reverse("web:research", args=["cwm"]))
    # the service worker is in control and has kept the forms for offline use
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    page.reload()
    page.wait_for_selector("html[data-offline-ready='1']")
    assert page.viewport_size["width"] == 390

    set_offline(context, True)
    page.goto(reverse("stories:collect", args=["cwm"]))
    page.fill("#id_text", "At the lunch club I found people who speak my language.")
    page.select_option("#id_language", "en")
    page.fill("#id_teller_code", "M2")
    page.get_by_role("button", name="Save story").click()
    page.wait_for_selector("html[data-queue-count='1']")
    assert page.locator("[data-offline-status]").is_visible()

    page.goto(reverse("web:hours", args=["cwm"]))
    page.fill("#f-member", "M3")
    page.select_option("#f-partner", "library")
    page.fill("#f-hours", "2")
    page.get_by_role("button", name="Record hours").click()
    page.wait_for_selector("html[data-queue-count='2']")
    page.goto(reverse("web:offline"))
    # the list is drawn from the device's queue after the page loads: wait for it
    page.wait_for_selector("[data-queue-list] li:nth-child(2)")
    assert page.locator("[data-queue-list] li").count() == 2
    assert Story.objects.filter(teller__code="M2").count() == 0

    set_offline(context, False)
    page.wait_for_selector("html[data-queue-count='0']", timeout=15_000)
    story = Story.objects.get(teller__code="M2")
    assert story.external_id.startswith("offline:")
    assert Contribution.objects.filter(person__code="M3").count() == 1

    # a retried sync of the same item (e.g. the answer was lost) records nothing new
    key = story.external_id.removeprefix("offline:")
    status = page.evaluate(
        """async ([url, key]) => {
          const body = new FormData();
          for (const [k, v] of [['text', 'again'], ['language', 'en'], ['medium', 'text'],
              ['consent_level', 'research_team'], ['consent_method', 'spoken'],
              ['idempotency_key', key]]) body.append(k, v);
          const csrf = document.cookie.match(/csrftoken=([^;]+)/)[1];
          const r = await fetch(url, {method: 'POST', body, headers: {'X-CSRFToken': csrf}});
          return (await r.json()).status;
        }""",
        [reverse("web:sync_story", args=["cwm"]), key],
    )
    assert status == "duplicate"
    assert Story.objects.filter(teller__code="M2").count() == 1


def test_participant_withdraws_a_story(sign_in, site):
    page = sign_in(site["users"]["participant"])
    page.goto(reverse("web:me"))
    page.get_by_role("link", name="Withdraw this story").click()
    page.get_by_role("button", name="Withdraw and erase").click()
    page.wait_for_load_state()
    story = Story.objects.get(pk=site["story"].pk)
    assert story.withdrawn_at is not None and story.text == ""


def test_vote_and_review_a_finding(sign_in, site):
    users = site["users"]
    project = site["project"]
    community.open_round(project, "Spring", 3, user=users["coordinator"])
    priority = community.raise_priority(project, "Buses to the clinic", user=users["participant"])
    review = community.open_review(
        project, "C1", "Members feel less lonely after a year.", user=users["coordinator"]
    )
    page = sign_in(users["participant"])
    page.goto(reverse("community:home", args=["cwm"]))
    page.fill(f"#dots-{priority.pk}", "2")
    page.locator(f"#dots-{priority.pk} + button").click()
    page.wait_for_load_state()
    assert community.dots_used(community.current_round(project), users["participant"].person) == 2
    page.goto(reverse("community:review", args=["cwm", review.pk]))
    page.get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    assert review.responses.get().response == "agree"


PAGES = {
    "participant": [
        ("web:home", []),
        ("web:me", []),
        ("stories:mine", []),
        ("stories:consent", ["cwm", "STORY"]),
        ("stories:withdraw", ["cwm", "STORY"]),
        ("surveys:respond", ["INSTRUMENT"]),
    ],
    "researcher": [
        ("web:research", ["cwm"]),
        ("stories:collect", ["cwm"]),
        ("web:hours", ["cwm"]),
        ("web:offline", []),
        ("stories:detail", ["cwm", "STORY"]),
    ],
    "coordinator": [
        ("web:coordinate", ["cwm"]),
        ("web:members", ["cwm"]),
        ("web:ledger", ["cwm"]),
        ("web:import", ["cwm"]),
        ("web:waves", ["cwm"]),
    ],
    "evaluator": [("web:evaluate", ["cwm"])],
}


def test_axe_core_finds_nothing_serious_on_any_page_type(browser, live_server, site):
    from django.conf import settings
    from django.test import Client

    found = {}
    page_count = 0
    for role, pages in PAGES.items():
        ctx = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
        c = Client()
        c.force_login(site["users"][role])
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
        for name, args in pages:
            args = [
                {"STORY": site["story"].pk, "INSTRUMENT": site["instrument"].pk}.get(a, a)
                for a in args
            ]
            page.goto(reverse(name, args=args))
            page_count += 1
            bad = axe_violations(page)
            if bad:
                found[name] = bad
        ctx.close()
    ctx = browser.new_context(base_url=live_server.url)
    page = ctx.new_page()
    page.goto(reverse("accounts:login"))
    found.update({"login": axe_violations(page)} if axe_violations(page) else {})
    # axe really runs: an unlabelled image is caught
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]
    ctx.close()
    assert found == {}, found
    assert page_count == sum(len(p) for p in PAGES.values())


def test_keyboard_skip_link_and_visible_focus(sign_in, site):
    page = sign_in(site["users"]["participant"])
    page.goto(reverse("web:me"))
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
