"""Pairing every published claim with stories: the theme of each story (a stored theme
run, else discovered on the fly), story candidates, claim topics, the numbers printed
beside each story, and excerpts."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tallytale.core.disclosure import ThresholdRule, publish_part
from tallytale.core.pairing import (
    StoryCandidate,
    content_words,
)
from tallytale.core.scales import AGREEMENT

from . import data as evdata
from .claims import _pct, _Spec, asdict_claim, display

EXCERPT_CHARS = 320
ON_THE_FLY_THEME_LIMIT = 5000
THEME_CACHE_SIZE = 8


@dataclass(frozen=True)
class _Clusters:
    """What a report keeps of an on-the-fly theme discovery: the clusters only (story id ->
    theme id), never words, so nothing derived from a story's text outlives the build."""

    theme_ids: tuple[int, ...]
    assignments: Mapping[int, int]
    method: str
    k: int


_clusters: OrderedDict[str, _Clusters] = OrderedDict()
_clusters_lock = threading.Lock()


def _discover_cached(texts: list[str], ids: list[int], k: int, languages: list[str]) -> _Clusters:
    """Theme discovery (about two seconds for a few hundred stories) once per dataset: keyed
    by a fingerprint of every live story's id, text and language and k, so the reports of
    every audience, and rebuilds while nothing changed, reuse the clusters; any edit,
    redaction or withdrawal changes the fingerprint. The discovery is deterministic (fixed
    seed), so a cached result is the one a fresh run would give."""
    from tallytale.core.themes import discover_themes

    h = hashlib.sha256(str(k).encode())
    for sid, text, lang in zip(ids, texts, languages, strict=True):
        h.update(f"\x1e{sid}\x1f{lang}\x1f".encode())
        h.update((text or "").encode("utf-8", "surrogatepass"))
    key = h.hexdigest()
    with _clusters_lock:
        hit = _clusters.get(key)
        if hit is not None:
            _clusters.move_to_end(key)
            return hit
    res = discover_themes(texts, ids, k=k, languages=languages)
    found = _Clusters(
        tuple(t.id for t in res.themes),
        MappingProxyType({int(s): int(t) for s, t in res.assignments.items()}),
        res.method,
        res.k,
    )
    with _clusters_lock:
        _clusters[key] = found
        while len(_clusters) > THEME_CACHE_SIZE:
            _clusters.popitem(last=False)
    return found


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
            out.update(labels=labels, assignments=assignments, source=_("theme run (coding)"))
        codes: dict[int, set[str]] = {}
        for sid, name in Coding.objects.filter(
            project__in=ds.projects, origin__in=list(COUNTED), rejected_at__isnull=True,
            story__withdrawn_at__isnull=True,
        ).values_list("story_id", "code__name"):  # fmt: skip
            if sid in visible_ids:
                codes.setdefault(sid, set()).add(name.lower())
        out["codes"] = codes
    if not out["labels"]:
        from tallytale.core.themes import MIN_STORIES, label_themes

        n = int(live.size)
        if MIN_STORIES <= n <= ON_THE_FLY_THEME_LIMIT:
            # a fixed k (about sqrt(n / 2), 2..10): choosing k automatically costs seconds
            k = int(min(10, max(2, round((n / 2) ** 0.5))))
            res = _discover_cached(
                list(ds.stories["text"]),
                live.tolist(),
                k,
                [str(x) for x in ds.stories["language"]],
            )
            # clusters from every live story; words only from those the audience may read
            vis = [
                i for i, sid in enumerate(live.tolist())
                if sid in visible_ids and sid in res.assignments
            ]  # fmt: skip
            shown = label_themes(
                [ds.stories["text"][i] or "" for i in vis],
                [res.assignments[int(live[i])] for i in vis],
                list(res.theme_ids),
                [str(ds.stories["language"][i]) for i in vis],
            )
            names = {t: shown[t][0] for t in res.theme_ids}
            out.update(
                labels=[names[t] for t in res.theme_ids],
                assignments={int(s): names[t] for s, t in res.assignments.items()},
                source=_("discovered for this report (%(method)s, k = %(k)s)")
                % {"method": res.method, "k": res.k},
            )
        else:
            out["note"] = _(
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


#: answer words a story's number may quote (the built-in agreement scale, `AGREEMENT`), so
#: they are translated; a project's own choices are shown as its form wrote them
ANSWER_WORDS = (
    gettext_noop("Strongly disagree"),
    gettext_noop("Disagree"),
    gettext_noop("Neither agree nor disagree"),
    gettext_noop("Agree"),
    gettext_noop("Strongly agree"),
    gettext_noop("strongly disagree"),
    gettext_noop("neither"),
    gettext_noop("strongly agree"),
)


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
                _("One of the %(x)s of %(n)s (%(pct)s, 95%% CI %(low)s to %(high)s) who %(what)s.")
                % {"x": f"{r.numerator:,}", "n": f"{r.n:,}", "pct": _pct(r.estimate),
                   "low": _pct(r.ci_low), "high": _pct(r.ci_high), "what": spec.phrase}
            )  # fmt: skip
        else:
            rest = r.n - r.numerator
            lo = None if r.ci_high is None else 1 - r.ci_high
            hi = None if r.ci_low is None else 1 - r.ci_low
            out.append(
                _(
                    "One of the %(x)s of %(n)s (%(pct)s, 95%% CI %(low)s to %(high)s) who did "
                    "not (%(what)s)."
                )
                % {"x": f"{rest:,}", "n": f"{r.n:,}", "pct": _pct(rest / r.n), "low": _pct(lo),
                   "high": _pct(hi), "what": spec.phrase}
            )  # fmt: skip
        # the teller's own answer category: only beyond the public audience (a story's
        # consent covers the project), and only when that answer's cell is not disclosive
        key = (spec.item, spec.wave)
        if spec.item and teller is not None and audience != "public" and key in category_counts:
            answer = answers_cache[key].get(teller)
            if answer is not None:
                shown = publish_part(category_counts[key].get(answer, 0), r.n, rule)
                if shown is not None:
                    count = shown
                    label = ds.items[spec.item].choices.get(answer) or AGREEMENT.get(
                        int(answer) if str(answer).isdigit() else -1, answer
                    )
                    out.append(
                        _("%(x)s of %(n)s people answered “%(answer)s”, as this teller did.")
                        % {
                            "x": f"{count:,}",
                            "n": f"{r.n:,}",
                            "answer": _(label)
                            if label in ANSWER_WORDS or label in AGREEMENT.values()
                            else label,
                        }
                    )
    elif r.kind == "change" and r.estimate is not None:
        improved = r.extra.get("improved")
        change = {"d": f"{r.estimate:+.2f}", "low": f"{r.ci_low:+.2f}", "high": f"{r.ci_high:+.2f}"}
        if role == "supporting" and improved is not None:
            text = _(
                "Told by one of the %(x)s of %(n)s people whose score improved; mean change "
                "%(d)s points (95%% CI %(low)s to %(high)s)."
            ) % {"x": f"{improved:,}", "n": f"{r.n:,}", **change}
        else:
            text = _(
                "Told by one of the %(n)s people who answered at both waves; mean change "
                "%(d)s points (95%% CI %(low)s to %(high)s)."
            ) % {"n": f"{r.n:,}", **change}
        out.append(text)
    elif r.kind == "mean" and r.estimate is not None:
        out.append(
            _("One of %(n)s people who %(what)s: mean %(mean)s (95%% CI %(low)s to %(high)s).")
            % {"n": f"{r.n:,}", "what": spec.phrase, "mean": f"{r.estimate:.1f}",
               "low": f"{r.ci_low:.1f}", "high": f"{r.ci_high:.1f}"}
        )  # fmt: skip
    elif r.kind == "difference" and r.estimate is not None:
        out.append(
            _("One of the %(n)s people in the two groups compared (%(figure)s).")
            % {"n": f"{r.n:,}", "figure": display(asdict_claim(r))}
        )
    elif r.kind == "count" and r.estimate is not None:
        what = display(asdict_claim(r))
        facts = {"what": spec.phrase, "figure": r.label.lower(), "value": what}
        out.append(
            _("Told by a member who %(what)s (%(figure)s: %(value)s).") % facts
            if role == "supporting"
            else _("Told by a member who did not take part in the period (%(figure)s: %(value)s).")
            % facts
        )
    return out


#: typed placeholders (``tallytale.core.redact``) as a reader meets them in a quote
MASK_WORDS = {
    "NAME": "[name]",
    "PHONE": "[phone number]",
    "EMAIL": "[email address]",
    "POSTCODE": "[postcode]",
    "ADDRESS": "[address]",
    "DATE_OF_BIRTH": "[date of birth]",
    "URL": "[web address]",
    "NHS_NUMBER": "[NHS number]",
    "NI_NUMBER": "[National Insurance number]",
}
_PLACEHOLDER = re.compile(r"\[(" + "|".join(MASK_WORDS) + r")\]")
_SENTENCE = re.compile(r"(?<=[.!?\u061f\u06d4])\s+")


def natural_masks(text: str) -> str:
    """Masked spans as words a reader takes in their stride ("[name]", not "[NAME]")."""
    return _PLACEHOLDER.sub(lambda m: MASK_WORDS[m.group(1)], text)


def _excerpt(text: str, topic: str = "") -> str:
    """The part of a story to quote: whole, if it fits; else the sentence that says most
    about ``topic`` (the first on ties) with its neighbours while they fit, cut only at
    sentence boundaries and marked with an ellipsis; a single sentence too long to fit is
    cut at the last whole word. Masked spans read naturally."""
    text = natural_masks(" ".join((text or "").split()))
    if len(text) <= EXCERPT_CHARS:
        return text
    sentences = _SENTENCE.split(text)
    words = content_words(topic)
    best = max(range(len(sentences)), key=lambda i: (len(content_words(sentences[i]) & words), -i))
    lo = hi = best
    length = len(sentences[best])
    grew = True
    while grew:
        grew = False
        for j in (hi + 1, lo - 1):  # the next sentence first, then the one before
            if 0 <= j < len(sentences) and length + 1 + len(sentences[j]) <= EXCERPT_CHARS:
                length += 1 + len(sentences[j])
                lo, hi = min(lo, j), max(hi, j)
                grew = True
    body = " ".join(sentences[lo : hi + 1])
    if len(body) > EXCERPT_CHARS:
        body = body[:EXCERPT_CHARS].rsplit(" ", 1)[0]
        hi = -1  # cut inside the sentence
    return ("\u2026 " if lo > 0 else "") + body + (" \u2026" if hi != len(sentences) - 1 else "")
