"""The one way to change stories: collect, consent, withdraw, correct redaction, review.

Views, the API, the CLI and importers call these. Each public function runs in one
transaction and records an audit event (never with story text in it). When the caller is
a signed-in user (`Actor.user`), the function checks their capability in the story's
project; an operator at the command line (`Actor.user is None`) acts as the research team.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.core import consent as consent_rules
from tallytale.errors import InputErrors, InvalidInput
from tallytale.programmes import permissions
from tallytale.programmes.models import Organisation, Person, Project
from tallytale.programmes.permissions import Actor

from . import media
from .models import (
    TEXT_FIELDS,
    ConsentLevel,
    ConsentMethod,
    ConsentRecord,
    Medium,
    Prompt,
    RedactionCorrection,
    Signifier,
    SignifierAnswer,
    Story,
)
from .signals import story_withdrawn
from .signifiers import parse_answers
from .text import MAX_TITLE_CHARS, clean_language, clean_text

# Every problem with a story at once, as field -> reason, for forms and imports.
StoryInvalid = InputErrors


def _story_invalid(errors: dict[str, str]) -> InputErrors:
    return InputErrors(errors, "; ".join(f"{k}: {v}" for k, v in errors.items()))


def _require(actor: Actor, capability: str, project: Project) -> None:
    if actor.user is not None:
        permissions.require(actor.user, capability, project)


def _is_teller(actor: Actor, story: Story) -> bool:
    person = actor.person
    return person is not None and story.teller_id is not None and story.teller_id == person.pk


def _audit(action: str, actor: Actor, story: Story | None, project: Project, **detail: Any):
    user = actor.user if getattr(actor.user, "pk", None) else None
    record(
        action,
        actor_label=actor.label,
        actor=user,
        target=story,
        project_slug=project.slug,
        **detail,
    )


# ------------------------------------------------------------------------------------------
# Redaction (tallytale.core.redact does the detecting; this keeps its results in step)
# ------------------------------------------------------------------------------------------


def _span_dict(span: Any) -> dict:
    if isinstance(span, dict):
        return {"start": int(span["start"]), "end": int(span["end"]), "type": str(span["type"])}
    return {"start": int(span.start), "end": int(span.end), "type": str(span.type)}


def _to_spans(spans: list[dict]) -> list[Any]:
    from tallytale.core import redact

    return [redact.Span(s["start"], s["end"], redact.PIIType(s["type"])) for s in spans]


def span_types() -> tuple[str, ...]:
    """Placeholder types a coordinator may add by hand (those the detector uses)."""
    from tallytale.core import redact

    return tuple(t.value for t in redact.PIIType)


@dataclass
class Redacted:
    text: str
    spans: list[dict]
    needs_review: bool
    reasons: list[str] = field(default_factory=list)


def redact_text(text: str, language: str | None) -> Redacted:
    """Mask personal data in `text` with typed placeholders ([NAME], [PHONE], ...).

    A text with no language is held for review too: the name rules depend on it.
    """
    if not text:
        return Redacted("", [], False)
    from tallytale.core import redact

    result = redact.redact(text, language=language or None)
    reasons = [str(r) for r in result.review_reasons]
    if not language:
        reasons.append(_("no language given: names may be missed"))
    return Redacted(
        result.text,
        [_span_dict(s) for s in result.spans],
        bool(result.needs_review or reasons),
        reasons,
    )


def _redact_fields(story: Story, fields: tuple[str, ...]) -> None:
    """Redact the given fields in place; hold the story for review if any is uncertain."""
    spans = dict(story.redaction_spans or {})
    for name in fields:
        language = {
            "translation": story.translation_language,
            "transcript": story.transcript_language,
        }.get(name, story.language) or story.language
        r = redact_text(getattr(story, name), language)
        setattr(story, f"{name}_redacted", r.text)
        spans[name] = r.spans
        if r.needs_review:
            story.held_for_review = True
            story.reviewed_at = None
            story.reviewed_by_label = ""
            story.review_reasons = sorted(
                set(story.review_reasons or [])
                | {f"{name}: {x}" for x in r.reasons or ["uncertain"]}
            )
    story.redaction_spans = spans


# ------------------------------------------------------------------------------------------
# Collecting
# ------------------------------------------------------------------------------------------


@dataclass
class StoryDraft:
    """A validated story, ready to be written (importers validate every row first)."""

    project: Project
    text: str = ""
    language: str = ""
    title: str = ""
    translation: str = ""
    translation_language: str = ""
    medium: str = Medium.TEXT
    teller: Person | None = None
    collector: Person | None = None
    prompt: Prompt | None = None
    organisation: Organisation | None = None
    contact_name: str = ""
    consent_level: str = ConsentLevel.RESEARCH_TEAM
    consent_method: str = ConsentMethod.SPOKEN
    info_sheet_version: str = ""
    consent_taken_by: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    external_id: str = ""
    collected_on: dt.date | None = None
    media_ext: str = ""
    media_type: str = ""


def prepare(
    project: Project,
    *,
    text: str | None = "",
    language: str | None = "",
    title: str | None = "",
    translation: str | None = "",
    translation_language: str | None = "",
    medium: str = Medium.TEXT,
    teller: Person | None = None,
    collector: Person | None = None,
    prompt: Prompt | None = None,
    consent_level: str | None = ConsentLevel.RESEARCH_TEAM,
    consent_method: str | None = ConsentMethod.SPOKEN,
    info_sheet_version: str = "",
    consent_taken_by: str = "",
    answers: dict[str, Any] | None = None,
    notes: dict[str, str] | None = None,
    external_id: str = "",
    collected_on: dt.date | None = None,
    recording: BinaryIO | None = None,
    recording_size: int = 0,
    signifiers: dict[str, Signifier] | None = None,
    organisation: Organisation | None = None,
    contact_name: str = "",
) -> tuple[StoryDraft, dict[str, str]]:
    """Validate a story without writing it. Returns the draft and field -> reason errors.

    A story may be told on behalf of a partner `organisation` (of this project): then its
    `contact_name` is who told it and gave consent for the organisation, and no person is
    its teller."""
    errors: dict[str, str] = {}
    d = StoryDraft(project=project, teller=teller, collector=collector, prompt=prompt)
    if organisation is not None:
        d.organisation = organisation
        d.contact_name = " ".join((contact_name or "").split())
        if organisation.project_id != project.pk:
            errors["organisation"] = _("%(organisation)s is not a partner of %(project)s") % {
                "organisation": organisation.slug,
                "project": project.slug,
            }
        if teller is not None:
            errors["organisation"] = _(
                "a story is told by a person or for an organisation, not both"
            )
        if not d.contact_name:
            errors["contact_name"] = _("say which contact told the story and gave consent")
        elif len(d.contact_name) > 120:
            errors["contact_name"] = _("longer than 120 characters")

    def check(name: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InvalidInput as exc:
            errors[name] = str(exc)
            return ""

    d.text = check("text", clean_text, text)
    d.title = check("title", clean_text, title, "title", MAX_TITLE_CHARS)
    d.translation = check("translation", clean_text, translation, "translation")
    d.language = check("language", clean_language, language)
    d.translation_language = check(
        "translation_language", clean_language, translation_language, "translation language"
    )
    if medium not in Medium.values:
        errors["medium"] = _("medium must be one of %(choices)s") % {
            "choices": ", ".join(Medium.values)
        }
    d.medium = medium
    if medium == Medium.TEXT:
        if not d.text and "text" not in errors:
            errors["text"] = _("the story is empty")
        if recording is not None:
            errors["recording"] = _("choose audio or video to attach a recording")
    elif recording is None:
        errors["recording"] = _("an %(medium)s story needs a recording") % {"medium": medium}
    else:
        try:
            d.media_ext, d.media_type = media.check(recording, recording_size, medium)
        except InvalidInput as exc:
            errors["recording"] = str(exc)
    level = consent_level or ConsentLevel.RESEARCH_TEAM
    if level not in ConsentLevel.values:
        errors["consent"] = _("consent must be one of %(choices)s; got %(level)s") % {
            "choices": ", ".join(ConsentLevel.values),
            "level": repr(level),
        }
    d.consent_level = level
    method = consent_method or ConsentMethod.SPOKEN
    if method not in ConsentMethod.values:
        errors["consent_method"] = _("consent method must be one of %(choices)s") % {
            "choices": ", ".join(ConsentMethod.values)
        }
    d.consent_method = method
    d.info_sheet_version = (info_sheet_version or "").strip()[:40]
    d.consent_taken_by = (consent_taken_by or "").strip()[:120]
    if prompt is not None and prompt.project_id != project.pk:
        errors["prompt"] = _("that prompt belongs to another project")
    ext_id = (external_id or "").strip()
    if len(ext_id) > 100:
        errors["external_id"] = _("external_id is longer than 100 characters")
    d.external_id = ext_id
    if collected_on is not None and collected_on > timezone.localdate():
        errors["collected_on"] = _("collected_on is in the future")
    d.collected_on = collected_on
    if signifiers is None:
        signifiers = {s.name: s for s in Signifier.objects.filter(project=project, active=True)}
    values, problems = parse_answers(signifiers, answers or {})
    for name, reason in problems.items():
        errors[f"sig:{name}"] = reason
    d.answers = values
    d.notes = {}
    for name, note in (notes or {}).items():
        try:
            cleaned = clean_text(note, f"note for {name}", 500)
        except InvalidInput as exc:
            errors[f"note:{name}"] = str(exc)
            continue
        if cleaned:
            d.notes[name] = cleaned
    return d, errors


def _write(d: StoryDraft, actor: Actor, recording: BinaryIO | None) -> Story:
    story = Story(
        project=d.project,
        external_id=d.external_id,
        prompt=d.prompt,
        medium=d.medium,
        language=d.language,
        title=d.title,
        text=d.text,
        translation=d.translation,
        translation_language=d.translation_language,
        teller=d.teller,
        collector=d.collector,
        organisation=d.organisation,
        contact_name=d.contact_name,
        collected_by_label=actor.label,
        collected_on=d.collected_on or timezone.localdate(),
        consent_level=d.consent_level,
    )
    _redact_fields(story, TEXT_FIELDS)
    if recording is not None:
        rel, size = media.save(recording, d.project.pk, d.media_ext)
        story.media_path, story.media_size, story.media_type = rel, size, d.media_type
    try:
        story.save()
        ConsentRecord.objects.create(
            story=story,
            level=d.consent_level,
            method=d.consent_method,
            info_sheet_version=d.info_sheet_version,
            taken_by_label=d.consent_taken_by or actor.label,
        )
        if d.answers or d.notes:
            sigs = {s.name: s for s in Signifier.objects.filter(project=d.project)}
            SignifierAnswer.objects.bulk_create(
                SignifierAnswer(
                    story=story,
                    signifier=sigs[name],
                    value=d.answers.get(name, []),
                    note=d.notes.get(name, ""),
                )
                for name in sorted(set(d.answers) | (set(d.notes) & set(sigs)))
            )
    except Exception:
        if story.media_path:
            media.delete(story.media_path)
        raise
    _audit(
        "story.collect",
        actor,
        story,
        d.project,
        medium=d.medium,
        language=d.language,
        consent=d.consent_level,
        held=story.held_for_review,
    )
    return story


def collect(
    project: Project, *, actor: Actor, recording: BinaryIO | None = None, **fields: Any
) -> Story:
    """Record one story told by a participant (or anonymously), with its consent and the
    teller's own signification. The text is redacted at once; if the redactor is unsure,
    the story is held for a person's review. Raises InputErrors listing every problem."""
    _require(actor, "story.collect", project)
    if fields.get("collector") is None and actor.person is not None:
        fields["collector"] = actor.person
    size = fields.pop("recording_size", 0)
    d, errors = prepare(project, recording=recording, recording_size=size, **fields)
    if errors:
        raise _story_invalid(errors)
    with transaction.atomic():
        return _write(d, actor, recording)


def collect_many(drafts: list[StoryDraft], *, actor: Actor) -> list[Story]:
    """Write validated drafts all-or-nothing (used by importers)."""
    with transaction.atomic():
        if drafts:
            _require(actor, "story.collect", drafts[0].project)
        return [_write(d, actor, None) for d in drafts]


# ------------------------------------------------------------------------------------------
# Consent and withdrawal
# ------------------------------------------------------------------------------------------


def _may_manage(actor: Actor, story: Story) -> None:
    if actor.user is None or _is_teller(actor, story):
        return
    permissions.require(actor.user, "story.manage_consent", story.project)


def _locked(story: Story) -> Story:
    return Story.objects.select_for_update().select_related("project").get(pk=story.pk)


@transaction.atomic
def change_consent(
    story: Story,
    level: str,
    *,
    actor: Actor,
    method: str = ConsentMethod.SPOKEN,
    info_sheet_version: str = "",
) -> Story:
    """Change who may read a story. The teller may do this themselves; researchers and
    coordinators may do it on the teller's behalf. Appended to the consent history.

    A teller changing it themselves does so online: that is the method recorded, whatever
    was sent, with no information-sheet version (the teller is not asked to type one)."""
    _may_manage(actor, story)
    if _is_teller(actor, story):
        method, info_sheet_version = ConsentMethod.ONLINE, ""
    story = _locked(story)
    if story.withdrawn:
        raise InvalidInput(_("story %(story)s has been withdrawn") % {"story": story.pk})
    if level not in ConsentLevel.values:
        raise InvalidInput(
            _("consent must be one of %(choices)s; got %(level)s")
            % {"choices": ", ".join(ConsentLevel.values), "level": repr(level)}
        )
    if method not in ConsentMethod.values:
        raise InvalidInput(
            _("consent method must be one of %(choices)s")
            % {"choices": ", ".join(ConsentMethod.values)}
        )
    before = story.consent_level
    ConsentRecord.objects.create(
        story=story,
        level=level,
        method=method,
        info_sheet_version=(info_sheet_version or "").strip()[:40],
        taken_by_label=actor.label,
        by_teller=_is_teller(actor, story),
    )
    story.consent_level = level
    story.save(update_fields=["consent_level"])
    _audit(
        "story.consent",
        actor,
        story,
        story.project,
        before=before,
        after=level,
        method=method,
        by_teller=_is_teller(actor, story),
    )
    return story


def _checkpoint_sqlite() -> None:
    """Fold the write-ahead log into the database file so erased text is not left in the
    WAL's copy of old pages (best effort: a busy reader may delay it)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except OperationalError:
        pass  # the next checkpoint (automatic, or `VACUUM`) folds it in


def _erase(story: Story, actor: Actor) -> str:
    """Blank every field holding the teller's words; return the media path to delete."""
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("PRAGMA secure_delete = ON")  # zero freed pages, not just unlink them
    path = story.media_path
    for name in TEXT_FIELDS:
        setattr(story, name, "")
        setattr(story, f"{name}_redacted", "")
    story.redaction_spans = {}
    story.review_reasons = []
    story.held_for_review = False
    story.media_path = ""
    story.media_type = ""
    story.media_size = 0
    story.withdrawn_at = timezone.now()
    story.withdrawn_by_label = actor.label
    story.save()
    SignifierAnswer.objects.filter(story=story).delete()
    RedactionCorrection.objects.filter(story=story).delete()
    story_withdrawn.send(sender=Story, story_id=story.pk, project_id=story.project_id)
    _audit("story.withdraw", actor, story, story.project, had_recording=bool(path))
    return path


def _after_erase(paths: list[str]) -> None:
    def cleanup() -> None:
        for p in paths:
            media.delete(p)
        _checkpoint_sqlite()

    transaction.on_commit(cleanup)


@transaction.atomic
def withdraw_story(story: Story, *, actor: Actor) -> Story:
    """Withdraw a story: it vanishes from every view, search, export and report at once,
    and its words are erased (a tombstone with no content remains). Irreversible."""
    _may_manage(actor, story)
    story = _locked(story)
    if story.withdrawn:
        return story
    _after_erase([_erase(story, actor)])
    return story


@transaction.atomic
def withdraw_everything(person: Person, *, actor: Actor) -> int:
    """Withdraw every story a person told, in every project. Returns how many."""
    stories = list(
        Story.objects.select_for_update()
        .select_related("project")
        .filter(teller=person, withdrawn_at__isnull=True)
        .order_by("pk")
    )
    for s in stories:
        _may_manage(actor, s)
    paths = [_erase(s, actor) for s in stories]
    _after_erase(paths)
    record(
        "story.withdraw_everything",
        actor_label=actor.label,
        actor=actor.user if getattr(actor.user, "pk", None) else None,
        target=person,
        count=len(stories),
    )
    return len(stories)


def consent_levels() -> tuple[str, ...]:
    return consent_rules.CONSENT_LEVELS


def check_permission(user: Any, capability: str, project: Project) -> None:
    """Raise PermissionDenied unless the user holds the capability (for views)."""
    if not permissions.can(user, capability, project):
        raise PermissionDenied(capability)
