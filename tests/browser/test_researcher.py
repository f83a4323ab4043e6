"""The researcher's pages in Chromium at 390 px, as the researcher: recording a story with
every kind of self-signification question, with and without JavaScript, and axe-core on
each page in English and Welsh."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tallytale.stories import setup as stories_setup
from tallytale.stories.models import Story

from .conftest import PHONE, axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def signifiers(site):
    project = site["project"]
    stories_setup.define_signifier(
        project, "about", "What is it about?", "choice", ["health", "friends"], multiple=False
    )
    stories_setup.define_signifier(
        project, "who", "Who helped?", "triad", ["me", "friends", "services"]
    )
    stories_setup.define_signifier(project, "alone", "How alone?", "slider", ["alone", "together"])
    stories_setup.define_signifier(
        project, "feel", "How did it feel?", "scale", ["awful", "bad", "so-so", "good", "great"]
    )


def fits_the_phone(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_researcher_records_a_welsh_story_with_every_kind_of_answer(sign_in, site, signifiers):
    page = sign_in(site["users"]["researcher"])
    page.goto(reverse("stories:collect", args=["cwm"]))
    assert fits_the_phone(page)
    assert axe_violations(page) == []
    page.get_by_label("Language of the story").select_option(label="Cymraeg (Welsh)")
    page.get_by_label("The story", exact=True).fill("Es i i'r caffi ar Heol y Bryn gyda Siân.")
    page.get_by_label("Teller's code").fill("M1")
    page.get_by_label("health").check()
    page.get_by_label("Mostly friends, some services").check()
    slider = page.get_by_role("slider")
    assert page.get_by_label("Not answered").nth(2).is_checked()  # the slider's box
    slider.focus()
    page.keyboard.press("ArrowRight")  # keyboard, no dragging: the box unticks itself
    assert not page.locator("input[type=checkbox][name$=_skip]").is_checked()
    page.get_by_label("4 · good").check()
    page.get_by_role("button", name="Save story").click()
    page.wait_for_url(re.compile(r".*/saved/.*|.*/\d+/$"))
    story = Story.objects.get(teller__code="M1", language="cy")
    got = {a.signifier.name: a.value for a in story.answers.all()}
    assert got["about"] == ["health"] and got["feel"] == 4 and got["alone"] == 51
    assert got["who"] == pytest.approx([0, 2 / 3, 1 / 3])
    # the Welsh name rules ran: Siân is masked, the street is not
    assert "Siân" not in story.text_redacted and "Heol y Bryn" in story.text_redacted


def test_the_story_form_works_without_javascript(browser, live_server, site, signifiers):
    from django.test import Client

    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    c = Client()
    c.force_login(site["users"]["researcher"])
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
    page.goto(reverse("stories:collect", args=["cwm"]))
    page.get_by_label("Language of the story").select_option("other")
    page.get_by_label("Another language", exact=True).fill("Polish")
    page.get_by_label("The story", exact=True).fill("Poszłam do biblioteki.")
    page.get_by_label("All three equally").check()
    page.get_by_role("button", name="Save story").click()
    page.wait_for_load_state()
    story = Story.objects.get(language="pl")
    got = {a.signifier.name: a.value for a in story.answers.all()}
    assert set(got) == {"who"}  # the slider stayed "not answered" without a script
    ctx.close()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_researcher_pages_have_no_serious_axe_findings(
    sign_in, context, site, signifiers, language
):
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": context._tt_base}]
    )
    page = sign_in(site["users"]["researcher"])
    found = {}
    for name, args in [
        ("stories:collect", ["cwm"]),
        ("stories:detail", ["cwm", site["story"].pk]),
    ]:
        page.goto(reverse(name, args=args))
        assert page.locator("html").get_attribute("lang") == language
        assert fits_the_phone(page), name
        if bad := axe_violations(page):
            found[name] = bad
    page.goto(reverse("stories:detail", args=["cwm", site["story"].pk]) + "?original=1")
    if bad := axe_violations(page):
        found["original"] = bad
    assert found == {}


def test_reviewer_unmasks_a_street_then_masks_it_again_from_the_story_page(sign_in, site):
    from tallytale.stories import services as stories

    story = stories.collect(
        site["project"],
        actor=stories.Actor("cli:test"),
        text="Ask Dr Huw Morgan at the surgery on 12 Heol y Bryn.",
        language="en",
        consent_level="project",
    )
    page = sign_in(site["users"]["coordinator"])
    page.goto(reverse("stories:detail", args=["cwm", story.pk]) + "?original=1")
    marks = page.locator(".story-text mark.pii")
    assert marks.all_inner_texts() == ["Huw Morgan (name)", "12 Heol y Bryn (address)"]
    assert fits_the_phone(page) and axe_violations(page) == []
    page.get_by_role("button", name="Unmask “12 Heol y Bryn”").click()
    page.wait_for_load_state()
    assert "12 Heol y Bryn" in Story.objects.get(pk=story.pk).text_redacted
    assert page.locator(".story-text mark.pii").count() == 1
    assert axe_violations(page) == []
    page.get_by_role("button", name="Mask again “12 Heol y Bryn”").click()
    page.wait_for_load_state()
    assert "[ADDRESS]" in Story.objects.get(pk=story.pk).text_redacted
    assert page.locator(".story-text mark.pii").count() == 2


def test_researcher_renames_a_code_removes_a_coding_and_reads_the_matrices(sign_in, context, site):
    from tallytale.coding import services as coding
    from tallytale.coding.models import Code, Coding

    actor = coding.Actor("cli:test")
    project, story = site["project"], site["story"]
    garden = coding.add_code(project, "Garden", actor=actor)
    friends = coding.add_code(project, "Friends", actor=actor)
    assert garden.colour != friends.colour
    page = sign_in(site["users"]["researcher"])
    page.goto(reverse("coding:codebook", args=["cwm"]))
    page.get_by_text("Rename, move or merge Garden").click()  # a visible <details> marker
    page.locator(f"#rename-{garden.pk}").fill("Gardening")
    page.locator(f"#rename-{garden.pk} ~ button").click()
    page.wait_for_load_state()
    assert Code.objects.get(pk=garden.pk).name == "Gardening"
    coding.code_story(story, friends, actor=actor, phrase="made friends")
    page.goto(reverse("coding:story", args=["cwm", story.pk]))
    assert fits_the_phone(page) and axe_violations(page) == []
    page.get_by_role("button", name="Remove Friends: “made friends”").click()
    page.wait_for_load_state()
    assert not Coding.objects.filter(code=friends).exists()
    for language in ("en", "cy"):
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": context._tt_base}]
        )
        for name in ("coding:codebook", "coding:matrix"):
            page.goto(reverse(name, args=["cwm"]))
            assert page.locator("html").get_attribute("lang") == language
            assert axe_violations(page) == [], (language, name)
            assert fits_the_phone(page), (language, name)
