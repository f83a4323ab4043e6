"""The REST API: bearer tokens, the same permissions as the web, the same services."""

from __future__ import annotations

import pytest

from tallytale.accounts.services import create_api_token
from tallytale.community import services as community
from tallytale.ledger import services as ledger
from tallytale.ledger import statements as ledger_statements
from tallytale.stories import services as stories
from tallytale.stories.models import Story

CLI = stories.Actor("cli:test")


@pytest.fixture
def call(client, role_users):
    tokens = {role: create_api_token(u, "test")[1] for role, u in role_users.items()}

    def do(method, path, role=None, json=None, **headers):
        if role:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {tokens[role]}"
        fn = getattr(client, method)
        if json is not None:
            return fn(f"/api/{path}", json, content_type="application/json", **headers)
        return fn(f"/api/{path}", **headers)

    return do


def test_schema_is_public_and_endpoints_need_a_token(client, call):
    schema = client.get("/api/openapi.json").json()
    assert "/api/ledger/balance" in schema["paths"]
    assert call("get", "projects/").status_code == 401
    assert call("get", "projects/", HTTP_AUTHORIZATION="Bearer tt_nope.nope").status_code == 401
    # the session cookie is not accepted by the API
    assert call("get", "ledger/balance").status_code == 401


def test_my_projects_balance_and_statement(call, scheme):
    rows = call("get", "projects/", "coordinator").json()
    assert rows == [
        {"slug": "cwm", "name": "Cwm", "programme": "valleys", "roles": ["coordinator"]}
    ]
    ledger.earn("P1", "library", 2, actor=ledger.Actor("t"))
    assert call("get", "ledger/balance", "participant").json()["minutes"] == 120
    st = call("get", "ledger/statement", "participant").json()
    assert st["closing_minutes"] == 120 and len(st["lines"]) == 1


def test_coordinators_record_hours_once_per_idempotency_key(call, scheme):
    body = {"person": "P1", "partner": "library", "hours": 1.5}
    r1 = call("post", "ledger/projects/cwm/earn", "coordinator", body, HTTP_IDEMPOTENCY_KEY="k1")
    r2 = call("post", "ledger/projects/cwm/earn", "coordinator", body, HTTP_IDEMPOTENCY_KEY="k1")
    assert r1.status_code == r2.status_code == 201 and r1.json()["id"] == r2.json()["id"]
    assert ledger_statements.balance("P1") == 90
    bad = call(
        "post",
        "ledger/projects/cwm/earn",
        "coordinator",
        {**body, "hours": 2},
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert bad.status_code == 409
    assert call("post", "ledger/projects/cwm/earn", "coordinator", body).status_code == 422
    assert (
        call(
            "post", "ledger/projects/cwm/earn", "participant", body, HTTP_IDEMPOTENCY_KEY="k2"
        ).status_code
        == 403
    )
    assert (
        call(
            "post", "ledger/projects/cwm/earn", "outsider", body, HTTP_IDEMPOTENCY_KEY="k3"
        ).status_code
        == 403
    )
    # a member of another project cannot be credited through cwm
    assert (
        call(
            "post",
            "ledger/projects/cwm/earn",
            "coordinator",
            {**body, "person": "T1"},
            HTTP_IDEMPOTENCY_KEY="k4",
        ).status_code
        == 404
    )
    spend = {"person": "P1", "partner": "pool", "credits": 5}
    assert (
        call(
            "post", "ledger/projects/cwm/spend", "coordinator", spend, HTTP_IDEMPOTENCY_KEY="s1"
        ).status_code
        == 400
    )


def test_member_statements_only_for_those_who_read_the_ledger(call, scheme):
    assert call("get", "ledger/projects/cwm/members/P1/statement", "evaluator").status_code == 200
    assert call("get", "ledger/projects/cwm/members/P1/statement", "participant").status_code == 403
    assert call("get", "ledger/projects/cwm/members/P1/statement", "outsider").status_code == 403
    assert call("get", "ledger/projects/cwm/members/T1/statement", "coordinator").status_code == 404


def test_stories_list_redacted_collect_and_withdraw_own(call, cwm, role_users):
    s = stories.collect(
        cwm,
        actor=CLI,
        text="I met Sarah Jones at the library.",
        language="en",
        consent_level="project",
        teller=role_users["participant"].person,
    )
    rows = call("get", "projects/cwm/stories", "evaluator").json()
    assert [r["id"] for r in rows] == [s.pk] and "Sarah Jones" not in rows[0]["text"]
    assert call("get", "projects/cwm/stories", "outsider").status_code == 403
    new = call(
        "post", "projects/cwm/stories", "researcher", {"text": "It helped a lot.", "language": "en"}
    )
    assert new.status_code == 201
    assert (
        call(
            "post", "projects/cwm/stories", "participant", {"text": "x y z", "language": "en"}
        ).status_code
        == 403
    )
    assert call("post", f"stories/{s.pk}/withdraw", "evaluator").status_code == 404
    assert call("post", f"stories/{s.pk}/withdraw", "outsider").status_code == 404
    assert call("post", f"stories/{s.pk}/withdraw", "participant").status_code == 204
    assert Story.objects.get(pk=s.pk).withdrawn_at is not None


def test_instruments_priorities_votes_and_reviews(call, cwm, role_users):
    assert call("get", "surveys/projects/cwm/instruments", "participant").json() == []
    assert call("get", "surveys/projects/cwm/instruments", "outsider").status_code == 403
    prio = community.raise_priority(cwm, "Buses", user=role_users["participant"])
    assert (
        call(
            "post", f"community/projects/cwm/priorities/{prio.pk}/vote", "participant", {"dots": 1}
        ).status_code
        == 400
    )
    community.open_round(cwm, "R", 3, user=None)
    r = call(
        "post", f"community/projects/cwm/priorities/{prio.pk}/vote", "participant", {"dots": 2}
    )
    assert r.json() == {"votes_left": 1}
    listing = call("get", "community/projects/cwm/priorities", "participant").json()
    assert listing["priorities"][0]["dots"] == 2 and listing["votes_left"] == 1
    assert (
        call(
            "post", f"community/projects/cwm/priorities/{prio.pk}/vote", "outsider", {"dots": 1}
        ).status_code
        == 403
    )
    review = community.open_review(cwm, "c1", "Buses matter", user=None)
    r = call(
        "post",
        f"community/projects/cwm/findings/{review.pk}/response",
        "participant",
        {"response": "agree"},
    )
    assert r.json() == {"claim_ref": "c1", "response": "agree"}
    assert (
        call(
            "post",
            f"community/projects/cwm/findings/{review.pk}/response",
            "participant",
            {"response": "meh"},
        ).status_code
        == 400
    )


def test_stories_list_gives_the_redacted_title_not_the_original(call, cwm, role_users):
    """Regression: the list returned `Story.title` (the original) to every reader."""
    story = stories.collect(
        cwm,
        actor=CLI,
        text="We grew beans at the garden together.",
        title="Sarah Jones rang me on 07700 900123",
        language="en",
        consent_level="project",
    )
    assert "Sarah Jones" not in story.title_redacted
    for role in ("evaluator", "participant", "researcher"):
        r = call("get", "projects/cwm/stories", role)
        assert r.status_code == 200, role
        row = next(s for s in r.json() if s["id"] == story.pk)
        assert row["title"] == story.title_redacted, role
        assert "Sarah Jones" not in r.content.decode() and "07700" not in r.content.decode()
