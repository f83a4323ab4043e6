"""The queries behind pattern views: the signifier answers a viewer may plot, filtered.

Why here: the answers belong to stories, and which stories a viewer may see is decided by
`access.visible_stories` (the consent table); a plot must never count a story its viewer
could not open. The geometry and the disclosure decision are `tallytale.core.patterns`;
the pages are `tallytale.web.patterns`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tallytale.core import patterns as core
from tallytale.core.disclosure import DEFAULT_RULE, ThresholdRule, protect_table, publish_count
from tallytale.programmes import permissions
from tallytale.programmes.models import Project

from . import access
from .models import Prompt, Signifier, SignifierAnswer, Story
from .signifiers import describe_answer

#: what a comparison may split tellers by (GET `compare=`), in the form's order
GROUP_DIMENSIONS: tuple[str, ...] = ("language", "new_member", "age_band", "gender", "prompt")


@dataclass(frozen=True)
class Filters:
    """Which stories a plot shows. Empty fields do not filter. `story_ids` is a further
    restriction a shell resolves within the project (stories given a code, a wave's dates
    become `date_from` / `date_to`)."""

    language: str = ""
    prompt: int | None = None
    age_band: str = ""
    gender: str = ""
    new_member: bool | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    story_ids: frozenset[int] | None = None

    def with_group(self, dimension: str, value: str) -> Filters:
        """These filters narrowed to one group of a comparison."""
        if dimension not in GROUP_DIMENSIONS:
            raise ValueError(_("unknown comparison %(dimension)s") % {"dimension": repr(dimension)})
        parsed: Any = value
        if dimension == "new_member":
            parsed = {"yes": True, "no": False}.get(value)
        elif dimension == "prompt":
            parsed = int(value) if value.isdigit() else -1
        return replace(self, **{dimension: parsed})


@dataclass(frozen=True)
class Answer:
    """One story's answer to one signifier, with what comparisons group by."""

    story_id: int
    teller_key: str
    value: Any
    groups: dict[str, str] = field(default_factory=dict)


def rule_for(viewer: Any, project: Project) -> ThresholdRule | None:
    """The disclosure rule a viewer's plots follow: None (no control) for the research team,
    else the project's threshold k."""
    if not isinstance(viewer, str) and permissions.can(viewer, "story.read_original", project):
        return None
    if viewer == "research_team":
        return None
    k = project.disclosure_k or DEFAULT_RULE.k
    return ThresholdRule(k=k, name=f"threshold rule (k = {k})")


def stories_for(viewer: Any, project: Project, filters: Filters) -> QuerySet[Story]:
    """The live stories `viewer` may see, narrowed by `filters`."""
    qs = access.visible_stories(viewer, project)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.prompt is not None:
        qs = qs.filter(prompt_id=filters.prompt)
    if filters.age_band:
        qs = qs.filter(teller__age_band=filters.age_band)
    if filters.gender:
        qs = qs.filter(teller__gender=filters.gender)
    if filters.new_member is not None:
        qs = qs.filter(teller__new_to_volunteering=filters.new_member)
    if filters.date_from is not None:
        qs = qs.filter(collected_on__gte=filters.date_from)
    if filters.date_to is not None:
        qs = qs.filter(collected_on__lte=filters.date_to)
    if filters.story_ids is not None:
        qs = qs.filter(pk__in=filters.story_ids)
    return qs


def signifiers(project: Project) -> list[Signifier]:
    """The project's active signifiers, in their order."""
    return list(Signifier.objects.filter(project=project, active=True).order_by("order", "id"))


def signifier_in(project: Project, name: str) -> Signifier | None:
    """A signifier by name within the project (never another project's)."""
    return Signifier.objects.filter(project=project, name=name).first()


def _yes_no(flag: bool | None) -> str:
    return "" if flag is None else ("yes" if flag else "no")


def answers(viewer: Any, project: Project, signifier: Signifier, filters: Filters) -> list[Answer]:
    """The answers to `signifier` on the stories `viewer` may see that pass `filters`, in
    story order, each with its group values (one query)."""
    if signifier.project_id != project.pk:
        raise ValueError(_("the signifier belongs to another project"))
    rows = (
        SignifierAnswer.objects.filter(
            signifier=signifier, story__in=stories_for(viewer, project, filters)
        )
        .order_by("story_id")
        .values_list(
            "story_id",
            "story__teller_id",
            "value",
            "story__language",
            "story__teller__new_to_volunteering",
            "story__teller__age_band",
            "story__teller__gender",
            "story__prompt_id",
        )
    )
    out = []
    for story_id, teller_id, value, language, new, age, gender, prompt in rows:
        out.append(
            Answer(
                story_id=story_id,
                teller_key=f"p{teller_id}" if teller_id else f"s{story_id}",
                value=value,
                groups={
                    "language": language or "",
                    "new_member": _yes_no(new),
                    "age_band": age or "",
                    "gender": gender or "",
                    "prompt": str(prompt or ""),
                },
            )
        )
    return out


def tellers(rows: list[Answer]) -> int:
    """How many different tellers the answers come from (a story with no recorded teller
    counts as its own): the disclosure threshold counts people, not stories."""
    return len({a.teller_key for a in rows})


def choices(viewer: Any, project: Project) -> dict[str, list[tuple[str, str]]]:
    """The values each filter can take among the stories `viewer` may see: (value, label)."""
    qs = access.visible_stories(viewer, project)

    def distinct(path: str) -> list[str]:
        return sorted(v for v in qs.values_list(path, flat=True).distinct() if v)

    prompts = Prompt.objects.filter(
        pk__in=qs.filter(prompt__isnull=False).values("prompt_id"), project=project
    )
    return {
        "language": [(v, v) for v in distinct("language")],
        "age_band": [(v, v) for v in distinct("teller__age_band")],
        "gender": [(v, v) for v in distinct("teller__gender")],
        "prompt": sorted((str(p.pk), str(p)) for p in prompts),  # in the reader's language
    }


# --- plots: core's geometry and disclosure decisions, in the viewer's language ----------------


def _term(term: str, pole: str) -> str:
    if term == "mostly":
        return _("mostly %(pole)s") % {"pole": pole}
    if term == "some":
        return _("some %(pole)s") % {"pole": pole}
    return _("a little %(pole)s") % {"pole": pole}


def describe_triad(value: Any, poles: list[str]) -> str:
    """One answer in words: "mostly the people (60%), some the activity (30%), a little
    the time credits (10%)", instead of three floats."""
    try:
        terms = core.triad_terms(value)
    except (TypeError, ValueError):
        return ""
    return ", ".join(f"{_term(t, poles[i])} ({pct}%)" for t, i, pct in terms)


def zone_label(zone: str, poles: list[str]) -> str:
    """A zone in words: "mostly the people", "between the people and the activity"."""
    if zone == "centre":
        return _("a mix of all three")
    if len(zone) == 1:
        return _("mostly %(pole)s") % {"pole": poles["abc".index(zone)]}
    first, second = (poles["abc".index(z)] for z in zone)
    return _("between %(first)s and %(second)s") % {"first": first, "second": second}


def _published(count: int, rule: ThresholdRule | None) -> int | None:
    return publish_count(count, rule)


def count_text(count: int | None, rule: ThresholdRule | None) -> str:
    """A published count, or "fewer than k" in its place."""
    if count is None:
        return _("fewer than %(k)s") % {"k": rule.k if rule else 0}
    return str(count)


def triad_panel(
    title: str,
    rows: list[Answer],
    poles: list[str],
    rule: ThresholdRule | None,
    *,
    public: bool = False,
    highlight: int | None = None,
    zone_url: str = "",
) -> dict[str, Any]:
    """Everything a triad plot and its data table show for one group: dots (only when
    `core.may_show_points`), zone shading from published counts, the mean and its 95%
    region (only when the mean may be published), and a summary sentence."""
    canvas = core.Canvas()
    values = [a.value for a in rows]
    n_tellers = tellers(rows)
    show_points = core.may_show_points(n_tellers, rule, public=public)
    counts = core.zone_counts(values)
    published: dict[str, int | None] = dict(counts)
    n_published: int | None = len(rows)
    if rule is not None:
        # zones and their total as one table: primary and secondary suppression, so no
        # hidden zone can be worked out from the total and the others
        table = protect_table([list(counts.values())], rule)
        published = {z: c.value for z, c in zip(counts, table.cells[0], strict=True)}
        n_published = table.row_totals[0].value
        if n_tellers < rule.k:
            published = dict.fromkeys(counts, None)  # too few people: no breakdown at all
    known = len(rows)
    zones = []
    for zone in core.ZONES:
        poly = core.zone_polygon(zone)
        centre = (sum(p[0] for p in poly) / len(poly), sum(p[1] for p in poly) / len(poly))
        count = published[zone]
        share = (count / known) if count and known else 0.0
        cx, cy = canvas.xy(centre)
        zones.append(
            {
                "zone": zone,
                "label": zone_label(zone, poles),
                "points": canvas.path(poly),
                "count": count,
                "count_text": count_text(count, rule),
                "percent": round(100 * share) if count is not None else None,
                "opacity": core.fmt(0.06 + 0.6 * share, 2),
                "x": cx,
                "y": cy,
                "url": f"{zone_url}zone={zone}" if zone_url else "",
            }
        )
    mean = None
    if values and (rule is None or n_tellers >= rule.mean_minimum):
        m = core.triad_mean(values)
        if m is not None:
            mx, my = canvas.xy(m.xy)
            mean = {
                "x": mx,
                "y": my,
                "weights": m.weights,
                "parts": [(poles[i], round(100 * w)) for i, w in enumerate(m.weights)],
                "region": canvas.path(m.region) if m.region else "",
                "raw": m,
            }
    dots = []
    if show_points:
        for a in rows:
            x, y = canvas.xy(core.ternary_xy(a.value))
            dots.append(
                {
                    "story_id": a.story_id,
                    "x": x,
                    "y": y,
                    "zone": core.zone_of(a.value),
                    "highlight": a.story_id == highlight,
                    "words": describe_triad(a.value, poles),
                }
            )
    top = max((z for z in zones if z["count"]), key=lambda z: z["count"], default=None)
    n_text = count_text(n_published, rule)
    if not rows:
        summary = _("No stories match these filters.")
    elif not show_points and rule is not None and n_tellers < rule.k:
        summary = _(
            "Fewer than %(k)s tellers match these filters, so individual answers and the "
            "breakdown are hidden."
        ) % {"k": rule.k}
    else:
        parts = [_("%(n)s stories.") % {"n": n_text}]
        if top is not None:
            parts.append(
                _("The largest share (%(percent)s%%) lies in the zone “%(zone)s”.")
                % {"percent": top["percent"], "zone": top["label"]}
            )
        if mean is not None:
            parts.append(
                _("On average: %(parts)s.")
                % {"parts": ", ".join(f"{p} {w}%" for p, w in mean["parts"])}
            )
        summary = " ".join(parts)
    return {
        "title": title,
        "poles": poles,
        "canvas": canvas,
        "triangle": canvas.triangle(),
        "corners": [canvas.corner(i) for i in range(3)],
        "zones": zones,
        "dots": dots,
        "dot_radius": "3.5" if len(dots) < 100 else "2.5",
        "dot_opacity": "0.85" if len(dots) < 100 else "0.45",
        "mean": mean,
        "show_points": show_points,
        "n_stories": n_text,
        "n_tellers": n_tellers,
        "summary": summary,
        "rule": rule,
    }


def compare_sentence(first: dict[str, Any], second: dict[str, Any], poles: list[str]) -> str:
    """ "New to volunteering leaned further to *the people* than the others: 0.58 vs 0.41",
    from two panels whose means may both be published; "" otherwise."""
    if not (first.get("mean") and second.get("mean")):
        return ""
    pole, diff = core.leaning(first["mean"]["raw"], second["mean"]["raw"])
    lead, other = (first, second) if diff >= 0 else (second, first)
    return _("%(lead)s leaned further to %(pole)s than %(other)s: %(a)s vs %(b)s.") % {
        "lead": lead["title"],
        "other": other["title"],
        "pole": poles[pole],
        "a": core.fmt(lead["mean"]["weights"][pole], 2),
        "b": core.fmt(other["mean"]["weights"][pole], 2),
    }


def scalar_panel(
    title: str, rows: list[Answer], signifier: Signifier, rule: ThresholdRule | None
) -> dict[str, Any]:
    """A histogram of slider (0-100, ten bins) or scale answers (one bin per value), with
    the mean when it may be published."""
    values = [int(a.value) for a in rows if isinstance(a.value, int | float)]
    n_tellers = tellers(rows)
    if signifier.kind == Signifier.Kind.SLIDER:
        low, high, width = 0, 100, 10
        labels = None
        ends = list(signifier.options or ["", ""])
    else:
        low, high, width = signifier.scale_min, signifier.scale_max, 1
        labels = list(signifier.options or [])
        ends = [labels[0], labels[-1]] if labels else [str(low), str(high)]
    bins = core.histogram(values, low, high, width, rule)
    if rule is not None and n_tellers < rule.k:
        bins = [core.Bin(b.low, b.high, None) for b in bins]
    top = max([b.count or 0 for b in bins] + [1])
    plot_w, plot_h, left, base = 300, 120, 30, 140
    slot = plot_w / len(bins)
    bars = []
    for i, b in enumerate(bins):
        h = plot_h * (b.count or 0) / top
        if labels and len(labels) == high - low + 1:
            name = labels[b.low - low]
        else:
            name = str(b.low) if b.low == b.high else f"{b.low}–{b.high}"
        bars.append(
            {
                "label": name,
                "count": b.count,
                "count_text": count_text(b.count, rule),
                "x": core.fmt(left + i * slot + 1),
                "width": core.fmt(slot - 2),
                "y": core.fmt(base - h),
                "height": core.fmt(h),
                "tick_x": core.fmt(left + (i + 0.5) * slot),
            }
        )
    mean = None
    if values and (rule is None or n_tellers >= rule.mean_minimum):
        mean = core.fmt(sum(values) / len(values), 1)
    if not rows:
        summary = _("No stories match these filters.")
    elif rule is not None and n_tellers < rule.k:
        summary = _("Fewer than %(k)s tellers match these filters, so the answers are hidden.") % {
            "k": rule.k
        }
    else:
        summary = _(
            "%(n)s answers; mean %(mean)s (from %(low)s, %(left)s, to %(high)s, %(right)s)."
        ) % {
            "n": count_text(_published(len(values), rule), rule),
            "mean": mean or "–",
            "low": low,
            "left": ends[0],
            "high": high,
            "right": ends[-1],
        }
    return {
        "title": title,
        "bars": bars,
        "mean": mean,
        "ends": ends,
        "summary": summary,
        "baseline": str(base),
        "width": str(left + plot_w + 10),
    }


def choice_panel(
    title: str, rows: list[Answer], signifier: Signifier, rule: ThresholdRule | None
) -> dict[str, Any]:
    """Bars for each option of a multiple choice: the share of answers that picked it, with
    its 95% interval as a whisker."""
    picks = [a.value if isinstance(a.value, list) else [] for a in rows]
    n_tellers = tellers(rows)
    shares = core.choice_shares(picks, [str(o) for o in signifier.options], rule)
    hidden = rule is not None and n_tellers < rule.k
    left, plot_w, row_h = 150, 170, 22
    bars = []
    for i, s in enumerate(shares):
        share = None if hidden else s.share
        y = 6 + i * row_h
        bar = {
            "option": s.option,
            "count_text": count_text(None if hidden else s.count, rule),
            "percent": None if share is None else round(100 * share),
            "interval": ""
            if share is None
            else f"{round(100 * (s.low or 0))}–{round(100 * (s.high or 0))}%",
            "y": str(y),
            "text_y": str(y + 12),
            "width": core.fmt(plot_w * (share or 0)),
            "low_x": core.fmt(left + plot_w * (s.low or 0)),
            "high_x": core.fmt(left + plot_w * (s.high or 0)),
            "mid_y": str(y + 8),
        }
        bars.append(bar)
    if not rows:
        summary = _("No stories match these filters.")
    elif hidden:
        summary = _("Fewer than %(k)s tellers match these filters, so the answers are hidden.") % {
            "k": rule.k  # type: ignore[union-attr]
        }
    else:
        best = max((b for b in bars if b["percent"] is not None), key=lambda b: b["percent"],
                   default=None)  # fmt: skip
        summary = (
            _("Chosen most often: %(option)s (%(percent)s%% of answers).")
            % {"option": best["option"], "percent": best["percent"]}
            if best
            else ""
        )
    return {
        "title": title,
        "bars": bars,
        "left": str(left),
        "height": str(12 + row_h * len(bars)),
        "summary": summary,
    }


def answer_display(signifier: Signifier, value: Any) -> dict[str, str]:
    """A stored answer as a reader sees it on the story's page: words (never raw floats)
    and, for a triad, the zone it lies in (for the link to where it sits in the plot)."""
    options = [str(o) for o in signifier.options or []]
    if signifier.kind == Signifier.Kind.TRIAD and len(options) == 3:
        try:
            zone = core.zone_of(value)
        except (TypeError, ValueError):
            return {"text": str(value), "zone": "", "zone_label": ""}
        return {
            "text": describe_triad(value, options),
            "zone": zone,
            "zone_label": zone_label(zone, options),
        }
    return {"text": describe_answer(signifier, value), "zone": "", "zone_label": ""}
