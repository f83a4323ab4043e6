"""Registering many demo members at once.

Why a bulk path: `programmes.services.add_person` makes about six queries per person, which
is ten minutes for the 100,000-participant demo. This writes the same rows it would (a
Person, a participant Membership in the home project and a ledger Account with a zero
floor) with three bulk inserts per chunk, after the same code validation. It is for
generated, already-consistent data only; people entered by hand or imported always go
through `add_person`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from tallytale.errors import AlreadyExists, InvalidInput
from tallytale.ledger.models import Account
from tallytale.programmes.models import Membership, Person, Project, Role, code_validator

CHUNK = 5000


@dataclass(slots=True)
class Member:
    """A generated participant and what the generator knows about them (ground truth)."""

    code: str
    project: str
    joined: dt.date
    engagement: float
    first_language: str
    person_id: int = 0
    card_code: str | None = None
    new_to_volunteering: bool | None = None
    age_band: str = ""
    gender: str = ""
    area: str = ""
    #: (day, minutes) for every hour-giving contribution, in date order
    earned: list[tuple[dt.date, int]] = field(default_factory=list)

    def hours_until(self, day: dt.date) -> float:
        """Hours given up to and including `day`: the demo's measure of involvement."""
        return sum(m for d, m in self.earned if d <= day) / 60


def add_members(members: list[Member]) -> None:
    """Write members as participants of their home projects; sets `person_id` on each."""
    projects = dict(Project.objects.values_list("slug", "pk"))
    for m in members:
        try:
            code_validator(m.code)
        except ValidationError:
            raise InvalidInput(f"person code {m.code!r} is not valid") from None
    codes = [m.code for m in members]
    if len(set(codes)) != len(codes):
        raise InvalidInput("member codes repeat")
    with transaction.atomic():
        for i in range(0, len(members), CHUNK):
            chunk = members[i : i + CHUNK]
            if Person.objects.filter(code__in=[m.code for m in chunk]).exists():
                raise AlreadyExists("some demo member codes are already registered")
            people = Person.objects.bulk_create(
                [
                    Person(
                        code=m.code,
                        card_code=m.card_code,
                        home_project_id=projects[m.project],
                        registered_on=m.joined,
                        new_to_volunteering=m.new_to_volunteering,
                        age_band=m.age_band,
                        gender=m.gender,
                        first_language=m.first_language,
                        area=m.area,
                    )
                    for m in chunk
                ]
            )
            for m, p in zip(chunk, people):
                m.person_id = p.pk
            Membership.objects.bulk_create(
                [
                    Membership(
                        person_id=m.person_id,
                        project_id=projects[m.project],
                        role=Role.PARTICIPANT,
                        joined_on=m.joined,
                    )
                    for m in chunk
                ]
            )
            Account.objects.bulk_create(
                [
                    Account(
                        owner=Account.Owner.PERSON,
                        person_id=m.person_id,
                        project_id=projects[m.project],
                        min_balance=0,
                    )
                    for m in chunk
                ]
            )
