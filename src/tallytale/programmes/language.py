"""A person's language: the one they read Tallytale in (Welsh Language Standards).

Kept on the `Person` (not the login account): it is a fact about the person that their
coordinator records and may change with them, that belongs in their own data download,
and that e-mails and printed statements need even before they have an account. Users
without a person (installation superusers) keep the language their browser chose.

It is used for every page after sign-in (`accounts.middleware.PreferredLanguageMiddleware`),
for what is e-mailed to them (`accounts.mail`), and as the default language of a report
they build (`preferred_language`). Choosing a language with the page's switch saves it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.errors import InvalidInput, NotFound

from .models import Person, Project
from .permissions import Actor, may_manage_person, require


def offered() -> list[str]:
    """The installation's language codes, in the order it offers them (TALLYTALE_LANGUAGES)."""
    return [code for code, _name in settings.LANGUAGES]


def offered_code(code: str | None) -> str | None:
    """`code` if it is a language this installation offers, else None."""
    code = (code or "").strip().lower()
    return code if code in offered() else None


def _person_of(user: Any) -> Person | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)  # cached on the user: one query per request
    return person if person is not None and person.erased_at is None else None


def chosen_language(user: Any) -> str | None:
    """The language this user's person chose (still offered here), or None if none."""
    person = _person_of(user)
    return offered_code(person.language) if person is not None else None


def preferred_language(user: Any) -> str:
    """The language to address this user in: theirs if chosen, else the installation's
    first language. For e-mails, and the default language of a report they build.
    Takes a user or an `Actor` (its user; a command-line actor gets the first language)."""
    if isinstance(user, Actor):
        user = user.user
    return chosen_language(user) or settings.LANGUAGE_CODE


def language_for(person: Person | None) -> str:
    """The language to write to a person in (theirs, else the installation's first)."""
    return (offered_code(person.language) if person is not None else None) or (
        settings.LANGUAGE_CODE
    )


def _checked(code: str) -> str:
    found = offered_code(code)
    if found is None:
        raise InvalidInput(
            _("language: choose one of %(choices)s; got %(code)s")
            % {"choices": ", ".join(offered()), "code": repr(code)}
        )
    return found


@transaction.atomic
def set_own_language(user: Any, code: str) -> bool:
    """The signed-in person chooses their language (the switch, or their account page).
    Returns whether a preference was saved (False for a user with no person)."""
    code = _checked(code)
    person = _person_of(user)
    if person is None:
        return False
    if person.language != code:
        Person.objects.filter(pk=person.pk).update(language=code)
        person.language = code
        record(
            "person.language_changed",
            actor_label=f"web:{user.get_username()}",
            actor=user,
            target=person,
            language=code,
            by="self",
        )
    return True


@transaction.atomic
def set_member_language(actor: Actor, project: Project, person: Person, code: str) -> None:
    """A coordinator records a member's language. Only where they manage people, and only
    for a member of that project (callers find the person with `services.get_member`;
    this checks it again so a shell that forgot cannot reach another project's people).
    A person who also belongs to a project the coordinator does not manage sets their
    language themselves: it is theirs in every project (`may_manage_person`)."""
    require(actor, "people.manage", project)
    code = _checked(code)
    if not person.memberships.filter(project=project).exists() or person.erased_at is not None:
        raise NotFound(
            _("no member %(person)s in %(project)s")
            % {"person": repr(person.code), "project": repr(project.slug)}
        )
    if not may_manage_person(actor, person):
        raise InvalidInput(
            _(
                "language: %(person)s also belongs to another project, so they set their "
                "language themselves"
            )
            % {"person": person.code}
        )
    if person.language != code:
        Person.objects.filter(pk=person.pk).update(language=code)
        person.language = code
        record(
            "person.language_changed",
            actor_label=actor.label,
            actor=actor.audit_user,
            target=person,
            project_slug=project.slug,
            language=code,
            by="coordinator",
        )
