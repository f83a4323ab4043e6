"""The one way to create programmes, projects, partners and people.

Views, API, CLI and imports call these; each runs in one transaction and raises a
`TallytaleError` with a one-line reason on bad input.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tallytale.errors import AlreadyExists, InvalidInput, NotFound

from .models import (
    ContactDetails,
    Membership,
    Organisation,
    Person,
    Programme,
    Project,
    Role,
    code_validator,
    slug_validator,
)


def _valid(validator, value: str, what: str) -> None:
    try:
        validator(value)
    except ValidationError as exc:
        raise InvalidInput(f"{what} {value!r}: {exc.messages[0]}") from None


def get_programme(slug: str) -> Programme:
    try:
        return Programme.objects.get(slug=slug)
    except Programme.DoesNotExist:
        raise NotFound(f"no programme {slug!r}") from None


def get_project(slug: str) -> Project:
    try:
        return Project.objects.select_related("programme").get(slug=slug)
    except Project.DoesNotExist:
        raise NotFound(f"no project {slug!r}") from None


def get_partner(slug: str) -> Organisation:
    try:
        return Organisation.objects.select_related("project").get(slug=slug)
    except Organisation.DoesNotExist:
        raise NotFound(f"no partner {slug!r}") from None


def get_person(code: str) -> Person:
    """Find a member by participant code or member card code."""
    person = (
        Person.objects.filter(code=code).first() or Person.objects.filter(card_code=code).first()
    )
    if person is None or person.erased_at is not None:
        raise NotFound(f"no person {code!r}")
    return person


@transaction.atomic
def create_programme(slug: str, name: str) -> Programme:
    _valid(slug_validator, slug, "programme slug")
    if Programme.objects.filter(slug=slug).exists():
        raise AlreadyExists(f"programme {slug!r} already exists")
    return Programme.objects.create(slug=slug, name=name or slug)


@transaction.atomic
def create_project(
    slug: str, name: str, programme: str | None = None, disclosure_k: int = 5
) -> Project:
    _valid(slug_validator, slug, "project slug")
    if Project.objects.filter(slug=slug).exists():
        raise AlreadyExists(f"project {slug!r} already exists")
    if disclosure_k < 1:
        raise InvalidInput("disclosure threshold k must be at least 1")
    prog = get_programme(programme) if programme else None
    project = Project.objects.create(
        slug=slug, name=name or slug, programme=prog, disclosure_k=disclosure_k
    )
    from tallytale.ledger.services import scheme_accounts

    scheme_accounts(project)
    return project


def list_projects() -> list[dict]:
    return [
        {"slug": p.slug, "name": p.name, "programme": p.programme.slug if p.programme else None}
        for p in Project.objects.select_related("programme").order_by("slug")
    ]


@transaction.atomic
def add_partner(
    slug: str, project: str, kind: str, name: str = "", overdraft_minutes: int = 0
) -> Organisation:
    _valid(slug_validator, slug, "partner slug")
    if kind not in Organisation.Kind.values:
        raise InvalidInput(
            f"partner kind must be one of {', '.join(Organisation.Kind.values)}; got {kind!r}"
        )
    proj = get_project(project)
    if Organisation.objects.filter(slug=slug).exists():
        raise AlreadyExists(f"partner {slug!r} already exists")
    if overdraft_minutes < 0:
        raise InvalidInput("overdraft must not be negative")
    org = Organisation.objects.create(
        slug=slug, name=name or slug, project=proj, kind=kind, overdraft_minutes=overdraft_minutes
    )
    from tallytale.ledger.services import account_for_organisation

    account_for_organisation(org)
    return org


@transaction.atomic
def add_person(
    code: str,
    project: str,
    role: str = Role.PARTICIPANT,
    *,
    card_code: str | None = None,
    joined_on: dt.date | None = None,
    new_to_volunteering: bool | None = None,
    email: str = "",
    phone: str = "",
    **demographics: str,
) -> Person:
    """Register a person in a project. A code already registered elsewhere gets a new
    membership, not a second person; the same code, project and role twice is refused."""
    _valid(code_validator, code, "person code")
    if role not in Role.values:
        raise InvalidInput(f"role must be one of {', '.join(Role.values)}; got {role!r}")
    proj = get_project(project)
    joined = joined_on or timezone.localdate()
    person = Person.objects.filter(code=code).first()
    if person is None:
        if card_code and Person.objects.filter(card_code=card_code).exists():
            raise AlreadyExists(f"member card {card_code!r} is already in use")
        person = Person.objects.create(
            code=code,
            card_code=card_code or None,
            home_project=proj,
            registered_on=joined,
            new_to_volunteering=new_to_volunteering,
            **demographics,
        )
        if email or phone:
            ContactDetails.objects.create(person=person, email=email, phone=phone)
        from tallytale.ledger.services import account_for_person

        account_for_person(person)
    elif Membership.objects.filter(person=person, project=proj, role=role).exists():
        raise AlreadyExists(f"person {code!r} is already a {role} in {proj.slug!r}")
    try:
        with transaction.atomic():
            Membership.objects.create(person=person, project=proj, role=role, joined_on=joined)
    except IntegrityError:
        raise AlreadyExists(f"person {code!r} is already a {role} in {proj.slug!r}") from None
    return person


def roles_of(person: Person, project: Project) -> set[str]:
    return set(
        Membership.objects.filter(person=person, project=project).values_list("role", flat=True)
    )
