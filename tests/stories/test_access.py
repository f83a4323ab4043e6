"""Who sees what, for every role, and the queryset agrees with the decision table."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from tallytale.audit.models import AuditEvent
from tallytale.programmes.services import get_person
from tallytale.stories import access, services
from tallytale.stories.models import Story

from .conftest import CLI

LEVELS = ("research_team", "project", "public")


@pytest.fixture
def matrix(users, make_story):
    """Stories in every (consent, held) state, told by M2, some collected by M3."""
    teller = get_person("M2")
    collector = get_person("M3")
    stories = {}
    for level, held, teller_set, collected in itertools.product(
        LEVELS, (False, True), (False, True), (False, True)
    ):
        s = make_story(
            f"Story {level} {held} by Sian Jones",
            consent_level=level,
            teller=teller if teller_set else None,
            collector=collector if collected else None,
        )
        Story.objects.filter(pk=s.pk).update(held_for_review=held)
        stories[(level, held, teller_set, collected)] = Story.objects.get(pk=s.pk)
    gone = make_story("withdrawn story", teller=teller, consent_level="public")
    services.withdraw_story(gone, actor=CLI)
    return stories, Story.objects.get(pk=gone.pk)


@pytest.mark.django_db
def test_queryset_agrees_with_table_for_every_role(users, matrix, cwm):
    stories, gone = matrix
    viewers = dict(users, anonymous=AnonymousUser())
    for name, user in viewers.items():
        visible = set(access.visible_stories(user, cwm).values_list("pk", flat=True))
        assert gone.pk not in visible, name
        for key, s in stories.items():
            allowed = access.access_for(user, s)
            assert (s.pk in visible) == (allowed is not None), (name, key, allowed)


@pytest.mark.django_db
def test_expected_visibility_per_role(users, matrix, cwm):
    stories, _ = matrix
    n = len(stories)

    def count(role):
        return access.visible_stories(users[role], cwm).count()

    for role in ("coordinator", "researcher", "admin"):
        assert count(role) == n  # research team: all live stories, held included
    assert count("outsider") == 0
    assert access.visible_stories(AnonymousUser(), cwm).count() == 0
    not_held_project_public = [k for k in stories if not k[1] and k[0] != "research_team"]
    member_visible = {stories[k].pk for k in not_held_project_public}
    assert set(access.visible_stories(users["member"], cwm).values_list("pk", flat=True)) == (
        member_visible
    )
    assert count("evaluator") == len(member_visible)
    teller_pks = {s.pk for k, s in stories.items() if k[2]}
    assert teller_pks <= set(
        access.visible_stories(users["teller"], cwm).values_list("pk", flat=True)
    )
    # collector: own collections unless held, plus what members see
    coll = {s.pk for k, s in stories.items() if k[3] and not k[1]} | member_visible
    assert set(access.visible_stories(users["collector"], cwm).values_list("pk", flat=True)) == coll


@pytest.mark.django_db
def test_text_choice_and_audit(users, make_story):
    s = make_story(
        "My neighbour Sian Jones rang me on 07700 900123.",
        teller=get_person("M2"),
        consent_level="project",
    )
    assert "Sian" not in s.text_redacted and "07700" not in s.text_redacted
    assert "[PHONE]" in s.text_redacted
    before = AuditEvent.objects.filter(action="story.read_original").count()
    assert access.story_text_for(users["member"], s) == s.text_redacted
    assert access.story_text_for(users["member"], s, original=True) == s.text_redacted
    assert access.story_text_for(users["outsider"], s) is None
    assert access.story_text_for(users["coordinator"], s) == s.text_redacted  # default: redacted
    assert AuditEvent.objects.filter(action="story.read_original").count() == before
    assert access.story_text_for(users["coordinator"], s, original=True) == s.text
    ev = AuditEvent.objects.filter(action="story.read_original").last()
    assert ev.target_id == str(s.pk) and "Sian" not in str(ev.detail)
    # the teller reading their own words is not audited as a read of special-category data
    assert access.story_text_for(users["teller"], s, original=True) == s.text
    assert AuditEvent.objects.filter(action="story.read_original").count() == before + 1
    assert access.story_text_for("public", s) is None
    assert access.story_text_for("project", s) == s.text_redacted


@pytest.mark.django_db
def test_audience_querysets(make_story, cwm):
    for level in LEVELS:
        make_story(f"{level} story", consent_level=level)
    held = make_story("held story", consent_level="public", language="ti")
    assert held.held_for_review
    assert access.visible_stories("research_team", cwm).count() == 4
    assert access.visible_stories("project", cwm).count() == 2
    assert access.visible_stories("public", cwm).count() == 1
    with pytest.raises(ValueError):
        access.visible_stories("everyone", cwm)
