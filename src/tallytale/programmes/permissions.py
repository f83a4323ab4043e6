"""Who may do what, per project: the one place roles become permissions.

Every view, API endpoint, export and report asks `can(...)` or `require(...)`; nothing
else decides access. Deny by default: an action not listed for a role is refused.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import Membership, Project, Role

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
    "community.participate": frozenset(set(Role.values)),
}

RESEARCH_TEAM = frozenset({Role.RESEARCHER, Role.COORDINATOR, Role.ADMIN})


def roles(user, project: Project) -> set[str]:
    """The user's roles in a project (empty for anonymous users and non-members)."""
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
    if not can(user, capability, project):
        raise PermissionDenied(capability)


def projects_where(user, capability: str) -> list[Project]:
    """Projects in which the user holds a capability (for lists and menus)."""
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


def declares(permission: str):
    """Mark a view with the permission it enforces: PUBLIC, SIGNED_IN or a capability."""
    if permission not in (PUBLIC, SIGNED_IN) and permission not in CAPABILITIES:
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
