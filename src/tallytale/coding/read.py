"""Read-only figures about a project's themes, for dashboards (counts only, no text)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, QuerySet
from django.utils.translation import gettext, gettext_lazy

from tallytale.core.disclosure import DEFAULT_RULE, ProtectedTable, ThresholdRule, protect_table
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Person, Project
from tallytale.stories import read as stories_read

from .models import COUNTED, Code, Coding, ThemeAssignment, ThemeRun


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


# --- the matrices QDA users expect --------------------------------------------------------

#: participant attributes a code matrix may be broken down by (Person fields), with
#: the words for their column headings
ATTRIBUTES = {"age_band": gettext_lazy("Age band"), "gender": gettext_lazy("Gender")}


def _coded_pairs(project: Project, stories: QuerySet) -> list[tuple[int, int, int | None]]:
    """(story, code, teller) for every counted coding of an active code on `stories`."""
    return list(
        Coding.objects.filter(
            project=project,
            story__in=stories,
            origin__in=COUNTED,
            rejected_at__isnull=True,
            code__active=True,
        )
        .values_list("story_id", "code_id", "story__teller_id")
        .distinct()
    )


def cooccurrence(project: Project, stories: QuerySet, codes: list[Code]) -> list[list[int]]:
    """Stories coded with both codes, for every pair of `codes` (the diagonal: stories
    coded with the code at all). For the research team's own analysis: counts of their
    own coding, not published figures."""
    by_story: dict[int, set[int]] = defaultdict(set)
    for story_id, code_id, _teller in _coded_pairs(project, stories):
        by_story[story_id].add(code_id)
    index = {c.pk: i for i, c in enumerate(codes)}
    grid = [[0] * len(codes) for _ in codes]
    for coded in by_story.values():
        present = sorted(index[c] for c in coded if c in index)
        for a in present:
            for b in present:
                grid[a][b] += 1
    return grid


def codes_by_attribute(
    project: Project, stories: QuerySet, codes: list[Code], attribute: str
) -> tuple[list[str], ProtectedTable]:
    """Tellers whose stories carry each code, by a participant attribute (age band,
    gender), protected with the project's disclosure rule: small cells, and any cell that
    could be worked out from them and the totals, are hidden. Anonymous stories count in
    "not recorded". Returns the column values and the protected table."""
    if attribute not in ATTRIBUTES:
        raise InvalidInput(
            gettext("attribute must be one of %(choices)s") % {"choices": ", ".join(ATTRIBUTES)}
        )
    pairs = _coded_pairs(project, stories)
    tellers = {t for _s, _c, t in pairs if t is not None}
    value_of = dict(Person.objects.filter(pk__in=tellers).values_list("pk", attribute))
    not_recorded = str(gettext_lazy("not recorded"))
    people: dict[tuple[int, str], set] = defaultdict(set)
    for story_id, code_id, teller in pairs:
        value = (value_of.get(teller) or "").strip() or not_recorded
        people[(code_id, value)].add(teller if teller is not None else f"story:{story_id}")
    columns = sorted({v for _c, v in people} - {not_recorded})
    if any(v == not_recorded for _c, v in people):
        columns.append(not_recorded)
    cells = [[len(people.get((c.pk, v), ())) for v in columns] for c in codes]
    rule = ThresholdRule(k=project.disclosure_k or DEFAULT_RULE.k)
    return columns, protect_table(cells or [[0]], rule)
