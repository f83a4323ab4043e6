"""Building the report model: claims, paired stories, sections, methods, the community's
reading and the ledger by month. Reads only (no transaction, no writes); recording a build
is `tallytale.evidence.services.build_and_record`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tallytale.core import claims as cl
from tallytale.core.consent import AUDIENCES
from tallytale.core.disclosure import ThresholdRule, publish_count
from tallytale.core.mixed import MIN_STORIES, meta_inference
from tallytale.core.pairing import (
    ClaimPeople,
    StoryPool,
    check_rule,
    content_words,
    pair_stories,
    quotable,
)
from tallytale.core.scales import ONS4_ITEMS
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
from . import msc
from .claims import (
    _pct,
    about_nothing,
    asdict_claim,
    custom_claims,
    default_claims,
    display,
    item_label,
    reason_text,
    rule_for,
    standard_claims,
)
from .model import (
    ClaimOut,
    Disclosure,
    Period,
    ProjectRef,
    Report,
    RuleCheck,
    Section,
    StoryNumber,
    StoryOut,
    StoryRef,
    report_json,
)
from .models import Claim
from .pairing import _answer_lookup, _candidates, _excerpt, _story_numbers, _topic, story_themes
from .partners import partner_section
from .patterns import key_triads

SCHEMA = "tallytale.report/1"
FORMATS = ("html", "pdf", "md", "json")


# --------------------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------------------


def _count_table(values: np.ndarray, rule: ThresholdRule | None) -> list[dict[str, Any]]:
    labels, counts = np.unique(values.astype(str), return_counts=True) if values.size else ([], [])
    rows = []
    for lab, c in sorted(zip(list(labels), [int(c) for c in counts]), key=lambda t: -t[1]):
        shown = publish_count(c, rule)
        rows.append({"label": lab, "count": shown,
                     "display": _("fewer than %(k)s") % {"k": rule.k} if shown is None and rule else f"{shown:,}"})  # fmt: skip
    return rows


def _methods(
    ds: evdata.Dataset, rule: ThresholdRule | None, claims: list[ClaimOut], themes: dict
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
    ci_methods = sorted({c.result.ci_method for c in claims})
    suppressed = sum(1 for c in claims if c.result.suppressed)
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
            _("All outcome measures are self-reported."),
            _(
                "Time-credit outcome questions are retrospective (“Since getting involved "
                "with time credits …”): people judge their own change, which tends to "
                "overstate it, and there is no comparison group."
            ),
            _(
                "People who stay involved are likelier to answer follow-up surveys; change is "
                "measured only among people who answered at both waves (see attrition)."
            ),
            _(
                "Stories are chosen to show the range of experience behind each figure, not as "
                "a random sample; contrasting stories come from people outside the figure."
            ),
            _(
                "Ledger figures are complete counts of the scheme's own records, as corrected "
                "(reversed transfers excluded)."
            ),
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
                verdict: publish_count(n, rule) for verdict, n in counts.items()
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
                or _("(raised by members)")
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
    """The report as the dict of the Report JSON contract (`model.report_json`), which the
    renderers read. Reads only: it opens no transaction, so on SQLite it never takes the
    write lock (see `build_and_record`)."""
    return report_json(
        build_report_model(project=project, programme=programme, audience=audience, rule=rule,
                           start=start, end=end, supporting=supporting)
    )  # fmt: skip


def build_report_model(
    *,
    project: str | None = None,
    programme: str | None = None,
    audience: str = "public",
    rule: str = "default",
    start: dt.date | None = None,
    end: dt.date | None = None,
    supporting: int = 2,
) -> Report:
    """The report as a typed, immutable `Report` (reads only, like `build_report`)."""
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
) -> tuple[Report, list[Claim]]:
    """The report model and the custom claims it computed (their results are stored by
    `build_and_record`, in its short write transaction)."""
    if bool(project) == bool(programme):
        raise InvalidInput(_("give either a project or a programme"))
    if audience not in AUDIENCES:
        raise InvalidInput(
            _("unknown audience %(audience)s; choose from %(choices)s")
            % {"audience": repr(audience), "choices": ", ".join(AUDIENCES)}
        )
    if programme:
        prog = get_programme(programme)
        projects = list(prog.projects.order_by("slug"))
        if not projects:
            raise InvalidInput(
                _("programme %(programme)s has no projects") % {"programme": repr(programme)}
            )
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
    defaults = evdata.default_items(projects) - {c.item for c in custom}
    ds = evdata.load(projects, audience, items={c.item for c in custom} | defaults,
                     numeric=numeric, start=start, end=end)  # fmt: skip
    themes = story_themes(ds, audience)
    specs = standard_claims(ds, threshold, themes) + [
        s
        for s in default_claims(ds, threshold, defaults) + custom_claims(ds, threshold, custom)
        if not about_nothing(s.result)
    ]

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
    # the figures a reader meets first choose their stories first (a story is shown at most
    # twice in a report): key figures, then whole-population figures, then the rest
    rank = {s.result.id: _pairing_rank(s) for s in published}
    by_id_spec = {s.result.id: s for s in published}
    ordered = sorted(people, key=lambda cp: rank[cp.claim_id])  # stable: report order within
    pairings = pair_stories(ordered, pool, supporting=supporting, contrasting=1)
    pairings = {cp.claim_id: pairings[cp.claim_id] for cp in people}
    metas = {cp.claim_id: _meta(pool, cp, threshold) for cp in people
             if by_id_spec[cp.claim_id].section not in ("themes", "signifiers")}  # fmt: skip

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
    story_numbers: dict[int, list[StoryNumber]] = {sid: [] for sid in shown_ids}
    for cid, pr in pairings.items():
        spec = by_id[cid]
        for p in pr.stories:
            for text in _story_numbers(spec, p.role, tellers.get(p.story_id), p.story_id, ds,
                                       threshold, audience, answers_cache, category_counts):  # fmt: skip
                story_numbers[p.story_id].append(StoryNumber(cid, text))
    for sid in shown_ids:
        label = themes["assignments"].get(sid)
        tspec = theme_claim.get(label) if label else None
        if tspec is not None and not tspec.result.suppressed:
            r = tspec.result
            story_numbers[sid].append(StoryNumber(
                r.id,
                _(
                    "Stories about %(theme)s: %(x)s of %(n)s stories (%(pct)s, 95%% CI "
                    "%(low)s to %(high)s)."
                ) % {"theme": label, "x": f"{r.numerator:,}", "n": f"{r.n:,}",
                     "pct": _pct(r.estimate), "low": _pct(r.ci_low), "high": _pct(r.ci_high)},
            ))  # fmt: skip

    # each story is excerpted around what the first figure it stands beside is about
    first_topic: dict[int, str] = {}
    for cid, pr in pairings.items():
        for p in pr.stories:
            first_topic.setdefault(p.story_id, f"{by_id[cid].wording} {by_id[cid].topic_words}")
    stories_out: list[StoryOut] = []
    for sid in shown_ids:
        story = story_rows.get(sid)
        if story is None:
            continue
        text = story_text_for(audience, story) or ""
        if not text:
            continue
        stories_out.append(StoryOut(
            id=sid,
            excerpt=_excerpt(text, first_topic.get(sid, "")),
            consent=story.consent_level,
            language=story.language or "und",
            medium=story.medium,
            project=story.project.slug,
            theme=themes["assignments"].get(sid),
            translation=_excerpt(story_text_for(audience, story, field="translation") or "",
                                 first_topic.get(sid, ""))
            if story.translation_redacted else "",
            numbers=tuple(story_numbers.get(sid, [])),
        ))  # fmt: skip
    shown = {s.id for s in stories_out}

    claims_out: list[ClaimOut] = []
    for s in specs:
        res = s.result
        pr = pairings.get(res.id)
        refs = (
            tuple(StoryRef(p.story_id, p.role) for p in pr.stories if p.story_id in shown)
            if pr else ()
        )  # fmt: skip
        gap = None
        if not res.suppressed and not refs:
            gap = "no story yet: collect one"
        elif pr and pr.notes:
            gap = "; ".join(pr.notes)
        suppressed_text = None
        if res.suppressed and threshold is not None:
            suppressed_text = (
                _("fewer than %(k)s") % {"k": threshold.k}
                if "fewer than" in (res.suppressed_reason or "")
                else reason_text(res.suppressed_reason)
            )
        claims_out.append(ClaimOut(
            result=res, section=s.section, headline=s.headline and not res.suppressed,
            display=display(asdict_claim(res)), stories=refs, gap=gap,
            topic=tuple(sorted(topics.get(res.id, ()))), suppressed_text=suppressed_text,
            available=pr.available if pr else (0, 0),
            meta=metas.get(res.id),
        ))  # fmt: skip

    # organisations' claims and stories: a section of their own, paired in their own space
    partners = partner_section(ds, audience, threshold, supporting=supporting, start=start, end=end)
    claims_out += partners.claims
    at = {s.id: i for i, s in enumerate(stories_out)}
    for s in partners.stories:
        if s.id in at:  # also shown beside a members' figure: one story, both numbers
            old = stories_out[at[s.id]]
            stories_out[at[s.id]] = replace(old, numbers=old.numbers + s.numbers)
        else:
            stories_out.append(s)

    published_ids = [c.id for c in claims_out if not c.result.suppressed]
    check = check_rule(
        published_ids,
        {c.id: _PairingView(bool(c.stories)) for c in claims_out},  # type: ignore[misc]
        {s.id: len(s.numbers) for s in stories_out},
    )
    sections = []
    for sec in dict.fromkeys(c.section for c in claims_out):
        members = [c for c in claims_out if c.section == sec]
        sections.append(Section(sec, _section_title(sec, members, ds),
                                tuple(c.id for c in members)))  # fmt: skip
    methods = _methods(ds, threshold, claims_out, themes)
    community = _community(projects, set(published_ids), threshold)
    report = Report(
        schema=SCHEMA,
        project=None if programme else projects[0].slug,
        programme=prog.slug
        if prog
        else (projects[0].programme.slug if projects[0].programme else None),
        projects=tuple(ProjectRef(p.slug, p.name) for p in projects),
        title=title,
        audience=audience,
        generated_at=timezone.now().isoformat(timespec="seconds"),
        period=Period(start, end),
        disclosure=Disclosure(
            applied=threshold is not None,
            k=threshold.k if threshold else None,
            rule=threshold.name if threshold else "none (research team)",
            statement=disclosure_statement(threshold)
            if threshold
            else _(
                "Research-team report: no disclosure control applied. Do not share outside "
                "the research team."
            ),
            stories_with_suppressed_figures=_(
                "Stories are never shown beside a suppressed figure."
            ),
        ),
        claims=tuple(claims_out),
        stories=tuple(stories_out),
        sections=tuple(sections),
        headline=_headline(claims_out),
        ledger={
            "monthly": _monthly(ds, threshold, start, end),
            "from": ds.ledger["from"],
            "to": ds.ledger["to"],
        },
        themes={"source": themes.get("source", ""), "note": themes.get("note", "")},
        methods=methods,
        community=community,
        summary=_summary(claims_out, stories_out, methods, ds, threshold, community, start, end),
        joint_display=_joint_display(specs, ds, themes, threshold, stories_out),
        rule_check=RuleCheck(
            check.ok, tuple(check.claims_without_story), tuple(check.stories_without_number)
        ),
        triads=tuple(key_triads(projects, audience, threshold, start, end)),
        partners=partners.extras,
        language=report_language(),
        most_significant_change=tuple(msc.for_report(projects, audience)),
    )
    return report, custom


def disclosure_statement(rule: ThresholdRule) -> str:
    """`ThresholdRule.describe()` in the report's language (core stays free of Django); in
    English it is the same text, word for word (tests/evidence/test_report_languages.py)."""
    ranges = "1" if rule.k == 2 else _("1 to %(last)s") % {"last": rule.k - 1}
    if rule.k <= 1:
        parts = [_("No counts are suppressed for being small")]
    elif rule.protect_complement:
        parts = [
            _(
                "Counts of %(ranges)s are suppressed, as is any percentage whose count, or "
                "whose number of people without the outcome, is %(ranges)s"
            )
            % {"ranges": ranges}
        ]
    else:
        parts = [
            _("Counts of %(ranges)s are suppressed, as is any percentage based on one")
            % {"ranges": ranges}
        ]
    if rule.round_to is not None:
        parts.append(
            _(
                "other counts are rounded to the nearest %(n)s and percentages are calculated "
                "from the rounded counts"
            )
            % {"n": rule.round_to}
        )
    parts.append(
        _("means are shown only when based on at least %(n)s values") % {"n": rule.mean_minimum}
    )
    return (
        "; ".join(parts)
        + ". "
        + _(
            "Further figures are suppressed where a hidden one could otherwise be worked out "
            "from published totals. Rule: %(name)s (%(source)s)."
        )
        % {"name": rule_name(rule), "source": rule.source}
    )


#: disclosure rules' names (`ThresholdRule.name`, kept in English in the JSON's
#: `disclosure.rule`), in the report's language; a source (a citation) stays as written
RULE_NAMES = (
    gettext_noop("threshold rule"),
    gettext_noop("NHS Digital small-number rule"),
    gettext_noop("secure research output threshold of 10"),
)
_THRESHOLD_K = re.compile(r"threshold rule \(k = (\d+)\)")


def rule_name(rule: ThresholdRule) -> str:
    """The rule's name in the report's language ("threshold rule (k = 5)" in Welsh)."""
    k = _THRESHOLD_K.fullmatch(rule.name)
    if k:
        return _("threshold rule (k = %(k)s)") % {"k": k.group(1)}
    return _(rule.name) if rule.name in RULE_NAMES else rule.name


#: the languages a report is written in (`tallytale report --language`, the reader's on the web)
REPORT_LANGUAGES = ("en", "cy", "ar")
RTL_LANGUAGES = ("ar",)


def report_language(code: str | None = None) -> str:
    """The report language for `code` (default: the active one): one of REPORT_LANGUAGES,
    English when the code names none of them ("en-gb" is English, "cy-GB" Welsh)."""
    base = (code or translation.get_language() or "en").split("-")[0].lower()
    return base if base in REPORT_LANGUAGES else "en"


def _meta(pool: StoryPool, claim: ClaimPeople, rule: ThresholdRule | None) -> dict[str, Any]:
    """The claim's meta-inference (`core.mixed`): do the stories of the people behind the
    figure speak of its topic more, less or as much as the others'? Counts are stories the
    audience may read, published under the disclosure rule; no label from fewer than
    max(5, k) stories a side."""
    on = pool.on_topic(claim)
    behind = pool.members(claim.supporting, claim.unit)
    rest = pool.members(claim.rest, claim.unit) & ~behind
    m = meta_inference(int((on & behind).sum()), int(behind.sum()), int((on & rest).sum()),
                       int(rest.sum()), min_stories=max(MIN_STORIES, rule.k if rule else 0))  # fmt: skip
    return {
        "label": m.label,
        "behind": {"on_topic": publish_count(m.behind[0], rule), "stories": publish_count(m.behind[1], rule)},
        "rest": {"on_topic": publish_count(m.rest[0], rule), "stories": publish_count(m.rest[1], rule)},
        "difference": None if m.difference is None else round(m.difference, 4),
        "ci_low": None if m.low is None else round(m.low, 4),
        "ci_high": None if m.high is None else round(m.high, 4),
    }  # fmt: skip


def _joint_display(
    specs: list[Any],
    ds: evdata.Dataset,
    themes: dict[str, Any],
    rule: ThresholdRule | None,
    stories: list[StoryOut],
) -> dict[str, Any]:
    """Outcomes x themes (Guetterman, Fetters & Creswell 2015): for each outcome figure of
    the whole population, the share with the outcome among the tellers of each theme, with
    its Wilson interval under the disclosure rule, and one quote per cell from the stories
    the report shows (a story of that theme told by someone behind the figure)."""
    labels: list[str] = list(themes.get("labels") or [])
    outcomes = [
        s for s in specs
        if s.section.startswith(("outcome:", "custom:")) and not s.result.suppressed
        and s.result.kind in ("proportion", "meaningful_change") and s.unit == "person"
        and not s.result.population.get("subgroup")
    ]  # fmt: skip
    if not labels or not outcomes:
        return {"outcomes": [], "themes": [], "prevalence": {}, "cells": []}
    assign: dict[int, str] = themes["assignments"]
    teller_of = dict(zip(ds.stories["id"].tolist(), ds.stories["teller"].tolist(), strict=True))
    tellers: dict[str, np.ndarray] = {}
    for lab in labels:
        ids = {teller_of[s] for s, t in assign.items() if t == lab and teller_of.get(s, -1) >= 0}
        tellers[lab] = np.array(sorted(ids), dtype=np.int64)
    quotable_by_theme: dict[str, list[StoryOut]] = {}
    for st in stories:
        if st.theme and quotable(st.excerpt):
            quotable_by_theme.setdefault(st.theme, []).append(st)
    prevalence = {}
    for i, lab in enumerate(labels):
        prevalence[lab] = f"theme-{i + 1}"
    cells = []
    for s in outcomes:
        pop = np.union1d(s.supporting, s.rest)
        for j, lab in enumerate(labels):
            people = np.intersect1d(tellers[lab], pop, assume_unique=True)
            x = int(np.intersect1d(people, s.supporting, assume_unique=True).size)
            res = cl.proportion_claim(f"jd-{s.result.id}-{j + 1}", f"{s.result.label} \u00b7 {lab}",
                                      x, int(people.size), rule, {})  # fmt: skip
            quote = None
            if not res.suppressed:
                behind = set(s.supporting.tolist())
                quote = next((st.id for st in quotable_by_theme.get(lab, [])
                              if teller_of.get(st.id) in behind), None)  # fmt: skip
            cells.append({
                "claim_id": s.result.id, "theme": lab, "n": res.n, "numerator": res.numerator,
                "estimate": res.estimate, "ci_low": res.ci_low, "ci_high": res.ci_high,
                "suppressed": res.suppressed, "quote": quote,
            })  # fmt: skip
    return {
        "outcomes": [s.result.id for s in outcomes],
        "themes": labels,
        "prevalence": prevalence,
        "cells": cells,
    }


def _pairing_rank(spec: Any) -> int:
    """Which figures choose stories first: headline figures (0), other whole-population
    figures (1), means per wave (2), subgroups, differences and per-project rows (3),
    themes and signifiers (4, whose stories are theirs by definition)."""
    if spec.section in ("themes", "signifiers"):
        return 4
    r = spec.result
    if r.population.get("subgroup") or r.kind == "difference" or spec.section == "projects":
        return 3
    if spec.headline:
        return 0
    return 2 if r.kind == "mean" else 1


KEY_FIGURES = 6  # the front page holds 4-6 key figures (fewer only if fewer are published)
FRONT_ACTIONS = 3  # "what the community did": the first few actions on the front page


def period_label(start: dt.date | None, end: dt.date | None) -> str:
    """The reporting period in words, for the front page and every page's header."""

    def day(d: dt.date) -> str:
        return formats.date_format(d, "j F Y")  # month names in the active language

    if start and end:
        return _("%(start)s to %(end)s") % {"start": day(start), "end": day(end)}
    if start:
        return _("from %(start)s") % {"start": day(start)}
    if end:
        return _("up to %(end)s") % {"end": day(end)}
    return _("all records")


def _summary(
    claims: list[ClaimOut],
    stories: list[StoryOut],
    methods: dict[str, Any],
    ds: evdata.Dataset,
    rule: ThresholdRule | None,
    community: dict[str, Any],
    start: dt.date | None,
    end: dt.date | None,
) -> dict[str, Any]:
    """The front page as data: the period, who took part, the key figures each with one
    quote of its own (a story is quoted beside one key figure only), one contrasting
    voice, time given and credits, and what the community did with the findings."""
    # a front-page quote stands alone: long enough, not mostly masked (core.pairing.quotable)
    shown = {s.id for s in stories if quotable(s.excerpt)}
    used: set[int] = set()
    # hours and members active have their own line on the front page
    chosen = [c for c in claims if c.headline and c.section != "ledger"][:KEY_FIGURES]
    key = []
    for c in chosen:
        quote = next(
            (r.id for r in c.stories if r.role == "supporting" and r.id in shown and r.id not in used),
            None,
        )  # fmt: skip
        if quote is not None:
            used.add(quote)
        key.append({"claim_id": c.id, "quote": quote})
    contrast = next(
        ({"claim_id": c.id, "story_id": r.id} for c in chosen for r in c.stories
         if r.role == "contrasting" and r.id in shown and r.id not in used),
        None,
    )  # fmt: skip
    led = ds.ledger
    givers = int(led["earners"].size)
    spenders = int(led["spenders"].size)
    given_ok = publish_count(givers, rule) is not None if givers else False
    spent_ok = publish_count(spenders, rule) is not None if spenders else False
    return {
        "period": {
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
            "label": period_label(start, end),
        },
        "participation": {
            "members": methods["members"],
            "waves": methods["waves"],
            "attrition": methods["attrition"],
        },
        "key_figures": key,
        "contrasting": contrast,
        "ledger": {
            "has_activity": bool(givers or spenders),
            "hours_given": round(led["minutes_given"] / 60, 1) if given_ok else None,
            "credits_earned": round(led["minutes_given"] / 60, 1) if given_ok else None,
            "credits_spent": round(led.get("minutes_spent", 0) / 60, 1) if spent_ok else None,
            "members_active": publish_count(int(led["active"].size), rule),
        },
        "community_actions": list(community.get("actions", []))[:FRONT_ACTIONS],
    }


def _headline(claims_out: list[ClaimOut]) -> tuple[str, ...]:
    """Up to 8 key figures for the front page; a published partner figure keeps a place."""
    ids = [c.id for c in claims_out if c.headline and c.section != "partners"]
    partner = [c.id for c in claims_out if c.headline and c.section == "partners"]
    return tuple(ids[: 8 - len(partner[:1])] + partner[:1])


@dataclass(frozen=True)
class _PairingView:
    has_story: bool


def _monthly(
    ds: evdata.Dataset,
    rule: ThresholdRule | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Hours given per month; a month the period covers only in part (the month still
    under way, or cut by the period's ends) is marked `partial`, so its short bar is not
    read as a fall in activity."""
    last = min(end or timezone.localdate(), timezone.localdate())
    out = []
    for m in ds.ledger["monthly"]:
        people = publish_count(m["people"], rule)
        first = dt.date.fromisoformat(f"{m['month']}-01")
        month_end = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
            days=1
        )
        partial = month_end > last or bool(start and start > first)
        out.append({"month": m["month"],
                    "hours": None if people is None else round(m["minutes"] / 60, 1),
                    "people": people, "partial": partial})  # fmt: skip
    return out


def _section_title(sec: str, members: list[ClaimOut], ds: evdata.Dataset) -> str:
    if sec.startswith("outcome:"):
        name = sec.split(":", 1)[1]
        if name == "swemwbs":
            return _("Mental wellbeing (SWEMWBS)")
        item = ds.items.get(name)
        return item_label(item) if item else name
    if sec.startswith("more:"):
        name = sec.split(":", 1)[1]
        item = ds.items.get(name)
        return _("More figures: %(question)s") % {"question": item_label(item) if item else name}
    if sec.startswith("custom:"):
        return members[0].result.label.split(":")[0]
    return {
        "themes": _("What people's stories are about"),
        "signifiers": _("How tellers described their own stories"),
        "ledger": _("Time given and credits used"),
        "projects": _("Comparing projects"),
        "partners": _("What changed for partner organisations"),
    }.get(sec, sec)


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
