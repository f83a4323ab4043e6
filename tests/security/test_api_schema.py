"""Property-based API check (schemathesis): every operation in /api/openapi.json, called
through Django's WSGI app as a coordinator, never answers 5xx, answers only status codes
the schema declares, and always answers what the schema says. Bounded (few examples, derandomized) so it runs in the normal suite."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tallytale.accounts import services as accounts
from tallytale.wsgi import application
from tests.accounts.roles import cwm, role_users  # noqa: F401

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def coordinator_token(role_users):  # noqa: F811
    return accounts.create_api_token(role_users["coordinator"], "schemathesis")[1]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_matches_its_schema(case, coordinator_token):
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {coordinator_token}"}
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
