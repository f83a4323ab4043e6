"""After a story is collected: correcting its redaction by hand (every correction kept),
approving a story held for review, and adding a transcript of a recording."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tallytale.errors import InvalidInput
from tallytale.programmes.permissions import Actor

from .models import (
    TEXT_FIELDS,
    RedactionCorrection,
    Story,
)
from .services import (
    _audit,
    _locked,
    _redact_fields,
    _require,
    _span_dict,
    _to_spans,
    span_types,
)
from .text import clean_language, clean_text


def _effective_spans(story: Story, name: str) -> tuple[list[dict], list[dict], list[dict]]:
    auto = list((story.redaction_spans or {}).get(name, []))
    added: list[dict] = []
    removed: list[dict] = []
    for c in RedactionCorrection.objects.filter(story=story, field=name).order_by("id"):
        for s in c.added:
            if s in removed:
                removed.remove(s)
            else:
                added.append(s)
        for s in c.removed:
            if s in added:
                added.remove(s)
            else:
                removed.append(s)
    return auto, added, removed


def current_spans(story: Story, name: str = "text") -> list[dict]:
    """The spans masked now: the detector's, minus those removed, plus those added."""
    auto, added, removed = _effective_spans(story, name)
    spans = [s for s in auto if s not in removed] + added
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


#: what each placeholder type is called on the page (the placeholder itself stays English:
#: it is part of the stored, redacted text)
SPAN_LABELS = {
    "NAME": gettext_lazy("name"),
    "EMAIL": gettext_lazy("e-mail address"),
    "PHONE": gettext_lazy("phone number"),
    "POSTCODE": gettext_lazy("postcode"),
    "NHS_NUMBER": gettext_lazy("NHS number"),
    "NI_NUMBER": gettext_lazy("National Insurance number"),
    "ADDRESS": gettext_lazy("address"),
    "DATE_OF_BIRTH": gettext_lazy("date of birth"),
    "URL": gettext_lazy("web address"),
}
_PLACEHOLDER_RE = re.compile(r"\[(" + "|".join(SPAN_LABELS) + r")\]")


@dataclass(frozen=True)
class Segment:
    """A piece of a story's text for the page: plain words, or a masked span (with its
    offsets and type, so a reviewer can unmask it) or a placeholder in redacted text."""

    text: str
    type: str = ""
    start: int = -1
    end: int = -1

    @property
    def label(self) -> str:
        return str(SPAN_LABELS.get(self.type, self.type.lower()))

    @property
    def key(self) -> str:
        """The form value that names this span to `correct_redaction`: start-end-TYPE."""
        return f"{self.start}-{self.end}-{self.type}"


def original_segments(text: str, spans: list[dict]) -> list[Segment]:
    """The original words cut at the masked spans, so the page can highlight each one."""
    out: list[Segment] = []
    at = 0
    for s in sorted(spans, key=lambda s: (s["start"], s["end"])):
        start, end = max(int(s["start"]), at), min(int(s["end"]), len(text))
        if start >= end:
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], str(s["type"]), start, end))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def redacted_segments(text: str) -> list[Segment]:
    """Redacted words cut at their placeholders ([NAME], [PHONE]...), to highlight them."""
    out: list[Segment] = []
    at = 0
    for m in _PLACEHOLDER_RE.finditer(text):
        if m.start() > at:
            out.append(Segment(text[at : m.start()]))
        out.append(Segment(m.group(0), m.group(1)))
        at = m.end()
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def unmasked_spans(story: Story, name: str = "text") -> list[Segment]:
    """Spans a reviewer has unmasked and not masked again, with their words: each can be
    masked again (the reversal of the reversal)."""
    _auto, _added, removed = _effective_spans(story, name)
    original = getattr(story, name)
    return [
        Segment(original[s["start"] : s["end"]], s["type"], s["start"], s["end"])
        for s in sorted(removed, key=lambda s: (s["start"], s["end"]))
    ]


@transaction.atomic
def correct_redaction(
    story: Story,
    *,
    actor: Actor,
    field: str = "text",
    added: list[dict] | None = None,
    removed: list[dict] | None = None,
) -> Story:
    """A coordinator adds a span the detector missed or removes one it masked wrongly.
    Appended (RedactionCorrection) and audited with offsets and types only."""
    _require(actor, "story.correct_redaction", story.project)
    story = _locked(story)
    if story.withdrawn:
        raise InvalidInput(_("story %(story)s has been withdrawn") % {"story": story.pk})
    if field not in TEXT_FIELDS:
        raise InvalidInput(
            _("field must be one of %(choices)s") % {"choices": ", ".join(TEXT_FIELDS)}
        )
    original = getattr(story, field)
    try:
        add = [_span_dict(s) for s in (added or [])]
        rem = [_span_dict(s) for s in (removed or [])]
    except (KeyError, TypeError, ValueError):
        raise InvalidInput(_("each span needs start, end and type")) from None
    for s in add:
        if not (0 <= s["start"] < s["end"] <= len(original)):
            raise InvalidInput(
                _("span %(start)s-%(end)s is outside the %(field)s")
                % {"start": s["start"], "end": s["end"], "field": field}
            )
        s["type"] = s["type"].upper()
        if s["type"] not in span_types():
            raise InvalidInput(
                _("span type must be one of %(choices)s") % {"choices": ", ".join(span_types())}
            )
    now = current_spans(story, field)
    for s in rem:
        if s not in now:
            raise InvalidInput(
                _("span %(start)s-%(end)s %(type)s is not masked now")
                % {"start": s["start"], "end": s["end"], "type": s["type"]}
            )
    if not add and not rem:
        raise InvalidInput(_("nothing to correct: add or remove at least one span"))
    RedactionCorrection.objects.create(
        story=story, field=field, added=add, removed=rem, by_label=actor.label
    )
    auto, all_added, all_removed = _effective_spans(story, field)
    from tallytale.core import redact

    language = story.transcript_language if field == "transcript" else story.language
    if field == "translation":
        language = story.translation_language
    try:
        final = redact.apply_corrections(
            original, _to_spans(auto), _to_spans(all_added), _to_spans(all_removed)
        )
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    setattr(story, f"{field}_redacted", redact.redact(original, language or None, spans=final).text)
    story.save(update_fields=[f"{field}_redacted"])
    _audit(
        "story.redaction_correct",
        actor,
        story,
        story.project,
        field=field,
        added=[[s["start"], s["end"], s["type"]] for s in add],
        removed=[[s["start"], s["end"], s["type"]] for s in rem],
    )
    return story


@transaction.atomic
def approve_review(story: Story, *, actor: Actor) -> Story:
    """Release a story held for review: a researcher or coordinator has read the original
    and the redaction and judged that no personal data shows."""
    _require(actor, "story.read_original", story.project)
    story = _locked(story)
    if story.withdrawn:
        raise InvalidInput(_("story %(story)s has been withdrawn") % {"story": story.pk})
    if not story.held_for_review:
        return story
    story.held_for_review = False
    story.reviewed_at = timezone.now()
    story.reviewed_by_label = actor.label
    story.save(update_fields=["held_for_review", "reviewed_at", "reviewed_by_label"])
    _audit("story.review_approve", actor, story, story.project)
    return story


@transaction.atomic
def add_transcript(
    story: Story,
    text: str,
    *,
    actor: Actor,
    language: str = "",
    kind: str = "transcript",
) -> Story:
    """The research team adds a written transcript or translation (e.g. of a BSL video).
    Coding, themes and quotes use the transcript when there is one."""
    _require(actor, "story.read_original", story.project)
    story = _locked(story)
    if story.withdrawn:
        raise InvalidInput(_("story %(story)s has been withdrawn") % {"story": story.pk})
    if kind not in ("transcript", "translation"):
        raise InvalidInput(_("kind must be transcript or translation"))
    cleaned = clean_text(text, kind)
    lang = clean_language(language, f"{kind} language")
    setattr(story, kind, cleaned)
    setattr(story, f"{kind}_language", lang)
    _redact_fields(story, (kind,))
    story.save()
    _audit("story." + kind, actor, story, story.project, language=lang, held=story.held_for_review)
    return story
