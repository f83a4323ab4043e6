"""Accounts: invitations, one-time sign-in links, coordinator password resets, API tokens.

The one way to change account state; views, the API and the CLI call these. Each runs in
one transaction and records an audit event (never the secret itself). Secrets are returned
once, to be shown or sent, and stored only as sha256 digests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes import language as languages
from tallytale.programmes import permissions
from tallytale.programmes import services as people
from tallytale.programmes.models import ContactDetails, Membership, Person, Project, Role

from . import bearer, mail
from .models import ApiToken, Invitation, LoginLink

User = get_user_model()
API_PREFIX = "tt_"
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)  # avoid a write on every API request


def _label(user: Any, channel: str = "web") -> str:
    return f"{channel}:{user.get_username()}" if user is not None else channel


def _check_password(password: str, user: Any = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages)) from None


def _find(model, secret: str, prefix: str = ""):
    """The row a presented secret belongs to, checked in constant time, else None."""
    selector = bearer.selector_of(secret or "", prefix)
    if selector is None:
        return None
    row = model.objects.filter(selector=selector).first()
    if row is None or not bearer.matches(secret, row.token_hash):
        return None
    return row


# --- invitations ----------------------------------------------------------------------------


@transaction.atomic
def invite(
    project: Project,
    person_code: str,
    role: str = Role.PARTICIPANT,
    *,
    actor: Any,
    email: str = "",
    language: str = "",
    build_url: Callable[[str], str] | None = None,
) -> tuple[Invitation, str]:
    """Invite someone to a project with a role. Returns the invitation and its secret (shown
    once, to send or to hand over). Only those who manage people in the project may invite,
    and only an admin may invite an admin.

    With an e-mail address and `build_url` (secret -> link), the link is also e-mailed, in
    the invitee's language: `language` if given, else the one they already chose, else the
    installation's first."""
    permissions.require(actor, "people.manage", project)
    if language and languages.offered_code(language) is None:
        raise InvalidInput(
            _("language: choose one of %(choices)s; got %(language)s")
            % {"choices": ", ".join(languages.offered()), "language": repr(language)}
        )
    if role not in Role.values:
        raise InvalidInput(
            _("role must be one of %(choices)s; got %(role)s")
            % {"choices": ", ".join(Role.values), "role": repr(role)}
        )
    if role == Role.ADMIN and Role.ADMIN not in permissions.roles(actor, project):
        raise InvalidInput(_("only an admin may invite an admin"))
    people._valid(people.code_validator, person_code, "person code")
    existing = Person.objects.filter(code=person_code).first()
    if existing is not None:
        if existing.erased_at is not None:
            raise InvalidInput(
                _("person code %(person_code)s belonged to someone erased")
                % {"person_code": repr(person_code)}
            )
        if existing.user_id is None and not _admissible(existing, project, _actor(actor)):
            # Whoever accepted the link would become that person: refused.
            raise InvalidInput(
                _(
                    "person code %(person_code)s is registered in another project and has "
                    "no account here to accept with; ask an admin to add them"
                )
                % {"person_code": repr(person_code)}
            )
        if (
            existing.user_id is not None
            and Membership.objects.filter(person=existing, project=project, role=role).exists()
        ):
            raise InvalidInput(
                _("person %(person_code)s is already a %(role)s in %(project)s")
                % {"person_code": repr(person_code), "role": role, "project": repr(project.slug)}
            )
    secret, selector, digest = bearer.new_secret()
    chosen = languages.offered_code(language) or (
        languages.offered_code(existing.language) if existing is not None else None
    )
    invitation = Invitation.objects.create(
        selector=selector,
        token_hash=digest,
        project=project,
        role=role,
        person_code=person_code,
        email=email,
        language=chosen or "",
        created_by=actor,
        expires_at=timezone.now() + settings.INVITATION_MAX_AGE,
    )
    if email and build_url is not None:
        url, days = build_url(secret), settings.INVITATION_MAX_AGE.days
        to, lang, name = email, chosen or settings.LANGUAGE_CODE, project.name
        transaction.on_commit(lambda: mail.invitation(to, lang, project=name, url=url, days=days))
    record(
        "account.invite",
        actor_label=_label(actor),
        actor=actor,
        target=invitation,
        project_slug=project.slug,
        role=role,
        person=person_code,
    )
    return invitation, secret


def _actor(user_or_actor: Any) -> permissions.Actor:
    if isinstance(user_or_actor, permissions.Actor):
        return user_or_actor
    if user_or_actor is None:  # an invitation whose inviter's account is gone
        return permissions.Actor("web:deleted-inviter", _NOBODY)
    return permissions.Actor(_label(user_or_actor), user_or_actor)


class _Nobody:
    """Stands for an inviter who no longer exists: holds no role anywhere."""

    is_authenticated = False
    is_superuser = is_staff = False
    pk = None


_NOBODY = _Nobody()


def _admissible(person: Person, project: Project, actor: permissions.Actor) -> bool:
    """Whether `actor` may bring this existing person into `project` without the person's
    own consent: only if every project they already belong to is one the actor manages."""
    if not Membership.objects.filter(person=person).exclude(project=project).exists():
        return True
    return permissions.may_manage_person(actor, person)


def find_invitation(secret: str) -> Invitation | None:
    """A usable invitation for a presented secret, else None."""
    inv = _find(Invitation, secret)
    return inv if inv is not None and inv.usable else None


def accept_invitation(secret: str, username: str, password: str, language: str = "") -> Any:
    """Create the account an invitation offers: a user with the chosen password, linked to
    the person (registered now if new) with the invited role. Usable once. The person's
    language is recorded: the one chosen on the form, else the invitation's."""
    username = (username or "").strip()
    if not username:
        raise InvalidInput(_("choose a user name"))
    with transaction.atomic():
        inv = _find(Invitation, secret)
        if inv is None:
            raise NotFound(_("this invitation link is not valid"))
        inv = Invitation.objects.select_for_update().get(pk=inv.pk)
        if not inv.usable:
            raise NotFound(_("this invitation has expired or was already used"))
        if User.objects.filter(username__iexact=username).exists():
            raise InvalidInput(_("that user name is taken; choose another"))
        user = User(username=username, email=inv.email)
        _check_password(password, user)
        user.set_password(password)
        user.save()
        person = Person.objects.select_for_update().filter(code=inv.person_code).first()
        if person is not None and person.user_id is not None:
            raise InvalidInput(
                _(
                    "person %(code)s already has an account: sign in as them, then open the "
                    "invitation again to accept it"
                )
                % {"code": inv.person_code}
            )
        inviter = _actor(inv.created_by)
        if person is not None and not _admissible(person, inv.project, inviter):
            raise InvalidInput(
                _("person code %(code)s is registered in another project; ask an admin to add them")
                % {"code": inv.person_code}
            )
        if (
            person is None
            or not Membership.objects.filter(
                person=person, project=inv.project, role=inv.role
            ).exists()
        ):
            try:
                person = people.add_person(
                    inv.person_code, inv.project.slug, inv.role, email=inv.email, actor=inviter
                )
            except PermissionDenied:
                raise InvalidInput(
                    _(
                        "this invitation is no longer valid: whoever sent it no longer manages "
                        "this project's members"
                    )
                ) from None
        person.user = user
        person.language = (
            languages.offered_code(language)
            or person.language
            or languages.offered_code(inv.language)
            or ""
        )
        person.save(update_fields=["user", "language"])
        if inv.email:
            ContactDetails.objects.update_or_create(person=person, defaults={"email": inv.email})
        inv.used_at = timezone.now()
        inv.used_by = user
        inv.save(update_fields=["used_at", "used_by"])
        record(
            "account.invitation_accepted",
            actor_label=_label(user),
            actor=user,
            target=inv,
            project_slug=inv.project.slug,
            role=inv.role,
        )
    return user


def _password_set_by_someone_else(user: Any) -> bool:
    from tallytale.audit.models import AuditEvent

    return AuditEvent.objects.filter(
        action="account.password_reset", target_type=type(user).__name__, target_id=str(user.pk)
    ).exists()


def accept_invitation_as(secret: str, user: Any) -> Person:
    """A signed-in person accepts an invitation made out to their own code: their consent
    to join another project (or take another role). Nobody else can use it."""
    with transaction.atomic():
        inv = _find(Invitation, secret)
        if inv is None:
            raise NotFound(_("this invitation link is not valid"))
        inv = Invitation.objects.select_for_update().select_related("project").get(pk=inv.pk)
        if not inv.usable:
            raise NotFound(_("this invitation has expired or was already used"))
        person = Person.objects.filter(user=user, erased_at__isnull=True).first()
        if person is None or inv.person_code not in (person.code, person.card_code):
            raise InvalidInput(_("this invitation is for someone else"))
        if Membership.objects.filter(person=person, project=inv.project, role=inv.role).exists():
            raise InvalidInput(
                _("you are already a %(role)s in %(project)s")
                % {"role": inv.role, "project": inv.project.name}
            )
        if _password_set_by_someone_else(user):
            # Whoever set it (a coordinator) may know it: consent given with it is not
            # known to be the person's own.
            raise InvalidInput(
                _(
                    "your password was set by a coordinator; to join another project, ask an "
                    "admin to add you"
                )
            )
        me = permissions.Actor(_label(user), user)
        if inv.role == Role.ADMIN and Role.ADMIN not in permissions.roles(
            _actor(inv.created_by), inv.project
        ):
            raise InvalidInput(
                _("this invitation is no longer valid: only an admin may invite an admin")
            )
        people.admit(person, inv.project, inv.role, actor=me, consent_of=user)
        inv.used_at = timezone.now()
        inv.used_by = user
        inv.save(update_fields=["used_at", "used_by"])
        record(
            "account.invitation_accepted",
            actor_label=me.label,
            actor=user,
            target=inv,
            project_slug=inv.project.slug,
            role=inv.role,
        )
    return person


# --- one-time sign-in links -------------------------------------------------------------------


def _email_of(user: Any) -> str:
    if user.email:
        return user.email
    person = getattr(user, "person", None)
    contact = getattr(person, "contact", None) if person is not None else None
    return contact.email if contact is not None else ""


def _user_for(identifier: str) -> Any:
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    user = User.objects.filter(username__iexact=identifier, is_active=True).first()
    if user is None and "@" in identifier:
        user = (
            User.objects.filter(email__iexact=identifier, is_active=True).first()
            or User.objects.filter(
                person__contact__email__iexact=identifier, is_active=True
            ).first()
        )
    return user


@transaction.atomic
def request_login_link(identifier: str, *, build_url) -> bool:
    """E-mail a one-time sign-in link to the account with this user name or address, if it
    has an e-mail address. Returns whether one was sent; callers show the same page either
    way, so the form does not reveal who has an account."""
    user = _user_for(identifier)
    email = _email_of(user) if user is not None else ""
    if not email:
        record("account.login_link_refused", actor_label="web:anonymous", reason="no e-mail")
        return False
    secret, selector, digest = bearer.new_secret()
    link = LoginLink.objects.create(
        selector=selector,
        token_hash=digest,
        user=user,
        expires_at=timezone.now() + settings.LOGIN_LINK_MAX_AGE,
    )
    minutes = int(settings.LOGIN_LINK_MAX_AGE.total_seconds() // 60)
    url = build_url(secret)
    lang = languages.preferred_language(user)  # theirs, not the page's
    transaction.on_commit(lambda: mail.login_link(email, lang, url=url, minutes=minutes))
    record("account.login_link_sent", actor_label="web:anonymous", actor=user, target=link)
    return True


def find_login_link(secret: str) -> LoginLink | None:
    link = _find(LoginLink, secret)
    return link if link is not None and link.usable and link.user.is_active else None


@transaction.atomic
def consume_login_link(secret: str) -> Any:
    """The user a one-time link signs in, marking it used; None if it is not valid."""
    link = _find(LoginLink, secret)
    if link is not None:
        link = LoginLink.objects.select_for_update().select_related("user").get(pk=link.pk)
    if link is None or not link.usable or not link.user.is_active:
        record("account.login_link_rejected", actor_label="web:anonymous")
        return None
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    record("account.login_link_used", actor_label=_label(link.user), actor=link.user, target=link)
    return link.user


# --- coordinator password reset ---------------------------------------------------------------


@transaction.atomic
def reset_member_password(project: Project, person_code: str, password: str, *, actor: Any) -> Any:
    """Set a new password for a member of the project who has no e-mail to reset it with.

    Only those who manage people in the project may do this, only for members of that
    project, and never for an admin unless the actor is one. Changing the password ends
    the member's other sessions (Django checks the session's password hash).
    """
    permissions.require(actor, "people.manage", project)
    person = Person.objects.filter(code=person_code, erased_at__isnull=True).first()
    member_roles = (
        set(
            Membership.objects.filter(person=person, project=project).values_list("role", flat=True)
        )
        if person is not None
        else set()
    )
    if not member_roles:
        raise NotFound(
            _("no member %(person_code)s in %(project)s")
            % {"person_code": repr(person_code), "project": repr(project.slug)}
        )
    if Role.ADMIN in member_roles and Role.ADMIN not in permissions.roles(actor, project):
        raise InvalidInput(_("only an admin may reset an admin's password"))
    if not permissions.may_manage_person(_actor(actor), person):
        # The person also belongs to a project the actor does not manage: their account is
        # theirs and that project's, not this coordinator's.
        raise InvalidInput(
            _(
                "%(person_code)s also belongs to another project; they can reset their "
                "own password with a sign-in link, or an admin can"
            )
            % {"person_code": repr(person_code)}
        )
    user = person.user
    if user is None:
        username = person.code.lower()
        if User.objects.filter(username__iexact=username).exists():
            raise InvalidInput(
                _("user name %(username)s is taken; invite the member instead")
                % {"username": repr(username)}
            )
        user = User(username=username)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    email = _email_of(user)
    if email:  # tell them, in their language, in case it was not their wish
        lang, name = languages.language_for(person), project.name
        transaction.on_commit(lambda: mail.password_reset(email, lang, project=name))
    record(
        "account.password_reset",
        actor_label=_label(actor),
        actor=actor,
        target=user,
        project_slug=project.slug,
        person=person.code,
    )
    return user


# --- API tokens -------------------------------------------------------------------------------


@transaction.atomic
def create_api_token(user: Any, name: str) -> tuple[ApiToken, str]:
    """A new API token for the user; the secret is returned once and never again."""
    name = (name or "").strip()[:80]
    if not name:
        raise InvalidInput(_("give the token a name, e.g. the tool that will use it"))
    secret, selector, digest = bearer.new_secret(API_PREFIX)
    token = ApiToken.objects.create(
        selector=selector,
        token_hash=digest,
        user=user,
        name=name,
        expires_at=timezone.now() + settings.API_TOKEN_MAX_AGE,
    )
    record("account.api_token_created", actor_label=_label(user), actor=user, target=token)
    return token, secret


@transaction.atomic
def revoke_api_token(user: Any, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise NotFound(_("no such token"))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record("account.api_token_revoked", actor_label=_label(user), actor=user, target=token)
    return token


def authenticate_api_token(secret: str) -> Any:
    """The active user a presented API token belongs to, else None."""
    token = _find(ApiToken, secret, API_PREFIX)
    if token is None or not token.active:
        return None
    user = token.user
    if not user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user
