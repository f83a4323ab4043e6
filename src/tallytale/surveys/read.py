"""Read-only figures about a project's surveys, for dashboards (aggregates only)."""

from __future__ import annotations

from django.db.models import Count

from tallytale.programmes.models import Project

from .models import Response, Wave


def response_rates(project: Project, participants: int) -> list[dict]:
    """Per wave, in order: how many people responded and what share of `participants`
    that is (percent, one decimal; 0 when there are no participants)."""
    responded = dict(
        Response.objects.filter(project=project, person__isnull=False, wave__isnull=False)
        .values("wave")
        .annotate(n=Count("person", distinct=True))
        .values_list("wave", "n")
    )
    rates = []
    for w in Wave.objects.filter(project=project).order_by("position", "name"):
        n = responded.get(w.pk, 0)
        rate = round(100 * n / participants, 1) if participants else 0.0
        rates.append({"wave": w.label or w.name, "responded": n, "rate": rate})
    return rates
