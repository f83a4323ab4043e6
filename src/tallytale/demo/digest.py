"""A digest of the demo's content, to check that the same seed gives the same database.

Rows are described by natural keys (codes, slugs, idempotency keys, external and submission
ids), never by primary keys or timestamps of when the demo was written, so two runs into
two databases compare equal exactly when their content does.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def _add(h: Any, name: str, rows) -> None:
    h.update(name.encode())
    for row in rows:
        h.update(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode())
        h.update(b"\n")


def content_digest() -> str:
    """sha256 over the demo's people, ledger, surveys, stories, users and community data."""
    from django.contrib.auth import get_user_model

    from tallytale.ledger.models import Account, Contribution, Transfer
    from tallytale.programmes.models import Membership, Organisation, Person
    from tallytale.stories.models import ConsentRecord, SignifierAnswer, Story
    from tallytale.surveys.models import Answer, Response, Wave

    h = hashlib.sha256()
    _add(
        h,
        "people",
        Person.objects.order_by("code").values_list(
            "code",
            "card_code",
            "home_project__slug",
            "age_band",
            "gender",
            "first_language",
            "area",
            "new_to_volunteering",
            "registered_on",
            "user__username",
        ),
    )
    _add(
        h,
        "memberships",
        Membership.objects.order_by("person__code", "project__slug", "role").values_list(
            "person__code", "project__slug", "role", "joined_on"
        ),
    )
    _add(
        h,
        "partners",
        Organisation.objects.order_by("slug").values_list("slug", "project__slug", "kind"),
    )
    _add(
        h,
        "balances",
        Account.objects.order_by("owner", "project__slug", "person__code", "organisation__slug")
        .values_list("owner", "project__slug", "person__code", "organisation__slug", "balance")
        .iterator(chunk_size=5000),
    )
    _add(
        h,
        "transfers",
        Transfer.objects.order_by("idempotency_key")
        .values_list("idempotency_key", "amount", "kind", "category", "occurred_on")
        .iterator(chunk_size=5000),
    )
    _add(
        h,
        "contributions",
        Contribution.objects.order_by("person__code", "day", "partner__slug", "minutes")
        .values_list("person__code", "partner__slug", "day", "minutes", "activity")
        .iterator(chunk_size=5000),
    )
    _add(
        h,
        "waves",
        Wave.objects.order_by("project__slug", "position").values_list(
            "project__slug", "name", "opens_on", "closes_on"
        ),
    )
    _add(
        h,
        "responses",
        Response.objects.order_by("submission_id")
        .values_list(
            "submission_id", "instrument__form_id", "wave__name", "person__code", "data", "scores"
        )
        .iterator(chunk_size=5000),
    )
    _add(h, "answers", [[Answer.objects.count()]])
    _add(
        h,
        "stories",
        Story.objects.order_by("project__slug", "external_id")
        .values_list(
            "project__slug",
            "external_id",
            "teller__code",
            "language",
            "title",
            "text",
            "text_redacted",
            "consent_level",
            "collected_on",
            "held_for_review",
            "prompt__text",
        )
        .iterator(chunk_size=5000),
    )
    _add(
        h,
        "consents",
        ConsentRecord.objects.order_by("story__project__slug", "story__external_id").values_list(
            "story__external_id", "level", "method"
        ),
    )
    _add(
        h,
        "signification",
        SignifierAnswer.objects.order_by(
            "story__project__slug", "story__external_id", "signifier__name"
        ).values_list("story__external_id", "signifier__name", "value"),
    )
    _add(h, "users", get_user_model().objects.order_by("username").values_list("username"))
    _community(h)
    return h.hexdigest()


def _community(h: Any) -> None:
    from tallytale.community.models import Action, FindingReview, LearningNote, Priority, Vote

    _add(
        h,
        "priorities",
        Priority.objects.order_by("project__slug", "title").values_list(
            "project__slug", "title", "raised_by__code", "status"
        ),
    )
    _add(
        h,
        "votes",
        Vote.objects.order_by(
            "priority__project__slug", "priority__title", "person__code"
        ).values_list("priority__title", "person__code", "dots"),
    )
    _add(
        h,
        "readings",
        FindingReview.objects.order_by("claim__claim_ref", "person__code").values_list(
            "claim__claim_ref", "person__code", "response", "comment"
        ),
    )
    _add(
        h,
        "actions",
        Action.objects.order_by("project__slug", "text").values_list(
            "project__slug", "text", "status", "due_on"
        ),
    )
    _add(
        h,
        "notes",
        LearningNote.objects.order_by("project__slug", "title").values_list(
            "project__slug", "title"
        ),
    )
