"""Inter-coder agreement on a project's codings (per code: percent agreement, Cohen's kappa,
Krippendorff's alpha from `tallytale.core.agreement`), by character or by sentence."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext

from tallytale.core import agreement as core_agreement
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Project
from tallytale.stories.models import Story
from tallytale.stories.services import Actor

from .access import (
    _require,
    text_for,
    visible,
)
from .models import (
    COUNTED,
    Code,
    Coding,
)

# ------------------------------------------------------------------------------------------
# Agreement
# ------------------------------------------------------------------------------------------

#: Sentence rule: a sentence ends at . ! ? … ؟ or 。 (with any closing quotes/brackets)
#: followed by white space, or at a line break. Empty pieces are dropped.
_SENTENCE_END = re.compile(r"(?<=[.!?…؟。])[\"'”’)\]]*\s+|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split text into sentences by the documented rule above; returns (start, end) offsets
    with surrounding white space trimmed."""
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start() + len(m.group(0).rstrip())))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@dataclass(frozen=True)
class AgreementResult:
    """Agreement among `coders` on `unit` units of the stories every one of them coded."""

    unit: str
    coders: tuple[str, ...]
    n_stories: int
    n_units: int
    report: core_agreement.AgreementReport | None
    code_names: dict[int, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        per_code = []
        overall: dict[str, Any] = {}
        if self.report is not None:
            for c in self.report.per_code:
                per_code.append(
                    {
                        "code_id": c.code,
                        "code": self.code_names.get(int(c.code), str(c.code)),
                        "n_units": c.n_units,
                        "n_applied": c.n_applied,
                        "percent_agreement": c.percent_agreement,
                        "cohen_kappa": c.cohen_kappa,
                        "krippendorff_alpha": c.krippendorff_alpha,
                    }
                )
            o = self.report.overall
            overall = {
                "n_codes": o.n_codes,
                "n_decisions": o.n_decisions,
                "percent_agreement": o.percent_agreement,
                "pooled_kappa": o.pooled_kappa,
                "krippendorff_alpha": o.krippendorff_alpha,
            }
        return {
            "unit": self.unit,
            "coders": list(self.coders),
            "n_stories": self.n_stories,
            "n_units": self.n_units,
            "overall": overall,
            "per_code": per_code,
        }


def coders_of(project: Project) -> list[tuple[str, int]]:
    """Coders with counted codings in the project and how many stories each coded."""
    rows = (
        Coding.objects.filter(project=project, origin__in=COUNTED, rejected_at__isnull=True)
        .values("coder_label")
        .annotate(n=Count("story", distinct=True))
        .order_by("coder_label")
    )
    return [(r["coder_label"], r["n"]) for r in rows]


def agreement(
    project: Project,
    coders: Sequence[str],
    *,
    actor: Actor,
    unit: str = "story",
    story_ids: Iterable[int] | None = None,
) -> AgreementResult:
    """Per-code and overall agreement among `coders` over the stories all of them coded.

    Units are whole stories (default) or sentences of the redacted analysis text (see
    `sentence_spans`). Under sentence units a span coding applies to every sentence it
    overlaps, and a whole-story coding to every sentence. A code a coder did not apply to a
    unit counts as "absent", so uncoded text is a unit too. Only counted codings (human and
    accepted) take part; suggestions never do. Statistics from `tallytale.core.agreement`.
    """
    _require(actor, "story.read_redacted", project)
    if unit not in ("story", "sentence"):
        raise InvalidInput(gettext("unit must be 'story' or 'sentence'"))
    coders = list(dict.fromkeys(coders))
    if len(coders) < 2:
        raise InvalidInput(gettext("agreement needs at least two coders"))
    visible_ids = set(visible(actor, project).values_list("pk", flat=True))
    qs = Coding.objects.filter(
        project=project,
        origin__in=COUNTED,
        rejected_at__isnull=True,
        coder_label__in=coders,
        story_id__in=visible_ids,
    )
    if story_ids is not None:
        qs = qs.filter(story_id__in=list(story_ids))
    codings = list(qs.select_related("code"))
    by_coder: dict[str, set[int]] = defaultdict(set)
    for c in codings:
        by_coder[c.coder_label].add(c.story_id)
    common = set.intersection(*(by_coder.get(k, set()) for k in coders))
    names = {
        c.pk: c.path()
        for c in Code.objects.filter(project=project, active=True).select_related("parent")
    }
    if not common:
        return AgreementResult(unit, tuple(coders), 0, 0, None, names)
    codings = [c for c in codings if c.story_id in common]
    units: list[Any]
    triples: list[tuple[Any, str, int]] = []
    if unit == "story":
        units = sorted(common)
        triples = [(c.story_id, c.coder_label, c.code_id) for c in codings]
    else:
        units = []
        sentences: dict[int, list[tuple[int, int]]] = {}
        for story in Story.objects.filter(pk__in=common).order_by("pk"):
            _, text = text_for(actor, story)
            sentences[story.pk] = sentence_spans(text) or [(0, 0)]
            units.extend((story.pk, i) for i in range(len(sentences[story.pk])))
        for c in codings:
            for i, (s, e) in enumerate(sentences[c.story_id]):
                if c.start is None or (c.start < e and c.end > s) or (s == e == 0):
                    triples.append(((c.story_id, i), c.coder_label, c.code_id))
        triples = list(dict.fromkeys(triples))
    codes = sorted({c.code_id for c in codings})
    report = core_agreement.agreement_per_code(
        list(dict.fromkeys(triples)), units, coders, codes=codes
    )
    return AgreementResult(unit, tuple(coders), len(common), len(units), report, names)
