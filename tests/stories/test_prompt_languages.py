"""A prompt asked in the teller's language: Welsh speakers are asked in Welsh (Welsh Language
Standards), Arabic speakers in Arabic; the prompt as first written otherwise."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tallytale.errors import InvalidInput
from tallytale.programmes import services as people
from tallytale.stories import setup
from tallytale.stories.models import Prompt
from tests.actors import OPERATOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def cwm():
    return people.create_project("cwm", "Cwm")


def test_a_prompt_reads_in_the_current_language(cwm):
    p = setup.add_prompt(
        cwm,
        "Tell us about a time the garden helped you.",
        translations={"cy": "Dywedwch wrthym am adeg pan helpodd yr ardd chi.", "AR": "احكِ لنا"},
    )
    assert p.translations == {
        "cy": "Dywedwch wrthym am adeg pan helpodd yr ardd chi.",
        "ar": "احكِ لنا",
    }
    with translation.override("cy"):
        assert str(p) == "Dywedwch wrthym am adeg pan helpodd yr ardd chi."
    with translation.override("ar"):
        assert str(p) == "احكِ لنا"
    with translation.override("en"):
        assert str(p) == "Tell us about a time the garden helped you."
    assert p.text_in("cy-GB").startswith("Dywedwch")


def test_a_bad_language_code_is_refused_naming_it(cwm):
    with pytest.raises(InvalidInput, match="'Welsh'"):
        setup.add_prompt(cwm, "Tell us", translations={"Welsh": "Dywedwch"})
    assert not Prompt.objects.exists()


def test_cli_adds_a_prompt_in_several_languages(cwm):
    call_command("story", "prompt", "Tell us", "--project", "cwm", "--in", "cy", "Dywedwch")
    assert Prompt.objects.get().translations == {"cy": "Dywedwch"}


def test_story_form_offers_the_prompt_in_welsh(client, cwm):
    setup.add_prompt(cwm, "Tell us about the garden.", translations={"cy": "Soniwch am yr ardd."})
    person = people.add_person("R1", "cwm", "researcher", actor=OPERATOR)
    from django.contrib.auth.models import User

    person.user = User.objects.create_user("r1")
    person.save(update_fields=["user"])
    client.force_login(person.user)
    url = reverse("stories:collect", args=["cwm"])
    assert "Soniwch am yr ardd." in client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Tell us about the garden." in html and "Soniwch" not in html
