"""ODK Collect's story form in English, Welsh and Arabic (issue 17): `<itext>` translations
in ODK's "Name (code)" convention, every label through `jr:itext`, prompts from
`Prompt.translations` falling back to the text as first written, choices translated too."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from tallytale.stories.models import Prompt, Story

from .conftest import instance
from .test_protocol import form_list, post, story_fields

pytestmark = pytest.mark.django_db

NS = {"h": "http://www.w3.org/1999/xhtml", "x": "http://www.w3.org/2002/xforms"}
GARDEN_CY = "Dywedwch wrthym am adeg pan helpodd yr ardd chi."


def _form(client, auth) -> ET.Element:
    story = next(f for f in form_list(client, auth) if f["formID"] == "tallytale_story")
    r = client.get(story["downloadUrl"].split("testserver", 1)[-1], **auth)
    assert r.status_code == 200
    return ET.fromstring(r.content)


def _texts(root: ET.Element) -> dict[str, dict[str, str]]:
    """language -> itext id -> its (plain) text."""
    out: dict[str, dict[str, str]] = {}
    for tr in root.iterfind(".//x:itext/x:translation", NS):
        out[tr.get("lang")] = {
            t.get("id"): "".join(v.itertext()) for t in tr.iterfind("x:text", NS) for v in t
        }
    return out


@pytest.fixture
def welsh_prompt(cwm):
    prompt = Prompt.objects.get(project=cwm)
    prompt.translations = {"cy": GARDEN_CY}
    prompt.save()
    return prompt


def test_the_story_form_lists_english_welsh_and_arabic(client, researcher, welsh_prompt):
    root = _form(client, researcher[1])
    langs = [
        (t.get("lang"), t.get("default")) for t in root.iterfind(".//x:itext/x:translation", NS)
    ]
    assert langs == [("English (en)", "true()"), ("Welsh (cy)", None), ("Arabic (ar)", None)]
    # every label and hint of the body (questions and choices) is an itext reference
    body = root.find("h:body", NS)
    labels = [el for tag in ("label", "hint") for el in body.iter(f"{{{NS['x']}}}{tag}")]
    assert labels and all(el.get("ref", "").startswith("jr:itext(") for el in labels)
    assert all(not (el.text or "").strip() for el in labels)
    # each translation has a text for every question's label and every choice
    refs = {el.get("ref")[len("jr:itext('") : -len("')")] for el in labels if "('" in el.get("ref")}
    refs |= {el.text for el in root.iterfind(".//x:instance/x:root/x:item/x:itextId", NS)}
    texts = _texts(root)
    assert len(refs) > 20
    assert all(refs <= set(by_id) for by_id in texts.values())


def test_a_welsh_prompt_is_in_the_welsh_translation(client, researcher, welsh_prompt):
    texts = _texts(_form(client, researcher[1]))
    key = next(k for k, v in texts["English (en)"].items() if v.startswith("Tell us about"))
    assert texts["Welsh (cy)"][key] == GARDEN_CY
    assert texts["Arabic (ar)"][key] == welsh_prompt.text  # no Arabic yet: as first written
    # Tallytale's own words and the consent choices come from its catalogues
    with translation.override("cy"):
        public = str(Story._meta.get_field("consent_level").choices[-1][1])
        title = translation.gettext("Title (optional)")
    assert title != "Title (optional)" and title in texts["Welsh (cy)"].values()
    assert public in texts["Welsh (cy)"].values()
    with translation.override("ar"):
        assert translation.gettext("How consent was given") in texts["Arabic (ar)"].values()


def test_a_new_translation_is_a_new_version_and_submissions_still_parse(
    client, researcher, welsh_prompt
):
    version, fields = story_fields(client, researcher[1], prompt=f"p{welsh_prompt.pk}")
    welsh_prompt.translations = {"cy": GARDEN_CY, "ar": "أخبرنا عن وقت ساعدتك فيه الحديقة."}
    welsh_prompt.save()
    newer, _ = story_fields(client, researcher[1])
    assert newer != version  # collectors' apps see a new version and update
    r = post(client, researcher[1], instance("tallytale_story", newer, fields, "uuid:cy-1"))
    assert r.status_code == 201, r.content
    # a phone that has not updated yet still sends with the version it has
    r = post(client, researcher[1], instance("tallytale_story", version, fields, "uuid:cy-2"))
    assert r.status_code == 201, r.content
    assert [s.prompt for s in Story.objects.order_by("id")] == [welsh_prompt, welsh_prompt]
