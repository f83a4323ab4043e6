"""Read-only figures about a project's themes, for dashboards (counts only, no text)."""

from __future__ import annotations

from django.db.models import Count

from tallytale.programmes.models import Project
from tallytale.stories import read as stories_read

from .models import ThemeAssignment, ThemeRun


def stories_per_theme(project: Project) -> list[dict]:
    """Live stories per theme of the project's latest theme run, most first (per prompt
    before any run): `{"theme": label, "n": count}`."""
    run = ThemeRun.objects.filter(project=project).order_by("-id").first()
    if run is None:
        return stories_read.counts_per_prompt(project)
    counts = (
        ThemeAssignment.objects.filter(run=run, story__withdrawn_at__isnull=True)
        .values("theme_id")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    labels = {t["id"]: t["label"] for t in run.themes}
    return [{"theme": labels.get(r["theme_id"], str(r["theme_id"])), "n": r["n"]} for r in counts]
