"""A project's scheme rules as a coordinator sees and changes them on the web.

Only the disclosure threshold k is a setting today; overdrafts are per partner
(`programmes.partners`), and credits have no expiry (the ledger has an `expire` kind for a
scheme that adopts one, but no policy retires credits).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.errors import InvalidInput

from .models import Project
from .permissions import Actor, require

MAX_K = 100


@transaction.atomic
def set_disclosure_k(actor: Actor, project: Project, text: str) -> Project:
    """Change the smallest count any report may publish in this project."""
    require(actor, "people.manage", project)
    try:
        k = int((text or "").strip())
    except ValueError:
        raise InvalidInput(_("k: enter a whole number, e.g. 5")) from None
    if not 1 <= k <= MAX_K:
        raise InvalidInput(_("k: enter a number from 1 to %(MAX_K)s") % {"MAX_K": MAX_K})
    before = project.disclosure_k
    Project.objects.filter(pk=project.pk).update(disclosure_k=k)
    project.disclosure_k = k
    record(
        "project.disclosure_k",
        actor_label=actor.label,
        actor=actor.audit_user,
        target=project,
        project_slug=project.slug,
        before=before,
        after=k,
    )
    return project
