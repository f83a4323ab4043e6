import pytest
from django.contrib.auth.models import User
from django.db import OperationalError

from tallytale.errors import InvalidInput
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.programmes import services as people
from tallytale.programmes.permissions import Actor
from tests.actors import OPERATOR


@pytest.fixture(autouse=True)
def _private_jobs_root(settings, tmp_path):
    settings.JOBS_ROOT = tmp_path / "jobs"


def member(code: str, project: str, role: str) -> Actor:
    """A signed-in web actor holding `role` in `project`."""
    person = people.add_person(code, project, role, actor=OPERATOR)
    user = User.objects.create_user(username=code.lower())
    person.user = user
    person.save(update_fields=["user"])
    return Actor(f"web:{user.username}", user)


State = Job.State
CALLS: list[int] = []


def _echo(job):
    CALLS.append(job.pk)
    behaviour = job.params.get("do")
    if behaviour == "locked" and job.attempts < 2:
        raise OperationalError("database is locked")
    if behaviour == "boom":
        raise InvalidInput("row 3: hours must be a number")
    if behaviour == "cancel-me":
        Job.objects.filter(pk=job.pk).update(state=State.CANCELLED)
    jobs.progress(job, 1, 2, "half way")
    return jobs.Result(b"hello", "echo.txt", "text/plain")


jobs.register("test.echo", capability="evidence.read", handler=_echo, label="Echo")


@pytest.fixture
def projects(db):
    people.create_project("alpha", "Alpha")
    people.create_project("beta", "Beta")
    return people.get_project("alpha"), people.get_project("beta")
