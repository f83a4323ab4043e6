"""One signed-in user per role in project `cwm`, plus an outsider from another project.

Shared by the accounts, community, API and route tests (import the fixture into a
conftest). Users have no password unless a test sets one; tests use `force_login`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from tallytale.programmes import services as people
from tallytale.programmes.models import Project
from tests.actors import OPERATOR

ROLES = ("participant", "researcher", "coordinator", "evaluator", "admin")


def _user(code: str, project: str, role: str) -> User:
    person = people.add_person(code, project, role, joined_on=dt.date(2025, 1, 1), actor=OPERATOR)
    user = User.objects.create_user(username=code.lower())
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.fixture
def cwm(scheme) -> Project:
    return Project.objects.get(slug="cwm")


@pytest.fixture
def role_users(scheme) -> dict[str, User]:
    """participant (P1), researcher (R1), coordinator (C1), evaluator (E1), admin (A1) in
    cwm; outsider (O1) is a coordinator in `elsewhere`, a project outside the programme."""
    users = {role: _user(f"{role[0].upper()}1", "cwm", role) for role in ROLES}
    users["outsider"] = _user("O1", "elsewhere", "coordinator")
    return users
