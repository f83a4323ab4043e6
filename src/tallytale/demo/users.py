"""Demo sign-ins: one user per role per project, each linked to that role's demo person.

The password is derived from the seed so a demo is reproducible, is printed by
`tallytale demo`, and is never a real secret: these accounts exist only in a demo database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from tallytale.programmes.models import Membership, Person, Role

from .people import Member

ROLES = (Role.COORDINATOR, Role.RESEARCHER, Role.EVALUATOR, Role.PARTICIPANT, Role.ADMIN)
_WORDS = ("river", "garden", "lantern", "harbour", "meadow", "kettle", "bridge", "choir")


@dataclass(frozen=True)
class DemoLogin:
    project: str
    role: str
    username: str
    person: str


def demo_password(seed: int) -> str:
    """A readable demo password, the same for every user of one demo (from the seed)."""
    h = hashlib.sha256(f"tallytale-demo-password:{seed}".encode()).digest()
    return f"demo-{_WORDS[h[0] % 8]}-{_WORDS[h[1] % 8]}-{int.from_bytes(h[2:4]) % 10000:04d}"


def username(slug: str, role: str) -> str:
    return f"{slug}-{role}"


def create_logins(members: list[Member], password: str) -> list[DemoLogin]:
    """Create the demo users; the participant login belongs to the project's first member
    (by code) who has stories or survey answers, so their pages have something to show."""
    from . import layout

    User = get_user_model()
    hashed = make_password(password)  # one hash for all: the same demo password
    logins: list[DemoLogin] = []
    first_member: dict[str, str] = {}
    for m in members:
        first_member.setdefault(m.project, m.code)
    with transaction.atomic():
        for slug in layout.project_slugs():
            for role in ROLES:
                if role == Role.PARTICIPANT:
                    code = _participant(slug) or first_member.get(slug)
                    if code is None:
                        continue
                else:
                    code = layout.staff_code(slug, role)
                user = User.objects.create(
                    username=username(slug, role), password=hashed, is_active=True
                )
                Person.objects.filter(code=code).update(user=user)
                logins.append(DemoLogin(slug, str(role), user.username, code))
    return logins


def _participant(slug: str) -> str | None:
    return (
        Membership.objects.filter(
            project__slug=slug,
            role=Role.PARTICIPANT,
            person__stories_told__isnull=False,
            person__responses__isnull=False,
        )
        .order_by("person__code")
        .values_list("person__code", flat=True)
        .first()
    )


def existing_logins() -> list[DemoLogin]:
    """The demo users in this database, by project and role."""
    from . import layout

    wanted = {username(s, r): (s, str(r)) for s in layout.project_slugs() for r in ROLES}
    person_of = dict(
        Person.objects.filter(user__username__in=list(wanted)).values_list("user__username", "code")
    )
    return [
        DemoLogin(slug, role, name, person_of[name])
        for name, (slug, role) in wanted.items()
        if name in person_of
    ]
