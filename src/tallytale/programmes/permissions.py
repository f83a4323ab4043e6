"""Who may do what, per project: the one place roles become permissions.

Every view, API endpoint, export and report asks `can(...)` or `require(...)`; nothing
else decides access. Deny by default: an action not listed for a role is refused.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from tallytale.audit.services import cli_actor
from tallytale.jobs.services import runs_as

from .models import Membership, Person, Project, Role


@dataclass(frozen=True)
class Actor:
    """Who is acting, from every entry point: the one shape services check permissions on.

    A web or API actor carries its user (signed in or anonymous) and holds exactly the
    roles that user's memberships give, project by project. An operator at the command
    line (`Actor.cli()`, `user=None`) runs the installation and holds every capability,
    as the Django admin does: whoever can run `tallytale` can already read the database.
    Shells build actors only through the constructors below, so a web request can never
    become an operator.
    """

    label: str
    user: Any = None

    @classmethod
    def from_request(cls, request: Any, channel: str = "web") -> Actor:
        user = request.user
        name = user.get_username() if getattr(user, "is_authenticated", False) else "anonymous"
        return cls(f"{channel}:{name}", user)

    @classmethod
    def token(cls, user: Any) -> Actor:
        """An API client acting with a bearer token of `user`."""
        return cls(f"api:{user.get_username()}", user)

    @classmethod
    def cli(cls, label: str = "") -> Actor:
        return cls(label or cli_actor(), None)

    @classmethod
    def of_job(cls, job: Any) -> Actor:
        """The actor a background job runs as: the user who queued it (re-checked by every
        service it calls), or the operator for a job queued at the command line."""
        user = runs_as(job)
        label = f"job {job.pk} for {job.actor_label}"
        return cls.cli(label) if user is None else cls(label, user)

    @property
    def is_operator(self) -> bool:
        return self.user is None

    @property
    def person(self) -> Person | None:
        return getattr(self.user, "person", None) if self.user is not None else None

    @property
    def audit_user(self) -> Any:
        """The user to name in the audit log (None for operators and anonymous users)."""
        return self.user if getattr(self.user, "pk", None) else None


def _user(actor_or_user: Any) -> Any:
    return actor_or_user.user if isinstance(actor_or_user, Actor) else actor_or_user


# capability -> roles that hold it in a project
CAPABILITIES: dict[str, frozenset[str]] = {
    # stories
    "story.collect": frozenset({Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN}),
    "story.read_redacted": frozenset(
        {Role.RESEARCHER, Role.COORDINATOR, Role.EVALUATOR, Role.ADMIN}
    ),
    "story.read_original": frozenset(
        {Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN}
    ),  # research team
    "story.read_project": frozenset(set(Role.values)),  # `project`+`public` consent, redacted
    "story.correct_redaction": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "story.manage_consent": frozenset({Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN}),
    # surveys
    "survey.enter": frozenset({Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN}),
    "survey.respond": frozenset(set(Role.values)),
    "survey.manage": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "survey.read_answers": frozenset(
        {Role.RESEARCHER, Role.COORDINATOR, Role.EVALUATOR, Role.ADMIN}
    ),
    "survey.export": frozenset({Role.COORDINATOR, Role.EVALUATOR, Role.ADMIN}),
    # coding and themes
    "coding.code": frozenset({Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN}),
    # ledger
    "ledger.record": frozenset({Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN}),
    "ledger.correct": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "ledger.read_all": frozenset({Role.COORDINATOR, Role.EVALUATOR, Role.ADMIN}),
    # people and evidence
    "people.manage": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "evidence.read": frozenset({Role.EVALUATOR, Role.COORDINATOR, Role.ADMIN, Role.RESEARCHER}),
    "evidence.claims": frozenset({Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN}),
    "community.participate": frozenset(set(Role.values)),
    # a project's jobs page; each job is then checked against what its kind produces
    "jobs.read": frozenset(set(Role.values)),
}

RESEARCH_TEAM = frozenset({Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN})


def roles(user, project: Project) -> set[str]:
    """The user's roles in a project (empty for anonymous users and non-members).
    Takes a user or an `Actor`; an operator holds every role."""
    if isinstance(user, Actor):
        if user.is_operator:
            return set(Role.values)
        user = user.user
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    person = getattr(user, "person", None)
    if person is None or person.erased_at is not None:
        return set()
    cache = getattr(user, "_tallytale_roles", None)
    if cache is None:
        cache = {}
        user._tallytale_roles = cache
    if project.pk not in cache:
        cache[project.pk] = set(
            Membership.objects.filter(person=person, project=project).values_list("role", flat=True)
        )
    return cache[project.pk]


def can(user, capability: str, project: Project) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}")
    return bool(roles(user, project) & CAPABILITIES[capability])


def require(user, capability: str, project: Project) -> None:
    """Refuse unless the actor (or user) holds the capability in this project. Services
    call this themselves, so a shell that forgets its own check cannot leak."""
    if not can(user, capability, project):
        raise PermissionDenied(capability)


def may_manage_person(actor: Actor, person: Person) -> bool:
    """Whether the actor may act on this person's account or admit them to a project.

    A person's codes are not a capability: a coordinator acts on a person only where every
    one of that person's memberships lies in a project the coordinator manages (an admin's
    powers are needed for a person who is an admin there). Anyone else needs the person's
    own consent (they accept an invitation while signed in) or an operator.
    """
    if actor.is_operator:
        return True
    user = actor.user
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(person, "user", None) is not None and (
        person.user.is_superuser or person.user.is_staff
    ):
        return bool(user.is_superuser)
    if user.is_superuser:
        return True
    held: dict[int, set[str]] = {}
    for project_id, role in Membership.objects.filter(person=person).values_list(
        "project_id", "role"
    ):
        held.setdefault(project_id, set()).add(role)
    if not held:
        return False
    for project in Project.objects.filter(pk__in=held):
        mine = roles(user, project)
        if not mine & CAPABILITIES["people.manage"]:
            return False
        if Role.ADMIN in held[project.pk] and Role.ADMIN not in mine:
            return False
    return True


def projects_where(user, capability: str) -> list[Project]:
    """Projects in which the user holds a capability (for lists and menus)."""
    user = _user(user)
    if (
        user is None
        or not getattr(user, "is_authenticated", False)
        or getattr(user, "person", None) is None
    ):
        return []
    allowed = CAPABILITIES[capability]
    ids = Membership.objects.filter(person=user.person, role__in=allowed).values_list(
        "project_id", flat=True
    )
    return list(Project.objects.filter(pk__in=ids).order_by("slug"))


# --- route declarations -------------------------------------------------------------------
# Every view declares what it enforces, so a test can walk all routes and refuse any view
# that declares nothing (deny by default). The view still performs the check itself (with
# `require(...)` on the project it serves); the declaration is what the route test reads.

PUBLIC = "public"  # anyone, signed in or not (sign-in page, language switch, health check)
SIGNED_IN = "signed-in"  # any signed-in user; the view only shows the user's own data
INSTALLATION = "installation"  # the installation's superusers only (backups of everything)


def declares(permission: str):
    """Mark a view with the permission it enforces: PUBLIC, SIGNED_IN or a capability."""
    if permission not in (PUBLIC, SIGNED_IN, INSTALLATION) and permission not in CAPABILITIES:
        raise KeyError(f"unknown permission {permission!r}")

    def mark(view):
        view.tallytale_permission = permission
        return view

    return mark


def declared_permission(view) -> str | None:
    """The permission a resolved view declares (looks through class-based views)."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "cls", None)):
        if candidate is not None and getattr(candidate, "tallytale_permission", None):
            return candidate.tallytale_permission
    return None


# --- resolving the project a page or endpoint serves ------------------------------------------


def project_or_404(slug: str) -> Project:
    """The project named in a URL; an unknown slug is a 404 like any unknown object."""
    project = Project.objects.select_related("programme").filter(slug=slug).first()
    if project is None:
        raise Http404(_("no such project"))
    return project


def project_for(request: Any, slug: str, capability: str) -> Project:
    """The project named in a URL, with the request's actor holding `capability` in it.

    A member's project and roles come in one query (every project page asks for both);
    anyone else (non-members, operators' shells) takes the two-step path."""
    user = request.user
    project = _member_project(user, slug)
    if project is None:
        project = project_or_404(slug)
    require(user, capability, project)
    return project


def _member_project(user: Any, slug: str) -> Project | None:
    """The project with this slug if the signed-in user is a member of it, their roles there
    cached on the user as `roles` caches them."""
    if isinstance(user, Actor) or not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)
    if person is None or person.erased_at is not None:
        return None
    # in SQL, not built by the ORM: every project page asks, and building this join cost
    # more CPU than running it (benchmarks/profile_views.py --tree); a project's programme
    # is loaded by the few pages that show it
    rows = list(
        Project.objects.raw(
            "SELECT p.*, m.role AS member_role FROM programmes_project p"
            " JOIN programmes_membership m ON m.project_id = p.id"
            " WHERE m.person_id = %s AND p.slug = %s",
            [person.pk, slug],
        )
    )
    if not rows:
        return None
    project = rows[0]
    cache = getattr(user, "_tallytale_roles", None)
    if cache is None:
        cache = user._tallytale_roles = {}
    cache[project.pk] = {p.member_role for p in rows}
    return project


def project_view(capability: str, *, sign_in: bool = True) -> Callable:
    """Declare and enforce in one place: the view is called as `view(request, project, ...)`
    with the project resolved from the URL's `slug` and `capability` checked in it, so what
    a view declares is what it enforces. Anonymous visitors are sent to sign in (pages) or
    refused with 403 (`sign_in=False`: endpoints the offline app posts to)."""
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}")

    def wrap(view: Callable) -> Callable:
        @functools.wraps(view)
        def inner(request: Any, slug: str, *args: Any, **kwargs: Any) -> Any:
            if sign_in and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return view(request, project_for(request, slug, capability), *args, **kwargs)

        inner.tallytale_permission = capability  # type: ignore[attr-defined]
        return inner

    return wrap
