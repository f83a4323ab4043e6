import datetime as dt

import pytest
from django.contrib.auth.models import User

from tallytale.programmes import services as people
from tallytale.programmes.models import Project
from tallytale.stories import services as story_services
from tallytale.stories.services import Actor
from tests.actors import OPERATOR

CLI = Actor("cli:test")


def _user(code: str, project: str, role: str | None):
    if role:
        person = people.add_person(
            code, project, role, joined_on=dt.date(2025, 1, 1), actor=OPERATOR
        )
    else:
        person = people.get_person(code)
    user = User.objects.create_user(username=code.lower())
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.fixture
def cwm(scheme):
    return Project.objects.get(slug="cwm")


@pytest.fixture
def users(scheme):
    """Two researchers (coders), a coordinator, an evaluator, a member and an outsider."""
    return {
        "alice": _user("R1", "cwm", "researcher"),
        "bob": _user("R2", "cwm", "researcher"),
        "coordinator": _user("C1", "cwm", "coordinator"),
        "evaluator": _user("E1", "cwm", "evaluator"),
        "member": _user("M1", "cwm", None),
        "outsider": _user("X1", "elsewhere", None),
    }


@pytest.fixture
def make_story(cwm):
    def make(text="We met at the library and it helped.", **kw):
        kw.setdefault("language", "en")
        project = kw.pop("project", cwm)
        return story_services.collect(project, actor=CLI, text=text, **kw)

    return make


@pytest.fixture
def corpus(cwm):
    """A generated corpus with known themes (storygen), written straight through the
    stories service; returns [(story, GeneratedStory)]."""
    from tallytale.demo.storygen import generate_corpus

    def make(n: int, seed: int = 1, project=None):
        gen = generate_corpus(n, seed=seed, languages={"en": 1.0})
        drafts = []
        target = project or cwm
        for i, g in enumerate(gen):
            d, errors = story_services.prepare(
                target, text=g.text, language="en", external_id=f"gen-{seed}-{i}"
            )
            assert not errors, errors
            drafts.append(d)
        stories = story_services.collect_many(drafts, actor=CLI)
        return list(zip(stories, gen, strict=True))

    return make
