"""A partner organisation's story: told by its named contact, who gives consent for it,
collected by the research team on the story page (and its offline twin)."""

import pytest
from django.urls import reverse

from tallytale.stories.models import Story

from .test_web import client_for

BASE = {
    "medium": "text",
    "language": "en",
    "text": "More people come to our centre since we joined time credits.",
    "consent_level": "public",
    "consent_method": "written",
}


@pytest.mark.django_db
def test_researcher_records_a_partners_story_told_by_its_contact(client, users):
    c = client_for(client, users["researcher"])
    url = reverse("stories:collect", args=["cwm"])
    page = c.get(url).content.decode()
    assert 'name="organisation"' in page and 'value="library"' in page
    assert 'value="cinema"' not in page  # another project's partner is not offered
    elsewhere = c.post(url, {**BASE, "organisation": "cinema", "contact_name": "Manager"})
    assert elsewhere.status_code == 400
    nameless = c.post(url, {**BASE, "organisation": "library"})
    assert nameless.status_code == 400
    assert "Name the contact who answered" in nameless.content.decode()
    both = c.post(
        url, {**BASE, "organisation": "library", "contact_name": "Manager", "teller_code": "M2"}
    )
    assert both.status_code == 400
    assert "not both" in both.content.decode()
    assert Story.objects.count() == 0
    ok = c.post(url, {**BASE, "organisation": "library", "contact_name": " Centre  manager "})
    assert ok.status_code == 302
    story = Story.objects.get()
    assert story.organisation.slug == "library" and story.teller is None
    assert story.contact_name == "Centre manager"
    assert story.consents.get().level == "public"
