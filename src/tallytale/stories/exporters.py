"""Export a project's stories for an audience, as CSV or JSON, in plain redacted text.

Why an audience and not a person: an export leaves the system, so what it may hold is
decided by who will read the file (`tallytale.core.consent.audience_may_read`). Original
text is never exported; held stories are exported only for the research team, flagged.
Every export is audited (counts only).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.core import consent as consent_rules
from tallytale.core.textsafe import csv_text
from tallytale.programmes.models import Project

from .access import visible_stories
from .models import Signifier, SignifierAnswer

BASE_COLUMNS = [
    "id",
    "external_id",
    "title",
    "text",
    "language",
    "medium",
    "has_recording",
    "translation",
    "translation_language",
    "consent",
    "participant_code",
    "collected_on",
    "held_for_review",
]


def story_rows(
    project: Project, audience: str = consent_rules.RESEARCH_TEAM
) -> list[dict[str, Any]]:
    """One dict per story the audience may read. Text fields are the redacted ones; a
    recording's transcript is the `text` when there is one. Participant codes are left out
    of `public` exports (pseudonymous codes still link stories to survey answers)."""
    stories = list(visible_stories(audience, project).select_related("teller").order_by("id"))
    sigs = list(Signifier.objects.filter(project=project).order_by("order", "id"))
    answers: dict[int, dict[str, Any]] = {}
    for a in SignifierAnswer.objects.filter(story__in=stories).select_related("signifier"):
        answers.setdefault(a.story_id, {})[a.signifier.name] = a.value
    rows = []
    for s in stories:
        text = s.transcript_redacted if s.transcript else s.text_redacted
        rows.append(
            {
                "id": s.pk,
                "external_id": s.external_id,
                "title": s.title_redacted,
                "text": text,
                "language": s.transcript_language if s.transcript else s.language,
                "medium": s.medium,
                "has_recording": bool(s.media_path),
                "translation": s.translation_redacted,
                "translation_language": s.translation_language,
                "consent": s.consent_level,
                "participant_code": (
                    s.teller.code if s.teller and audience != consent_rules.PUBLIC else ""
                ),
                "collected_on": s.collected_on.isoformat() if s.collected_on else "",
                "held_for_review": s.held_for_review,
                "signifiers": {sig.name: answers.get(s.pk, {}).get(sig.name) for sig in sigs},
            }
        )
    return rows


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(f"{x:.6g}" if isinstance(x, float) else str(x) for x in v)
    return v


def to_csv(rows: list[dict[str, Any]], signifier_names: list[str], *, excel: bool = False) -> str:
    """CSV through the one spreadsheet-safe writer; `excel` starts it with a byte-order mark."""
    header = BASE_COLUMNS + [f"sig:{n}" for n in signifier_names]
    body = (
        [_cell(r[c]) for c in BASE_COLUMNS]
        + [_cell(r["signifiers"].get(n)) for n in signifier_names]
        for r in rows
    )
    return csv_text([header, *body], bom=excel, lineterminator="\n")


def export_stories(
    project: Project,
    fmt: str,
    audience: str,
    *,
    actor_label: str,
    actor: Any = None,
    excel: bool = False,
) -> tuple[str | list[dict[str, Any]], int]:
    """Build the export and audit it. Returns (CSV text or JSON-able list, count);
    `excel` puts a UTF-8 byte-order mark before the CSV for spreadsheet programs."""
    if audience not in consent_rules.AUDIENCES:
        raise ValueError(_("unknown audience %(audience)s") % {"audience": repr(audience)})
    rows = story_rows(project, audience)
    record(
        "story.export",
        actor_label=actor_label,
        actor=actor,
        project_slug=project.slug,
        audience=audience,
        format=fmt,
        count=len(rows),
        built_at=timezone.now().isoformat(),
    )
    if fmt == "csv":
        names = list(
            Signifier.objects.filter(project=project)
            .order_by("order", "id")
            .values_list("name", flat=True)
        )
        return to_csv(rows, names, excel=excel), len(rows)
    return rows, len(rows)
