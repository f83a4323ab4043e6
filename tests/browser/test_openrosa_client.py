"""A real OpenRosa client: ODK's own form engine (@getodk/xforms-engine, the engine of ODK
Web Forms, installed from npm into tests/openrosa/engine) in headless Chromium loads
Tallytale's form download, is filled in, and POSTs its instance to Tallytale's submission
endpoint, twice (as a phone resends). The response and the story appear once each.

Skipped when the engine is not installed (`npm ci --prefix tests/openrosa/engine`, which
needs node); CI installs node and the engine and sets TALLYTALE_REQUIRE_ENGINE=1, so there
a missing engine fails instead of skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tallytale.stories.models import ConsentRecord, Story
from tallytale.surveys.models import Response
from tests.accounts.roles import cwm, role_users  # noqa: F401 - fixtures
from tests.openrosa.conftest import forms, researcher  # noqa: F401 - fixtures
from tests.openrosa.test_protocol import M4A

ENGINE_DIR = Path(__file__).parents[1] / "openrosa" / "engine"
ENGINE = ENGINE_DIR / "node_modules" / "@getodk" / "xforms-engine" / "dist" / "index.js"
HARNESS = ENGINE_DIR / "harness.js"

if not ENGINE.exists():
    if os.environ.get("TALLYTALE_REQUIRE_ENGINE") == "1":
        raise RuntimeError(f"{ENGINE} is missing: run npm ci --prefix {ENGINE_DIR}")
    pytestmark = pytest.mark.skip(
        reason="ODK's form engine is not installed (npm ci --prefix tests/openrosa/engine)"
    )


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def engine_page(context, live_server):
    """A page on Tallytale's origin whose script is the engine harness (served from disk by
    Playwright, so Tallytale itself serves only its OpenRosa endpoints)."""
    page = context.new_page()
    page.route(
        "**/__engine__/index.js",
        lambda route: route.fulfill(path=str(ENGINE), content_type="text/javascript"),
    )
    page.route(
        "**/__engine__/harness.js",
        lambda route: route.fulfill(path=str(HARNESS), content_type="text/javascript"),
    )
    page.route(
        "**/__harness__",
        lambda route: route.fulfill(
            body="<!doctype html><title>harness</title>"
            '<script type="module" src="/__engine__/harness.js"></script>',
            content_type="text/html",
        ),
    )
    page.goto(f"{live_server.url}/__harness__")
    page.wait_for_function("window.harnessReady === true")
    return page


def fill(page, live_server, auth: dict, form_id: str, answers: dict, files=None) -> dict:
    return page.evaluate(
        "(args) => window.fillAndSubmit(args)",
        {
            "formUrl": f"{live_server.url}/openrosa/cwm/forms/{form_id}/form.xml",
            "submissionUrl": f"{live_server.url}/openrosa/cwm/submission",
            "auth": auth["HTTP_AUTHORIZATION"],
            "answers": answers,
            "files": files or {},
            "sends": 2,
        },
    )


def test_odk_form_engine_fills_and_submits_swemwbs_once(engine_page, live_server, researcher):  # noqa: F811
    answers = {"participant_code": "P1", **{f"swemwbs_{i}": "4" for i in range(1, 8)}}
    result = fill(engine_page, live_server, researcher[1], "swemwbs_collect", answers)
    assert result["status"] == "sent", result
    assert [r["status"] for r in result["results"]] == [201, 202], result["results"]
    # the engine wrote the instance: Tallytale's form id and version, the answers, an id
    assert 'id="swemwbs_collect"' in result["instanceXml"]
    assert "<swemwbs_7>4</swemwbs_7>" in result["instanceXml"]
    assert "<instanceID>uuid:" in result["instanceXml"]
    response = Response.objects.get()
    assert response.source == "openrosa" and response.person.code == "P1"
    assert response.scores["swemwbs_raw"] == 28


def test_odk_form_engine_leaves_a_required_answer_out_and_nothing_is_sent(
    engine_page,
    live_server,
    researcher,  # noqa: F811
):
    answers = {"participant_code": "P1", "swemwbs_1": "4"}
    result = fill(engine_page, live_server, researcher[1], "swemwbs_collect", answers)
    assert result["status"] == "pending"  # the engine itself refuses to serialise
    assert Response.objects.count() == 0


def test_odk_form_engine_fills_and_submits_a_story_with_a_recording_once(
    engine_page,
    live_server,
    researcher,  # noqa: F811
):
    answers = {
        "teller_code": "P1",
        "title": "Garden",
        "language": "cy",
        "story_text": "Ffoniwch fi ar 07700 900123. Helpodd yr ardd fi.",
        "consent_level": "public",
        "consent_method": "spoken",
        "sig_feeling": "o1",
        "sig_strength": "5",
    }
    files = {"story_audio": {"fileName": "rec.m4a", "bytes": list(M4A), "type": "audio/mp4"}}
    result = fill(engine_page, live_server, researcher[1], "tallytale_story", answers, files)
    assert result["status"] == "sent", result
    assert [r["status"] for r in result["results"]] == [201, 202], result["results"]
    assert "<story_audio>rec.m4a</story_audio>" in result["instanceXml"]
    story = Story.objects.get()
    assert (story.language, story.consent_level, story.medium) == ("cy", "public", "audio")
    assert story.teller.code == "P1"
    assert "07700 900123" not in story.text_redacted
    assert ConsentRecord.objects.filter(story=story).count() == 1
    assert {a.signifier.name: a.value for a in story.answers.select_related("signifier")} == {
        "feeling": ["Good"],
        "strength": 5,
    }


def test_odk_form_engine_reads_the_story_form_in_welsh_and_arabic(
    engine_page,
    live_server,
    researcher,  # noqa: F811
):
    from tallytale.stories.models import Prompt

    prompt = Prompt.objects.get()
    prompt.translations = {"cy": "Dywedwch wrthym am adeg pan helpodd yr ardd chi."}
    prompt.save()

    def read(language: str) -> dict:
        return engine_page.evaluate(
            "(args) => window.describeForm(args)",
            {
                "formUrl": f"{live_server.url}/openrosa/cwm/forms/tallytale_story/form.xml",
                "auth": researcher[1]["HTTP_AUTHORIZATION"],
                "language": language,
            },
        )

    english = read("English (en)")
    assert english["languages"] == [
        {"language": "English (en)", "isDefault": True},
        {"language": "Welsh (cy)", "isDefault": False},
        {"language": "Arabic (ar)", "isDefault": False},
    ]
    assert english["labels"]["title"] == "Title (optional)"
    welsh = read("Welsh (cy)")
    assert welsh["active"] == "Welsh (cy)"
    assert welsh["choices"]["prompt"] == ["Dywedwch wrthym am adeg pan helpodd yr ardd chi."]
    assert welsh["labels"]["title"] == "Teitl (dewisol)"
    assert "Y tîm ymchwil yn unig" in welsh["choices"]["consent_level"]
    arabic = read("Arabic (ar)")
    assert arabic["labels"]["story_text"] == "القصة بكلمات الراوي"
    assert arabic["choices"]["prompt"] == [prompt.text]  # no Arabic yet: as first written
