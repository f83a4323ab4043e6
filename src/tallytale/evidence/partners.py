"""What changed for partner organisations: their answers, figures, capacity and stories.

Why a module of its own: members' claims are about people (ids in `Dataset.members`), these
are about organisations, so they are read, counted, protected and paired in a space of
their own (organisation ids) and added to the report as one section, "partners". A figure
about fewer than k organisations is never published: in a small scheme a partner is as
identifiable as a person, so the project's threshold and secondary suppression apply to
organisations too (on top of `tallytale.core.claims`' own protection of each count).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tallytale.core import claims as cl
from tallytale.core.disclosure import ThresholdRule, hidden_count_text, publish_count
from tallytale.core.pairing import ClaimPeople, StoryCandidate, StoryPool, content_words
from tallytale.core.pairing import pair_stories as _pair
from tallytale.core.scales import CAPACITY_DOMAINS, TC_PARTNER_ITEMS
from tallytale.programmes.models import Organisation, Project
from tallytale.stories.access import story_text_for, visible_stories
from tallytale.stories.models import Story
from tallytale.surveys.models import Answer, Question, Response, Wave

from . import data as evdata
from .claims import TOPICS, _pct, _Spec, agree_suffix, asdict_claim, display, item_label
from .model import ClaimOut, Section, StoryNumber, StoryOut, StoryRef
from .pairing import _excerpt

SECTION = "partners"
TITLE = "What changed for partner organisations"
KINDS = tuple(Organisation.Kind.values)  # earning, spending, both
KIND_LABELS = dict(Organisation.Kind.choices)
#: the capacity self-assessment's domains (its English wording before the colon), named in
#: the report's language in the capacity claims' labels; the JSON keeps the claim ids
CAPACITY_NAMES = (
    gettext_noop("Governance"),
    gettext_noop("Volunteers"),
    gettext_noop("Partnerships"),
    gettext_noop("Evidence use"),
    gettext_noop("Sustainability"),
)
POSITIVE = {"4", "5"}
PARTNER_TOPICS = {
    "tc_partner_access": "services access partner organisation",
    "tc_partner_volunteers": "volunteers volunteering new organisation",
    "tc_partner_reach": "reach new people community organisation",
    "tc_partner_resources": "resources staff cost organisation",
}


@dataclass
class PartnerData:
    """Partners of the report's projects, their latest answer per (organisation, wave) to
    each partner and capacity item, and who answered at each wave."""

    ids: np.ndarray  # organisation ids (sorted)
    kind: dict[int, str]
    items: dict[str, evdata.ItemAnswers]  # ItemAnswers.person holds organisation ids
    answered: dict[int, set[int]]  # wave position -> organisations that answered anything
    stories: list[tuple[int, int, str]] = field(default_factory=list)  # (story, org, text)


def load(
    projects: list[Project],
    audience: str,
    wave_names: list[str],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> PartnerData:
    """A fixed handful of queries: partners, answers of organisations, their responses and
    the organisations' stories the audience may read, within the report's period."""
    pids = [p.pk for p in projects]
    orgs = list(
        Organisation.objects.filter(project_id__in=pids).order_by("id").values_list("id", "kind")
    )
    wave_index = {
        wid: wave_names.index(name)
        for wid, name in Wave.objects.filter(project_id__in=pids).values_list("id", "name")
        if name in wave_names
    }
    names = (*TC_PARTNER_ITEMS, *CAPACITY_DOMAINS)
    labels: dict[str, str] = {}
    for name, label in Question.objects.filter(
        instrument__project_id__in=pids, name__in=names
    ).values_list("name", "label"):
        labels.setdefault(name, evdata._label(label))
    rows = list(
        Answer.objects.filter(
            evdata._responses_in(start, end, via="response__"),
            repeat_index=0,
            question__name__in=names,
            response__project_id__in=pids,
            response__organisation__isnull=False,
            response__wave__isnull=False,
        ).values_list(
            "response_id", "response__organisation_id", "response__wave_id", "question__name",
            "value_text", "value_number",
        )
    )  # fmt: skip
    items: dict[str, evdata.ItemAnswers] = {}
    for name in names:
        sel = [r for r in rows if r[3] == name and r[2] in wave_index]
        if not sel:
            continue
        resp = np.array([r[0] for r in sel], dtype=np.int64)
        org = np.array([r[1] for r in sel], dtype=np.int64)
        wave = np.array([wave_index[r[2]] for r in sel], dtype=np.int64)
        keep = evdata._latest(resp, org, wave)
        text = evdata._objects([r[4] for r in sel])[keep]
        number = np.array([np.nan if r[5] is None else r[5] for r in sel], dtype=np.float64)
        items[name] = evdata.ItemAnswers(
            name, labels.get(name, name), org[keep], wave[keep], text, number[keep]
        )
    answered: dict[int, set[int]] = {}
    for wid, org in (
        Response.objects.filter(
            evdata._responses_in(start, end), project_id__in=pids, organisation__isnull=False
        )
        .exclude(wave__isnull=True)
        .values_list("wave_id", "organisation_id")
        .distinct()
    ):
        if wid in wave_index:
            answered.setdefault(wave_index[wid], set()).add(org)
    stories: list[tuple[int, int, str]] = []
    for p in projects:
        for sid, org, text in (
            visible_stories(audience, p)
            .filter(evdata._stories_in(start, end), organisation__isnull=False)
            .values_list("id", "organisation_id", "text_redacted")
        ):
            stories.append((sid, org, text or ""))
    return PartnerData(
        ids=np.array([o for o, _ in orgs], dtype=np.int64),
        kind=dict(orgs),
        items=items,
        answered=answered,
        stories=sorted(stories),
    )


# --------------------------------------------------------------------------------------
# claims
# --------------------------------------------------------------------------------------


def _hide_small(results: list[cl.ClaimResult], rule: ThresholdRule | None) -> list[cl.ClaimResult]:
    """Organisation-level disclosure control over one family (overall first, then its
    non-overlapping groups): no figure about fewer than k organisations, and when one group
    is hidden the next smallest is hidden too, so it cannot be worked out by subtraction."""
    if rule is None:
        return results
    text = f"{hidden_count_text(rule)} organisations"
    out = [r.hidden(text, None) if not r.suppressed and (r.n or 0) < rule.k else r for r in results]
    if out and out[0].suppressed:  # no overall figure: no group figure either
        return [r if r.suppressed else r.hidden(text, None) for r in out]
    groups = out[1:]
    hidden = [g for g in groups if g.suppressed]
    shown = sorted((g for g in groups if not g.suppressed), key=lambda g: g.n or 0)
    if len(hidden) == 1 and shown:
        extra = shown[0]
        groups = [g.hidden("secondary suppression", None) if g is extra else g for g in groups]
    return [out[0], *groups]


def _population(projects: list[Project], wave: str | None, **more: Any) -> dict[str, Any]:
    pop: dict[str, Any] = {"projects": [p.slug for p in projects], "wave": wave}
    pop["unit"] = "organisation"
    pop.update({k: v for k, v in more.items() if v is not None})
    return pop


def partner_claims(ds: evdata.Dataset, pd: PartnerData, rule: ThresholdRule | None) -> list[_Spec]:
    """The standard claim set for the partner questionnaire: for each item and wave, the
    share of organisations agreeing (Wilson interval, honest for n as small as 5) and, at
    the latest wave, the same by kind of partner (earning, spending, both) as one protected
    family; then the capacity self-assessment's change per domain (paired, first to last
    wave, among organisations that answered both)."""
    specs: list[_Spec] = []
    projects = ds.projects
    for name in TC_PARTNER_ITEMS:
        item = pd.items.get(name)
        if item is None or item.person.size == 0:
            continue
        asked = sorted(set(item.wave.tolist()))
        for w in asked:
            sel = item.wave == w
            orgs = item.person[sel]
            pos = np.isin(item.text[sel].astype(str), sorted(POSITIVE))
            wname = ds.wave_names[w]
            cid = f"partners-{name}-{wname}"
            label = _("Partner organisations: %(question)s") % {
                "question": _("%(question)s (agree or strongly agree)")
                % {"question": item_label(item)}
            }
            latest = w == asked[-1]
            kinds = np.array([pd.kind.get(int(o), "") for o in orgs], dtype=object)
            groups = []
            members: dict[str, tuple[np.ndarray, np.ndarray]] = {}
            if latest:
                for k in KINDS:
                    ks = kinds == k
                    if not ks.any():
                        continue
                    gid = f"{cid}-kind-{k}"
                    groups.append(
                        (gid, _("%(label)s (%(kind)s partners)")
                         % {"label": label, "kind": str(KIND_LABELS[k]).lower()},
                         int((pos & ks).sum()), int(ks.sum()),
                         _population(projects, wname, item=name, subgroup=f"kind={k}"))
                    )  # fmt: skip
                    members[gid] = (orgs[ks & pos], orgs[ks & ~pos])
            fam = cl.proportion_family(
                (cid, label, int(pos.sum()), int(orgs.size),
                 _population(projects, wname, item=name)),
                groups, rule, {"positive": sorted(POSITIVE), "unit": "organisations"},
            )  # fmt: skip
            fam = _hide_small(fam, rule)
            topic = PARTNER_TOPICS.get(name, TOPICS.get(name, ""))
            phrase = _("agreed: “%(question)s”") % {"question": item_label(item)}
            specs.append(
                _Spec(fam[0], SECTION, evdata.unique_ids(orgs[pos]), evdata.unique_ids(orgs[~pos]),
                      unit="organisation", wording=item.label, topic_words=topic, phrase=phrase,
                      item=name, wave=w, headline=latest and name == "tc_partner_access")
            )  # fmt: skip
            for res in fam[1:]:
                sup, rest = members[res.id]
                specs.append(
                    _Spec(res, SECTION, evdata.unique_ids(sup), evdata.unique_ids(rest),
                          unit="organisation", wording=item.label, topic_words=topic,
                          phrase=phrase, item=name, wave=w)
                )  # fmt: skip
    specs += capacity_claims(ds, pd, rule)
    return specs


def capacity_claims(ds: evdata.Dataset, pd: PartnerData, rule: ThresholdRule | None) -> list[_Spec]:
    """Mean change per capacity domain, first to last wave it was asked (paired t
    interval), published only for k or more organisations."""
    out: list[_Spec] = []
    for name in CAPACITY_DOMAINS:
        item = pd.items.get(name)
        if item is None:
            continue
        ok = ~np.isnan(item.number)
        waves = sorted(set(item.wave[ok].tolist()))
        if len(waves) < 2:
            continue
        first, last = waves[0], waves[-1]
        a = ok & (item.wave == first)
        b = ok & (item.wave == last)
        common, ia, ib = np.intersect1d(
            item.person[a], item.person[b], assume_unique=True, return_indices=True
        )
        before, after = item.number[a][ia], item.number[b][ib]
        label = item.label.split(":")[0]
        domain = _(label) if label in CAPACITY_NAMES else label
        res = cl.change_claim(
            f"capacity-{name}-change",
            _("Organisational capacity, %(domain)s: change from %(first)s to %(last)s (1-5)")
            % {
                "domain": domain.lower(),
                "first": ds.wave_labels[first],
                "last": ds.wave_labels[last],
            },
            before.tolist(), after.tolist(), rule,
            _population(ds.projects, None, item=name,
                        waves=[ds.wave_names[first], ds.wave_names[last]]),
            {"scale": name, "unit": "organisations"},
        )  # fmt: skip
        res = _hide_small([res], rule)[0]
        better = after > before
        out.append(
            _Spec(res, SECTION, common[better], common[~better], unit="organisation",
                  wording=label, topic_words=f"{label} capacity organisation",
                  phrase=_("whose capacity rose"), item=name)
        )  # fmt: skip
    return out


# --------------------------------------------------------------------------------------
# response rates, the joint display by kind, stories
# --------------------------------------------------------------------------------------


def _of(count: int, total: int, rule: ThresholdRule | None) -> str:
    """ "14 of 22"; a hidden count reads "fewer than 5 of 22" (or "fewer than 5 in all"
    when there are fewer than k partners of that kind at all)."""
    shown = publish_count(count, rule)
    if shown is not None:
        return f"{shown:,} of {total:,}"
    hidden = hidden_count_text(rule)  # type: ignore[arg-type]
    return f"{hidden} in all" if rule is not None and total < rule.k else f"{hidden} of {total:,}"


def response_rates(
    ds: evdata.Dataset, pd: PartnerData, rule: ThresholdRule | None
) -> list[dict[str, Any]]:
    """Per wave: how many partners answered, overall and by kind ("14 of 22 partners
    answered"); a count below k reads "fewer than k"."""
    out = []
    for w, name in enumerate(ds.wave_names):
        orgs = pd.answered.get(w, set())
        if not orgs:
            continue
        total = int(pd.ids.size)
        n = len(orgs)
        by_kind = {}
        for k in KINDS:
            kin = [o for o, kk in pd.kind.items() if kk == k]
            if kin:
                got = sum(1 for o in kin if o in orgs)
                by_kind[k] = {
                    "answered": publish_count(got, rule),
                    "partners": len(kin),
                    "display": _("%(x)s %(kind)s partners")
                    % {"x": _of(got, len(kin), rule), "kind": str(KIND_LABELS[k]).lower()},
                }
        out.append({
            "wave": name, "label": ds.wave_labels[w], "answered": publish_count(n, rule),
            "partners": total,
            "display": _("%(x)s partners answered") % {"x": _of(n, total, rule)},
            "by_kind": by_kind,
        })  # fmt: skip
    return out


def _short(c: ClaimOut) -> str:
    """A table cell: "41% (23% to 61%; 9 of 22)", or why it is withheld, briefly."""
    r = c.result
    if r.suppressed:
        reason = c.suppressed_text or r.suppressed_reason or ""
        return (
            _("withheld (secondary suppression)")
            if "secondary" in reason
            else _("figure withheld (%(reason)s)")
            % {"reason": reason.replace(" organisations", "") or _("suppressed")}
        )
    return _("%(pct)s (%(low)s to %(high)s; %(x)s of %(n)s)") % {
        "pct": _pct(r.estimate), "low": _pct(r.ci_low), "high": _pct(r.ci_high),
        "x": f"{r.numerator:,}", "n": f"{r.n:,}",
    }  # fmt: skip


def by_kind_table(claims: list[ClaimOut]) -> list[dict[str, Any]]:
    """The joint display: one row per partner item at its latest wave, one cell per kind
    (short cells, so the table fits a phone's width)."""
    rows = []
    subgroup = {c.id: c for c in claims if c.result.population.get("subgroup")}
    for c in claims:
        if c.result.population.get("subgroup") or not c.id.startswith("partners-"):
            continue
        cells = []
        for k in KINDS:
            g = subgroup.get(f"{c.id}-kind-{k}")
            if g is not None:
                cells.append({"kind": k, "label": KIND_LABELS[k], "display": _short(g)})
        if cells:
            item = c.result.population.get("item", "")
            rows.append({"claim_id": c.id, "label": c.result.label, "item": item,
                         "wording": c.result.label.split(": ", 1)[-1].replace(
                             agree_suffix(), ""),
                         "overall": _short(c), "cells": cells})  # fmt: skip
    return rows


def _numbers(spec: _Spec, role: str) -> list[str]:
    r = spec.result
    if r.suppressed or r.n is None:
        return []
    if r.kind == "proportion" and r.numerator is not None:
        if role == "supporting":
            return [
                _(
                    "Told on behalf of one of the %(x)s of %(n)s organisations (%(pct)s, 95%% CI "
                    "%(low)s to %(high)s) that %(what)s."
                )
                % {"x": f"{r.numerator:,}", "n": f"{r.n:,}", "pct": _pct(r.estimate),
                   "low": _pct(r.ci_low), "high": _pct(r.ci_high), "what": spec.phrase}
            ]  # fmt: skip
        rest = r.n - r.numerator
        lo = None if r.ci_high is None else 1 - r.ci_high
        hi = None if r.ci_low is None else 1 - r.ci_low
        return [
            _(
                "Told on behalf of one of the %(x)s of %(n)s organisations (%(pct)s, 95%% CI "
                "%(low)s to %(high)s) that did not (%(what)s)."
            )
            % {"x": f"{rest:,}", "n": f"{r.n:,}", "pct": _pct(rest / r.n), "low": _pct(lo),
               "high": _pct(hi), "what": spec.phrase}
        ]  # fmt: skip
    if r.kind == "change" and r.estimate is not None:
        return [
            _(
                "Told on behalf of one of the %(n)s organisations that assessed their capacity "
                "twice; mean change %(d)s points (95%% CI %(low)s to %(high)s)."
            )
            % {"n": f"{r.n:,}", "d": f"{r.estimate:+.2f}", "low": f"{r.ci_low:+.2f}",
               "high": f"{r.ci_high:+.2f}"}
        ]  # fmt: skip
    return []


def capacity_by_organisation(ds: evdata.Dataset, pd: PartnerData) -> list[dict[str, Any]]:
    """Each organisation's own capacity per domain at its first and last wave, and the
    change: for the organisation itself, so only in the research team's report (no
    disclosure control there) and never in a published one."""
    names = dict(Organisation.objects.filter(pk__in=pd.ids.tolist()).values_list("id", "name"))
    out: dict[int, dict[str, Any]] = {}
    for domain in CAPACITY_DOMAINS:
        item = pd.items.get(domain)
        if item is None:
            continue
        for org in sorted(set(item.person.tolist())):
            sel = (item.person == org) & ~np.isnan(item.number)
            if not sel.any():
                continue
            waves, values = item.wave[sel], item.number[sel]
            first, last = int(waves.argmin()), int(waves.argmax())
            row = out.setdefault(org, {"organisation": names.get(org, str(org)), "domains": {}})
            row["domains"][domain] = {
                "first": float(values[first]), "last": float(values[last]),
                "first_wave": ds.wave_labels[int(waves[first])],
                "last_wave": ds.wave_labels[int(waves[last])],
                "change": float(values[last] - values[first]),
            }  # fmt: skip
    return [out[k] for k in sorted(out, key=lambda o: out[o]["organisation"])]


@dataclass
class PartnerSection:
    """What `report._build` adds: the section, its claims and stories, and the extras the
    template include shows (response rates, the joint display by kind)."""

    claims: list[ClaimOut]
    stories: list[StoryOut]
    section: Section | None
    extras: dict[str, Any]


def partner_section(
    ds: evdata.Dataset,
    audience: str,
    rule: ThresholdRule | None,
    *,
    supporting: int = 2,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> PartnerSection:
    """The "What changed for partner organisations" section: claims about organisations,
    each paired with organisations' stories (consent given by their contact) and each such
    story carrying the figures it stands beside, exactly as members' stories do."""
    pd = load(ds.projects, audience, ds.wave_names, start, end)
    specs = partner_claims(ds, pd, rule)
    rates = response_rates(ds, pd, rule)
    if not specs and not rates:
        return PartnerSection([], [], None, {})
    published = [s for s in specs if not s.result.suppressed]
    candidates = [
        StoryCandidate(story_id=sid, teller=org, text=text, subgroup=pd.kind.get(org, ""))
        for sid, org, text in pd.stories
    ]
    words: set[str] = set()
    people = []
    for s in published:
        w = f"{s.wording} {s.topic_words}"
        words |= content_words(w)
        people.append(ClaimPeople(s.result.id, w, s.supporting.astype(np.int64),
                                  s.rest.astype(np.int64)))  # fmt: skip
    pairings = _pair(people, StoryPool.build(candidates, words), supporting=supporting)
    by_id = {s.result.id: s for s in specs}
    numbers: dict[int, list[StoryNumber]] = {}
    for cid, pr in pairings.items():
        for p in pr.stories:
            numbers.setdefault(p.story_id, []).extend(
                StoryNumber(cid, t) for t in _numbers(by_id[cid], p.role)
            )
    rows = {s.pk: s for s in Story.objects.filter(pk__in=sorted(numbers)).select_related("project")}
    stories_out = []
    for sid in sorted(rows):
        story = rows[sid]
        text = story_text_for(audience, story) or ""
        if not text:
            continue
        stories_out.append(StoryOut(
            id=sid, excerpt=_excerpt(text), consent=story.consent_level,
            language=story.language or "und", medium=story.medium, project=story.project.slug,
            theme=None,
            translation=_excerpt(story_text_for(audience, story, field="translation") or "")
            if story.translation_redacted else "",
            numbers=tuple(numbers.get(sid, [])),
        ))  # fmt: skip
    shown = {s.id for s in stories_out}
    claims_out = []
    for s in specs:
        res = s.result
        pr = pairings.get(res.id)
        refs = (
            tuple(StoryRef(p.story_id, p.role) for p in pr.stories if p.story_id in shown)
            if pr
            else ()
        )
        gap = None
        if not res.suppressed and not refs:
            gap = "no story yet: collect one from a partner"
        elif pr and pr.notes:
            gap = "; ".join(pr.notes)
        suppressed_text = None
        if res.suppressed and rule is not None:
            reason = res.suppressed_reason or "suppressed"
            suppressed_text = (
                f"{hidden_count_text(rule)} organisations" if "fewer than" in reason else reason
            )
        claims_out.append(ClaimOut(
            result=res, section=SECTION, headline=s.headline and not res.suppressed,
            display=display(asdict_claim(res)).replace(" people at both", " organisations at both"),
            stories=refs, gap=gap, topic=(), suppressed_text=suppressed_text,
        ))  # fmt: skip
    section = Section(SECTION, _(TITLE), tuple(c.id for c in claims_out)) if claims_out else None
    extras = {
        "title": _(TITLE),
        "partners": int(pd.ids.size),
        "response_rates": rates,
        "by_kind": by_kind_table(claims_out),
        "stories": len(stories_out),
        "capacity_by_organisation": capacity_by_organisation(ds, pd) if rule is None else [],
    }
    return PartnerSection(claims_out, stories_out, section, extras)
