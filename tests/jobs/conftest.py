import pytest
from django.contrib.auth.models import User

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
