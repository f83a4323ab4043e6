"""Property-based API check (schemathesis) against a seeded demo programme.

Every operation in /api/openapi.json is called through Django's WSGI app with a real API
token of a demo coordinator (who holds every capability in their project). Run without
real data, almost every call stops at "no such project" (404) and the check proves little,
so most cases here use real values from the demo: the project's slug, its members' codes,
its partners' slugs, its stories, priorities and draft findings (path parameters and the
`person`, `partner` and `teller` fields of bodies); the rest are generated freely, and some
are negative (invalid) data. The test fails on any 5xx, on a status code or body the
schema does not declare, and on any operation that no call reached past the 404/401 gate.
Bounded (derandomized, a few dozen examples per operation) so it runs in the normal suite.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tallytale.accounts import services as accounts
from tallytale.community import services as community
from tallytale.community.models import ClaimReview, Priority
from tallytale.demo import programme
from tallytale.demo.users import username
from tallytale.programmes.models import Membership, Organisation, Person
from tallytale.stories.models import Story
from tallytale.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
OPERATIONS = [result.ok() for result in schema.get_all_operations()]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PROJECT = "cwm-time-credits"
TODAY = dt.date(2025, 6, 30)
EXAMPLES = 40  # per operation
NOT_REACHED = {401, 404}
_KEYS = itertools.count()  # no token, or stopped before the handler found its objects


def _seed() -> dict[str, list[Any]]:
    """A small demo programme, a fresh voting round in PROJECT (the demo closes its own),
    and the real values each path parameter and body field may take."""
    programme.build_programme(seed=5, participants=60, today=TODAY, years=1)
    coordinator = Person.objects.get(code=programme.staff_code(PROJECT, "coordinator"))
    project = coordinator.home_project
    community.open_round(project, "Schemathesis round", 3, user=coordinator.user)
    members = list(
        Membership.objects.filter(project=project, role="participant")
        .order_by("person__code")
        .values_list("person__code", flat=True)[:8]
    )
    partners = list(Organisation.objects.filter(project=project).order_by("slug"))
    stories = list(
        Story.objects.filter(project=project, withdrawn_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:8]
    )
    return {
        "slug": [PROJECT],
        "code": members,
        "person": members,
        "teller": members,
        "partner": [o.slug for o in partners],
        "earning": [o.slug for o in partners if o.earns],
        "spending": [o.slug for o in partners if o.spends],
        "story_id": stories,
        "priority_id": list(Priority.objects.filter(project=project).values_list("pk", flat=True)),
        "finding_id": list(
            ClaimReview.objects.filter(project=project).values_list("pk", flat=True)
        ),
    }


def _example(op: Any, real: dict[str, list[Any]], data: st.DataObject) -> dict[str, Any]:
    """A valid request body (and headers) built from real values: the explicit examples
    that show each operation succeeding on the seeded demo."""
    pick = lambda name: data.draw(st.sampled_from(real[name]))  # noqa: E731
    path = op.path
    key = {"Idempotency-Key": f"example-{next(_KEYS)}"}  # fresh: a reused key is a 409
    if path.endswith("/earn"):
        body = {"person": pick("person"), "partner": pick("earning"), "hours": 1.5}
        return {"body": body, "headers": key}
    if path.endswith("/spend"):
        body = {"person": pick("person"), "partner": pick("spending"), "credits": 0.5}
        return {"body": body, "headers": key}
    if path.endswith("/stories") and op.method.upper() == "POST":
        body = {"text": "We planted beans at the garden.", "language": "en",
                "consent_level": "project", "teller": pick("teller")}  # fmt: skip
        return {"body": body}
    if path.endswith("/vote"):
        return {"body": {"dots": data.draw(st.integers(0, 3))}}
    if path.endswith("/response"):
        return {"body": {"response": data.draw(st.sampled_from(["agree", "unsure", "disagree"]))}}
    return {}


def _exercise(op: Any, real: dict[str, list[Any]], token: str, statuses: dict) -> None:
    """Call one operation EXAMPLES times: with real path values and body fields (some
    with a valid example body), negative (invalid) data on real paths, or generated freely."""
    names = [p.name for p in op.path_parameters]
    definition = str(op.body[0].definition) if op.body else ""
    body_fields = {n for n in ("person", "partner", "teller") if f"'{n}'" in definition}

    @given(data=st.data())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(["real", "example", "real", "negative", "generated"]))
        fixed = {n: data.draw(st.sampled_from(real[n])) for n in names} or None
        if kind == "example":
            case = data.draw(op.as_strategy(path_parameters=fixed, **_example(op, real, data)))
        elif kind == "generated":
            case = data.draw(op.as_strategy())
        else:
            mode = GenerationMode.NEGATIVE if kind == "negative" else GenerationMode.POSITIVE
            try:
                case = data.draw(op.as_strategy(mode, path_parameters=fixed))
            except Exception:  # noqa: BLE001 - nothing negative to generate (GET /x/{id})
                case = data.draw(op.as_strategy(path_parameters=fixed))
            if isinstance(case.body, dict):
                for name in sorted(body_fields & case.body.keys()):
                    # mostly real, now and then the generated value (hypothesis favours
                    # the first choice)
                    if data.draw(st.sampled_from([True, True, True, False])):
                        case.body[name] = data.draw(st.sampled_from(real[name]))
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        response = case.call()
        statuses[op.label][response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    check()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_api_matches_its_schema_on_a_seeded_demo():
    real = _seed()
    user = Person.objects.get(code=programme.staff_code(PROJECT, "coordinator")).user
    assert user.username == username(PROJECT, "coordinator")
    token = accounts.create_api_token(user, "schemathesis")[1]
    statuses: dict[str, Counter] = defaultdict(Counter)

    for op in OPERATIONS:
        _exercise(op, real, token, statuses)

    summary = {label: dict(c) for label, c in statuses.items()}
    unreached = [
        op.label
        for op in OPERATIONS
        if not any(s not in NOT_REACHED for s in statuses[op.label].elements())
    ]
    assert not unreached, f"never reached a handler: {unreached}; statuses: {summary}"
    never_ok = [
        op.label for op in OPERATIONS if not any(200 <= s < 300 for s in statuses[op.label])
    ]
    assert not never_ok, f"never succeeded: {never_ok}; statuses: {summary}"
    assert len(statuses) == len(OPERATIONS)
    print("schemathesis statuses per operation:", summary)
