"""What the stories app holds about a person, for their own download and for erasure."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tallytale.programmes.models import Person
from tallytale.programmes.signals import person_erased, person_export

from .models import Story


@receiver(person_export, dispatch_uid="stories.person_export")
def export(sender: Any, person: Person, **_: Any) -> dict[str, Any]:
    """The stories they told, in their original words (they are the teller's)."""
    stories = (
        Story.objects.filter(teller=person, withdrawn_at__isnull=True)
        .select_related("project")
        .prefetch_related("consents", "answers__signifier")
        .order_by("id")
    )
    return {
        "stories": [
            {
                "id": s.pk,
                "project": s.project.slug,
                "collected_on": s.collected_on.isoformat() if s.collected_on else "",
                "language": s.language,
                "medium": s.medium,
                "title": s.title,
                "text": s.text,
                "translation": s.translation,
                "transcript": s.transcript,
                "consent": s.consent_level,
                "consent_history": [
                    {
                        "level": c.level,
                        "method": c.method,
                        "at": c.taken_at.isoformat(),
                        "by_teller": c.by_teller,
                    }
                    for c in s.consents.order_by("taken_at", "id")
                ],
                "self_signification": {a.signifier.name: a.value for a in s.answers.all()},
            }
            for s in stories
        ]
    }


@receiver(person_erased, dispatch_uid="stories.person_erased")
def erase(sender: Any, person: Person, actor: Any, **_: Any) -> dict[str, int]:
    """Every story they told is withdrawn: its words erased, here and wherever derived."""
    from .services import withdraw_everything

    return {"stories_withdrawn": withdraw_everything(person, actor=actor)}
