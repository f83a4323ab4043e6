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
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from tallytale.audit.services import record
from tallytale.core import agreement as core_agreement
from tallytale.core import consent as consent_rules
from tallytale.errors import AlreadyExists, InvalidInput, NotFound
from tallytale.programmes import permissions
from tallytale.programmes.models import Project
from tallytale.stories import access
from tallytale.stories.models import Story
from tallytale.stories.services import Actor

from .models import (
    COUNTED,
    Code,
    CodeHistory,
    Coding,
    Memo,
    Origin,
    StoryEmbedding,
    ThemeAssignment,
    ThemeRun,
)

__all__ = [
    "Actor",
    "AgreementResult",
    "accept_suggestion",
    "add_code",
    "add_memo",
    "agreement",
    "code_story",
    "coders_of",
    "discover_themes",
    "edit_code",
    "erase_story",
    "get_code",
    "merge_codes",
    "move_code",
    "promote_theme",
    "reject_suggestion",
    "remove_coding",
    "rename_code",
    "sentence_spans",
    "split_code",
    "story_for",
    "text_for",
]

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MACHINE_LABEL = "machine"


# ------------------------------------------------------------------------------------------
# Who is acting, and what they may read
# ------------------------------------------------------------------------------------------


def _require(actor: Actor, capability: str, project: Project) -> None:
    if actor.user is not None:
        permissions.require(actor.user, capability, project)


def _viewer(actor: Actor) -> Any:
    """The user, or for the command line the research team's audience."""
    return actor.user if actor.user is not None else consent_rules.RESEARCH_TEAM


def _coder_label(actor: Actor) -> str:
    if actor.user is not None:
        return actor.user.get_username()
    return actor.label


def _history(code: Code, action: str, actor: Actor, **detail: Any) -> None:
    CodeHistory.objects.create(
        project_id=code.project_id, code=code, action=action, detail=detail, by_label=actor.label
    )


def _audit(action: str, actor: Actor, target: Any, project: Project, **detail: Any) -> None:
    record(
        action,
        actor_label=actor.label,
        actor=actor.user if getattr(actor.user, "pk", None) else None,
        target=target,
        project_slug=project.slug,
        **detail,
    )


def visible(actor: Actor, project: Project) -> QuerySet[Story]:
    """Stories the actor may see (the research team's set on the command line)."""
    return access.visible_stories(_viewer(actor), project)


def story_for(actor: Actor, project: Project, story_id: int, *, lock: bool = False) -> Story:
    """A story the actor may see, or NotFound. With `lock`, its row is locked (SELECT ... FOR
    UPDATE) until the caller's transaction ends, so it cannot be withdrawn meanwhile."""
    qs = visible(actor, project).filter(pk=story_id).select_related("project")
    if lock:
        qs = qs.select_for_update(of=("self",))
    story = qs.first()
    if story is None:
        raise NotFound(f"no story {story_id} in {project.slug}")
    return story


def text_for(actor: Actor, story: Story) -> tuple[str, str]:
    """(field, redacted text) that codings of this story refer to."""
    name = access.analysis_field(story)
    text = access.story_text_for(_viewer(actor), story, field=name)
    if text is None:
        raise NotFound(f"no story {story.pk}")
    return name, text


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
        raise InvalidInput(f"{len(matches)} codes are called {text!r}; use the id or full path")
    if not matches:
        raise NotFound(f"no code {text!r} in {project.slug}")
    return matches[0]


def normal_name(name: str | None) -> str:
    """A code name as stored and compared: runs of whitespace made one space, ends trimmed."""
    return " ".join((name or "").split())


def _clean_name(name: str) -> str:
    name = normal_name(name)
    if not name:
        raise InvalidInput("a code needs a name")
    if len(name) > 200:
        raise InvalidInput("code names are at most 200 characters")
    return name


def _check_unique(project: Project, parent: Code | None, name: str, exclude: int | None = None):
    qs = Code.objects.filter(project=project, parent=parent, name__iexact=name, active=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    if qs.exists():
        where = f" under {parent.name!r}" if parent else ""
        raise AlreadyExists(f"code {name!r} already exists{where}")


def _clean_colour(colour: str) -> str:
    colour = (colour or "").strip()
    if colour and not COLOUR.match(colour):
        raise InvalidInput(f"colour must be #RRGGBB, got {colour!r}")
    return colour.upper()


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
        raise InvalidInput("the parent code must be an active code of the same project")
    _check_unique(project, parent, name)
    extra = {"guid": guid} if guid else {}
    code = Code.objects.create(
        project=project,
        parent=parent,
        name=name,
        description=(description or "").strip(),
        example=(example or "").strip(),
        colour=_clean_colour(colour),
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
            raise InvalidInput("a code cannot be moved under itself or its own sub-code")
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
        raise InvalidInput("cannot merge a code into itself")
    source, target = _locked_code(source), _locked_code(target)
    if source.project_id != target.project_id:
        raise InvalidInput("codes belong to different projects")
    if not (source.active and target.active):
        raise InvalidInput("both codes must be active")
    _require(actor, "coding.code", source.project)
    node = target
    while node is not None:
        if node.pk == source.pk:
            raise InvalidInput("cannot merge a code into its own sub-code")
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
        raise InvalidInput("split needs one or more distinct new names")
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
            raise InvalidInput(f"{name!r} is not one of the new codes")
        updated = Coding.objects.filter(pk=coding_id, code=code).update(code=new[name])
        if not updated:
            raise InvalidInput(f"coding {coding_id} does not carry code {code.name!r}")
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
        raise InvalidInput("type the exact words to code")
    pattern = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()), re.IGNORECASE)
    exact = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if len(exact) >= occurrence:
        s = exact[occurrence - 1]
        return s, s + len(phrase)
    loose = list(pattern.finditer(text))
    if len(loose) >= occurrence:
        m = loose[occurrence - 1]
        return m.start(), m.end()
    raise InvalidInput("those words are not in the story's text (check spelling and masking)")


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
) -> Coding:
    """Apply a code to a span of the story's redacted text, to the words `phrase`, or (with
    neither) to the whole story. Spans are Python offsets into the redacted analysis field."""
    project = story.project
    _require(actor, "coding.code", project)
    if code.project_id != project.pk or not code.active:
        raise InvalidInput(f"code {code.name!r} is not an active code of {project.slug}")
    # Lock the story row: a withdrawal running at the same time either finishes first (and
    # the story is then not found) or waits until this coding is committed and erases it.
    story = story_for(actor, project, story.pk, lock=True)
    name, text = text_for(actor, story)
    if phrase:
        start, end = find_phrase(text, phrase)
    if (start is None) != (end is None):
        raise InvalidInput("give both start and end, or neither for the whole story")
    excerpt = ""
    if start is not None and end is not None:
        start, end = int(start), int(end)
        if not (0 <= start < end <= len(text)):
            raise InvalidInput(f"span {start}-{end} is outside the text (0-{len(text)})")
        excerpt = text[start:end]
        if not excerpt.strip():
            raise InvalidInput("the selected span is only white space")
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
        raise InvalidInput(f"coding {coding.pk} is not a pending suggestion")
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
) -> Memo:
    """A memo on a code, on a story, or on the project's coding as a whole."""
    _require(actor, "coding.code", project)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("a memo needs some text")
    if code is not None and code.project_id != project.pk:
        raise InvalidInput("the code is not in this project")
    if story is not None:
        story = story_for(actor, project, story.pk)
    return Memo.objects.create(
        project=project,
        code=code,
        story=story,
        text=text,
        author=actor.user if getattr(actor.user, "pk", None) else None,
        author_label=actor.label,
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
        raise InvalidInput("unit must be 'story' or 'sentence'")
    coders = list(dict.fromkeys(coders))
    if len(coders) < 2:
        raise InvalidInput("agreement needs at least two coders")
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


# ------------------------------------------------------------------------------------------
# Themes
# ------------------------------------------------------------------------------------------


def _theme_inputs(actor: Actor, project: Project) -> tuple[list[Story], list[str]]:
    stories, texts = [], []
    for s in visible(actor, project).order_by("pk").iterator(chunk_size=2000):
        text = access.story_text_for(_viewer(actor), s)
        if text and text.strip():
            stories.append(s)
            texts.append(text)
    return stories, texts


def discover_themes(
    project: Project,
    *,
    actor: Actor,
    k: int | None = None,
    auto: bool = False,
    method: str = "lexical",
    seed: int = 0,
    embedder: Any = None,
) -> ThemeRun:
    """Cluster the stories the actor may see into themes (`tallytale.core.themes`) and store
    the run with every story's theme. Never touches codings: themes become codes only when
    a person promotes them (`promote_theme`)."""
    from tallytale.core import themes as core_themes

    from . import embeddings

    _require(actor, "story.read_redacted", project)
    if method not in core_themes.METHODS:
        raise InvalidInput("method must be 'lexical', 'semantic' or 'static'")
    if k is not None and k < 2:
        raise InvalidInput("k must be at least 2")
    stories, texts = _theme_inputs(actor, project)
    if len(stories) < core_themes.MIN_STORIES:
        raise InvalidInput(
            f"theme discovery needs at least {core_themes.MIN_STORIES} stories with text; "
            f"{project.slug} has {len(stories)} you may see"
        )
    began = time.perf_counter()
    vectors = None
    if method == "semantic":
        vectors = embeddings.vectors_for(stories, texts, embedder=embedder)
    try:
        result = core_themes.discover_themes(
            texts,
            [s.pk for s in stories],
            k=k,
            auto=auto or k is None,
            method=method,
            seed=seed,
            languages=[s.language.split("-")[0].lower() or None for s in stories],
            embeddings=vectors,
        )
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    seconds = time.perf_counter() - began
    low = set(result.low_confidence)
    with transaction.atomic():
        _lock_themes(project)
        run = ThemeRun.objects.create(
            project=project,
            method=method,
            k=result.k,
            seed=seed,
            auto=auto or k is None,
            auto_reason=result.reason,
            parameters={"k": k, "auto": auto or k is None, "method": method, "seed": seed},
            n_stories=len(stories),
            themes=[t.to_json() for t in result.themes],
            seconds=round(seconds, 3),
            created_by=actor.user if getattr(actor.user, "pk", None) else None,
            created_by_label=actor.label,
        )
        ThemeAssignment.objects.bulk_create(
            [
                ThemeAssignment(
                    run=run,
                    story_id=sid,
                    theme_id=tid,
                    confidence=0.0 if sid in low else 1.0,
                    low_confidence=sid in low,
                )
                for sid, tid in result.assignments.items()
            ],
            batch_size=2000,
        )
        # a story withdrawn while the clustering ran must not leave its words in the labels
        gone = set(
            run.assignments.filter(story__withdrawn_at__isnull=False).values_list(
                "story_id", flat=True
            )
        )
        if gone:
            run.assignments.filter(story_id__in=gone).delete()
            _refresh_run(run, gone)
        _audit("themes.discover", actor, run, project, k=result.k, method=method,
               n_stories=run.n_stories)  # fmt: skip
    return run


# ------------------------------------------------------------------------------------------
# Theme labels per readership
# ------------------------------------------------------------------------------------------


def _lock_themes(project: Project) -> None:
    """Serialise theme-run writes with withdrawals in a project (FOR NO KEY UPDATE on the
    project row: it does not block inserts that merely reference the project)."""
    Project.objects.select_for_update(no_key=True).filter(pk=project.pk).first()


def _audience_pairs(run: ThemeRun, audience: str) -> tuple[list[tuple[int, int]], str]:
    """The run's (story id, theme id) pairs `audience` may read now, and their fingerprint."""
    import hashlib

    visible_ids = access.visible_stories(audience, run.project).values("pk")
    pairs = list(
        run.assignments.filter(story_id__in=visible_ids)
        .order_by("story_id")
        .values_list("story_id", "theme_id")
    )
    return pairs, hashlib.sha256(repr(pairs).encode()).hexdigest()


def _labels_from(
    run: ThemeRun, audience: str, pairs: list[tuple[int, int]]
) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Theme id -> (label, terms) of a run, built only from the stories in `pairs` (their
    text as `audience` may read it: redacted)."""
    from tallytale.core import themes as core_themes

    theme_of = dict(pairs)
    texts, themes_of, langs = [], [], []
    for story in Story.objects.filter(pk__in=list(theme_of)).select_related("project"):
        texts.append(access.story_text_for(audience, story) or "")
        themes_of.append(theme_of[story.pk])
        langs.append(story.language.split("-")[0].lower() or None)
    return core_themes.label_themes(texts, themes_of, [t["id"] for t in run.themes], langs)


def _refresh_run(run: ThemeRun, gone: set[int]) -> None:
    """Rebuild a run's labels, terms and sizes from its stories still live, after `gone`
    left it (withdrawn): the stored words must come only from stories that still exist.
    Drops the per-audience labels too (rebuilt when next shown)."""
    from tallytale.core.stats import wilson_interval

    pairs, _fp = _audience_pairs(run, consent_rules.RESEARCH_TEAM)
    labels = _labels_from(run, consent_rules.RESEARCH_TEAM, pairs)
    sizes: dict[int, int] = defaultdict(int)
    for _sid, tid in pairs:
        sizes[tid] += 1
    n = len(pairs)
    for t in run.themes:
        label, terms = labels.get(t["id"], (f"theme {t['id']}", ()))
        t["label"], t["terms"] = label, list(terms)
        t["size"] = sizes.get(t["id"], 0)
        t["prevalence"] = t["size"] / n if n else 0.0
        if n:
            ci = wilson_interval(t["size"], n)
            t["ci_low"], t["ci_high"] = ci.low, ci.high
        t["representative_story_ids"] = [
            r for r in t.get("representative_story_ids", []) if r not in gone
        ]
    run.n_stories = n
    run.parameters = {k: v for k, v in (run.parameters or {}).items() if k != "audience_labels"}
    run.save(update_fields=["themes", "n_stories", "parameters"])


def viewer_audience(viewer: Any, project: Project) -> str:
    """The readership whose theme labels `viewer` sees: the research team's (built from
    every story of the run), else the project members' (`project` and `public` consent)."""
    if isinstance(viewer, str):
        if viewer not in consent_rules.AUDIENCES:
            raise ValueError(f"unknown audience {viewer!r}")
        return viewer
    if viewer is not None and permissions.can(viewer, "story.read_original", project):
        return consent_rules.RESEARCH_TEAM
    return consent_rules.PROJECT


def theme_labels(run: ThemeRun, audience: str) -> dict[int, dict[str, Any]]:
    """Theme id -> {"label", "terms"} that `audience` may be shown.

    The research team gets the run's own labels. Any other readership gets labels rebuilt
    from the run's stories it may read now, kept in `run.parameters["audience_labels"]`
    with a fingerprint of those stories, so a consent change, a review or a withdrawal
    rebuilds them the next time they are shown.
    """
    if audience == consent_rules.RESEARCH_TEAM:
        return {t["id"]: {"label": t["label"], "terms": list(t["terms"])} for t in run.themes}
    pairs, fingerprint = _audience_pairs(run, audience)
    cached = ((run.parameters or {}).get("audience_labels") or {}).get(audience)
    if cached and cached.get("fp") == fingerprint:
        return {int(k): v for k, v in cached["themes"].items()}
    labels = _labels_from(run, audience, pairs)
    out = {tid: {"label": lab, "terms": list(terms)} for tid, (lab, terms) in labels.items()}
    with transaction.atomic():
        # keep them only if no withdrawal or consent change happened meanwhile
        _lock_themes(run.project)
        fresh = ThemeRun.objects.select_for_update().filter(pk=run.pk).first()
        if fresh is not None and _audience_pairs(fresh, audience)[1] == fingerprint:
            params = dict(fresh.parameters or {})
            params["audience_labels"] = {
                **(params.get("audience_labels") or {}),
                audience: {"fp": fingerprint, "themes": {str(k): v for k, v in out.items()}},
            }
            ThemeRun.objects.filter(pk=run.pk).update(parameters=params)
    return out


def themes_for(run: ThemeRun, viewer: Any) -> list[dict[str, Any]]:
    """The run's themes as `viewer` may see them (labels and terms for their readership)."""
    labels = theme_labels(run, viewer_audience(viewer, run.project))
    return [{**t, **labels.get(t["id"], {"label": f"theme {t['id']}", "terms": []})}
            for t in run.themes]  # fmt: skip


def run_json(run: ThemeRun) -> dict[str, Any]:
    """The run in the documented shape: {"themes": [...], "assignments": {id: theme}}."""
    assignments = dict(run.assignments.order_by("story_id").values_list("story_id", "theme_id"))
    return {
        "run": run.pk,
        "project": run.project.slug,
        "method": run.method,
        "k": run.k,
        "seed": run.seed,
        "reason": run.auto_reason,
        "n_stories": run.n_stories,
        "themes": run.themes,
        "assignments": {str(k): v for k, v in assignments.items()},
    }


@transaction.atomic
def promote_theme(
    run: ThemeRun, theme_id: int, *, actor: Actor, name: str | None = None
) -> tuple[Code, int]:
    """Make a discovered theme a code, with `suggested` codings (whole story) on its stories
    for people to accept or reject. Human codings are never touched."""
    project = run.project
    _require(actor, "coding.code", project)
    theme = run.theme(theme_id)
    if theme is None:
        raise NotFound(f"run {run.pk} has no theme {theme_id}")
    label = name or theme["label"]
    code = Code.objects.filter(
        project=project, parent=None, name__iexact=label, active=True
    ).first()
    if code is None:
        code = add_code(
            project,
            label,
            actor=actor,
            description=f"Promoted from theme {theme_id} of theme run {run.pk}: "
            + ", ".join(theme.get("terms", [])[:10]),
            history_action="promote",
        )
    visible_ids = set(visible(actor, project).values_list("pk", flat=True))
    story_ids = [
        sid
        for sid in run.assignments.filter(theme_id=theme_id).values_list("story_id", flat=True)
        if sid in visible_ids
    ]
    already = set(
        Coding.objects.filter(code=code, story_id__in=story_ids).values_list("story_id", flat=True)
    )
    field_of = dict(Story.objects.filter(pk__in=story_ids).values_list("pk", "transcript_redacted"))
    new = [
        Coding(
            project=project,
            story_id=sid,
            code=code,
            coder_label=MACHINE_LABEL,
            origin=Origin.SUGGESTED,
            field="transcript" if field_of.get(sid) else "text",
            confidence=None,
            source=f"theme run {run.pk}",
        )
        for sid in story_ids
        if sid not in already
    ]
    Coding.objects.bulk_create(new, batch_size=2000)
    _history(code, "promote", actor, run=run.pk, theme=theme_id, suggestions=len(new))
    return code, len(new)


# ------------------------------------------------------------------------------------------
# Withdrawal
# ------------------------------------------------------------------------------------------


def erase_story(story_id: int, project_id: int) -> dict[str, int]:
    """Delete every copy of a withdrawn story's words held by coding: its codings (with
    their excerpts), memos on it, theme assignments, embeddings and suggestions; and rebuild
    the labels, terms and sizes of every theme run it was part of from the stories left
    (a label is made of its stories' words). Runs inside the withdrawal's transaction."""
    _lock_themes(Project(pk=project_id))
    runs = set(ThemeAssignment.objects.filter(story_id=story_id).values_list("run_id", flat=True))
    counts = {
        "codings": Coding.objects.filter(story_id=story_id).delete()[0],
        "memos": Memo.objects.filter(story_id=story_id).delete()[0],
        "assignments": ThemeAssignment.objects.filter(story_id=story_id).delete()[0],
        "embeddings": StoryEmbedding.objects.filter(story_id=story_id).delete()[0],
    }
    for run in ThemeRun.objects.filter(project_id=project_id).select_for_update():
        reps = [r for t in run.themes for r in t.get("representative_story_ids", [])]
        if run.pk in runs or story_id in reps:
            _refresh_run(run, {story_id})
    counts["theme_runs"] = len(runs)
    return counts
