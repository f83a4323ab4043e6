"""The claim set: every published figure of a report, computed with disclosure control.

Standard claims are derived from what the project holds (agreement items, ONS4, SWEMWBS,
themes, signifiers, ledger); custom claims are users' own (`add_claim`). Each claim is a
`_Spec`: the pure `tallytale.core.claims` result plus the people behind it, which pairing
needs to choose their stories.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tallytale.audit.services import record
from tallytale.core import claims as cl
from tallytale.core.consent import AUDIENCES, RESEARCH_TEAM
from tallytale.core.disclosure import DEFAULT_RULE, NHS_DIGITAL, SECURE_RESEARCH_10, ThresholdRule
from tallytale.core.scales import ONS4_ITEMS, TC_MEMBER_ITEMS, TC_PARTNER_ITEMS
from tallytale.core.stats import (
    SWEMWBS_MEANINGFUL_CHANGE_POINTS,
)
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Project
from tallytale.programmes.services import get_project

from . import data as evdata
from .data import member_values as _member_values
from .data import unique_ids as _ids
from .models import Claim

RULES: dict[str, ThresholdRule | None] = {
    "default": None,  # threshold rule with the project's k
    "nhs-digital": NHS_DIGITAL,
    "threshold-10": SECURE_RESEARCH_10,
}

#: words that tie an item to stories' themes, codes and text (matched after crude stemming):
#: what a person telling a story about that outcome would say, in English, Welsh and Arabic
#: (Arabic with and without the article, as it is written attached)
TOPICS: dict[str, str] = {
    "tc_quality_of_life": (
        "quality life better wellbeing happier happy enjoy confident friends family energy "
        "bywyd gwell hapus hapusach teulu ffrindiau "
        "حياة الحياة أفضل سعيد سعيدة العائلة عائلتي أصدقاء"
    ),
    "tc_healthier": (
        "health healthier physical fit fitness walking walk exercise weight diabetes blood "
        "pressure energy breath strength yoga swimming active body diet "
        "iechyd iach cerdded ymarfer pwysau egni corff "
        "صحة الصحة صحتي رياضة المشي وزن الوزن طاقة"
    ),
    "tc_doctor_less": (
        "doctor doctors gp surgery appointment appointments nurse hospital health medication "
        "prescription pharmacy clinic ill illness pain "
        "meddyg feddyg apwyntiad ysbyty nyrs iechyd meddygfa "
        "طبيب الطبيب موعد المواعيد مستشفى المستشفى صحة الصحة دواء"
    ),
    "tc_new_friends": (
        "friends friend friendship lonely loneliness isolated people together belong welcome "
        "chat company neighbours "
        "ffrindiau ffrind unig cwmni gyda'n gilydd croeso "
        "أصدقاء صديق صديقة أصدقائي وحيد وحيدة الوحدة معا"
    ),
    "tc_contribute": (
        "community volunteering volunteer volunteers contribute help helping giving give back "
        "purpose useful "
        "cymuned gymuned gwirfoddoli gwirfoddolwyr helpu rhoi "
        "مجتمع المجتمع تطوع التطوع مساعدة أساعد"
    ),
    "tc_partner_access": "services access partner",
    "ons4_life": "life satisfied wellbeing better happier bywyd gwell حياة الحياة أفضل",
    "ons4_worthwhile": (
        "worthwhile useful purpose volunteering help helping learned skills proud "
        "pwrpas defnyddiol helpu هدف مفيد أساعد"
    ),
    "ons4_happy": "happy happier smile enjoy fun hapus hapusach سعيد سعيدة",
    "ons4_anxious": (
        "anxious anxiety worry worried stress stressed mental panic calm relaxed "
        "pryder gorbryder straen قلق القلق توتر"
    ),
    "swemwbs": (
        "mental health wellbeing confident confidence relaxed useful optimistic close calm "
        "stronger depression anxiety stress cope "
        "hyder iechyd meddwl iselder gorbryder "
        "ثقة الثقة نفسية النفسية اكتئاب قلق"
    ),
    "ledger": (
        "volunteering volunteer time credits credit hours giving give "
        "gwirfoddoli credydau oriau تطوع التطوع ساعات رصيد"
    ),
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
        raise InvalidInput(
            _("unknown audience %(audience)s; choose from %(choices)s")
            % {"audience": repr(audience), "choices": ", ".join(AUDIENCES)}
        )
    if preset not in RULES:
        raise InvalidInput(
            _("unknown disclosure rule %(preset)s; choose from %(choices)s")
            % {"preset": repr(preset), "choices": ", ".join(RULES)}
        )
    if audience == RESEARCH_TEAM:
        return None
    k = max([p.disclosure_k for p in projects] or [DEFAULT_RULE.k])
    base = RULES[preset]
    if base is None:
        return ThresholdRule(k=k, name=f"threshold rule (k = {k})")
    return replace(base, k=max(base.k, k)) if k > base.k else base


#: the built-in instruments' English question wording (surveys.builtin), so a report in
#: Welsh or Arabic names the standard figures in its own language (`item_label`)
STANDARD_ITEM_LABELS = (
    gettext_noop("My quality of life has improved"),
    gettext_noop("I feel healthier"),
    gettext_noop("I visit my doctor less often"),
    gettext_noop("I have made new friends"),
    gettext_noop("I feel able to contribute more to my community"),
    gettext_noop("We offer improved access to our services with the same or fewer resources"),
    gettext_noop("We have gained new volunteers"),
    gettext_noop("We reach people we did not reach before"),
    gettext_noop("We deliver our activities with the same or fewer paid resources"),
    gettext_noop("Overall, how satisfied are you with your life nowadays?"),
    gettext_noop(
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?"
    ),
    gettext_noop("Overall, how happy did you feel yesterday?"),
    gettext_noop(
        "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', "
        "overall, how anxious did you feel yesterday?"
    ),
)


#: units of count figures (`extra.unit`, kept in English in the JSON), shown translated
UNITS = (gettext_noop("hours"), gettext_noop("members"), gettext_noop("partners"))


def item_label(item: evdata.ItemAnswers) -> str:
    """A question's wording in the report's language: a built-in instrument's question is
    translated; a project's own question keeps the wording its form gave it."""
    return _(item.label) if item.label in STANDARD_ITEM_LABELS else item.label


#: why a figure is withheld (`ClaimResult.suppressed_reason`, English in the JSON), in the
#: report's language: (pattern, msgid, placeholder)
_REASONS = (
    (re.compile(r"fewer than (\d+)"), gettext_noop("fewer than %(k)s"), "k"),
    (
        re.compile(r"fewer than (\d+) without the outcome \(n minus count\)"),
        gettext_noop("fewer than %(k)s without the outcome (n minus count)"),
        "k",
    ),
    (
        re.compile(r"fewer than (\d+) organisations"),
        gettext_noop("fewer than %(k)s organisations"),
        "k",
    ),
    (
        re.compile(r"based on fewer than (\d+) values"),
        gettext_noop("based on fewer than %(k)s values"),
        "k",
    ),
    (re.compile(r"fewer than (\d+) values"), gettext_noop("fewer than %(k)s values"), "k"),
    (
        re.compile(r"fewer than (\d+) people answered at both waves"),
        gettext_noop("fewer than %(k)s people answered at both waves"),
        "k",
    ),
)
_REASON_WORDS = (
    gettext_noop("could be worked out from published totals (secondary suppression)"),
    gettext_noop("nobody answered"),
    gettext_noop("one of the groups compared is suppressed"),
    gettext_noop("suppressed"),
)


def reason_text(reason: str | None) -> str:
    """Why a figure is withheld, in the active language (unknown reasons unchanged)."""
    if not reason:
        return _("suppressed")
    if reason in _REASON_WORDS:
        return _(reason)
    for pattern, msgid, key in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            return _(msgid) % {key: found.group(1)}
    return reason


def agree_suffix() -> str:
    """What "(agree or strongly agree)" adds to a question's label, in the active language
    (a table whose header already says so strips it)."""
    return _("%(question)s (agree or strongly agree)") % {"question": ""}


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.0f}%"


def _fmt(x: float | None, digits: int = 1) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def display(claim: dict[str, Any], k: int | None = None) -> str:
    """The claim as a sentence fragment: "65% (95% CI 61% to 69%; 412 of 630)", in the
    active language."""
    if claim["suppressed"]:
        return _("figure withheld (%(reason)s)") % {
            "reason": reason_text(claim.get("suppressed_reason"))
        }
    kind = claim["kind"]
    if kind in ("proportion", "meaningful_change", "prevalence"):
        return _("%(pct)s (95%% CI %(low)s to %(high)s; %(x)s of %(n)s)") % {
            "pct": _pct(claim["estimate"]), "low": _pct(claim["ci_low"]),
            "high": _pct(claim["ci_high"]), "x": f"{claim['numerator']:,}", "n": f"{claim['n']:,}",
        }  # fmt: skip
    if kind == "difference":
        return _("%(d)s percentage points (95%% CI %(low)s to %(high)s)") % {
            "d": f"{100 * claim['estimate']:+.0f}", "low": f"{100 * claim['ci_low']:+.0f}",
            "high": f"{100 * claim['ci_high']:+.0f}",
        }  # fmt: skip
    if kind == "mean":
        return _("%(mean)s (95%% CI %(low)s to %(high)s; n = %(n)s)") % {
            "mean": _fmt(claim["estimate"]), "low": _fmt(claim["ci_low"]),
            "high": _fmt(claim["ci_high"]), "n": f"{claim['n']:,}",
        }  # fmt: skip
    if kind == "change":
        dz = claim.get("extra", {}).get("cohen_dz")
        d = f"; d_z = {dz:.2f}" if dz is not None else ""
        return _("%(d)s points (95%% CI %(low)s to %(high)s; n = %(n)s people at both waves%(dz)s)") % {
            "d": f"{claim['estimate']:+.2f}", "low": f"{claim['ci_low']:+.2f}",
            "high": f"{claim['ci_high']:+.2f}", "n": f"{claim['n']:,}", "dz": d,
        }  # fmt: skip
    if kind == "count":
        unit = claim.get("extra", {}).get("unit", "")
        value = claim["estimate"]
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        return f"{text} {_(unit) if unit in UNITS else unit}".strip()
    return str(claim["estimate"])


def _population(ds: evdata.Dataset, wave: int | None = None, **more: Any) -> dict[str, Any]:
    pop: dict[str, Any] = {
        "projects": [p.slug for p in ds.projects],
        "wave": ds.wave_names[wave] if wave is not None else None,
    }
    pop.update({k: v for k, v in more.items() if v is not None})
    return pop


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
    wording: str | None = None,
) -> list[_Spec]:
    """Mean at each wave (t interval), paired change first -> last wave (t interval, d_z)
    and, for SWEMWBS, the share whose own change reached the meaningful threshold."""
    out: list[_Spec] = []
    ok = ~np.isnan(item.number)
    waves = sorted(set(item.wave[ok].tolist()))
    topic = TOPICS.get(item.name, "")
    english = wording or label  # pairing reads the English wording; people read the label
    for w in waves:
        sel = ok & (item.wave == w)
        res = cl.mean_claim(
            f"{prefix}-mean-{ds.wave_names[w]}",
            _("%(label)s: mean at %(wave)s") % {"label": label, "wave": ds.wave_labels[w]},
            item.number[sel].tolist(), rule, _population(ds, w, item=item.name),
            {"scale": item.name},
        )  # fmt: skip
        out.append(
            _Spec(res, section, _ids(item.person[sel]), np.zeros(0, dtype=np.int64),
                  wording=english, topic_words=topic,
                  phrase=_("answered at %(wave)s") % {"wave": ds.wave_labels[w]},
                  item=item.name, wave=w)
        )  # fmt: skip
    if len(waves) >= 2:
        first, last = waves[0], waves[-1]
        people, before, after = _paired(item, first, last)
        pop = _population(
            ds, None, item=item.name, waves=[ds.wave_names[first], ds.wave_names[last]]
        )
        res = cl.change_claim(
            f"{prefix}-change",
            _("%(label)s: change from %(first)s to %(last)s") % {
                "label": label, "first": ds.wave_labels[first], "last": ds.wave_labels[last]},
            before.tolist(), after.tolist(), rule, pop, {"scale": item.name,
                                                         "lower_is_better": lower_is_better},
        )  # fmt: skip
        better = (after < before) if lower_is_better else (after > before)
        out.append(
            _Spec(res, section, _ids(people[better]), _ids(people[~better]), wording=english,
                  topic_words=topic, phrase=_("whose score improved"), item=item.name,
                  headline=not meaningful)
        )  # fmt: skip
        if meaningful:
            res = cl.meaningful_change_claim(
                f"{prefix}-meaningful",
                _("%(label)s: people whose score rose by at least %(points)s points")
                % {"label": label, "points": f"{SWEMWBS_MEANINGFUL_CHANGE_POINTS:g}"},
                before.tolist(), after.tolist(), rule, pop,
            )  # fmt: skip
            passed = (after - before) >= SWEMWBS_MEANINGFUL_CHANGE_POINTS - 1e-9
            out.append(
                _Spec(res, section, _ids(people[passed]), _ids(people[~passed]), wording=english,
                      topic_words=topic,
                      phrase=_("saw their score rise by %(points)s+ points")
                      % {"points": f"{SWEMWBS_MEANINGFUL_CHANGE_POINTS:g}"},
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
        specs.append((f"theme-{i + 1}", _("Stories about %(theme)s") % {"theme": lab}, int(ids.size),
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
                  wording=lab, topic_words=lab,
                  phrase=_("told a story about %(theme)s") % {"theme": lab})
        )  # fmt: skip
    return out


def _signifier_claims(ds: evdata.Dataset, rule: ThresholdRule | None) -> list[_Spec]:
    out = []
    live = set(ds.stories["id"].tolist())
    # signifiers belong to one project: in a programme report two projects' "about"
    # signifiers are different questions, so each claim id (and the element id the report
    # gives it) carries its project's slug, and its label the project's name
    by_pk = {p.pk: p for p in ds.projects} if len(ds.projects) > 1 else {}
    for sig in ds.signifiers:
        answers = [(s, v) for s, v in sig["answers"] if s in live]
        if not answers:
            continue
        n = len(answers)
        specs = []
        members = {}
        owner = by_pk.get(sig["project_id"])
        id_prefix = f"{owner.slug}-" if owner else ""
        label_prefix = f"{owner.name} \u00b7 " if owner else ""
        for j, option in enumerate(sig["options"]):
            ids = np.array(
                [s for s, v in answers if option in (v if isinstance(v, list) else [v])],
                dtype=np.int64,
            )
            members[option] = ids
            specs.append((f"{id_prefix}signifier-{sig['name']}-{j + 1}",
                          f"{label_prefix}{sig['label']}: {option}",
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
                      phrase=_("chose “%(option)s”") % {"option": option})
            )  # fmt: skip
    return out


def _ledger_claims(ds: evdata.Dataset, rule: ThresholdRule | None) -> list[_Spec]:
    """Time given and credits used, only where the projects have ledger activity in the
    period: a project without a ledger gets no "0 hours given" figure."""
    led = ds.ledger
    if not (led["minutes_given"] or led["earners"].size or led["spenders"].size):
        return []
    pop = _population(ds, None, period={"from": led["from"], "to": led["to"]})
    # all three are unique id arrays (np.unique / union1d / one row per member)
    earners = np.intersect1d(led["earners"], ds.members, assume_unique=True)
    active = np.intersect1d(led["active"], ds.members, assume_unique=True)
    inactive = np.setdiff1d(ds.members, active)
    topic = TOPICS["ledger"]
    hours = cl.count_claim(
        "ledger-hours", _("Hours given by members"), led["minutes_given"] / 60, int(earners.size),
        rule, pop, unit="hours",
    )  # fmt: skip
    act = cl.count_claim(
        "ledger-active", _("Members who earned or spent time credits"), int(active.size),
        int(active.size), rule, pop, unit="members", count_of_people=True,
    )  # fmt: skip
    partners = cl.count_claim(
        "ledger-partners", _("Partner organisations where credits were earned or spent"),
        led["partners_active"], int(active.size), rule, pop, unit="partners",
    )  # fmt: skip
    share = cl.proportion_claim(
        "ledger-active-share", _("Share of members who were active"), int(active.size),
        int(ds.members.size), rule, pop,
    )  # fmt: skip
    return [
        _Spec(hours, "ledger", earners, np.setdiff1d(ds.members, earners), wording="hours given",
              topic_words=topic, phrase=_("gave time"), headline=True),
        _Spec(act, "ledger", active, inactive, wording="members active", topic_words=topic,
              phrase=_("was active"), headline=True),
        _Spec(partners, "ledger", active, inactive, wording="partners", topic_words=topic,
              phrase=_("earned or spent credits")),
        _Spec(share, "ledger", active, inactive, wording="members active", topic_words=topic,
              phrase=_("were active")),
    ]  # fmt: skip


def _positive_phrase(label: str) -> str:
    return _("agreed: “%(question)s”") % {"question": label}


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
            ds, item, {"4", "5"}, _positive_phrase(item_label(item)), rule, f"outcome:{name}", name,
            _("%(question)s (agree or strongly agree)") % {"question": item_label(item)},
            compare_projects=programme,
        )  # fmt: skip
    if ds.swemwbs is not None:
        specs += _scale_claims(ds, ds.swemwbs, rule, "outcome:swemwbs", "swemwbs",
                               _("Mental wellbeing (SWEMWBS)"), meaningful=True,
                               wording="Mental wellbeing (SWEMWBS)")  # fmt: skip
    for name in ONS4_ITEMS:
        item = ds.items.get(name)
        if item is None or item.person.size == 0:
            continue
        specs += _scale_claims(ds, item, rule, f"outcome:{name}", name,
                               _("%(question)s (0-10)") % {"question": item_label(item)},
                               meaningful=False, lower_is_better=name == "ons4_anxious",
                               wording=f"{item.label} (0-10)")  # fmt: skip
    specs += _theme_claims(ds, themes, rule)
    specs += _signifier_claims(ds, rule)
    specs += _ledger_claims(ds, rule)
    return [s for s in specs if not about_nothing(s.result)]


def about_nothing(r: cl.ClaimResult) -> bool:
    """A figure about nobody: its population is empty (n = 0), or its data is absent (no
    n and no estimate, and not withheld). Such a figure is not published at all."""
    if r.n == 0:
        return True
    return r.n is None and r.estimate is None and not r.suppressed


def default_claims(ds: evdata.Dataset, rule: ThresholdRule | None, names: set[str]) -> list[_Spec]:
    """The default claim set of every instrument: for each select-one question no standard
    claim covers, at its latest wave, the share choosing its top answers when the choices
    are an ordered scale (numbered choices: the top two of four or more, else the top one),
    or the share choosing each answer of a nominal list (protected as one table, so a
    hidden answer cannot be worked out from the others). Shown under "more figures";
    a person promotes one to a key figure with `tallytale claim add`."""
    out: list[_Spec] = []
    for name in sorted(names):
        item = ds.items.get(name)
        if item is None or item.person.size == 0 or not item.choices:
            continue
        latest = int(item.wave.max())
        section = f"more:{name}"
        codes = list(item.choices)
        if all(c.lstrip("-").isdigit() for c in codes):
            ordered = sorted(codes, key=int)
            top = ordered[-2:] if len(ordered) >= 4 else ordered[-1:]
            said = f" {_('or')} ".join(f"\u201c{item.choices[c]}\u201d" for c in top)
            specs = _item_claims(
                ds, item, set(top), _("answered %(answers)s") % {"answers": said}, rule,
                section, f"default-{name}",
                f"{item.label}: {said}", waves=[latest], subgroups=False,
            )  # fmt: skip
        elif len(codes) <= evdata.DEFAULT_MAX_CHOICES:
            sel = item.wave == latest
            people, answers = item.person[sel], item.text[sel].astype(str)
            fam = [
                (f"default-{name}-{j + 1}", f"{item.label}: {item.choices[c]}",
                 int((answers == c).sum()), _population(ds, latest, item=name, option=c))
                for j, c in enumerate(codes)
            ]  # fmt: skip
            results = cl.prevalence_family(fam, int(people.size), rule, partition=True)
            specs = [
                _Spec(res, section, _ids(people[answers == c]), _ids(people[answers != c]),
                      wording=item.label,
                      phrase=_("answered “%(answer)s”") % {"answer": item.choices[c]},
                      item=name, wave=latest)
                for res, c in zip(results, codes, strict=True)
            ]  # fmt: skip
        else:
            continue
        for spec in specs:
            spec.headline = False
        out += specs
    return out


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


def asdict_claim(r: cl.ClaimResult) -> dict[str, Any]:
    d = asdict(r)
    d["population"] = dict(r.population)
    d["extra"] = dict(r.extra)
    return d


# --------------------------------------------------------------------------------------
# custom claims
# --------------------------------------------------------------------------------------


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
    actor: Any = None,
) -> Claim:
    """Add a user's own claim (choose item, positive answers, population, waves). With an
    `actor` (the web page), the service checks `evidence.claims` itself."""
    proj = get_project(project)
    if actor is not None:
        from tallytale.programmes.permissions import require

        require(actor, "evidence.claims", proj)
    if kind not in Claim.Kind.values:
        raise InvalidInput(
            _("kind must be one of %(choices)s") % {"choices": ", ".join(Claim.Kind.values)}
        )
    if kind == Claim.Kind.PROPORTION and not positive_answers:
        raise InvalidInput(_("a proportion claim needs at least one positive answer"))
    if not key.strip() or not label.strip():
        raise InvalidInput(_("key and label must not be empty"))
    _check_item(proj, item, positive_answers)
    if subgroup_field not in ("", "gender", "age_band", "area"):
        raise InvalidInput(_("subgroup must be gender, age_band or area"))
    if Claim.objects.filter(project=proj, key=key).exists():
        raise InvalidInput(
            _("claim %(key)s already exists in %(proj)s")
            % {"key": repr(key), "proj": repr(proj.slug)}
        )
    claim = Claim.objects.create(
        project=proj, key=key, label=label, item=item, kind=kind,
        positive_answers=list(positive_answers), waves=list(waves),
        subgroup_field=subgroup_field, subgroup_value=subgroup_value, created_by_label=actor_label,
    )  # fmt: skip
    record("evidence.claim_add", actor_label=actor_label or "system", target=claim,
           project_slug=proj.slug, key=key)  # fmt: skip
    return claim


def _check_item(project: Project, item: str, answers: Sequence[str]) -> None:
    """The item is a question of one of the project's instruments, and each answer is one
    of its choices (for a select question): a typo is refused now, naming what exists,
    rather than giving a figure about nothing at the next build."""
    from tallytale.surveys.models import Choice, Question

    questions = list(
        Question.objects.filter(instrument__project=project, name=item).values_list(
            "instrument_id", "list_name"
        )
    )
    if not questions:
        names = sorted(
            Question.objects.filter(instrument__project=project)
            .exclude(type__in=["group", "begin group", "end group", "repeat", "note", "calculate"])
            .values_list("name", flat=True)
            .distinct()
        )
        hint = ", ".join(names[:12]) + (" ..." if len(names) > 12 else "")
        raise InvalidInput(
            _("item: no question %(item)s in %(project)s; its questions: %(hint)s")
            % {"item": repr(item), "project": repr(project.slug), "hint": hint}
        )
    lists = [(inst, ln) for inst, ln in questions if ln]
    if lists and answers:
        choices = set()
        for inst, list_name in lists:
            choices |= set(
                Choice.objects.filter(instrument_id=inst, list_name=list_name).values_list(
                    "name", flat=True
                )
            )
        unknown = [a for a in answers if a not in choices]
        if unknown:
            raise InvalidInput(
                _("answers: %(choices)s not among the choices of %(item)s (%(choices2)s)")
                % {
                    "choices": ", ".join(unknown),
                    "item": repr(item),
                    "choices2": ", ".join(sorted(choices)),
                }
            )


def list_claims(project: str) -> list[Claim]:
    """A project's own claims (custom figures), by key."""
    return list(Claim.objects.filter(project=get_project(project)).order_by("key"))


@transaction.atomic
def remove_claim(project: str, key: str, *, actor_label: str = "", actor: Any = None) -> None:
    """Remove a project's own claim (looked up within the project); its past results go
    with it (build logs keep their digests). An audit event records who removed which."""
    proj = get_project(project)
    if actor is not None:
        from tallytale.programmes.permissions import require

        require(actor, "evidence.claims", proj)
    claim = Claim.objects.filter(project=proj, key=key).first()
    if claim is None:
        raise InvalidInput(
            _("key: no claim %(key)s in %(proj)s") % {"key": repr(key), "proj": repr(proj.slug)}
        )
    record("evidence.claim_remove", actor_label=actor_label or "system", target=claim,
           project_slug=proj.slug, key=key)  # fmt: skip
    claim.delete()
