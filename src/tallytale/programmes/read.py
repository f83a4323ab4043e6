"""Read-only questions about a project's people, for pages that list or count them."""

from __future__ import annotations

from .models import Membership, Project, Role


def participant_codes(project: Project) -> list[str]:
    """Codes of the project's participants who have not been erased, sorted."""
    return list(
        Membership.objects.filter(project=project, role=Role.PARTICIPANT, person__erased_at=None)
        .order_by("person__code")
        .values_list("person__code", flat=True)
        .distinct()
    )
