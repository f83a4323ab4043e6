"""What the ledger holds about a person, for their own download.

Erasure leaves the ledger whole: transfers reference the person's account, whose owner
keeps its id and loses its code (`tallytale.rights.erasure`), so the books still balance.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tallytale.programmes.models import Person
from tallytale.programmes.signals import person_export

from . import statements as ledger_statements
from .models import Contribution


@receiver(person_export, dispatch_uid="ledger.person_export")
def export(sender: Any, person: Person, **_: Any) -> dict[str, Any]:
    return {
        "ledger_statement": ledger_statements.statement(person.code)["lines"],
        "hours_given": [
            {
                "day": c.day.isoformat(),
                "partner": c.partner.slug,
                "minutes": c.minutes,
                "activity": c.activity,
            }
            for c in Contribution.objects.filter(person=person)
            .select_related("partner")
            .order_by("day", "id")
        ],
    }
