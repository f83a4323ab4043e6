"""Seed one person with many records (transfers, survey answers, stories) through bulk
paths, for the erasure test and `benchmarks/erasure.py`."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from tallytale.accounts.models import Invitation
from tallytale.ledger import batch as ledger_batch
from tallytale.ledger import services as ledger
from tallytale.programmes import services as people
from tallytale.programmes.models import Person
from tallytale.stories.models import ConsentRecord, Story
from tallytale.surveys.models import Answer, Instrument, Question, Response, ScaleScore
from tests.actors import OPERATOR

CONSENTS = ("research_team", "project", "public")


def seed_person(
    code: str,
    *,
    project: str = "cwm",
    partner: str = "library",
    spend_at: str = "pool",
    transfers: int = 40,
    answers: int = 30,
    stories: int = 20,
    marker: str = "",
) -> Person:
    """A member `code` with about `transfers` transfers, `answers` typed survey answers (three
    per response), `stories` stories, contact details, a user account and an invitation.
    `marker` is written into every story and free-text answer."""
    person = people.add_person(
        code,
        project,
        card_code=f"CARD-{code}",
        joined_on=dt.date(2024, 1, 1),
        email=f"{code.lower()}@example.org",
        phone="07700 900999",
        age_band="35-44",
        gender="woman",
        area="north",
        actor=OPERATOR,
    )
    user = User.objects.create_user(username=code.lower(), email=f"{code.lower()}@example.org")
    person.user = user
    person.save(update_fields=["user"])
    proj = person.home_project
    Invitation.objects.create(
        selector=f"s{abs(hash(code)) % 10**10}",
        token_hash="x" * 64,
        project=proj,
        person_code=code,
        email=f"{code.lower()}@example.org",
        expires_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
    )

    # ledger: earns of an hour, spends of half an hour that use the credits up (an
    # unbudgeted partner also writes an issue transfer, which is not the person's)
    earns = max(1, transfers // 3)
    today = dt.date(2025, 12, 31)
    ops = [
        ledger_batch.Op(
            "earn",
            code,
            60,
            f"seed:{person.pk}:earn:{i}",
            partner=partner,
            day=today - dt.timedelta(days=i % 300),
        )
        for i in range(earns)
    ]
    ops += [
        ledger_batch.Op(
            "spend", code, 30, f"seed:{person.pk}:spend:{i}", partner=spend_at, day=today
        )
        for i in range(min(transfers - earns, 2 * earns))
    ]
    actor = ledger.Actor("seed:coordinator")
    for i in range(0, len(ops), 2000):
        ledger_batch.record_batch(ops[i : i + 2000], actor=actor, today=today)

    # survey: a small instrument with three free-text questions
    instrument, _ = Instrument.objects.get_or_create(
        project=proj, form_id="seed_form", version="1", defaults={"definition": {}}
    )
    questions = [
        Question.objects.get_or_create(
            instrument=instrument,
            path=f"q{i}",
            defaults={"position": i, "name": f"q{i}", "type": "text"},
        )[0]
        for i in range(3)
    ]
    n_responses = max(1, answers // 3)
    Response.objects.bulk_create(
        [
            Response(
                instrument=instrument,
                project=proj,
                person=person,
                submission_id=f"seed-{code}-{i}",
                data={q.path: f"answer {i} {marker}" for q in questions},
                scores={"wellbeing": 20},
            )
            for i in range(n_responses)
        ],
        batch_size=1000,
    )
    rows = list(Response.objects.filter(person=person).values_list("pk", flat=True))
    Answer.objects.bulk_create(
        [
            Answer(response_id=r, question=q, value_text=f"answer {marker}")
            for r in rows
            for q in questions
        ],
        batch_size=2000,
    )
    ScaleScore.objects.bulk_create(
        [ScaleScore(response_id=r, scale="wellbeing", value=20.0) for r in rows], batch_size=2000
    )

    Story.objects.bulk_create(
        [
            Story(
                project=proj,
                language="en",
                title=f"Story {i}",
                text=f"Story {i} told by {code}: {marker}",
                text_redacted=f"Story {i} told by [ID]: {marker}",
                teller=person,
                consent_level=CONSENTS[i % 3],
                collected_by_label="seed",
            )
            for i in range(stories)
        ],
        batch_size=1000,
    )
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(story_id=s, level="project", method="spoken", taken_by_label="seed")
            for s in Story.objects.filter(teller=person).values_list("pk", flat=True)
        ],
        batch_size=2000,
    )
    return person
