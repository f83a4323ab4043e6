"""The Report JSON contract (DESIGN.md): every key a report carries today, with its type.

Renderers, the JSON download and readers' own scripts depend on these names, so a key may
be added but never renamed or dropped: this test pins all of them (a hand-written structural
check, as `jsonschema` is not a dependency). Extra keys are allowed everywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from tallytale.community import services as community
from tallytale.evidence import pairing, render, services
from tallytale.evidence.model import Report, report_json

NONE = type(None)
NUM = (int, float)
STR_OR_NONE = (str, NONE)
INT_OR_NONE = (int, NONE)
NUM_OR_NONE = (int, float, NONE)
COUNT_ROW = {"label": str, "count": INT_OR_NONE, "display": str}

CLAIM = {
    "id": str,
    "kind": str,
    "label": str,
    "n": INT_OR_NONE,
    "numerator": INT_OR_NONE,
    "estimate": NUM_OR_NONE,
    "ci_low": NUM_OR_NONE,
    "ci_high": NUM_OR_NONE,
    "ci_method": str,
    "suppressed": bool,
    "suppressed_reason": STR_OR_NONE,
    "population": {"projects": [str], "wave": STR_OR_NONE},
    "extra": dict,
    "section": str,
    "headline": bool,
    "display": str,
    "method": str,
    "stories": [{"id": int, "role": str}],
    "gap": STR_OR_NONE,
    "topic": [str],
    "stories_available": {"supporting": int, "contrasting": int},
    "meta_inference": (
        {
            "label": str,
            "behind": {"on_topic": INT_OR_NONE, "stories": INT_OR_NONE},
            "rest": {"on_topic": INT_OR_NONE, "stories": INT_OR_NONE},
            "difference": NUM_OR_NONE,
            "ci_low": NUM_OR_NONE,
            "ci_high": NUM_OR_NONE,
        },
        NONE,
    ),
}
STORY = {
    "id": int,
    "excerpt": str,
    "consent": str,
    "language": str,
    "medium": str,
    "project": str,
    "theme": STR_OR_NONE,
    "translation": str,
    "numbers": [{"claim_id": str, "text": str}],
}
REPORT = {
    "schema": str,
    "project": STR_OR_NONE,
    "programme": STR_OR_NONE,
    "projects": [{"slug": str, "name": str}],
    "title": str,
    "audience": str,
    "generated_at": str,
    "period": {"from": STR_OR_NONE, "to": STR_OR_NONE},
    "disclosure": {
        "applied": bool,
        "k": INT_OR_NONE,
        "rule": str,
        "statement": str,
        "stories_with_suppressed_figures": str,
    },
    "claims": [CLAIM],
    "stories": [STORY],
    "sections": [{"id": str, "title": str, "claim_ids": [str]}],
    "headline": [str],
    "ledger": {
        "monthly": [{"month": str, "hours": NUM_OR_NONE, "people": INT_OR_NONE, "partial": bool}],
        "from": STR_OR_NONE,
        "to": STR_OR_NONE,
    },
    "themes": {"source": str, "note": str},
    "methods": {
        "members": int,
        "waves": [{"wave": str, "label": str, "people": int, "response_rate": NUM_OR_NONE}],
        "attrition": (
            {"baseline": int, "followed_up": int, "lost": int, "share_followed_up": NUM},
            NONE,
        ),
        "interval_methods": [str],
        "confidence": float,
        "meaningful_change": {"points": NUM, "citation": str},
        "suppressed_claims": int,
        "consent_counts": [COUNT_ROW],
        "stories_live": int,
        "stories_visible": int,
        "stories_withdrawn": int,
        "stories_by_language": [COUNT_ROW],
        "stories_by_medium": [COUNT_ROW],
        "themes_source": str,
        "caveats": [str],
    },
    "community": {
        "reviews": dict,
        "actions": [
            {
                "claim_ref": str,
                "you_said": str,
                "we_did": str,
                "owner": str,
                "status": str,
                "due_on": STR_OR_NONE,
            }
        ],
    },
    "rule_check": {"ok": bool, "claims_without_story": [str], "stories_without_number": [int]},
    # the front page (report._summary): pinned like the rest
    "summary": {
        "period": {"from": STR_OR_NONE, "to": STR_OR_NONE, "label": str},
        "participation": {"members": int, "waves": list, "attrition": (dict, NONE)},
        "key_figures": [{"claim_id": str, "quote": INT_OR_NONE}],
        "contrasting": ({"claim_id": str, "story_id": int}, NONE),
        "ledger": {
            "has_activity": bool,
            "hours_given": NUM_OR_NONE,
            "credits_earned": NUM_OR_NONE,
            "credits_spent": NUM_OR_NONE,
            "members_active": INT_OR_NONE,
        },
        "community_actions": [dict],
    },
    # outcomes x themes (report._joint_display)
    "joint_display": {
        "outcomes": [str],
        "themes": [str],
        "prevalence": dict,
        "cells": [
            {
                "claim_id": str,
                "theme": str,
                "n": INT_OR_NONE,
                "numerator": INT_OR_NONE,
                "estimate": NUM_OR_NONE,
                "ci_low": NUM_OR_NONE,
                "ci_high": NUM_OR_NONE,
                "suppressed": bool,
                "quote": INT_OR_NONE,
            }
        ],
    },
}


def _conforms(value: Any, schema: Any, path: str = "report") -> list[str]:
    """Where `value` breaks `schema`: a dict names required keys, a one-item list types
    every element, a tuple lists alternatives, a type is an isinstance check (a bool is
    not an int)."""
    if isinstance(schema, tuple):
        fails = [_conforms(value, alt, path) for alt in schema]
        return [] if any(not f for f in fails) else [f"{path}: {value!r:.60} fits none of {schema}"]
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        out = []
        for key, sub in schema.items():
            if key not in value:
                out.append(f"{path}: missing {key!r}")
            else:
                out += _conforms(value[key], sub, f"{path}.{key}")
        return out
    if isinstance(schema, list):
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        return [e for i, v in enumerate(value) for e in _conforms(v, schema[0], f"{path}[{i}]")]
    if schema in (int, float) and isinstance(value, bool):
        return [f"{path}: expected {schema.__name__}, got bool"]
    if not isinstance(value, schema):
        return [f"{path}: expected {schema.__name__}, got {type(value).__name__}"]
    return []


def test_the_checker_catches_a_renamed_or_retyped_key() -> None:
    ok = {"id": "a", "n": 3, "stories": [{"id": 1, "role": "supporting"}]}
    schema = {"id": str, "n": INT_OR_NONE, "stories": [{"id": int, "role": str}]}
    assert _conforms(ok, schema) == []
    assert _conforms({**ok, "n": True}, schema)  # a bool is not a count
    assert _conforms({"id": "a", "n": 3, "stories": [{"id": 1, "kind": "x"}]}, schema)
    assert _conforms({"id": "a", "stories": []}, schema) == ["report: missing 'n'"]


@pytest.mark.parametrize("audience", ["public", "research_team"])
def test_json_download_keeps_the_contract(sample, audience: str) -> None:
    review = community.open_review(sample.project, "tc_new_friends-m6", "New friends", user=None)
    community.record_action(sample.project, "Bus passes", "coordinator", review=review,
                            due_on=dt.date(2026, 1, 31), user=None)  # fmt: skip
    built = services.build_and_record(
        project="riverside", audience=audience, fmt="json", actor_label="test",
        start=dt.date(2024, 1, 1), end=dt.date(2026, 12, 31),
    )  # fmt: skip
    data = json.loads(built.content)
    assert _conforms(data, REPORT) == []
    # the structure is not vacuous: every list the contract types has entries here
    assert data["claims"] and data["stories"] and data["community"]["actions"]
    assert any(c["stories"] for c in data["claims"])
    assert all(n for s in data["stories"] for n in s["numbers"])
    assert data["period"] == {"from": "2024-01-01", "to": "2026-12-31"}
    assert data["summary"]["period"]["label"] == "1 January 2024 to 31 December 2026"
    assert data["summary"]["key_figures"]
    assert data["joint_display"]["cells"]
    labels = {c["meta_inference"]["label"] for c in data["claims"] if c["meta_inference"]}
    assert labels and labels <= {"confirm", "expand", "contradict", "too few stories"}
    assert data["community"]["actions"][0]["due_on"] == "2026-01-31"
    assert {s["role"] for c in data["claims"] for s in c["stories"]} == {
        "supporting",
        "contrasting",
    }
    # a suppressed claim says why in words the renderers print
    hidden = [c for c in data["claims"] if c["suppressed"]]
    if audience == "public":
        assert hidden and all(c["suppressed_text"] for c in hidden)
    else:
        assert not hidden


def test_report_is_a_frozen_model_with_one_json_function(sample) -> None:
    model = services.build_report_model(project="riverside", audience="project")
    assert isinstance(model, Report)
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.claims[0].headline = False  # type: ignore[misc]
    as_dict = report_json(model)
    assert _conforms(as_dict, REPORT) == []
    again = services.build_report(project="riverside", audience="project")
    as_dict["generated_at"] = again["generated_at"]
    assert json.loads(render.render_json(as_dict)) == json.loads(render.render_json(again))


def test_theme_discovery_runs_once_per_dataset(sample, monkeypatch) -> None:
    """Reports for every audience reuse one on-the-fly discovery; any change to the live
    stories (here a withdrawal) discovers again."""
    from tallytale.core import themes
    from tallytale.stories import services as stories
    from tallytale.stories.models import Story

    calls = []
    real = themes.discover_themes

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(themes, "discover_themes", counting)
    monkeypatch.setattr(pairing, "_clusters", type(pairing._clusters)())
    first = services.build_report(project="riverside", audience="public")
    services.build_report(project="riverside", audience="research_team")
    assert first["themes"]["source"].startswith("discovered for this report")
    assert len(calls) == 1
    stories.withdraw_story(Story.objects.order_by("id").first(), actor=stories.Actor("test"))
    services.build_report(project="riverside", audience="public")
    assert len(calls) == 2
