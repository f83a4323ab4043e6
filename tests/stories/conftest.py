import datetime as dt

import pytest
from django.contrib.auth.models import User

from tallytale.programmes import services as people
from tallytale.programmes.models import Project
from tallytale.stories import services
from tallytale.stories.services import Actor
from tests.actors import OPERATOR

CLI = Actor("cli:test")


def _user(code: str, project: str | None, role: str | None):
    if project and role:
        try:
            person = people.add_person(
                code, project, role, joined_on=dt.date(2025, 1, 1), actor=OPERATOR
            )
        except Exception:  # already registered by the scheme fixture
            person = people.get_person(code)
            if role != "participant":
                people.add_person(code, project, role, actor=OPERATOR)
    else:
        person = people.get_person(code)
    user = User.objects.create_user(username=code.lower())  # no password: tests use force_login
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.fixture
def cwm(scheme):
    return Project.objects.get(slug="cwm")


@pytest.fixture
def users(scheme):
    """One user per role in cwm, a teller (M2), a plain member (M1) and an outsider (X1)."""
    return {
        "coordinator": _user("C1", "cwm", "coordinator"),
        "researcher": _user("R1", "cwm", "researcher"),
        "admin": _user("A1", "cwm", "admin"),
        "evaluator": _user("E1", "cwm", "evaluator"),
        "member": _user("M1", None, None),
        "teller": _user("M2", None, None),
        "collector": _user("M3", None, None),  # a participant who collected a story
        "outsider": _user("X1", None, None),
    }


@pytest.fixture
def make_story(cwm):
    def make(text="We met at the library and it helped.", **kw):
        kw.setdefault("language", "en")
        project = kw.pop("project", cwm)
        return services.collect(project, actor=kw.pop("actor", CLI), text=text, **kw)

    return make
