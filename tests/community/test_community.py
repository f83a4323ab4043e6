"""Priorities and dot votes, research questions, member checking, actions, learning notes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tallytale.community import services
from tallytale.community.models import Priority
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes import services as people
from tallytale.programmes.models import Project
from tests.accounts.roles import _user


@pytest.fixture
def rnd(cwm, role_users):
    return services.open_round(cwm, "Spring", 3, user=role_users["coordinator"])


def test_members_raise_and_dot_vote_within_their_votes(cwm, role_users, rnd):
    p, c = role_users["participant"], role_users["coordinator"]
    a = services.raise_priority(cwm, "Lonely evenings", user=p)
    b = services.raise_priority(cwm, "Bus to the clinic", user=c)
    assert services.set_votes(rnd, a, 2, user=p) == 1
    assert services.set_votes(rnd, b, 1, user=p) == 0
    with pytest.raises(InvalidInput, match="1 of 3 votes left"):
        services.set_votes(rnd, b, 2, user=p)
    assert services.set_votes(rnd, a, 0, user=p) == 2  # take them back
    services.set_votes(rnd, b, 3, user=c)
    rows = services.tally(rnd, p.person)
    assert [(r.priority.title, r.dots, r.mine) for r in rows] == [
        ("Bus to the clinic", 4, 1),
        ("Lonely evenings", 0, 0),
    ]
    assert rows[0].dot_marks == "\u25cf" * 4
    with pytest.raises(PermissionDenied):
        services.set_votes(rnd, a, 1, user=role_users["outsider"])
    with pytest.raises(PermissionDenied):
        services.raise_priority(cwm, "x", user=role_users["outsider"])


def test_rounds_are_run_by_coordinators_one_at_a_time(cwm, role_users, rnd):
    with pytest.raises(PermissionDenied):
        services.open_round(cwm, "Another", user=role_users["participant"])
    with pytest.raises(InvalidInput, match="already open"):
        services.open_round(cwm, "Another", user=role_users["coordinator"])
    prio = services.raise_priority(cwm, "Damp homes", user=role_users["participant"])
    services.close_round(rnd, user=role_users["coordinator"])
    with pytest.raises(InvalidInput, match="closed"):
        services.set_votes(rnd, prio, 1, user=role_users["participant"])


def test_top_priority_becomes_a_linked_research_question(cwm, role_users, rnd):
    from tallytale.stories.setup import add_prompt

    prio = services.raise_priority(cwm, "Lonely evenings", user=role_users["participant"])
    rq = services.adopt_priority(
        prio, "Does the lunch club ease loneliness?", user=role_users["coordinator"]
    )
    prio.refresh_from_db()
    assert prio.status == Priority.Status.ADOPTED
    prompt = add_prompt(cwm, "Tell us about an evening")
    services.link_question(
        rq, prompt_ids=[prompt.pk], claim_refs=["c1", "c1", " "], user=role_users["coordinator"]
    )
    rq.refresh_from_db()
    assert rq.prompt_ids == [prompt.pk] and rq.claim_refs == ["c1"]
    other = add_prompt(Project.objects.get(slug="town"), "elsewhere")
    with pytest.raises(InvalidInput, match="no story prompt"):
        services.link_question(rq, prompt_ids=[other.pk], user=role_users["coordinator"])
    with pytest.raises(PermissionDenied):
        services.adopt_priority(prio, "q", user=role_users["participant"])


def test_member_checking_one_changeable_answer_per_member(cwm, role_users):
    review = services.open_review(
        cwm, "claim-7", "Most members feel less lonely.", user=role_users["coordinator"]
    )
    services.respond(review, "agree", user=role_users["participant"])
    services.respond(review, "disagree", "Not in winter", user=role_users["participant"])
    services.respond(review, "unsure", user=role_users["researcher"])
    r = services.reading(review, with_comments=True)
    assert (r.agree, r.unsure, r.disagree, r.comments) == (0, 1, 1, ["Not in winter"])
    assert services.readings_for_report(cwm)["claim-7"]["total"] == 2
    with pytest.raises(InvalidInput):
        services.respond(review, "maybe", user=role_users["participant"])
    with pytest.raises(PermissionDenied):
        services.respond(review, "agree", user=role_users["outsider"])
    services.close_review(review, user=role_users["coordinator"])
    with pytest.raises(InvalidInput, match="no longer open"):
        services.respond(review, "agree", user=role_users["participant"])


def test_actions_you_said_we_did(client, cwm, role_users):
    review = services.open_review(cwm, "c9", "Buses are a barrier.", user=role_users["coordinator"])
    action = services.record_action(
        cwm, "Ask for a later bus", "Cwm council", review=review, user=role_users["coordinator"]
    )
    services.update_action(action, status="done", user=role_users["coordinator"])
    assert services.actions_for_report(cwm)[0]["status"] == "done"
    with pytest.raises(PermissionDenied):
        services.record_action(cwm, "x", "y", user=role_users["participant"])
    client.force_login(role_users["participant"])
    page = client.get(reverse("community:actions", args=["cwm"]))
    assert b"Ask for a later bus" in page.content and b"Cwm council" in page.content


def test_learning_notes_are_shared_across_the_programme(client, cwm, role_users):
    note = services.publish_note(
        cwm, "Lunch club", worked="Meeting weekly", user=role_users["coordinator"]
    )
    town_member = _user("TW1", "town", "participant")
    services.comment_on_note(note, "We tried this too", user=town_member)
    with pytest.raises(NotFound):
        services.comment_on_note(note, "hi", user=role_users["outsider"])
    client.force_login(town_member)
    assert b"Lunch club" in client.get(reverse("community:programme", args=["valleys"])).content
    client.force_login(role_users["outsider"])
    assert client.get(reverse("community:note", args=[note.pk])).status_code == 404
    people.create_project("solo", "Solo")
    with pytest.raises(InvalidInput, match="not part of a programme"):
        services.publish_note(Project.objects.get(slug="solo"), "t", worked="w", user=None)


def test_home_shows_dots_with_words_and_votes_by_form(client, cwm, role_users, rnd):
    prio = services.raise_priority(cwm, "Lonely evenings", user=role_users["coordinator"])
    client.force_login(role_users["participant"])
    r = client.post(reverse("community:vote", args=["cwm", prio.pk]), {"dots": "2"})
    assert r.status_code == 302
    page = client.get(reverse("community:home", args=["cwm"])).content.decode()
    assert "\u25cf\u25cf" in page and "2 votes" in page and "1 vote left" in page
    r = client.post(reverse("community:vote", args=["cwm", prio.pk]), {"dots": "9"}, follow=True)
    assert "votes left" in r.content.decode()


def test_review_page_shows_only_stories_the_member_may_read(client, cwm, role_users):
    from tallytale.stories import services as stories

    cli = stories.Actor("cli:test")
    shared = stories.collect(
        cwm, actor=cli, text="The club helped me.", language="en", consent_level="project"
    )
    private = stories.collect(cwm, actor=cli, text="Private words here.", language="en")
    review = services.open_review(
        cwm, "c1", "Clubs help.", [shared.pk, private.pk], user=role_users["coordinator"]
    )
    client.force_login(role_users["participant"])
    page = client.get(reverse("community:review", args=["cwm", review.pk])).content.decode()
    assert "The club helped me." in page and "Private words" not in page
    r = client.post(reverse("community:review", args=["cwm", review.pk]), {"response": "agree"})
    assert r.status_code == 302
