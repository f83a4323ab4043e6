"""Changing a member's roles in a project from the member page: a role is added with
`services.add_person`; this module takes one away.

A coordinator may not take away an admin's role (only an admin may), nor their own
coordinator role (someone else must, so a project is never left without one by mistake),
nor a person's last role in the project (that is leaving the project, done by erasure).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.errors import InvalidInput, NotFound

from .models import Membership, Person, Project, Role
from .permissions import Actor, require, roles


@transaction.atomic
def remove_role(actor: Actor, project: Project, person: Person, role: str) -> None:
    """Take `role` in `project` away from `person` (see the module's rules)."""
    require(actor, "people.manage", project)
    held = list(Membership.objects.select_for_update().filter(person=person, project=project))
    mine = next((m for m in held if m.role == role), None)
    if mine is None:
        raise NotFound(
            _("role: %(person)s is not a %(role)s in %(project)s")
            % {"person": person.code, "role": role, "project": project.slug}
        )
    if role == Role.ADMIN and not actor.is_operator and Role.ADMIN not in roles(actor, project):
        raise InvalidInput(_("role: only an admin may take away an admin's role"))
    if actor.person is not None and actor.person.pk == person.pk and role == Role.COORDINATOR:
        raise InvalidInput(_("role: another coordinator must take away your own coordinator role"))
    if len(held) == 1:
        raise InvalidInput(
            _("role: this is %(person)s's only role in %(project)s")
            % {"person": person.code, "project": project.slug}
        )
    mine.delete()
    record(
        "person.membership_removed",
        actor_label=actor.label,
        actor=actor.audit_user,
        target=person,
        project_slug=project.slug,
        role=role,
    )
