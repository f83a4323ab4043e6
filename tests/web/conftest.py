"""A small project with one user per role, shared by the web and browser tests."""

import datetime as dt

import pytest
from django.contrib.auth.models import User

from tallytale.ledger import services as ledger
from tallytale.programmes import services as people
from tallytale.programmes.models import ContactDetails, Project
from tallytale.stories import services as stories
from tallytale.surveys import services as surveys
from tests.actors import OPERATOR
from tests.passwords import with_password

PASSWORD = "correct-horse-battery-staple"
CLI = stories.Actor("cli:test")


def make_user(
    code: str, project: str | None = None, role: str | None = None, password: bool = False
) -> User:
    if role:
        try:
            person = people.add_person(
                code, project, role, joined_on=dt.date(2025, 1, 1), actor=OPERATOR
            )
        except Exception:  # registered already (e.g. a participant given a second role)
            person = people.add_person(code, project, role, actor=OPERATOR)
    else:
        person = people.get_person(code)
    # Argon2 is slow by design; only the sign-in test needs a real password, hashed once.
    user = User.objects.create_user(username=code.lower(), password=None)
    if password:
        with_password(user, PASSWORD)
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.fixture
def site(scheme):
    """cwm with a coordinator, researcher, evaluator, participant M1 (with a story, hours,
    contact details), an outsider, a wave and the ONS4 survey."""
    project = Project.objects.get(slug="cwm")
    users = {
        "coordinator": make_user("C1", "cwm", "coordinator"),
        "researcher": make_user("R1", "cwm", "researcher", password=True),
        "evaluator": make_user("E1", "cwm", "evaluator"),
        "participant": make_user("M1"),
        "outsider": make_user("X1"),
    }
    m1 = people.get_person("M1")
    ContactDetails.objects.create(person=m1, email="m1@example.org", phone="01234 567890")
    actor = ledger.Actor("test")
    ledger.earn("M1", "library", 3, day=dt.date(2025, 3, 1), key="t-earn-1", actor=actor)
    ledger.spend("M1", "pool", 1, day=dt.date(2025, 3, 2), key="t-spend-1", actor=actor)
    story = stories.collect(
        project,
        actor=CLI,
        text="I went to the garden club every Tuesday and made friends.",
        language="en",
        title="Garden club",
        teller=m1,
        consent_level="project",
    )
    surveys.create_wave("cwm", "baseline", label="Baseline")
    instrument = surveys.install_builtin("ons4", "cwm").instrument
    return {"project": project, "users": users, "story": story, "instrument": instrument}
