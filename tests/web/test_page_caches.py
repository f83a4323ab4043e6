"""Pages that keep what they drew (issue 21): the blank story form's fields and the
dashboard's charts. What they show must never be older or in another language than a
fresh drawing would be."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tallytale.programmes.models import Organisation
from tallytale.stories.models import Prompt

pytestmark = pytest.mark.django_db

FIELDS = "stories/_collect_fields.html"
CHARTS = "web/_dashboard_charts.html"


def drawn(response) -> set[str]:
    return {t.name for t in response.templates if t.name}


def without_token(response) -> str:
    return re.sub(r'value="[A-Za-z0-9]{64}"', 'value="…"', response.content.decode())


@pytest.fixture
def researcher(client, site):
    cache.clear()
    client.force_login(site["users"]["researcher"])
    return client


def test_the_blank_story_form_is_drawn_once_and_served_the_same(researcher):
    url = reverse("stories:collect", args=["cwm"])
    first = researcher.get(url)
    second = researcher.get(url)
    assert FIELDS in drawn(first)
    assert FIELDS not in drawn(second)
    assert without_token(second) == without_token(first)
    assert 'name="csrfmiddlewaretoken"' in second.content.decode()


def test_a_new_prompt_or_a_renamed_partner_shows_at_once(researcher, site):
    url = reverse("stories:collect", args=["cwm"])
    researcher.get(url)
    Prompt.objects.create(project=site["project"], text="What changed for you this winter?")
    partner = Organisation.objects.filter(project=site["project"]).first()
    partner.name = "Llyfrgell y Cwm"
    partner.save()
    html = researcher.get(url).content.decode()
    assert "What changed for you this winter?" in html
    assert "Llyfrgell y Cwm" in html


def test_each_language_gets_its_own_fields(researcher):
    url = reverse("stories:collect", args=["cwm"])
    english = researcher.get(url).content.decode()
    assert "How the teller gave consent" in english
    welsh = researcher.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert 'lang="cy"' in welsh
    assert "How the teller gave consent" not in welsh


def test_a_refused_story_is_drawn_fresh_with_what_was_typed(researcher):
    url = reverse("stories:collect", args=["cwm"])
    researcher.get(url)
    refused = researcher.post(url, {"title": "Kept title", "text": "", "consent_level": "x"})
    assert refused.status_code == 400
    assert FIELDS in drawn(refused)
    assert 'value="Kept title"' in refused.content.decode()


def test_the_dashboard_charts_are_drawn_once_per_set_of_figures(client, site, settings):
    settings.DASHBOARD_MAX_AGE = 60
    cache.clear()
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:coordinate", args=["cwm"])
    first, second = client.get(url), client.get(url)
    assert CHARTS in drawn(first)
    assert CHARTS not in drawn(second)
    assert "<svg" in second.content.decode()
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert CHARTS in drawn(arabic)  # another language: drawn for it
    assert "Hours given per month" not in arabic.content.decode()
