"""Read-only figures about a project's stories, for dashboards (counts only, no text)."""

from __future__ import annotations

from django.db.models import Count

from tallytale.programmes.models import Project

from .models import Story


def counts_per_prompt(project: Project) -> list[dict]:
    """Live (not withdrawn) stories per prompt, most first: `{"theme": prompt text or None,
    "n": count}`. None, not a translated label: dashboards cache these across languages."""
    per_prompt = (
        Story.objects.filter(project=project, withdrawn_at__isnull=True)
        .values("prompt__text")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return [{"theme": r["prompt__text"], "n": r["n"]} for r in per_prompt]
