"""What the community app holds about a person: their comments on draft findings."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tallytale.programmes.models import Person
from tallytale.programmes.signals import person_erased

from .models import FindingReview


@receiver(person_erased, dispatch_uid="community.person_erased")
def erase(sender: Any, person: Person, **_: Any) -> dict[str, int]:
    """Their comments on findings are blanked (the counted response stays, anonymous)."""
    n = FindingReview.objects.filter(person=person).exclude(comment="").update(comment="")
    return {"finding_comments_blanked": n}
