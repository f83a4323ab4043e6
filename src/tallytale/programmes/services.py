"""The one way to create programmes, projects, partners and people.

Views, API, CLI and imports call these; each runs in one transaction and raises a
`TallytaleError` with a one-line reason on bad input.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.audit.services import record
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
from .permissions import Actor, may_manage_person, require


def _valid(validator, value: str, what: str) -> None:
    try:
        validator(value)
    except ValidationError as exc:
        raise InvalidInput(f"{what} {value!r}: {exc.messages[0]}") from None


def get_programme(slug: str) -> Programme:
    try:
        return Programme.objects.get(slug=slug)
    except Programme.DoesNotExist:
        raise NotFound(_("no programme %(slug)s") % {"slug": repr(slug)}) from None


def get_project(slug: str) -> Project:
    try:
        return Project.objects.select_related("programme").get(slug=slug)
    except Project.DoesNotExist:
        raise NotFound(_("no project %(slug)s") % {"slug": repr(slug)}) from None


def get_partner(slug: str) -> Organisation:
    try:
        return Organisation.objects.select_related("project").get(slug=slug)
    except Organisation.DoesNotExist:
        raise NotFound(_("no partner %(slug)s") % {"slug": repr(slug)}) from None


def get_person(code: str) -> Person:
    """Find a person anywhere by participant code or member card code: for operators and
    for the person's own data. Shells acting in a project use `get_member` instead."""
    person = (
        Person.objects.filter(code=code).first() or Person.objects.filter(card_code=code).first()
    )
    if person is None or person.erased_at is not None:
        raise NotFound(_("no person %(code)s") % {"code": repr(code)})
    return person


def get_member(project: Project, code: str) -> Person:
    """A person who belongs to this project, by participant code or member card code.

    Codes are typed by users and may belong to another project; a person outside the
    project is reported exactly like an unknown code, so nothing about other projects leaks.
    """
    code = (code or "").strip()
    person = None
    if code:
        # in SQL, not built by the ORM: every hours entry and spend looks a member up, and
        # building the two lookups cost more CPU than the rest of the lookup (a participant
        # code wins over another person's card code)
        found = Person.objects.raw(
            "SELECT * FROM programmes_person WHERE (code = %s OR card_code = %s) AND id IN"
            " (SELECT person_id FROM programmes_membership WHERE project_id = %s)"
            " ORDER BY CASE WHEN code = %s THEN 0 ELSE 1 END, id LIMIT 1",
            [code, code, project.pk, code],
        )
        person = next(iter(found), None)
    if person is None or person.erased_at is not None:
        raise NotFound(
            _("no member %(code)s in %(project)s")
            % {"code": repr(code), "project": repr(project.slug)}
        )
    return person


def get_partner_in(project: Project, slug: str) -> Organisation:
    """A partner organisation of this project (never another project's)."""
    found = next(
        iter(
            Organisation.objects.raw(
                "SELECT * FROM programmes_organisation WHERE slug = %s AND project_id = %s",
                [slug, project.pk],
            )
        ),
        None,
    )
    if found is not None:
        found.project = project  # the caller's: no join to load it again
    if found is None:
        raise NotFound(
            _("no partner %(slug)s in %(project)s")
            % {"slug": repr(slug), "project": repr(project.slug)}
        )
    return found


@transaction.atomic
def create_programme(slug: str, name: str) -> Programme:
    _valid(slug_validator, slug, "programme slug")
    if Programme.objects.filter(slug=slug).exists():
        raise AlreadyExists(_("programme %(slug)s already exists") % {"slug": repr(slug)})
    return Programme.objects.create(slug=slug, name=name or slug)


@transaction.atomic
def create_project(
    slug: str, name: str, programme: str | None = None, disclosure_k: int = 5
) -> Project:
    _valid(slug_validator, slug, "project slug")
    if Project.objects.filter(slug=slug).exists():
        raise AlreadyExists(_("project %(slug)s already exists") % {"slug": repr(slug)})
    if disclosure_k < 1:
        raise InvalidInput(_("disclosure threshold k must be at least 1"))
    prog = get_programme(programme) if programme else None
    # the ledger opens the project's issuance account and pot as the project is saved
    return Project.objects.create(
        slug=slug, name=name or slug, programme=prog, disclosure_k=disclosure_k
    )


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
            _("partner kind must be one of %(choices)s; got %(kind)s")
            % {"choices": ", ".join(Organisation.Kind.values), "kind": repr(kind)}
        )
    proj = get_project(project)
    if Organisation.objects.filter(slug=slug).exists():
        raise AlreadyExists(_("partner %(slug)s already exists") % {"slug": repr(slug)})
    if overdraft_minutes < 0:
        raise InvalidInput(_("overdraft must not be negative"))
    # the ledger opens the partner's account as it is saved
    return Organisation.objects.create(
        slug=slug, name=name or slug, project=proj, kind=kind, overdraft_minutes=overdraft_minutes
    )


@transaction.atomic
def add_person(
    code: str,
    project: str,
    role: str = Role.PARTICIPANT,
    *,
    actor: Actor,
    card_code: str | None = None,
    joined_on: dt.date | None = None,
    new_to_volunteering: bool | None = None,
    email: str = "",
    phone: str = "",
    **demographics: str,
) -> Person:
    """Register a person in a project, or give a person of this project another role.

    A code already registered in another project is not a capability: adding that person
    here is refused unless the actor may manage them everywhere they belong (an operator,
    or a coordinator of every one of their projects). The person can join themselves by
    accepting an invitation while signed in (`accounts.services.accept_invitation_as`).
    """
    _valid(code_validator, code, "person code")
    if role not in Role.values:
        raise InvalidInput(
            _("role must be one of %(choices)s; got %(role)s")
            % {"choices": ", ".join(Role.values), "role": repr(role)}
        )
    proj = get_project(project)
    require(actor, "people.manage", proj)
    if role == Role.ADMIN and not actor.is_operator and not _is_admin(actor, proj):
        raise InvalidInput(_("only an admin may make someone an admin"))
    joined = joined_on or timezone.localdate()
    person = Person.objects.select_for_update().filter(code=code).first()
    if person is None:
        if card_code and Person.objects.filter(card_code=card_code).exists():
            raise AlreadyExists(
                _("member card %(card_code)s is already in use") % {"card_code": repr(card_code)}
            )
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
        # the ledger opens the person's account as they are saved (ledger.signals)
    else:
        if person.erased_at is not None:
            raise AlreadyExists(
                _("person code %(code)s belonged to someone erased; choose another")
                % {"code": repr(code)}
            )
        elsewhere = person.memberships.exclude(project=proj).exists()
        if elsewhere and not may_manage_person(actor, person):
            raise AlreadyExists(
                _(
                    "person code %(code)s is registered in another project; they can join "
                    "%(proj)s by accepting an invitation while signed in, or an admin can "
                    "add them"
                )
                % {"code": repr(code), "proj": repr(proj.slug)}
            )
    return admit(person, proj, role, actor=actor, joined_on=joined)


def _is_admin(actor: Actor, project: Project) -> bool:
    from .permissions import roles

    return Role.ADMIN in roles(actor, project)


def admit(
    person: Person,
    project: Project,
    role: str,
    *,
    actor: Actor,
    joined_on: dt.date | None = None,
    consent_of: object | None = None,
) -> Person:
    """Write one membership and its audit event. Callers have decided that the admission
    is allowed: `add_person` checked the actor's rights; an invitation accepted by the
    signed-in person (`consent_of`) is that person's consent."""
    try:
        with transaction.atomic():
            Membership.objects.create(
                person=person,
                project=project,
                role=role,
                joined_on=joined_on or timezone.localdate(),
            )
    except IntegrityError:
        raise AlreadyExists(
            _("person %(person)s is already a %(role)s in %(project)s")
            % {"person": repr(person.code), "role": role, "project": repr(project.slug)}
        ) from None
    record(
        "person.membership_added",
        actor_label=actor.label,
        actor=actor.audit_user,
        target=person,
        project_slug=project.slug,
        role=role,
        by_consent=consent_of is not None,
    )
    return person


def roles_of(person: Person, project: Project) -> set[str]:
    return set(
        Membership.objects.filter(person=person, project=project).values_list("role", flat=True)
    )
