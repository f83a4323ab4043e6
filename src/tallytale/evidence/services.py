"""Evidence reports: derive the claim set, compute it with disclosure control, pair every
claim with the stories of the people behind it, and build the report model.

The report model is a plain dict in the Report JSON contract of DESIGN.md (renderers in
`tallytale.evidence.render` turn it into HTML, PDF, Markdown and JSON). One call reads the
database a fixed number of times (`tallytale.evidence.data.load`) and computes everything
with numpy and the pure rules in `tallytale.core` (claims, disclosure, pairing).

Audience decides two things: which stories may appear (consent, via `visible_stories`) and
whether disclosure control applies (every audience except `research_team`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from tallytale.audit.services import record
from tallytale.core import claims as cl
from tallytale.core.consent import AUDIENCES, RESEARCH_TEAM
from tallytale.core.disclosure import NHS_DIGITAL, SECURE_RESEARCH_10, ThresholdRule
from tallytale.core.pairing import (
    ClaimPeople,
    StoryCandidate,
    StoryPool,
    check_rule,
    content_words,
    pair_stories,
)
from tallytale.core.scales import AGREEMENT, ONS4_ITEMS, TC_MEMBER_ITEMS, TC_PARTNER_ITEMS
from tallytale.core.stats import (
    SWEMWBS_MEANINGFUL_CHANGE_CITATION,
    SWEMWBS_MEANINGFUL_CHANGE_POINTS,
)
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Project
from tallytale.programmes.services import get_programme, get_project
from tallytale.stories.access import story_text_for
from tallytale.stories.models import Story

from . import data as evdata
from .models import Claim, ReportBuild

SCHEMA = "tallytale.report/1"
FORMATS = ("html", "pdf", "md", "json")
RULES: dict[str, ThresholdRule | None] = {
    "default": None,  # threshold rule with the project's k
    "nhs-digital": NHS_DIGITAL,
    "threshold-10": SECURE_RESEARCH_10,
}
EXCERPT_CHARS = 320
ON_THE_FLY_THEME_LIMIT = 5000

#: words that tie an item to stories' themes and codes (matched after crude stemming)
TOPICS: dict[str, str] = {
    "tc_quality_of_life": "quality life better wellbeing happier happy",
    "tc_healthier": "health healthier physical fit walking exercise",
    "tc_doctor_less": "doctor gp surgery appointment services",
    "tc_new_friends": "friends friendship lonely loneliness people together",
    "tc_contribute": "community volunteering contribute help giving",
    "tc_partner_access": "services access partner",
    "ons4_life": "life satisfied wellbeing",
    "ons4_worthwhile": "worthwhile useful purpose volunteering",
    "ons4_happy": "happy happier wellbeing",
    "ons4_anxious": "anxious anxiety worry stress mental",
    "swemwbs": "mental health wellbeing confident relaxed useful optimistic close",
    "ledger": "volunteering time credits hours giving",
}
RETROSPECTIVE = set(TC_MEMBER_ITEMS) | set(TC_PARTNER_ITEMS)


@dataclass
class _Spec:
    """A computed claim plus what pairing and story numbers need to know about it."""

    result: cl.ClaimResult
    section: str
    supporting: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rest: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    unit: str = "person"
    wording: str = ""
    topic_words: str = ""
    phrase: str = ""  # "said their quality of life improved"
    item: str = ""
    wave: int | None = None
    headline: bool = False


# --------------------------------------------------------------------------------------
# rules and populations
# --------------------------------------------------------------------------------------


def rule_for(
    projects: Sequence[Project], audience: str, preset: str = "default"
) -> ThresholdRule | None:
    """The disclosure rule for an audience (None for the research team). The project's own
    `disclosure_k` is a floor: a preset never publishes smaller cells than the project allows."""
    if audience not in AUDIENCES:
        raise InvalidInput(f"unknown audience {audience!r}; choose from {', '.join(AUDIENCES)}")
    if preset not in RULES:
        raise InvalidInput(f"unknown disclosure rule {preset!r}; choose from {', '.join(RULES)}")
    if audience == RESEARCH_TEAM:
        return None
    k = max([p.disclosure_k for p in projects] or [5])
    base = RULES[preset]
    if base is None:
        return ThresholdRule(k=k, name=f"threshold rule (k = {k})")
    return replace(base, k=max(base.k, k)) if k > base.k else base


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.0f}%"


def _fmt(x: float | None, digits: int = 1) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def display(claim: dict[str, Any], k: int | None = None) -> str:
    """The claim as a sentence fragment: "65% (95% CI 61% to 69%; 412 of 630)"."""
    if claim["suppressed"]:
        return f"figure withheld ({claim.get('suppressed_reason') or 'suppressed'})"
    kind = claim["kind"]
    if kind in ("proportion", "meaningful_change", "prevalence"):
        return (
            f"{_pct(claim['estimate'])} (95% CI {_pct(claim['ci_low'])} to {_pct(claim['ci_high'])}; "
            f"{claim['numerator']:,} of {claim['n']:,})"
        )
    if kind == "difference":
        return (
            f"{100 * claim['estimate']:+.0f} percentage points (95% CI {100 * claim['ci_low']:+.0f} "
            f"to {100 * claim['ci_high']:+.0f})"
        )
    if kind == "mean":
        return f"{_fmt(claim['estimate'])} (95% CI {_fmt(claim['ci_low'])} to {_fmt(claim['ci_high'])}; n = {claim['n']:,})"
    if kind == "change":
        dz = claim.get("extra", {}).get("cohen_dz")
        d = f"; d_z = {dz:.2f}" if dz is not None else ""
        return (
            f"{claim['estimate']:+.2f} points (95% CI {claim['ci_low']:+.2f} to "
            f"{claim['ci_high']:+.2f}; n = {claim['n']:,} people at both waves{d})"
        )
    if kind == "count":
        unit = claim.get("extra", {}).get("unit", "")
        value = claim["estimate"]
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        return f"{text} {unit}".strip()
    return str(claim["estimate"])


def _population(ds: evdata.Dataset, wave: int | None = None, **more: Any) -> dict[str, Any]:
    pop: dict[str, Any] = {
        "projects": [p.slug for p in ds.projects],
        "wave": ds.wave_names[wave] if wave is not None else None,
    }
    pop.update({k: v for k, v in more.items() if v is not None})
    return pop


def _ids(x: np.ndarray) -> np.ndarray:
    """Sorted unique int64 ids: ``np.unique`` by sort and neighbour comparison (faster than
    numpy's hash-based unique for these already nearly unique arrays)."""
    a = np.sort(x.astype(np.int64))
    if a.size > 1:
        keep = np.empty(a.size, dtype=bool)
        keep[0] = True
        np.not_equal(a[1:], a[:-1], out=keep[1:])
        a = a[keep]
    return a


def _member_values(
    ds: evdata.Dataset, people: np.ndarray, values: np.ndarray, default: Any
) -> np.ndarray:
    """``values`` (aligned with ``ds.members``) for each of ``people``, ``default`` for
    people who are not members: ``dict(zip(members, values)).get(p, default)``, vectorised."""
    out = np.full(people.size, default, dtype=values.dtype)
    if ds.members.size == 0 or people.size == 0:
        return out
    order = np.argsort(ds.members, kind="stable")
    sorted_members = ds.members[order]
    pos = np.searchsorted(sorted_members, people)
    pos_c = np.minimum(pos, sorted_members.size - 1)
    found = sorted_members[pos_c] == people
    out[found] = values[order[pos_c[found]]]
    return out


# --------------------------------------------------------------------------------------
# the claim set
# --------------------------------------------------------------------------------------


def _item_claims(
    ds: evdata.Dataset,
    item: evdata.ItemAnswers,
    positive: set[str],
    phrase: str,
    rule: ThresholdRule | None,
    section: str,
    prefix: str,
    label: str,
    waves: list[int] | None = None,
    subgroups: bool = True,
    compare_projects: bool = False,
) -> list[_Spec]:
    """Proportion claims for one categorical item at each wave it was asked, with a gender
    breakdown (one protected family), a Newcombe difference between the two largest groups
    and, in a programme, one figure per project (the forest plot)."""
    out: list[_Spec] = []
    asked = sorted(set(item.wave.tolist()))
    if waves is not None:
        asked = [w for w in asked if w in waves]
    for w in asked:
        sel = item.wave == w
        people = item.person[sel]
        pos = np.isin(item.text[sel].astype(str), sorted(positive))
        x, n = int(pos.sum()), int(people.size)
        wname = ds.wave_names[w]
        cid = f"{prefix}-{wname}"
        latest = w == asked[-1]
        groups = []
        group_people: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        genders = _member_values(ds, people, ds.member_attrs["gender"], "")
        if subgroups and latest:
            for g in sorted(
                {str(v) for v in genders if v}, key=lambda v: -int((genders == v).sum())
            ):
                gs = genders == g
                gid = f"{cid}-gender-{g}"
                groups.append(
                    (gid, f"{label} ({g})", int((pos & gs).sum()), int(gs.sum()),
                     _population(ds, w, item=item.name, subgroup=f"gender={g}"))
                )  # fmt: skip
                group_people[gid] = (people[gs & pos], people[gs & ~pos])
        fam = cl.proportion_family(
            (cid, label, x, n, _population(ds, w, item=item.name)), groups, rule,
            {"positive": sorted(positive)},
        )  # fmt: skip
        out.append(
            _Spec(fam[0], section, _ids(people[pos]), _ids(people[~pos]), wording=item.label,
                  topic_words=TOPICS.get(item.name, ""), phrase=phrase, item=item.name, wave=w,
                  headline=latest)
        )  # fmt: skip
        for res in fam[1:]:
            sup, rest = group_people[res.id]
            out.append(
                _Spec(res, section, _ids(sup), _ids(rest), wording=item.label,
                      topic_words=TOPICS.get(item.name, ""), phrase=phrase, item=item.name, wave=w)
            )  # fmt: skip
        published = [r for r in fam[1:] if not r.suppressed]
        if len(fam) >= 3 and len(published) >= 2:
            a, b = fam[1], fam[2]
            diff = cl.difference_claim(
                f"{cid}-diff", f"{label}: difference {a.label.split('(')[-1].rstrip(')')} minus "
                f"{b.label.split('(')[-1].rstrip(')')}", a, b,
                _population(ds, w, item=item.name, subgroup="gender"),
            )  # fmt: skip
            sa, ra = group_people[a.id]
            sb, rb = group_people[b.id]
            out.append(
                _Spec(diff, section, _ids(np.concatenate([sa, sb])), _ids(np.concatenate([ra, rb])),
                      wording=item.label, topic_words=TOPICS.get(item.name, ""), phrase=phrase,
                      item=item.name, wave=w)
            )  # fmt: skip
        if compare_projects and latest and len(ds.projects) > 1:
            proj = _member_values(ds, people, ds.member_project.astype(np.int64), -1)
            pgroups = []
            pp: dict[str, tuple[np.ndarray, np.ndarray]] = {}
            for p in ds.projects:
                ps = proj == p.pk
                if not ps.any():
                    continue
                pid = f"{cid}-project-{p.slug}"
                pgroups.append(
                    (pid, f"{label} ({p.name})", int((pos & ps).sum()), int(ps.sum()),
                     _population(ds, w, item=item.name, project=p.slug))
                )  # fmt: skip
                pp[pid] = (people[ps & pos], people[ps & ~pos])
            pfam = cl.proportion_family(
                (cid, label, x, n, _population(ds, w, item=item.name)), pgroups, rule
            )
            for res in pfam[1:]:
                sup, rest = pp[res.id]
                res = replace(res, extra={**res.extra, "forest": cid})
                out.append(
                    _Spec(res, "projects", _ids(sup), _ids(rest), wording=item.label,
                          topic_words=TOPICS.get(item.name, ""), phrase=phrase, item=item.name,
                          wave=w)
                )  # fmt: skip
    return out


def _paired(
    item: evdata.ItemAnswers, first: int, last: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(people, before, after) for people with a numeric value at both waves."""
    ok = ~np.isnan(item.number)
    a = ok & (item.wave == first)
    b = ok & (item.wave == last)
    pa, va = item.person[a], item.number[a]
    pb, vb = item.person[b], item.number[b]
    common, ia, ib = np.intersect1d(pa, pb, assume_unique=True, return_indices=True)
    return common, va[ia], vb[ib]


def _scale_claims(
    ds: evdata.Dataset,
    item: evdata.ItemAnswers,
    rule: ThresholdRule | None,
    section: str,
    prefix: str,
    label: str,
    meaningful: bool,
    lower_is_better: bool = False,
) -> list[_Spec]:
    """Mean at each wave (t interval), paired change first -> last wave (t interval, d_z)
    and, for SWEMWBS, the share whose own change reached the meaningful threshold."""
    out: list[_Spec] = []
    ok = ~np.isnan(item.number)
    waves = sorted(set(item.wave[ok].tolist()))
    topic = TOPICS.get(item.name, "")
    for w in waves:
        sel = ok & (item.wave == w)
        res = cl.mean_claim(
            f"{prefix}-mean-{ds.wave_names[w]}", f"{label}: mean at {ds.wave_labels[w]}",
            item.number[sel].tolist(), rule, _population(ds, w, item=item.name),
            {"scale": item.name},
        )  # fmt: skip
        out.append(
            _Spec(res, section, _ids(item.person[sel]), np.zeros(0, dtype=np.int64),
                  wording=label, topic_words=topic, phrase=f"answered at {ds.wave_labels[w]}",
                  item=item.name, wave=w)
        )  # fmt: skip
    if len(waves) >= 2:
        first, last = waves[0], waves[-1]
        people, before, after = _paired(item, first, last)
        pop = _population(
            ds, None, item=item.name, waves=[ds.wave_names[first], ds.wave_names[last]]
        )
        res = cl.change_claim(
            f"{prefix}-change", f"{label}: change from {ds.wave_labels[first]} to {ds.wave_labels[last]}",
            before.tolist(), after.tolist(), rule, pop, {"scale": item.name,
                                                         "lower_is_better": lower_is_better},
        )  # fmt: skip
        better = (after < before) if lower_is_better else (after > before)
        out.append(
            _Spec(res, section, _ids(people[better]), _ids(people[~better]), wording=label,
                  topic_words=topic, phrase="whose score improved", item=item.name,
                  headline=not meaningful)
        )  # fmt: skip
        if meaningful:
            res = cl.meaningful_change_claim(
                f"{prefix}-meaningful",
                f"{label}: people whose score rose by at least "
                f"{SWEMWBS_MEANINGFUL_CHANGE_POINTS:g} points",
                before.tolist(), after.tolist(), rule, pop,
            )  # fmt: skip
            passed = (after - before) >= SWEMWBS_MEANINGFUL_CHANGE_POINTS - 1e-9
            out.append(
                _Spec(res, section, _ids(people[passed]), _ids(people[~passed]), wording=label,
                      topic_words=topic,
                      phrase=f"saw their score rise by {SWEMWBS_MEANINGFUL_CHANGE_POINTS:g}+ points",
                      item=item.name, headline=True)
            )  # fmt: skip
    return out


def _theme_claims(
    ds: evdata.Dataset, themes: dict[str, Any], rule: ThresholdRule | None
) -> list[_Spec]:
    if not themes.get("labels"):
        return []
    assign: dict[int, str] = themes["assignments"]
    story_ids = ds.stories["id"]
    n = int(story_ids.size)
    labels = themes["labels"]
    specs = []
    members: dict[str, np.ndarray] = {}
    assigned = np.fromiter(assign.keys(), dtype=np.int64, count=len(assign))
    assigned_label = evdata._objects(list(assign.values()))
    for i, lab in enumerate(labels):
        ids = assigned[assigned_label == lab]
        members[lab] = ids
        specs.append((f"theme-{i + 1}", f"Stories about {lab}", int(ids.size),
                      _population(ds, None, stories="live stories", theme=lab)))  # fmt: skip
    results = cl.prevalence_family(
        specs, n, rule, partition=True, extra={"source": themes["source"]}
    )
    # each live story's theme, aligned with story_ids (sorted, unique: read in id order),
    # so "the other stories" is one comparison instead of a set difference per theme
    aligned = None
    if story_ids.size and bool(np.all(story_ids[1:] > story_ids[:-1])):
        pos = np.minimum(np.searchsorted(story_ids, assigned), story_ids.size - 1)
        if bool(np.all(story_ids[pos] == assigned)):
            aligned = np.full(story_ids.size, None, dtype=object)
            aligned[pos] = assigned_label
    out = []
    for res, lab in zip(results, labels, strict=True):
        ids = members[lab]
        rest = story_ids[aligned != lab] if aligned is not None else np.setdiff1d(story_ids, ids)
        out.append(
            _Spec(res, "themes", ids, rest, unit="story",
                  wording=lab, topic_words=lab, phrase=f"told a story about {lab}")
        )  # fmt: skip
    return out


def _signifier_claims(ds: evdata.Dataset, rule: ThresholdRule | None) -> list[_Spec]:
    out = []
    live = set(ds.stories["id"].tolist())
    for sig in ds.signifiers:
        answers = [(s, v) for s, v in sig["answers"] if s in live]
        if not answers:
            continue
        n = len(answers)
        specs = []
        members = {}
        for j, option in enumerate(sig["options"]):
            ids = np.array(
                [s for s, v in answers if option in (v if isinstance(v, list) else [v])],
                dtype=np.int64,
            )
            members[option] = ids
            specs.append((f"signifier-{sig['name']}-{j + 1}", f"{sig['label']}: {option}",
                          int(ids.size), _population(ds, None, signifier=sig["name"], option=option)))  # fmt: skip
        results = cl.prevalence_family(
            specs, n, rule, partition=not sig["multiple"], extra={"signifier": sig["name"]}
        )
        all_ids = np.array([s for s, _ in answers], dtype=np.int64)
        for res, option in zip(results, sig["options"], strict=True):
            ids = members[option]
            out.append(
                _Spec(res, "signifiers", ids, np.setdiff1d(all_ids, ids), unit="story",
                      wording=f"{sig['label']} {option}", topic_words=option,
                      phrase=f"chose \u201c{option}\u201d")
            )  # fmt: skip
    return out


def _ledger_claims(ds: evdata.Dataset, rule: ThresholdRule | None) -> list[_Spec]:
    led = ds.ledger
    pop = _population(ds, None, period={"from": led["from"], "to": led["to"]})
    # all three are unique id arrays (np.unique / union1d / one row per member)
    earners = np.intersect1d(led["earners"], ds.members, assume_unique=True)
    active = np.intersect1d(led["active"], ds.members, assume_unique=True)
    inactive = np.setdiff1d(ds.members, active)
    topic = TOPICS["ledger"]
    hours = cl.count_claim(
        "ledger-hours", "Hours given by members", led["minutes_given"] / 60, int(earners.size),
        rule, pop, unit="hours",
    )  # fmt: skip
    act = cl.count_claim(
        "ledger-active", "Members who earned or spent time credits", int(active.size),
        int(active.size), rule, pop, unit="members", count_of_people=True,
    )  # fmt: skip
    partners = cl.count_claim(
        "ledger-partners", "Partner organisations where credits were earned or spent",
        led["partners_active"], int(active.size), rule, pop, unit="partners",
    )  # fmt: skip
    share = cl.proportion_claim(
        "ledger-active-share", "Share of members who were active", int(active.size),
        int(ds.members.size), rule, pop,
    )  # fmt: skip
    return [
        _Spec(hours, "ledger", earners, np.setdiff1d(ds.members, earners), wording="hours given",
              topic_words=topic, phrase="gave time", headline=True),
        _Spec(act, "ledger", active, inactive, wording="members active", topic_words=topic,
              phrase="was active", headline=True),
        _Spec(partners, "ledger", active, inactive, wording="partners", topic_words=topic,
              phrase="earned or spent credits"),
        _Spec(share, "ledger", active, inactive, wording="members active", topic_words=topic,
              phrase="were active"),
    ]  # fmt: skip


def _positive_phrase(label: str) -> str:
    return f"agreed: \u201c{label}\u201d"


def standard_claims(
    ds: evdata.Dataset, rule: ThresholdRule | None, themes: dict[str, Any]
) -> list[_Spec]:
    """The claim set every report starts from, derived from what the project holds:
    agreement items (agree + strongly agree), ONS4 items (mean and change), SWEMWBS
    (mean, change, meaningful change), theme prevalence, signifiers, ledger figures."""
    specs: list[_Spec] = []
    programme = len(ds.projects) > 1
    for name in (*TC_MEMBER_ITEMS, *TC_PARTNER_ITEMS):
        item = ds.items.get(name)
        if item is None or item.person.size == 0:
            continue
        specs += _item_claims(
            ds, item, {"4", "5"}, _positive_phrase(item.label), rule, f"outcome:{name}", name,
            f"{item.label} (agree or strongly agree)", compare_projects=programme,
        )  # fmt: skip
    if ds.swemwbs is not None:
        specs += _scale_claims(ds, ds.swemwbs, rule, "outcome:swemwbs", "swemwbs",
                               "Mental wellbeing (SWEMWBS)", meaningful=True)  # fmt: skip
    for name in ONS4_ITEMS:
        item = ds.items.get(name)
        if item is None or item.person.size == 0:
            continue
        specs += _scale_claims(ds, item, rule, f"outcome:{name}", name, f"{item.label} (0-10)",
                               meaningful=False, lower_is_better=name == "ons4_anxious")  # fmt: skip
    specs += _theme_claims(ds, themes, rule)
    specs += _signifier_claims(ds, rule)
    specs += _ledger_claims(ds, rule)
    return specs


def custom_claims(ds: evdata.Dataset, rule: ThresholdRule | None, rows: list[Claim]) -> list[_Spec]:
    """Users' own claims: item, positive answers, waves, optional subgroup."""
    out: list[_Spec] = []
    attr_of = {
        f: dict(zip(ds.members.tolist(), ds.member_attrs[f].tolist()))
        for f in ("gender", "age_band", "area")
    }
    for row in rows:
        item = ds.items.get(row.item)
        if item is None:
            continue
        if row.subgroup_field:
            lookup = attr_of[row.subgroup_field]
            keep = np.array(
                [lookup.get(p) == row.subgroup_value for p in item.person.tolist()], dtype=bool
            )
            item = replace(item, person=item.person[keep], wave=item.wave[keep],
                           text=item.text[keep], number=item.number[keep])  # fmt: skip
        waves = [ds.wave_names.index(w) for w in row.waves if w in ds.wave_names] or None
        if row.kind == Claim.Kind.PROPORTION:
            specs = _item_claims(
                ds, item, {str(a) for a in row.positive_answers}, row.label, rule,
                f"custom:{row.key}", row.key, row.label, waves=waves, subgroups=False,
            )  # fmt: skip
        else:
            specs = _scale_claims(ds, item, rule, f"custom:{row.key}", row.key, row.label, False)
            if row.kind == Claim.Kind.MEAN:
                specs = [s for s in specs if s.result.kind == "mean"]
            else:
                specs = [s for s in specs if s.result.kind == "change"]
        for s in specs:
            pop = dict(s.result.population)
            if row.subgroup_field:
                pop["subgroup"] = f"{row.subgroup_field}={row.subgroup_value}"
            s.result = replace(s.result, population=pop)
        out += specs
    return out


# --------------------------------------------------------------------------------------
# themes and codes (from the coding app when present)
# --------------------------------------------------------------------------------------


def story_themes(ds: evdata.Dataset, audience: str = "public") -> dict[str, Any]:
    """Theme of each live story: the latest ThemeRun per project (coding app), else
    discovered on the fly for small projects, else none (with a note).

    Every story counts towards a theme's size, but a label (and so a claim's wording and
    `topic`) is built only from the stories `audience` may read, and code names only come
    from codings of those stories: a label is made of its stories' words."""
    live = ds.stories["id"]
    visible_ids = set(ds.visible["id"].tolist())
    out: dict[str, Any] = {"labels": [], "assignments": {}, "source": "", "codes": {}, "note": ""}
    try:
        from tallytale.coding.models import COUNTED, Coding, ThemeAssignment, ThemeRun
        from tallytale.coding.themes import theme_labels
    except ImportError:  # pragma: no cover - coding app not installed
        ThemeRun = None  # noqa: N806
    if ThemeRun is not None:
        assignments: dict[int, str] = {}
        labels: list[str] = []
        for p in ds.projects:
            run = ThemeRun.objects.filter(project=p).order_by("-id").first()
            if run is None:
                continue
            shown = theme_labels(run, audience)
            names = {
                t["id"]: str(shown.get(t["id"], {}).get("label") or f"theme {t['id']}")
                for t in run.themes
            }
            for lab in names.values():
                if lab not in labels:
                    labels.append(lab)
            for sid, tid in ThemeAssignment.objects.filter(run=run).values_list(
                "story_id", "theme_id"
            ):
                if tid in names:
                    assignments[sid] = names[tid]
        live_set = set(live.tolist())
        assignments = {s: t for s, t in assignments.items() if s in live_set}
        if assignments:
            out.update(labels=labels, assignments=assignments, source="theme run (coding)")
        codes: dict[int, set[str]] = {}
        for sid, name in Coding.objects.filter(
            project__in=ds.projects, origin__in=list(COUNTED), rejected_at__isnull=True,
            story__withdrawn_at__isnull=True,
        ).values_list("story_id", "code__name"):  # fmt: skip
            if sid in visible_ids:
                codes.setdefault(sid, set()).add(name.lower())
        out["codes"] = codes
    if not out["labels"]:
        from tallytale.core.themes import MIN_STORIES, discover_themes, label_themes

        n = int(live.size)
        if MIN_STORIES <= n <= ON_THE_FLY_THEME_LIMIT:
            # a fixed k (about sqrt(n / 2), 2..10): choosing k automatically costs seconds
            k = int(min(10, max(2, round((n / 2) ** 0.5))))
            res = discover_themes(
                list(ds.stories["text"]),
                live.tolist(),
                k=k,
                languages=[str(x) for x in ds.stories["language"]],
            )
            # clusters from every live story; words only from those the audience may read
            vis = [
                i for i, sid in enumerate(live.tolist())
                if sid in visible_ids and sid in res.assignments
            ]  # fmt: skip
            shown = label_themes(
                [ds.stories["text"][i] or "" for i in vis],
                [res.assignments[int(live[i])] for i in vis],
                [t.id for t in res.themes],
                [str(ds.stories["language"][i]) for i in vis],
            )
            names = {t.id: shown[t.id][0] for t in res.themes}
            out.update(
                labels=[names[t.id] for t in res.themes],
                assignments={int(s): names[t] for s, t in res.assignments.items()},
                source=f"discovered for this report ({res.method}, k = {res.k})",
            )
        else:
            out["note"] = (
                "No theme run yet and too many or too few stories to discover themes while "
                "building the report; run `tallytale themes` to add theme claims."
            )
    return out


# --------------------------------------------------------------------------------------
# pairing and per-story numbers
# --------------------------------------------------------------------------------------


def _candidates(ds: evdata.Dataset, themes: dict[str, Any]) -> list[StoryCandidate]:
    vis = ds.visible
    subgroup = dict(zip(ds.members.tolist(), ds.member_attrs["gender"].tolist()))
    assign = themes["assignments"]
    codes = themes["codes"]
    out = []
    for sid, teller, text in zip(
        vis["id"].tolist(), vis["teller"].tolist(), vis["text"], strict=True
    ):
        t = None if teller < 0 else teller
        out.append(
            StoryCandidate(
                story_id=sid, teller=t, text=text or "",
                subgroup=subgroup.get(t, "") if t is not None else "",
                themes=frozenset([assign[sid]]) if sid in assign else frozenset(),
                codes=frozenset(codes.get(sid, ())),
            )
        )  # fmt: skip
    return out


def _topic(spec: _Spec, themes: dict[str, Any]) -> frozenset[str]:
    words = content_words(spec.topic_words)
    labels = set()
    for lab in themes["labels"]:
        if content_words(lab) & words or lab == spec.topic_words:
            labels.add(lab)
    for names in themes["codes"].values():
        for name in names:
            if content_words(name) & words:
                labels.add(name)
    return frozenset(labels)


def _answer_lookup(ds: evdata.Dataset, item: str, wave: int | None) -> dict[int, str]:
    a = ds.items.get(item)
    if a is None or wave is None:
        return {}
    sel = a.wave == wave
    return dict(zip(a.person[sel].tolist(), a.text[sel].tolist()))


def _story_numbers(
    spec: _Spec,
    role: str,
    teller: int | None,
    story_id: int,
    ds: evdata.Dataset,
    rule: ThresholdRule | None,
    audience: str,
    answers_cache: dict[tuple[str, int | None], dict[int, str]],
    category_counts: dict[tuple[str, int | None], dict[str, int]],
) -> list[str]:
    """Published aggregates that say how common this teller's experience is."""
    r = spec.result
    out: list[str] = []
    if r.suppressed:
        return out
    if (
        r.kind in ("proportion", "meaningful_change", "prevalence")
        and r.n
        and r.numerator is not None
    ):
        if role == "supporting":
            out.append(
                f"One of the {r.numerator:,} of {r.n:,} ({_pct(r.estimate)}, 95% CI "
                f"{_pct(r.ci_low)} to {_pct(r.ci_high)}) who {spec.phrase}."
            )
        else:
            rest = r.n - r.numerator
            lo = None if r.ci_high is None else 1 - r.ci_high
            hi = None if r.ci_low is None else 1 - r.ci_low
            out.append(
                f"One of the {rest:,} of {r.n:,} ({_pct(rest / r.n)}, 95% CI {_pct(lo)} to "
                f"{_pct(hi)}) who did not ({spec.phrase})."
            )
        # the teller's own answer category: only beyond the public audience (a story's
        # consent covers the project), and only when that answer's cell is not disclosive
        key = (spec.item, spec.wave)
        if spec.item and teller is not None and audience != "public" and key in category_counts:
            answer = answers_cache[key].get(teller)
            if answer is not None:
                count = category_counts[key].get(answer, 0)
                ok = rule is None or not (
                    rule.is_disclosive(count) or rule.is_disclosive(r.n - count)
                )
                if ok and rule is not None and rule.round_to:
                    count = rule.round(count)
                if ok:
                    label = ds.items[spec.item].choices.get(answer) or AGREEMENT.get(
                        int(answer) if str(answer).isdigit() else -1, answer
                    )
                    out.append(
                        f"{count:,} of {r.n:,} people answered \u201c{label}\u201d, as this teller did."
                    )
    elif r.kind == "change" and r.estimate is not None:
        improved = r.extra.get("improved")
        who = (
            f"one of the {improved:,} of {r.n:,} people whose score improved"
            if role == "supporting" and improved is not None
            else f"one of the {r.n:,} people who answered at both waves"
        )
        out.append(
            f"Told by {who}; mean change {r.estimate:+.2f} points (95% CI {r.ci_low:+.2f} to {r.ci_high:+.2f})."
        )
    elif r.kind == "mean" and r.estimate is not None:
        out.append(
            f"One of {r.n:,} people who {spec.phrase}: mean {r.estimate:.1f} (95% CI "
            f"{r.ci_low:.1f} to {r.ci_high:.1f})."
        )
    elif r.kind == "difference" and r.estimate is not None:
        out.append(
            f"One of the {r.n:,} people in the two groups compared ({display(asdict_claim(r))})."
        )
    elif r.kind == "count" and r.estimate is not None:
        what = display(asdict_claim(r))
        out.append(
            f"Told by a member who {spec.phrase} ({r.label.lower()}: {what})."
            if role == "supporting"
            else f"Told by a member who did not take part in the period ({r.label.lower()}: {what})."
        )
    return out


def asdict_claim(r: cl.ClaimResult) -> dict[str, Any]:
    d = asdict(r)
    d["population"] = dict(r.population)
    d["extra"] = dict(r.extra)
    return d


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text[:EXCERPT_CHARS]
    stop = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return (cut[: stop + 1] if stop > EXCERPT_CHARS // 2 else cut.rsplit(" ", 1)[0]) + " \u2026"


# --------------------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------------------


def _count_table(values: np.ndarray, rule: ThresholdRule | None) -> list[dict[str, Any]]:
    labels, counts = np.unique(values.astype(str), return_counts=True) if values.size else ([], [])
    rows = []
    for lab, c in sorted(zip(list(labels), [int(c) for c in counts]), key=lambda t: -t[1]):
        hidden = rule is not None and rule.is_disclosive(c)
        rows.append({"label": lab, "count": None if hidden else (rule.round(c) if rule else c),
                     "display": f"fewer than {rule.k}" if hidden and rule else f"{c:,}"})  # fmt: skip
    return rows


def _methods(
    ds: evdata.Dataset, rule: ThresholdRule | None, claims: list[dict], themes: dict
) -> dict[str, Any]:
    members = int(ds.members.size)
    waves = []
    first_people: set[int] | None = None
    attrition = None
    base = ds.swemwbs or next(iter(ds.items.values()), None)
    for i, name in enumerate(ds.wave_names):
        entry = ds.responses_by_wave.get(name, {"responses": 0, "people": 0})
        people = entry["people"]
        waves.append({
            "wave": name, "label": ds.wave_labels[i], "people": people,
            "response_rate": round(people / members, 4) if members else None,
        })  # fmt: skip
    if base is not None and len(ds.wave_names) >= 2:
        w0 = set(base.person[base.wave == 0].tolist())
        wl = set(base.person[base.wave == len(ds.wave_names) - 1].tolist())
        first_people = w0
        if w0:
            attrition = {"baseline": len(w0), "followed_up": len(w0 & wl),
                         "lost": len(w0 - wl), "share_followed_up": round(len(w0 & wl) / len(w0), 4)}  # fmt: skip
    del first_people
    ci_methods = sorted({c["ci_method"] for c in claims})
    suppressed = sum(1 for c in claims if c["suppressed"])
    consent = _count_table(ds.stories["consent"], rule)
    return {
        "members": members,
        "waves": waves,
        "attrition": attrition,
        "interval_methods": ci_methods,
        "confidence": 0.95,
        "meaningful_change": {
            "points": SWEMWBS_MEANINGFUL_CHANGE_POINTS,
            "citation": SWEMWBS_MEANINGFUL_CHANGE_CITATION,
        },
        "suppressed_claims": suppressed,
        "consent_counts": consent,
        "stories_live": int(ds.stories["id"].size),
        "stories_visible": int(ds.visible["id"].size),
        "stories_withdrawn": ds.stories.get("withdrawn", 0),
        "stories_by_language": _count_table(ds.stories["language"], rule),
        "stories_by_medium": _count_table(ds.stories["medium"], rule),
        "themes_source": themes.get("source") or themes.get("note", ""),
        "caveats": [
            "All outcome measures are self-reported.",
            "Time-credit outcome questions are retrospective (\u201cSince getting involved "
            "with time credits \u2026\u201d): people judge their own change, which tends to "
            "overstate it, and there is no comparison group.",
            "People who stay involved are likelier to answer follow-up surveys; change is "
            "measured only among people who answered at both waves (see attrition).",
            "Stories are chosen to show the range of experience behind each figure, not as "
            "a random sample; contrasting stories come from people outside the figure.",
            "Ledger figures are complete counts of the scheme's own records, as corrected "
            "(reversed transfers excluded).",
        ],
    }


def _community(
    projects: list[Project], claim_ids: set[str], rule: ThresholdRule | None
) -> dict[str, Any]:
    """The community's reading of each claim (member checking: agree / not sure / disagree,
    counts below the threshold hidden) and the "you said, we did" actions."""
    from tallytale.community import services as community
    from tallytale.community.models import ClaimReview

    out: dict[str, Any] = {"reviews": {}, "actions": []}
    statements: dict[tuple[int, str], str] = {}
    for project in projects:
        for ref, reading in community.readings_for_report(project).items():
            counts = {
                "agree": reading["agree"],
                "not sure": reading["unsure"],
                "disagree": reading["disagree"],
            }
            out["reviews"][str(ref)] = {
                verdict: (None if rule is not None and rule.is_disclosive(n) else n)
                for verdict, n in counts.items()
            }
        statements.update(
            ((project.pk, ref), text)
            for ref, text in ClaimReview.objects.filter(project=project).values_list(
                "claim_ref", "statement"
            )
        )
        for action in community.actions_for_report(project):
            said = (
                statements.get((project.pk, action["claim_ref"]))
                or action["claim_ref"]
                or "(raised by members)"
            )
            status = action["status"].replace("_", " ")
            out["actions"].append(
                {
                    "claim_ref": action["claim_ref"],
                    "you_said": said,
                    "we_did": f"{action['text']} ({action['owner']}, {status})",
                    "owner": action["owner"],
                    "status": action["status"],
                    "due_on": action["due_on"],
                }
            )
    return out


def build_report(
    *,
    project: str | None = None,
    programme: str | None = None,
    audience: str = "public",
    rule: str = "default",
    start: dt.date | None = None,
    end: dt.date | None = None,
    supporting: int = 2,
) -> dict[str, Any]:
    """Build the report model (a dict in the Report JSON contract). Reads only: it opens
    no transaction, so on SQLite it never takes the write lock (see `build_and_record`)."""
    return _build(project=project, programme=programme, audience=audience, rule=rule,
                  start=start, end=end, supporting=supporting)[0]  # fmt: skip


def _build(
    *,
    project: str | None,
    programme: str | None,
    audience: str,
    rule: str,
    start: dt.date | None,
    end: dt.date | None,
    supporting: int = 2,
) -> tuple[dict[str, Any], list[Claim]]:
    """The report model and the custom claims it computed (their results are stored by
    `build_and_record`, in its short write transaction)."""
    if bool(project) == bool(programme):
        raise InvalidInput("give either a project or a programme")
    if audience not in AUDIENCES:
        raise InvalidInput(f"unknown audience {audience!r}; choose from {', '.join(AUDIENCES)}")
    if programme:
        prog = get_programme(programme)
        projects = list(prog.projects.order_by("slug"))
        if not projects:
            raise InvalidInput(f"programme {programme!r} has no projects")
        title = prog.name
    else:
        proj = get_project(str(project))
        projects = [proj]
        prog = None
        title = proj.name
    threshold = rule_for(projects, audience, rule)
    custom = list(Claim.objects.filter(project__in=projects, active=True).order_by("key"))
    # numbers only for the items that get means or changes (ONS4, custom mean/change claims);
    # agreement items are read as answer text
    numeric = set(ONS4_ITEMS) | {c.item for c in custom if c.kind != Claim.Kind.PROPORTION}
    ds = evdata.load(projects, audience, items={c.item for c in custom}, numeric=numeric,
                     start=start, end=end)  # fmt: skip
    themes = story_themes(ds, audience)
    specs = standard_claims(ds, threshold, themes) + custom_claims(ds, threshold, custom)

    # pairing: only published claims get stories (a story beside a hidden figure would
    # tell readers who is in the small group)
    published = [s for s in specs if not s.result.suppressed]
    pool_words: set[str] = set()
    people = []
    topics = {}
    for s in published:
        topics[s.result.id] = _topic(s, themes)
        words = f"{s.wording} {s.topic_words}"
        pool_words |= content_words(words)
        people.append(
            ClaimPeople(
                claim_id=s.result.id, wording=words,
                supporting=s.supporting.astype(np.int64), rest=s.rest.astype(np.int64),
                topic=topics[s.result.id], unit="story" if s.unit == "story" else "person",
            )
        )  # fmt: skip
    pool = StoryPool.build(_candidates(ds, themes), pool_words)
    pairings = pair_stories(people, pool, supporting=supporting, contrasting=1)

    shown_ids = sorted({p.story_id for pr in pairings.values() for p in pr.stories})
    story_rows = {s.pk: s for s in Story.objects.filter(pk__in=shown_ids).select_related("project")}
    tellers = {p.story_id: p.teller for pr in pairings.values() for p in pr.stories}
    by_id = {s.result.id: s for s in specs}
    theme_claim = {s.wording: s for s in specs if s.section == "themes"}
    answers_cache: dict[tuple[str, int | None], dict[int, str]] = {}
    category_counts: dict[tuple[str, int | None], dict[str, int]] = {}
    for s in published:
        key = (s.item, s.wave)
        if s.item in ds.items and s.wave is not None and key not in answers_cache:
            answers_cache[key] = _answer_lookup(ds, s.item, s.wave)
            vals, counts = np.unique(
                ds.items[s.item].text[ds.items[s.item].wave == s.wave].astype(str),
                return_counts=True,
            )
            category_counts[key] = dict(zip(vals.tolist(), counts.astype(int).tolist()))
    story_numbers: dict[int, list[dict[str, str]]] = {sid: [] for sid in shown_ids}
    for cid, pr in pairings.items():
        spec = by_id[cid]
        for p in pr.stories:
            for text in _story_numbers(spec, p.role, tellers.get(p.story_id), p.story_id, ds,
                                       threshold, audience, answers_cache, category_counts):  # fmt: skip
                story_numbers[p.story_id].append({"claim_id": cid, "text": text})
    for sid in shown_ids:
        label = themes["assignments"].get(sid)
        tspec = theme_claim.get(label) if label else None
        if tspec is not None and not tspec.result.suppressed:
            r = tspec.result
            story_numbers[sid].append({
                "claim_id": r.id,
                "text": f"Stories about {label}: {r.numerator:,} of {r.n:,} stories "
                        f"({_pct(r.estimate)}, 95% CI {_pct(r.ci_low)} to {_pct(r.ci_high)}).",
            })  # fmt: skip

    stories_out = []
    for sid in shown_ids:
        story = story_rows.get(sid)
        if story is None:
            continue
        text = story_text_for(audience, story) or ""
        if not text:
            continue
        stories_out.append({
            "id": sid,
            "excerpt": _excerpt(text),
            "consent": story.consent_level,
            "language": story.language or "und",
            "medium": story.medium,
            "project": story.project.slug,
            "theme": themes["assignments"].get(sid),
            "translation": _excerpt(story_text_for(audience, story, field="translation") or "")
            if story.translation_redacted else "",
            "numbers": story_numbers.get(sid, []),
        })  # fmt: skip
    shown = {s["id"] for s in stories_out}

    claims_out = []
    for s in specs:
        d = asdict_claim(s.result)
        pr = pairings.get(s.result.id)
        d["section"] = s.section
        d["headline"] = s.headline and not s.result.suppressed
        d["display"] = display(d)
        d["method"] = d["ci_method"]
        d["stories"] = (
            [{"id": p.story_id, "role": p.role} for p in pr.stories if p.story_id in shown]
            if pr else []
        )  # fmt: skip
        d["gap"] = None
        if not s.result.suppressed and not d["stories"]:
            d["gap"] = "no story yet: collect one"
        elif pr and pr.notes:
            d["gap"] = "; ".join(pr.notes)
        if s.result.suppressed and threshold is not None:
            d["suppressed_text"] = (
                f"fewer than {threshold.k}"
                if "fewer than" in (s.result.suppressed_reason or "")
                else (s.result.suppressed_reason or "suppressed")
            )
        d["topic"] = sorted(topics.get(s.result.id, ()))
        claims_out.append(d)

    published_ids = [c["id"] for c in claims_out if not c["suppressed"]]
    check = check_rule(
        published_ids,
        {c["id"]: _PairingView(bool(c["stories"])) for c in claims_out},  # type: ignore[misc]
        {s["id"]: len(s["numbers"]) for s in stories_out},
    )
    sections = []
    for sec in dict.fromkeys(c["section"] for c in claims_out):
        members = [c for c in claims_out if c["section"] == sec]
        sections.append({"id": sec, "title": _section_title(sec, members, ds),
                         "claim_ids": [c["id"] for c in members]})  # fmt: skip
    report = {
        "schema": SCHEMA,
        "project": None if programme else projects[0].slug,
        "programme": prog.slug
        if prog
        else (projects[0].programme.slug if projects[0].programme else None),
        "projects": [{"slug": p.slug, "name": p.name} for p in projects],
        "title": title,
        "audience": audience,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "period": {
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
        },
        "disclosure": {
            "applied": threshold is not None,
            "k": threshold.k if threshold else None,
            "rule": threshold.name if threshold else "none (research team)",
            "statement": threshold.describe()
            if threshold
            else "Research-team report: no disclosure control applied. Do not share outside the research team.",
            "stories_with_suppressed_figures": "Stories are never shown beside a suppressed figure.",
        },
        "claims": claims_out,
        "stories": stories_out,
        "sections": sections,
        "headline": [c["id"] for c in claims_out if c["headline"]][:8],
        "ledger": {
            "monthly": _monthly(ds, threshold),
            "from": ds.ledger["from"],
            "to": ds.ledger["to"],
        },
        "themes": {"source": themes.get("source", ""), "note": themes.get("note", "")},
        "methods": _methods(ds, threshold, claims_out, themes),
        "community": _community(projects, set(published_ids), threshold),
        "rule_check": {
            "ok": check.ok,
            "claims_without_story": list(check.claims_without_story),
            "stories_without_number": list(check.stories_without_number),
        },  # fmt: skip
    }
    return report, custom


@dataclass(frozen=True)
class _PairingView:
    has_story: bool


def _monthly(ds: evdata.Dataset, rule: ThresholdRule | None) -> list[dict[str, Any]]:
    out = []
    for m in ds.ledger["monthly"]:
        hidden = rule is not None and rule.is_disclosive(m["people"])
        out.append({"month": m["month"], "hours": None if hidden else round(m["minutes"] / 60, 1),
                    "people": None if hidden else (rule.round(m["people"]) if rule else m["people"])})  # fmt: skip
    return out


def _section_title(sec: str, members: list[dict], ds: evdata.Dataset) -> str:
    if sec.startswith("outcome:"):
        name = sec.split(":", 1)[1]
        if name == "swemwbs":
            return "Mental wellbeing (SWEMWBS)"
        item = ds.items.get(name)
        return item.label if item else name
    if sec.startswith("custom:"):
        return members[0]["label"].split(":")[0]
    return {
        "themes": "What people's stories are about",
        "signifiers": "How tellers described their own stories",
        "ledger": "Time given and credits used",
        "projects": "Comparing projects",
    }.get(sec, sec)


def _store_custom_results(custom: list[Claim], claims_out: list[dict]) -> None:
    """Keep each custom claim's last disclosure-controlled figures (no story text)."""
    if not custom:
        return
    now = timezone.now()
    by_prefix = {
        c.key: [d for d in claims_out if d["section"] == f"custom:{c.key}"] for c in custom
    }
    for c in custom:
        c.last_result = {
            "claims": [
                {
                    k: d[k]
                    for k in (
                        "id",
                        "n",
                        "numerator",
                        "estimate",
                        "ci_low",
                        "ci_high",
                        "ci_method",
                        "suppressed",
                        "display",
                    )
                }  # fmt: skip
                for d in by_prefix[c.key]
            ]
        }
        c.computed_at = now
    Claim.objects.bulk_update(custom, ["last_result", "computed_at"])


# --------------------------------------------------------------------------------------
# custom claims and recorded builds
# --------------------------------------------------------------------------------------


@transaction.atomic
def add_claim(
    project: str,
    *,
    key: str,
    label: str,
    item: str,
    positive_answers: Sequence[str] = (),
    waves: Sequence[str] = (),
    kind: str = Claim.Kind.PROPORTION,
    subgroup_field: str = "",
    subgroup_value: str = "",
    actor_label: str = "",
) -> Claim:
    """Add a user's own claim (choose item, positive answers, population, waves)."""
    proj = get_project(project)
    if kind not in Claim.Kind.values:
        raise InvalidInput(f"kind must be one of {', '.join(Claim.Kind.values)}")
    if kind == Claim.Kind.PROPORTION and not positive_answers:
        raise InvalidInput("a proportion claim needs at least one positive answer")
    if subgroup_field not in ("", "gender", "age_band", "area"):
        raise InvalidInput("subgroup must be gender, age_band or area")
    if Claim.objects.filter(project=proj, key=key).exists():
        raise InvalidInput(f"claim {key!r} already exists in {proj.slug!r}")
    claim = Claim.objects.create(
        project=proj, key=key, label=label, item=item, kind=kind,
        positive_answers=list(positive_answers), waves=list(waves),
        subgroup_field=subgroup_field, subgroup_value=subgroup_value, created_by_label=actor_label,
    )  # fmt: skip
    record("evidence.claim_add", actor_label=actor_label or "system", target=claim,
           project_slug=proj.slug, key=key)  # fmt: skip
    return claim


@dataclass
class BuiltReport:
    content: bytes
    report: dict[str, Any]
    build: ReportBuild
    filename: str
    content_type: str


CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


def build_and_record(
    *,
    project: str | None = None,
    programme: str | None = None,
    audience: str = "public",
    fmt: str = "html",
    rule: str = "default",
    start: dt.date | None = None,
    end: dt.date | None = None,
    strict: bool = False,
    actor_label: str,
    actor: Any = None,
) -> BuiltReport:
    """Build, render and log one report (metadata only: who, when, audience, format, sha256).

    Reading and rendering (seconds for a PDF) run outside any transaction: on SQLite every
    transaction takes the write lock at BEGIN (BEGIN IMMEDIATE, see settings), so a build
    inside one made every other writer, a coordinator's ledger entry included, wait and
    then fail with "database is locked". Only the record of the build (the custom claims'
    results, the build log and its audit event) is written, in one short transaction.
    """
    from . import render

    if fmt not in FORMATS:
        raise InvalidInput(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    _may_build(actor, project, programme, audience)
    report, custom = _build(project=project, programme=programme, audience=audience, rule=rule,
                            start=start, end=end)  # fmt: skip
    content = render.render(report, fmt)
    digest = hashlib.sha256(content).hexdigest()
    slug = report["project"] or report["programme"]
    proj = Project.objects.filter(slug=report["project"]).first() if report["project"] else None
    prog = get_programme(programme) if programme else None
    with transaction.atomic():
        _store_custom_results(custom, report["claims"])
        build = ReportBuild.objects.create(
            project=proj, programme=prog, audience=audience, format=fmt,
            built_by_label=actor_label, built_at=timezone.now(), sha256=digest,
            size_bytes=len(content), claims=len(report["claims"]), stories=len(report["stories"]),
            strict=strict, rule_ok=report["rule_check"]["ok"],
        )  # fmt: skip
        record(
            "evidence.report_build", actor_label=actor_label,
            actor=actor if getattr(actor, "pk", None) else None, target=build,
            project_slug=report["project"] or "", audience=audience, format=fmt, sha256=digest,
            programme=report["programme"] or "",
        )  # fmt: skip
    name = f"tallytale-report-{slug}-{audience}.{fmt}"
    return BuiltReport(content, report, build, name, CONTENT_TYPES[fmt])


def _may_build(actor: Any, project: str | None, programme: str | None, audience: str) -> None:
    """The service checks the audience itself (a shell that forgets cannot leak): a signed-in
    user builds only audiences their role allows, in every project the report covers. The
    command line (no user) is the operator."""
    from tallytale.programmes.permissions import Actor

    user = actor.user if isinstance(actor, Actor) else actor
    if user is None:
        return
    if project:
        covered = list(Project.objects.filter(slug=project))
    else:
        covered = list(Project.objects.filter(programme__slug=programme or ""))
    if not covered or any(audience not in audiences_for(user, p) for p in covered):
        raise PermissionDenied(f"evidence.read ({audience})")


def audiences_for(user: Any, project: Project) -> list[str]:
    """Report audiences a web user may build: capped by their role. The research team
    (researcher, coordinator, admin) may build all three; evaluators and other members
    get `project` and `public` only."""
    from tallytale.programmes import permissions

    if not permissions.can(user, "evidence.read", project):
        return []
    if permissions.can(user, "story.read_original", project):
        return list(AUDIENCES)[::-1]  # public, project, research_team
    return ["public", "project"]
