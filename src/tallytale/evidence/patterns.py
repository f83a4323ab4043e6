"""The key triads of a report: what tellers said about their own stories, aggregated.

Why a separate, additive piece: reports only ever show densities and aggregates of
self-signification (zone counts after disclosure control, the mean, a sentence), never a
dot a reader could trace to a person; the plots come from `stories.patterns` with
`public=True`, for the report's audience (its consent level) and its disclosure k.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from tallytale.core.disclosure import ThresholdRule
from tallytale.programmes.models import Project
from tallytale.stories import patterns
from tallytale.stories.models import Signifier

#: at most this many triads per project in a report (the first ones, in the form's order)
MAX_TRIADS = 3


def _json_safe(panel: dict[str, Any]) -> dict[str, Any]:
    """The parts of a plot panel the report JSON keeps (no objects, no story ids)."""
    canvas = panel["canvas"]
    mean = panel["mean"]
    return {
        "title": panel["title"],
        "poles": panel["poles"],
        "canvas": {"width": canvas.width, "height": canvas.height},
        "triangle": panel["triangle"],
        "corners": panel["corners"],
        "zones": [{k: v for k, v in z.items() if k != "url"} | {"url": ""} for z in panel["zones"]],
        "dots": [],
        "mean": None
        if mean is None
        else {k: mean[k] for k in ("x", "y", "weights", "parts", "region")},
        "n_stories": panel["n_stories"],
        "summary": panel["summary"],
    }


def key_triads(
    projects: list[Project],
    audience: str,
    rule: ThresholdRule | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[dict[str, Any]]:
    """For each project and each of its first triads: the aggregated plot for `audience`
    (stories of that consent level) under `rule`, its data table and a sentence, plus new
    members compared with the others when both means may be published. Stories collected
    within the report's period (`start`, `end`) only, when it has one."""
    out = []
    for project in projects:
        triads = [s for s in patterns.signifiers(project) if s.kind == Signifier.Kind.TRIAD]
        for sig in triads[:MAX_TRIADS]:
            poles = [str(p) for p in sig.options]
            rows = patterns.answers(
                audience, project, sig, patterns.Filters(date_from=start, date_to=end)
            )
            if not rows:
                continue
            panel = patterns.triad_panel(sig.label, rows, poles, rule, public=True)
            new = [r for r in rows if r.groups["new_member"] == "yes"]
            old = [r for r in rows if r.groups["new_member"] == "no"]
            comparison = patterns.compare_sentence(
                patterns.triad_panel(
                    _("members new to volunteering"), new, poles, rule, public=True
                ),
                patterns.triad_panel(_("other members"), old, poles, rule, public=True),
                poles,
            )
            out.append(
                {
                    "project": project.slug,
                    "signifier": sig.name,
                    "panel": _json_safe(panel),
                    "comparison": comparison,
                }
            )
    return out
