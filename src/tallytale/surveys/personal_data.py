"""What the surveys app holds about a person, for their own download and for erasure."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tallytale.programmes.models import Person
from tallytale.programmes.signals import person_erased, person_export

from .models import Answer, Response, ScaleScore


@receiver(person_export, dispatch_uid="surveys.person_export")
def export(sender: Any, person: Person, **_: Any) -> dict[str, Any]:
    responses = (
        Response.objects.filter(person=person)
        .select_related("instrument", "wave", "project")
        .order_by("id")
    )
    return {
        "survey_responses": [
            {
                "id": r.pk,
                "project": r.project.slug,
                "instrument": r.instrument.form_id,
                "version": r.instrument.version,
                "wave": r.wave.name if r.wave else "",
                "submitted_at": r.submitted_at.isoformat() if r.submitted_at else "",
                "answers": r.data,
                "scores": r.scores,
            }
            for r in responses
        ]
    }


@receiver(person_erased, dispatch_uid="surveys.person_erased")
def erase(sender: Any, person: Person, **_: Any) -> dict[str, int]:
    """Their responses, typed answers and scale scores are deleted."""
    responses = Response.objects.filter(person=person)
    answers, _ = Answer.objects.filter(response__in=responses).delete()
    scores, _ = ScaleScore.objects.filter(response__in=responses).delete()
    n_responses, _ = responses.delete()
    return {"responses_deleted": n_responses, "answers_deleted": answers, "scores_deleted": scores}
