"""The offline app speaks the member's language (issue 17): on a phone without signal, in
Welsh and in Arabic, the story form's "kept on this device" notice, the queued item's name on
the waiting page and the "sent" notice once the signal returns are in that language, never
English. The scripts read their words from the page (data- attributes the templates
translate), so the service worker's copy of a page carries its language with it."""

import time

import pytest
from django.urls import reverse
from django.utils import translation

from tallytale.programmes.models import Person
from tallytale.stories.models import Story

from .conftest import set_offline

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

QUEUED = "No connection: kept on this device. It will be sent when you are back online."
SENT = "Back online: what was kept on this device has been sent."


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_offline_notices_are_in_the_members_language(sign_in, context, site, lang):
    Person.objects.filter(code="R1").update(language=lang)
    with translation.override(lang):
        queued, sent = translation.gettext(QUEUED), translation.gettext(SENT)
        story_label = translation.gettext("Story")
    assert queued != QUEUED and sent != SENT  # the catalogue has them

    page = sign_in(site["users"]["researcher"])
    page.goto(reverse("web:research", args=["cwm"]))
    assert page.locator("html").get_attribute("lang") == lang
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    page.reload()
    page.wait_for_selector("html[data-offline-ready='1']")

    set_offline(context, True)
    page.goto(reverse("stories:collect", args=["cwm"]))
    page.fill("#id_text", "Yn y clwb cinio cwrddais â phobl sy'n siarad fy iaith.")
    page.select_option("#id_language", "cy")
    page.fill("#id_teller_code", "M2")
    page.locator("form[data-offline-queue] button[type=submit]").last.click()
    page.wait_for_selector("html[data-queue-count='1']")
    note = page.locator("[data-offline-note]")
    assert note.inner_text() == queued

    page.goto(reverse("web:offline"))
    page.wait_for_selector("[data-queue-list] li")
    title = page.locator("[data-queue-list] li strong").inner_text()
    assert title.startswith(story_label + " · ") and "Story" not in title

    page.goto(reverse("stories:collect", args=["cwm"]))
    set_offline(context, False)
    page.wait_for_selector("html[data-queue-count='0']", timeout=15_000)
    page.wait_for_function(
        "(t) => document.querySelector('[data-offline-sent]:not([hidden])')"
        " && document.querySelector('[data-offline-sent]').textContent === t",
        arg=sent,
    )
    assert "sent" not in page.locator("[data-offline-sent]").inner_text().lower()
    assert Story.objects.filter(teller__code="M2").count() == 1


def test_a_refused_item_names_its_field_in_the_members_language(sign_in, context, site):
    Person.objects.filter(code="R1").update(language="cy")
    page = sign_in(site["users"]["researcher"])
    page.goto(reverse("web:research", args=["cwm"]))
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    page.reload()
    page.wait_for_selector("html[data-offline-ready='1']")

    set_offline(context, True)
    page.goto(reverse("stories:collect", args=["cwm"]))
    label = page.locator("label[for=id_text]").inner_text().strip()
    assert label and "story" not in label.lower()  # the page is in Welsh
    page.select_option("#id_language", "cy")
    page.fill("#id_teller_code", "M2")  # no text and no recording: the server refuses it
    page.locator("form[data-offline-queue] button[type=submit]").last.click()
    page.wait_for_selector("html[data-queue-count='1']")
    page.goto(reverse("web:offline"))
    set_offline(context, False)
    error = page.locator("[data-queue-list] li p.bad")
    error.wait_for()
    # the field in the words the member saw on the form, not its name in the code
    assert f"{label}:" in error.inner_text()
    assert "text:" not in error.inner_text()


def test_after_a_language_switch_the_offline_page_is_in_the_new_language(sign_in, context, site):
    page = sign_in(site["users"]["researcher"])
    page.goto(reverse("web:research", args=["cwm"]))
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    page.reload()
    page.wait_for_selector("html[data-offline-ready='1']")
    assert page.locator("html").get_attribute("lang") == "en"  # the worker came in English

    page.select_option("#language", "cy")
    page.locator("form.lang button").click()
    page.wait_for_selector("html[lang='cy']")
    page.reload()  # a navigation: the browser checks /sw.js, now Welsh, and installs it
    welsh_shell = """async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      if (!reg || reg.installing || reg.waiting) return false;
      const shells = (await caches.keys()).filter((k) => k.startsWith('shell-'));
      if (shells.length !== 1) return false;  // the English shell is gone
      const hit = await (await caches.open(shells[0])).match('/offline/');
      return !!hit && (await hit.text()).includes('<html lang="cy"');
    }"""
    deadline = time.monotonic() + 15
    while not page.evaluate(welsh_shell):
        assert time.monotonic() < deadline, "no Welsh worker after the switch"
        page.wait_for_timeout(250)
    set_offline(context, True)
    page.goto(reverse("web:me"))  # never kept: the worker answers with its offline page
    with translation.override("cy"):
        heading = translation.gettext("Waiting to sync")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == heading
