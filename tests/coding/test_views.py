import re

import pytest
from django.urls import get_resolver, reverse

from tallytale.coding import services
from tallytale.coding.models import Code, Coding, Origin
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tallytale.programmes.permissions import declared_permission

from .conftest import CLI


def test_every_coding_route_declares_a_permission():
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "app_name", None) == "coding":
            for p in pattern.url_patterns:
                assert declared_permission(p.callback), p.name


@pytest.fixture
def story(cwm, make_story):
    services.add_code(cwm, "Loneliness", actor=CLI)
    return make_story("I felt less lonely after the lunch club.")


def test_code_story_with_selection_phrase_and_whole(client, cwm, users, story):
    client.force_login(users["alice"])
    url = reverse("coding:story", args=["cwm", story.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"coding/select.js" in page.content
    assert b"<script>" not in page.content  # no inline scripts (CSP)
    code = Code.objects.get(name="Loneliness")
    r = client.post(url, {"code": code.pk, "start": "2", "end": "6"})
    assert r.status_code == 302
    r = client.post(url, {"code": code.pk, "phrase": "less  LONELY"})
    assert r.status_code == 302
    r = client.post(url, {"code": code.pk, "whole": "1"})
    assert [(c.excerpt, c.coder_label) for c in Coding.objects.order_by("pk")] == [
        ("felt", "r1"), ("less lonely", "r1"), ("", "r1"),
    ]  # fmt: skip
    r = client.post(url, {"code": code.pk})
    assert r.status_code == 400


def test_suggestion_accept_via_web(client, cwm, users, story):
    code = Code.objects.get(name="Loneliness")
    sug = Coding.objects.create(project=cwm, story=story, code=code, coder_label="machine",
                                origin=Origin.SUGGESTED)  # fmt: skip
    client.force_login(users["bob"])
    assert b"Accept" in client.get(reverse("coding:story", args=["cwm", story.pk])).content
    client.post(reverse("coding:decide", args=["cwm", sug.pk]), {"decision": "accept"})
    sug.refresh_from_db()
    assert sug.origin == Origin.ACCEPTED and sug.coder_label == "r2"


@pytest.mark.parametrize("role,status", [("evaluator", 403), ("member", 403), ("outsider", 403)])
def test_coding_pages_refused_without_capability(client, users, story, role, status):
    client.force_login(users[role])
    assert client.get(reverse("coding:story", args=["cwm", story.pk])).status_code == status
    assert client.get(reverse("coding:codebook", args=["cwm"])).status_code == status


def test_research_pages(client, cwm, users, story, corpus):
    corpus(12, seed=5)
    client.force_login(users["evaluator"])  # reads redacted stories, does not code
    assert client.get(reverse("coding:agreement", args=["cwm"])).status_code == 200
    r = client.post(reverse("coding:themes", args=["cwm"]), {"k": "2"})
    assert r.status_code == 302 and run_pending() == 1
    # the evaluator sees no research-team-only stories: too few, said on the job's page
    refused = Job.objects.get()
    assert refused.state == Job.State.FAILED and "at least" in refused.error
    assert "at least" in client.get(r["Location"]).content.decode()
    client.force_login(users["coordinator"])
    r = client.post(reverse("coding:themes", args=["cwm"]), {"k": "2", "method": "lexical"})
    assert r.status_code == 302  # queued: the job's page
    assert run_pending() == 1
    job = Job.objects.exclude(pk=refused.pk).get()
    assert job.state == Job.State.DONE, job.error
    job_page = client.get(r["Location"]).content.decode()
    assert job.params["link"] in job_page
    run_page = client.get(job.params["link"])
    assert run_page.status_code == 200 and b"Prevalence" in run_page.content
    assert b"Make a code" in run_page.content
    assert client.post(reverse("coding:export", args=["cwm", "qdpx"])).status_code == 302
    run_pending()
    qdpx = Job.objects.get(kind="coding.refi")
    assert qdpx.state == Job.State.DONE and qdpx.result_type == "application/zip"
    client.force_login(users["member"])
    assert client.get(reverse("coding:agreement", args=["cwm"])).status_code == 403
    assert client.post(reverse("coding:export", args=["cwm", "qdc"])).status_code == 403


def test_codes_get_distinct_default_colours(client, cwm, users):
    """Every code added from the page used to be gold (#FFD700), the form's default."""
    client.force_login(users["alice"])
    html = client.get(reverse("coding:codebook", args=["cwm"])).content.decode()
    first = services.PALETTE[0]
    assert f'type="color" value="{first}"' in html and "#FFD700" not in html
    for name in ("Loneliness", "Money", "Family"):
        services.add_code(cwm, name, actor=CLI)
    colours = [c.colour for c in Code.objects.filter(project=cwm).order_by("pk")]
    assert colours == list(services.PALETTE[:3])


def test_rename_move_merge_codes_and_remove_a_coding_on_the_web(client, cwm, users, story):
    client.force_login(users["alice"])
    lonely = Code.objects.get(name="Loneliness")
    friends = services.add_code(cwm, "Friends", actor=CLI)
    edit = reverse("coding:code_edit", args=["cwm", lonely.pk])
    assert client.post(edit, {"action": "rename", "name": "Feeling alone"}).status_code == 302
    lonely.refresh_from_db()
    assert lonely.name == "Feeling alone"
    client.post(edit, {"action": "move", "parent": friends.pk})
    lonely.refresh_from_db()
    assert lonely.parent_id == friends.pk
    # a cycle is refused with a message, not a 500
    r = client.post(
        reverse("coding:code_edit", args=["cwm", friends.pk]),
        {"action": "move", "parent": lonely.pk},
        follow=True,
    )
    assert "cannot be moved under itself" in r.content.decode()
    client.post(edit, {"action": "move", "parent": ""})
    coding = services.code_story(story, lonely, actor=CLI, phrase="lonely")
    client.post(edit, {"action": "merge", "into": friends.pk})
    lonely.refresh_from_db()
    coding.refresh_from_db()
    assert not lonely.active and coding.code_id == friends.pk
    page = client.get(reverse("coding:story", args=["cwm", story.pk])).content.decode()
    remove = reverse("coding:remove_coding", args=["cwm", coding.pk])
    assert f'action="{remove}"' in page
    assert client.post(remove).status_code == 302
    assert not Coding.objects.filter(pk=coding.pk).exists()
    assert client.post(remove).status_code == 404


def test_code_matrices_count_together_and_hide_small_cells(client, cwm, users, make_story):
    from tallytale.programmes.models import Person

    a = services.add_code(cwm, "Health", actor=CLI)
    b = services.add_code(cwm, "Friends", actor=CLI)
    tellers = list(Person.objects.filter(memberships__project=cwm).distinct()[:7])
    for i, person in enumerate(tellers):
        person.gender = "woman" if i < 6 else "man"
        person.save(update_fields=["gender"])
        s = make_story(f"Story {i} about health and friends.", teller=person)
        services.code_story(s, a, actor=CLI, phrase="health")
        if i % 2 == 0:
            services.code_story(s, b, actor=CLI, phrase="friends")
    client.force_login(users["alice"])
    url = reverse("coding:matrix", args=["cwm"])
    html = client.get(url, {"attribute": "gender"}).content.decode()
    # co-occurrence (codes in name order): 7 stories with Health, 4 with Friends, 4 both
    row = re.search(r'<th scope="row">Health</th>(.*?)</tr>', html).group(1)
    assert re.findall(r">(\d+)<", row) == ["4", "7"]
    # by gender with k=5: 6 women have Health, 1 man (hidden, so the women's count too)
    assert "Tellers by code and Gender" in html
    assert ">6<" not in html.split("Tellers by code")[1]
    assert html.split("Tellers by code")[1].count("hidden: a small count") >= 2
    assert client.get(url, {"attribute": "postcode"}).status_code == 400
