"""The one way to change the codebook, codings, memos and theme runs.

Views, the CLI and REFI-QDA imports call these. Each runs in one transaction and raises a
`TallytaleError` with a one-line reason on bad input. Story text is only ever read through
`tallytale.stories.access` (`visible_stories`, `story_text_for`), so a coder can only code,
and the machine can only learn from, what that person may see, redacted.

An `Actor` with `user=None` is an operator at the command line: they act as the research
team (audience `research_team`), like `tallytale story ...`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.errors import AlreadyExists, InvalidInput, NotFound
from tallytale.programmes.models import Project
from tallytale.stories.models import Story
from tallytale.stories.services import Actor

from .access import (
    _audit,
    _coder_label,
    _history,
    _require,
    story_for,
    text_for,
)
from .models import (
    Code,
    Coding,
    Memo,
    Origin,
)

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MACHINE_LABEL = "machine"


# ------------------------------------------------------------------------------------------
# Codebook
# ------------------------------------------------------------------------------------------


def get_code(project: Project, ref: str | int, *, include_inactive: bool = False) -> Code:
    """A code by id, GUID, name or 'Parent / Child' path."""
    qs = Code.objects.filter(project=project)
    if not include_inactive:
        qs = qs.filter(active=True)
    text = str(ref).strip()
    if text.isdigit():
        found = qs.filter(pk=int(text)).first()
        if found:
            return found
    found = qs.filter(guid=text).first() if re.fullmatch(r"[0-9a-fA-F-]{36}", text) else None
    if found:
        return found
    matches = [c for c in qs.filter(name=text.split(" / ")[-1]) if c.path() == text]
    if not matches:
        matches = list(qs.filter(name=text))
    if len(matches) > 1:
        raise InvalidInput(
            _("%(n)s codes are called %(text)s; use the id or full path")
            % {"n": len(matches), "text": repr(text)}
        )
    if not matches:
        raise NotFound(
            _("no code %(text)s in %(project)s") % {"text": repr(text), "project": project.slug}
        )
    return matches[0]


def normal_name(name: str | None) -> str:
    """A code name as stored and compared: runs of whitespace made one space, ends trimmed."""
    return " ".join((name or "").split())


def _clean_name(name: str) -> str:
    name = normal_name(name)
    if not name:
        raise InvalidInput(_("a code needs a name"))
    if len(name) > 200:
        raise InvalidInput(_("code names are at most 200 characters"))
    return name


def _check_unique(project: Project, parent: Code | None, name: str, exclude: int | None = None):
    qs = Code.objects.filter(project=project, parent=parent, name__iexact=name, active=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    if qs.exists():
        where = f" under {parent.name!r}" if parent else ""
        raise AlreadyExists(
            _("code %(name)s already exists%(where)s") % {"name": repr(name), "where": where}
        )


def _clean_colour(colour: str) -> str:
    colour = (colour or "").strip()
    if colour and not COLOUR.match(colour):
        raise InvalidInput(_("colour must be #RRGGBB, got %(colour)s") % {"colour": repr(colour)})
    return colour.upper()


#: default code colours, told apart at a glance and dark text readable on each
#: (ColorBrewer Set3, 12 classes); used in turn for codes added without a colour
PALETTE = (
    "#8DD3C7", "#FFFFB3", "#BEBADA", "#FB8072", "#80B1D3", "#FDB462",
    "#B3DE69", "#FCCDE5", "#D9D9D9", "#BC80BD", "#CCEBC5", "#FFED6F",
)  # fmt: skip


def next_colour(project: Project) -> str:
    """The first palette colour no active code of the project uses (every code used to get
    the same gold), or, once all are taken, the next one round the palette."""
    used = list(Code.objects.filter(project=project, active=True).values_list("colour", flat=True))
    taken = {c.upper() for c in used}
    for colour in PALETTE:
        if colour not in taken:
            return colour
    return PALETTE[len(used) % len(PALETTE)]


@transaction.atomic
def add_code(
    project: Project,
    name: str,
    *,
    actor: Actor,
    parent: Code | None = None,
    description: str = "",
    example: str = "",
    colour: str = "",
    guid: Any = None,
    history_action: str = "create",
) -> Code:
    """Add a code to the project's codebook (optionally under a parent)."""
    _require(actor, "coding.code", project)
    name = _clean_name(name)
    if parent is not None and (parent.project_id != project.pk or not parent.active):
        raise InvalidInput(_("the parent code must be an active code of the same project"))
    _check_unique(project, parent, name)
    extra = {"guid": guid} if guid else {}
    code = Code.objects.create(
        project=project,
        parent=parent,
        name=name,
        description=(description or "").strip(),
        example=(example or "").strip(),
        colour=_clean_colour(colour) or next_colour(project),
        created_by_label=actor.label,
        **extra,
    )
    _history(code, history_action, actor, name=name, parent=parent.pk if parent else None)
    return code


def _locked_code(code: Code) -> Code:
    return Code.objects.select_for_update().select_related("project").get(pk=code.pk)


@transaction.atomic
def edit_code(
    code: Code,
    *,
    actor: Actor,
    description: str | None = None,
    example: str | None = None,
    colour: str | None = None,
) -> Code:
    """Change a code's description, example or colour."""
    code = _locked_code(code)
    _require(actor, "coding.code", code.project)
    changed = {}
    if description is not None:
        code.description, changed["description"] = description.strip(), True
    if example is not None:
        code.example, changed["example"] = example.strip(), True
    if colour is not None:
        code.colour, changed["colour"] = _clean_colour(colour), True
    code.save()
    _history(code, "edit", actor, fields=sorted(changed))
    return code


def _others_codings(code: Code, actor: Actor) -> int:
    return code.codings.exclude(coder_label=_coder_label(actor)).count()


@transaction.atomic
def rename_code(code: Code, new_name: str, *, actor: Actor) -> Code:
    """Rename a code; every coding keeps pointing at it. Recorded in the code's history,
    and audited when others' codings carry the code."""
    code = _locked_code(code)
    _require(actor, "coding.code", code.project)
    new_name = _clean_name(new_name)
    _check_unique(code.project, code.parent, new_name, exclude=code.pk)
    before = code.name
    code.name = new_name
    code.save(update_fields=["name"])
    _history(code, "rename", actor, before=before, after=new_name)
    others = _others_codings(code, actor)
    if others:
        _audit("coding.rename", actor, code, code.project, before=before, after=new_name,
               others_codings=others)  # fmt: skip
    return code


@transaction.atomic
def move_code(code: Code, parent: Code | None, *, actor: Actor) -> Code:
    """Put a code under another parent (or at the top with None); refuses cycles."""
    code = _locked_code(code)
    _require(actor, "coding.code", code.project)
    node = parent
    while node is not None:
        if node.pk == code.pk:
            raise InvalidInput(_("a code cannot be moved under itself or its own sub-code"))
        node = node.parent
    _check_unique(code.project, parent, code.name, exclude=code.pk)
    before = code.parent_id
    code.parent = parent
    code.save(update_fields=["parent"])
    _history(code, "move", actor, before=before, after=parent.pk if parent else None)
    return code


def _span_key(c: Coding) -> tuple:
    return (c.story_id, c.coder_label, c.field, c.start, c.end, c.origin)


@transaction.atomic
def merge_codes(source: Code, target: Code, *, actor: Actor) -> Code:
    """Merge `source` into `target`: its codings, sub-codes and memos move to `target`;
    `source` stays as an inactive row pointing at `target`. Identical codings (same story,
    coder, span) collapse into one. Audited, since it changes other coders' codings."""
    if source.pk == target.pk:
        raise InvalidInput(_("cannot merge a code into itself"))
    source, target = _locked_code(source), _locked_code(target)
    if source.project_id != target.project_id:
        raise InvalidInput(_("codes belong to different projects"))
    if not (source.active and target.active):
        raise InvalidInput(_("both codes must be active"))
    _require(actor, "coding.code", source.project)
    node = target
    while node is not None:
        if node.pk == source.pk:
            raise InvalidInput(_("cannot merge a code into its own sub-code"))
        node = node.parent
    existing = {_span_key(c) for c in target.codings.all()}
    moved = duplicates = 0
    for c in list(source.codings.all()):
        if _span_key(c) in existing:
            c.delete()
            duplicates += 1
        else:
            c.code = target
            c.save(update_fields=["code"])
            existing.add(_span_key(c))
            moved += 1
    Code.objects.filter(parent=source).update(parent=target)
    Memo.objects.filter(code=source).update(code=target)
    source.active = False
    source.merged_into = target
    source.save(update_fields=["active", "merged_into"])
    _history(source, "merge", actor, into=target.pk, into_name=target.name, codings=moved)
    _history(target, "merge", actor, absorbed=source.pk, absorbed_name=source.name,
             codings=moved, duplicates=duplicates)  # fmt: skip
    _audit("coding.merge", actor, target, target.project, absorbed=source.pk,
           codings_moved=moved, duplicates_removed=duplicates)  # fmt: skip
    return target


@transaction.atomic
def split_code(
    code: Code,
    names: Sequence[str],
    *,
    actor: Actor,
    assign: dict[int, str] | None = None,
) -> list[Code]:
    """Split a code into new sibling codes. Codings listed in `assign` (coding id -> new
    name) move to the new code; the rest stay on the original for people to recode, since
    only a person can say which new code an excerpt belongs to."""
    code = _locked_code(code)
    _require(actor, "coding.code", code.project)
    clean = [_clean_name(n) for n in names]
    if len(clean) < 1 or len(set(n.lower() for n in clean)) != len(clean):
        raise InvalidInput(_("split needs one or more distinct new names"))
    new = {
        n: add_code(
            code.project,
            n,
            actor=actor,
            parent=code.parent,
            colour=code.colour,
            history_action="split",
        )  # fmt: skip
        for n in clean
    }
    moved = 0
    for coding_id, name in (assign or {}).items():
        if name not in new:
            raise InvalidInput(_("%(name)s is not one of the new codes") % {"name": repr(name)})
        updated = Coding.objects.filter(pk=coding_id, code=code).update(code=new[name])
        if not updated:
            raise InvalidInput(
                _("coding %(coding_id)s does not carry code %(code)s")
                % {"coding_id": coding_id, "code": repr(code.name)}
            )
        moved += 1
    _history(code, "split", actor, into=[c.pk for c in new.values()], codings_moved=moved)
    if moved:
        _audit("coding.split", actor, code, code.project, into=[c.pk for c in new.values()],
               codings_moved=moved)  # fmt: skip
    return list(new.values())


# ------------------------------------------------------------------------------------------
# Coding
# ------------------------------------------------------------------------------------------


def find_phrase(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the `occurrence`-th match of `phrase` in `text` (exact first, then ignoring
    case and runs of white space), for coders without JavaScript who type the words."""
    phrase = (phrase or "").strip()
    if not phrase:
        raise InvalidInput(_("type the exact words to code"))
    pattern = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()), re.IGNORECASE)
    exact = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if len(exact) >= occurrence:
        s = exact[occurrence - 1]
        return s, s + len(phrase)
    loose = list(pattern.finditer(text))
    if len(loose) >= occurrence:
        m = loose[occurrence - 1]
        return m.start(), m.end()
    raise InvalidInput(_("those words are not in the story's text (check spelling and masking)"))


@transaction.atomic
def code_story(
    story: Story,
    code: Code,
    *,
    actor: Actor,
    start: int | None = None,
    end: int | None = None,
    phrase: str | None = None,
    origin: str = Origin.HUMAN,
    confidence: float | None = None,
    source: str = "",
    coder_label: str | None = None,
    guid: Any = None,
) -> Coding:
    """Apply a code to a span of the story's redacted text, to the words `phrase`, or (with
    neither) to the whole story. Spans are Python offsets into the redacted analysis field.
    `guid`: the REFI-QDA GUID an imported coding had, kept so a re-export carries it."""
    project = story.project
    _require(actor, "coding.code", project)
    if code.project_id != project.pk or not code.active:
        raise InvalidInput(
            _("code %(code)s is not an active code of %(project)s")
            % {"code": repr(code.name), "project": project.slug}
        )
    # Lock the story row: a withdrawal running at the same time either finishes first (and
    # the story is then not found) or waits until this coding is committed and erases it.
    story = story_for(actor, project, story.pk, lock=True)
    name, text = text_for(actor, story)
    if phrase:
        start, end = find_phrase(text, phrase)
    if (start is None) != (end is None):
        raise InvalidInput(_("give both start and end, or neither for the whole story"))
    excerpt = ""
    if start is not None and end is not None:
        start, end = int(start), int(end)
        if not (0 <= start < end <= len(text)):
            raise InvalidInput(
                _("span %(start)s-%(end)s is outside the text (0-%(n)s)")
                % {"start": start, "end": end, "n": len(text)}
            )
        excerpt = text[start:end]
        if not excerpt.strip():
            raise InvalidInput(_("the selected span is only white space"))
    label = coder_label or _coder_label(actor)
    dup = Coding.objects.filter(
        story=story, code=code, coder_label=label, start=start, end=end, rejected_at__isnull=True
    ).first()
    if dup is not None:
        return dup
    return Coding.objects.create(
        project=project,
        story=story,
        code=code,
        coder=actor.user if getattr(actor.user, "pk", None) and coder_label is None else None,
        coder_label=label,
        origin=origin,
        field=name,
        start=start,
        end=end,
        excerpt=excerpt,
        confidence=confidence,
        source=source,
        guid=guid,
    )


@transaction.atomic
def remove_coding(coding: Coding, *, actor: Actor) -> None:
    """Remove a coding. A coder removes their own; removing another's is audited."""
    coding = Coding.objects.select_related("project").get(pk=coding.pk)
    _require(actor, "coding.code", coding.project)
    if coding.coder_label != _coder_label(actor):
        _audit("coding.remove_others", actor, coding, coding.project, coder=coding.coder_label,
               code=coding.code_id, story=coding.story_id)  # fmt: skip
    coding.delete()


def _pending(coding: Coding) -> Coding:
    coding = Coding.objects.select_for_update().select_related("project").get(pk=coding.pk)
    if coding.origin != Origin.SUGGESTED or coding.rejected_at is not None:
        raise InvalidInput(
            _("coding %(coding)s is not a pending suggestion") % {"coding": coding.pk}
        )
    return coding


@transaction.atomic
def accept_suggestion(coding: Coding, *, actor: Actor) -> Coding:
    """A person accepts a machine suggestion: it becomes their coding (origin `accepted`)
    and from then on counts."""
    coding = _pending(coding)
    _require(actor, "coding.code", coding.project)
    story_for(actor, coding.project, coding.story_id)
    coding.origin = Origin.ACCEPTED
    coding.coder = actor.user if getattr(actor.user, "pk", None) else None
    coding.coder_label = _coder_label(actor)
    coding.decided_by_label = actor.label
    coding.save()
    return coding


@transaction.atomic
def reject_suggestion(coding: Coding, *, actor: Actor) -> Coding:
    """Reject a suggestion; it is kept (never counted) so it is not suggested again."""
    coding = _pending(coding)
    _require(actor, "coding.code", coding.project)
    story_for(actor, coding.project, coding.story_id)
    coding.rejected_at = timezone.now()
    coding.decided_by_label = actor.label
    coding.save(update_fields=["rejected_at", "decided_by_label"])
    return coding


@transaction.atomic
def add_memo(
    project: Project,
    text: str,
    *,
    actor: Actor,
    code: Code | None = None,
    story: Story | None = None,
    author_label: str | None = None,
    guid: Any = None,
) -> Memo:
    """A memo on a code, on a story, or on the project's coding as a whole. An imported
    memo keeps its author's name (`author_label`) and REFI-QDA `guid`."""
    _require(actor, "coding.code", project)
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("a memo needs some text"))
    if code is not None and code.project_id != project.pk:
        raise InvalidInput(_("the code is not in this project"))
    if story is not None:
        story = story_for(actor, project, story.pk)
    return Memo.objects.create(
        project=project,
        code=code,
        story=story,
        text=text,
        author=actor.user if getattr(actor.user, "pk", None) and author_label is None else None,
        author_label=author_label or actor.label,
        guid=guid,
    )
