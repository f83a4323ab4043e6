"""Read-only questions about a project's people, for pages that list or count them."""

from __future__ import annotations

from django.db import connection

from .models import Project, Role


def participant_codes(project: Project) -> list[str]:
    """Codes of the project's participants who have not been erased, sorted."""
    # in SQL: the hours form and the dashboard ask on every request, and building the ORM
    # query cost more than running it
    with connection.cursor() as cur:
        cur.execute(
            "SELECT DISTINCT p.code FROM programmes_membership m"
            " JOIN programmes_person p ON p.id = m.person_id"
            " WHERE m.project_id = %s AND m.role = %s AND p.erased_at IS NULL ORDER BY p.code",
            [project.pk, Role.PARTICIPANT.value],
        )
        return [code for (code,) in cur.fetchall()]
