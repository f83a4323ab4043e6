"""REFI-QDA exchange: codebooks (`.qdc`) and projects (`.qdpx`), so coded stories open in
NVivo, ATLAS.ti, MAXQDA and QualCoder, and their codebooks and codings come back.

Format (REFI-QDA 1.5, www.qdasoftware.org): a `.qdc` is one XML document
`<CodeBook xmlns="urn:QDA-XML:codebook:1.0">`; a `.qdpx` is a zip with `project.qde`
(`<Project xmlns="urn:QDA-XML:project:1.0">`: Users, CodeBook, Variables, Cases, Sources,
Notes, in that order) and the source texts under a lowercase `sources/` folder, referenced
as `internal://<guid>.txt`. Text selections use Unicode code point offsets, start inclusive
and end exclusive, into the plain text, which is exactly Tallytale's span convention.

What is exported: only the stories the exporting person may see, redacted (the analysis
field: transcript for recordings, else text); counted codings (human and accepted, never
pending suggestions); a whole-story coding as a selection over the whole text; memos as
Notes; tellers as Cases (by pseudonymous code) carrying their survey scale scores as
Variables, one per scale and wave (latest response in the wave), if the exporter may read
survey answers. GUIDs are deterministic (UUID 5) so a re-export is stable.

Every document validates against the official schemas (kept in `coding/data/refi-qda/`):
elements the schema requires to be non-empty (`<Codes>`, `<Sources>`, `<Cases>` ...) are left
out when there is nothing to put in them, and a `.qdc` with no codes is refused. A code's
example has no element of its own in REFI-QDA, so it follows the description after a blank
line as `Example: ...` (what NVivo or ATLAS.ti users then read) and is split off again on
import. Codings and memos keep the GUIDs they were imported with, so an export, import and
re-export gives the same document.

Imports are parsed defensively: documents with a DOCTYPE or ENTITY declaration are refused
before parsing (no external entities, no entity expansion bombs), sizes are capped, and zip
members are checked for size, count and compression ratio before they are read.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from tallytale import __version__
from tallytale.coding.qdpx import (
    MAX_CODE_DEPTH,
    _child,
    _children,
    _clean_guid,
    _local,
    _ns,
    parse_xml,
    read_qdpx,
)
from tallytale.errors import InvalidInput
from tallytale.programmes import permissions
from tallytale.programmes.models import Project
from tallytale.stories import access
from tallytale.stories.models import Story

from . import access as coding_access
from . import services
from .models import COUNTED, Code, Coding, Memo

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
#: older codebook namespaces some tools still write (ATLAS.ti 9 writes 0:4)
CODEBOOK_NAMESPACES = (NS_CODEBOOK, "urn:QDA-XML:codebook:0:4", NS_PROJECT, "")
SCHEMA_CODEBOOK = f"{NS_CODEBOOK} http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
SCHEMA_PROJECT = f"{NS_PROJECT} http://schema.qdasoftware.org/versions/Project/v1.5/Project.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

_NAMESPACE = uuid.UUID("5b8c3a52-7c1e-4b8e-9a8e-3f0d6a1f2c11")  # Tallytale's UUID5 namespace


EXAMPLE_MARK = "Example: "


def describe(description: str, example: str) -> str:
    """A code's description with its example after a blank line (REFI-QDA and Taguette
    have one description field)."""
    description, example = description.strip(), example.strip()
    if not example:
        return description
    return f"{description}\n\n{EXAMPLE_MARK}{example}" if description else EXAMPLE_MARK + example


def split_example(text: str) -> tuple[str, str]:
    """(description, example) from a description written by `describe`."""
    text = (text or "").strip()
    if text.startswith(EXAMPLE_MARK):
        return "", text[len(EXAMPLE_MARK) :].strip()
    head, sep, tail = text.rpartition("\n\n" + EXAMPLE_MARK)
    if sep:
        return head.strip(), tail.strip()
    return text, ""


def _note_name(text: str) -> str:
    """A note's name: its first line, cut to 60 characters (stable across re-imports)."""
    first = (text.strip().splitlines() or ["memo"])[0]
    return first[:60].rstrip() or "memo"


def _guid(*parts: Any) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(str(p) for p in parts)))


def story_guid(project: Project, story_id: int) -> str:
    return _guid("story", project.slug, story_id)


def _now() -> str:
    return timezone.now().astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso(when: dt.datetime | None) -> str:
    if when is None:
        return _now()
    return when.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------------------------------
# Export
# ------------------------------------------------------------------------------------------


def _sub(parent: ET.Element, ns: str, tag: str, /, **attrs: Any) -> ET.Element:
    return ET.SubElement(
        parent, f"{{{ns}}}{tag}", {k: str(v) for k, v in attrs.items() if v is not None}
    )


def _active_codes(project: Project) -> list[Code]:
    return list(Code.objects.filter(project=project, active=True).order_by("name", "pk"))


def _code_tree(
    codes: list[Code], parent_el: ET.Element, ns: str, notes: dict[int, list[str]] | None = None
) -> None:
    children: dict[int | None, list[Code]] = {}
    for c in codes:
        children.setdefault(c.parent_id, []).append(c)

    def emit(el: ET.Element, code: Code) -> None:
        attrs = {"guid": str(code.guid), "name": code.name, "isCodable": "true"}
        if code.colour:
            attrs["color"] = code.colour
        node = _sub(el, ns, "Code", **attrs)
        text = describe(code.description, code.example)
        if text:
            _sub(node, ns, "Description").text = text
        for note_guid in (notes or {}).get(code.pk, []):
            _sub(node, ns, "NoteRef", targetGUID=note_guid)
        for child in children.get(code.pk, []):
            emit(node, child)

    for top in children.get(None, []):
        emit(parent_el, top)


def _serialise(root: ET.Element, default_ns: str) -> bytes:
    ET.register_namespace("", default_ns)
    ET.register_namespace("xsi", XSI)
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                       xml_declaration=False)  # fmt: skip


def export_codebook(project: Project, *, actor: services.Actor) -> bytes:
    """The project's active codebook as a REFI-QDA `.qdc` document."""
    coding_access._require(actor, "story.read_redacted", project)
    codes = _active_codes(project)
    if not codes:  # the schema requires at least one <Code>: an empty .qdc is invalid
        raise InvalidInput(
            gettext("%(project)s has no codes yet: add a code before exporting")
            % {"project": project.slug}
        )
    root = ET.Element(
        f"{{{NS_CODEBOOK}}}CodeBook",
        {"origin": f"Tallytale {__version__}", f"{{{XSI}}}schemaLocation": SCHEMA_CODEBOOK},
    )
    codes_el = _sub(root, NS_CODEBOOK, "Codes")
    _code_tree(codes, codes_el, NS_CODEBOOK)
    return _serialise(root, NS_CODEBOOK)


def _variables(stories: list[Story]) -> tuple[dict[str, str], dict[int, dict[str, float]]]:
    """Survey scale scores per teller: {variable name: guid}, {person: {name: value}}.
    One variable per scale and wave, from the teller's latest response in that wave."""
    from tallytale.surveys.models import ScaleScore

    people = {s.teller_id for s in stories if s.teller_id}
    rows = (
        ScaleScore.objects.filter(
            response__person_id__in=people,
            response__project_id__in={s.project_id for s in stories},
            value__isnull=False,
        )  # fmt: skip
        .select_related("response__wave")
        .order_by("response__submitted_at", "response__created_at", "response_id")
    )
    values: dict[int, dict[str, float]] = {}
    names: dict[str, str] = {}
    for r in rows:
        wave = r.response.wave.name if r.response.wave else "no-wave"
        name = f"{r.scale}_{wave}"
        names.setdefault(name, _guid("variable", name))
        values.setdefault(r.response.person_id, {})[name] = float(r.value)  # latest wins
    return dict(sorted(names.items())), values


def export_project(project: Project, *, actor: services.Actor) -> tuple[bytes, int]:
    """A `.qdpx` of the stories `actor` may see (redacted), with the codebook, counted
    codings, memos and tellers as cases. Returns (zip bytes, number of stories)."""
    coding_access._require(actor, "story.read_redacted", project)
    viewer = coding_access._viewer(actor)
    stories = list(coding_access.visible(actor, project).select_related("teller").order_by("pk"))
    texts: dict[int, str] = {}
    for s in stories:
        t = access.story_text_for(viewer, s)
        if t:
            texts[s.pk] = t
    stories = [s for s in stories if s.pk in texts]
    codings = list(
        Coding.objects.filter(
            project=project,
            story_id__in=list(texts),
            origin__in=COUNTED,
            rejected_at__isnull=True,
            code__active=True,
        )
        .select_related("code")
        .order_by("story_id", "start", "pk")
    )
    memos = list(Memo.objects.filter(project=project).order_by("pk"))
    memos = [m for m in memos if m.story_id is None or m.story_id in texts]
    exporter = coding_access._coder_label(actor)
    users = sorted({exporter, *(c.coder_label for c in codings), *(m.author_label for m in memos)})
    user_guid = {u: _guid("user", u) for u in users}

    root = ET.Element(
        f"{{{NS_PROJECT}}}Project",
        {
            "name": project.name,
            "origin": f"Tallytale {__version__}",
            "creatingUserGUID": user_guid[exporter],
            "creationDateTime": _now(),
            f"{{{XSI}}}schemaLocation": SCHEMA_PROJECT,
        },
    )
    users_el = _sub(root, NS_PROJECT, "Users")
    for u in users:
        _sub(users_el, NS_PROJECT, "User", guid=user_guid[u], name=u)

    note_guid = {m.pk: str(m.guid or _guid("memo", project.slug, m.pk)) for m in memos}
    code_notes: dict[int, list[str]] = {}
    story_notes: dict[int, list[str]] = {}
    project_notes: list[str] = []
    for m in memos:
        if m.code_id:
            code_notes.setdefault(m.code_id, []).append(note_guid[m.pk])
        if m.story_id:
            story_notes.setdefault(m.story_id, []).append(note_guid[m.pk])
        if not m.code_id and not m.story_id:
            project_notes.append(note_guid[m.pk])
    codes = _active_codes(project)
    if codes:  # <Codes> needs at least one <Code>
        codebook = _sub(root, NS_PROJECT, "CodeBook")
        _code_tree(codes, _sub(codebook, NS_PROJECT, "Codes"), NS_PROJECT, code_notes)

    may_surveys = actor.user is None or permissions.can(actor.user, "survey.read_answers", project)
    var_guid, person_values = _variables(stories) if may_surveys else ({}, {})
    if var_guid:
        vars_el = _sub(root, NS_PROJECT, "Variables")
        for name, guid in var_guid.items():
            v = _sub(vars_el, NS_PROJECT, "Variable", guid=guid, name=name,
                     typeOfVariable="Float")  # fmt: skip
            _sub(
                v, NS_PROJECT, "Description"
            ).text = "Survey scale score (metric score for SWEMWBS), latest response in the wave"
    tellers: dict[int, tuple[str, list[int]]] = {}
    for s in stories:
        if s.teller_id:
            tellers.setdefault(s.teller_id, (s.teller.code, []))[1].append(s.pk)
    if tellers:
        cases_el = _sub(root, NS_PROJECT, "Cases")
        for pid, (code, story_ids) in sorted(tellers.items(), key=lambda kv: kv[1][0]):
            case = _sub(cases_el, NS_PROJECT, "Case", guid=_guid("case", project.slug, pid),
                        name=code)  # fmt: skip
            for name, value in sorted(person_values.get(pid, {}).items()):
                vv = _sub(case, NS_PROJECT, "VariableValue")
                _sub(vv, NS_PROJECT, "VariableRef", targetGUID=var_guid[name])
                _sub(vv, NS_PROJECT, "FloatValue").text = repr(value)
            for sid in story_ids:
                _sub(case, NS_PROJECT, "SourceRef", targetGUID=story_guid(project, sid))

    by_story: dict[int, list[Coding]] = {}
    for c in codings:
        by_story.setdefault(c.story_id, []).append(c)
    files: dict[str, bytes] = {}
    sources_el = _sub(root, NS_PROJECT, "Sources") if stories else None  # one source at least
    for s in stories:
        guid = story_guid(project, s.pk)
        text = texts[s.pk]
        src = _sub(
            sources_el,
            NS_PROJECT,
            "TextSource",
            guid=guid,
            name=f"story {s.pk}" + (f" ({s.external_id})" if s.external_id else ""),
            plainTextPath=f"internal://{guid}.txt",
            creatingUser=user_guid[exporter],
            creationDateTime=_iso(s.created_at),
        )
        desc = f"language={s.language or '?'}; consent={s.consent_level}; field=" + (
            access.analysis_field(s)
        )
        _sub(src, NS_PROJECT, "Description").text = desc
        files[f"sources/{guid}.txt"] = text.encode("utf-8")
        for c in by_story.get(s.pk, []):
            start, end = (0, len(text)) if c.start is None else (c.start, c.end)
            if end > len(text):  # redaction corrected since coding: skip a stale span
                continue
            coding_guid = str(c.guid or _guid("coding", project.slug, c.pk))
            sel = _sub(
                src,
                NS_PROJECT,
                "PlainTextSelection",
                guid=_guid("selection", coding_guid),
                name=(text[start:end][:60] or "whole story"),
                startPosition=start,
                endPosition=end,
                creatingUser=user_guid[c.coder_label],
                creationDateTime=_iso(c.created_at),
            )
            if c.start is None:
                _sub(sel, NS_PROJECT, "Description").text = "whole story"
            coding = _sub(sel, NS_PROJECT, "Coding", guid=coding_guid,
                          creatingUser=user_guid[c.coder_label],
                          creationDateTime=_iso(c.created_at))  # fmt: skip
            _sub(coding, NS_PROJECT, "CodeRef", targetGUID=str(c.code.guid))
        for ng in story_notes.get(s.pk, []):
            _sub(src, NS_PROJECT, "NoteRef", targetGUID=ng)
    if memos:
        notes_el = _sub(root, NS_PROJECT, "Notes")
        for m in memos:
            note = _sub(notes_el, NS_PROJECT, "Note", guid=note_guid[m.pk],
                        name=_note_name(m.text), creatingUser=user_guid[m.author_label],
                        creationDateTime=_iso(m.created_at))  # fmt: skip
            _sub(note, NS_PROJECT, "PlainTextContent").text = m.text
    for ng in project_notes:  # memos on the coding as a whole: the project's own NoteRefs
        _sub(root, NS_PROJECT, "NoteRef", targetGUID=ng)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", _serialise(root, NS_PROJECT))
        for name, body in files.items():
            zf.writestr(name, body)
    return buf.getvalue(), len(stories)


# ------------------------------------------------------------------------------------------
# Import
# ------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    codes_created: int = 0
    codes_existing: int = 0
    codings_created: int = 0
    codings_existing: int = 0
    memos_created: int = 0
    memos_existing: int = 0
    sources_matched: int = 0
    sources_unmatched: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.codes_created} codes created", f"{self.codes_existing} already there"]
        if self.sources_matched or self.sources_unmatched:
            parts.append(f"{self.codings_created} codings imported")
            if self.memos_created or self.memos_existing:
                parts.append(f"{self.memos_created} memos imported")
            parts.append(f"{self.sources_matched} sources matched to stories")
            if self.sources_unmatched:
                parts.append(f"{len(self.sources_unmatched)} sources matched no story")
        if self.problems:
            parts.append(f"{len(self.problems)} problems")
        return ", ".join(parts)


def _import_codes(
    project: Project,
    codes_el: ET.Element,
    actor: services.Actor,
    report: ImportReport,
    note_targets: dict[str, Code | Story] | None = None,
) -> dict[str, Code]:
    """Create the codes of a REFI <Codes> tree; returns {guid: Code} including existing.
    The codes' NoteRefs go into `note_targets` ({note guid: code})."""
    by_guid: dict[str, Code] = {}

    def walk(el: ET.Element, parent: Code | None) -> None:
        for node in _children(el, "Code"):
            # as services.add_code stores it (cut to its 200 characters), so lookups match
            name = services.normal_name(node.get("name"))[:200].rstrip()
            guid = _clean_guid(node.get("guid"))
            if not name:
                report.problems.append("a code without a name was skipped")
                continue
            desc_el = _child(node, "Description")
            description = (desc_el.text or "") if desc_el is not None else ""
            description = description.strip() or (node.get("description") or "").strip()
            description, example = split_example(description)
            colour = (node.get("color") or "").strip()
            if colour and not services.COLOUR.match(colour):
                colour = ""
            code = None
            if guid:
                code = Code.objects.filter(project=project, guid=guid, active=True).first()
            if code is None:
                code = Code.objects.filter(
                    project=project, parent=parent, name__iexact=name, active=True
                ).first()
            if code is not None:
                report.codes_existing += 1
            else:
                taken = guid and Code.objects.filter(guid=guid).exists()
                code = services.add_code(
                    project,
                    name,
                    actor=actor,
                    parent=parent,
                    description=description,
                    example=example,
                    colour=colour,
                    guid=None if taken else guid,
                    history_action="import",
                )
                report.codes_created += 1
            if guid:
                by_guid[guid] = code
            if note_targets is not None:
                for ref in _children(node, "NoteRef"):
                    note_targets.setdefault(_clean_guid(ref.get("targetGUID")) or "", code)
            walk(node, code)

    walk(codes_el, None)
    return by_guid


def _check_depth(codes_el: ET.Element) -> None:
    """Refuse a code tree nested deeper than MAX_CODE_DEPTH before anything is written."""
    stack = [(codes_el, 0)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_CODE_DEPTH:
            raise InvalidInput(
                gettext("the codebook nests codes more than %(MAX_CODE_DEPTH)s levels deep")
                % {"MAX_CODE_DEPTH": MAX_CODE_DEPTH}
            )
        stack.extend((child, depth + 1) for child in _children(el, "Code"))


def import_codebook(project: Project, data: bytes, *, actor: services.Actor) -> ImportReport:
    """Add the codes of a REFI-QDA `.qdc` (or a project's codebook) to the project's
    codebook. Existing codes (same GUID, or same name under the same parent) are kept."""
    coding_access._require(actor, "coding.code", project)
    root = parse_xml(data, "the codebook")
    if _local(root.tag) not in ("CodeBook", "Project") or _ns(root.tag) not in CODEBOOK_NAMESPACES:
        raise InvalidInput(
            gettext("not a REFI-QDA codebook (root element %(tag)s)") % {"tag": repr(root.tag)}
        )
    if _local(root.tag) == "Project":
        cb = _child(root, "CodeBook")
        root = cb if cb is not None else root
    codes_el = _child(root, "Codes")
    if codes_el is None:
        raise InvalidInput(gettext("the codebook has no <Codes>"))
    _check_depth(codes_el)
    report = ImportReport()
    with transaction.atomic():
        _import_codes(project, codes_el, actor, report)
    return report


def _source_text(src: ET.Element, files: dict[str, bytes]) -> str | None:
    content = _child(src, "PlainTextContent")
    if content is not None and content.text:
        return content.text
    path = src.get("plainTextPath") or ""
    if path.startswith("internal://"):
        body = files.get(path[len("internal://") :].lower())
        if body is not None:
            return body.decode("utf-8-sig", errors="replace")
    return None


def import_project(project: Project, data: bytes, *, actor: services.Actor) -> ImportReport:
    """Import a `.qdpx` project's codebook and its codings onto this project's stories.

    Sources are matched to stories the actor may see: first by Tallytale's own GUID (a
    re-imported export), then by identical redacted text. Sources that match no story are
    reported, never created (a story needs its teller's consent). Each coding keeps its
    REFI user's name as coder, so agreement can be computed between them."""
    coding_access._require(actor, "coding.code", project)
    root, files = read_qdpx(data)
    if _local(root.tag) != "Project" or _ns(root.tag) != NS_PROJECT:
        raise InvalidInput(
            gettext("project.qde is not a REFI-QDA project (root %(tag)s)")
            % {"tag": repr(root.tag)}
        )
    report = ImportReport()
    users: dict[str, str] = {}
    users_el = _child(root, "Users")
    for u in _children(users_el, "User") if users_el is not None else []:
        g = _clean_guid(u.get("guid"))
        if g:
            users[g] = (u.get("name") or u.get("id") or g)[:120]
    viewer = coding_access._viewer(actor)
    stories = list(coding_access.visible(actor, project).order_by("pk"))
    by_guid = {story_guid(project, s.pk): s for s in stories}
    by_text: dict[str, Story] = {}
    codebook = _child(root, "CodeBook")
    codes_el = _child(codebook, "Codes") if codebook is not None else None
    if codes_el is not None:
        _check_depth(codes_el)
    note_targets: dict[str, Code | Story | None] = {}
    with transaction.atomic():
        codes = (
            _import_codes(project, codes_el, actor, report, note_targets)
            if codes_el is not None
            else {}
        )
        sources_el = _child(root, "Sources")
        for src in _children(sources_el, "TextSource") if sources_el is not None else []:
            guid = _clean_guid(src.get("guid")) or ""
            text = _source_text(src, files)
            story = by_guid.get(guid)
            if story is None and text is not None:
                if not by_text:
                    for s in stories:
                        t = access.story_text_for(viewer, s)
                        if t:
                            by_text.setdefault(t.strip(), s)
                story = by_text.get(text.strip())
            if story is None:
                report.sources_unmatched.append(src.get("name") or guid)
                continue
            report.sources_matched += 1
            for ref in _children(src, "NoteRef"):
                note_targets.setdefault(_clean_guid(ref.get("targetGUID")) or "", story)
            _, story_text = coding_access.text_for(actor, story)
            for sel in _children(src, "PlainTextSelection"):
                try:
                    start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
                except ValueError:
                    report.problems.append(f"selection {sel.get('guid')} has no valid positions")
                    continue
                whole = start == 0 and end >= len(story_text.rstrip())
                for coding in _children(sel, "Coding"):
                    ref = _child(coding, "CodeRef")
                    code = (
                        codes.get(_clean_guid(ref.get("targetGUID")) or "")
                        if ref is not None
                        else None
                    )
                    if code is None:
                        report.problems.append(f"coding {coding.get('guid')} names an unknown code")
                        continue
                    who = users.get(_clean_guid(coding.get("creatingUser") or sel.get("creatingUser")) or "",
                                    "refi-import")  # fmt: skip
                    before = Coding.objects.filter(story=story, code=code, coder_label=who).count()
                    coding_guid = _clean_guid(coding.get("guid"))
                    if coding_guid and Coding.objects.filter(guid=coding_guid).exists():
                        coding_guid = None  # already imported (GUIDs are unique per file)
                    try:
                        services.code_story(
                            story,
                            code,
                            actor=actor,
                            start=None if whole else start,
                            end=None if whole else end,
                            coder_label=who,
                            source="refi import",
                            guid=coding_guid,
                        )
                    except InvalidInput as exc:
                        report.problems.append(f"selection {sel.get('guid')}: {exc}")
                        continue
                    after = Coding.objects.filter(story=story, code=code, coder_label=who).count()
                    if after > before:
                        report.codings_created += 1
                    else:
                        report.codings_existing += 1
        for ref in _children(root, "NoteRef"):  # notes on the project as a whole
            note_targets.setdefault(_clean_guid(ref.get("targetGUID")) or "", None)
        _import_notes(project, root, note_targets, users, actor, report)
    return report


def _import_notes(
    project: Project,
    root: ET.Element,
    targets: dict[str, Code | Story | None],
    users: dict[str, str],
    actor: services.Actor,
    report: ImportReport,
) -> None:
    """Notes become memos on the code, story or project that refers to them. A note no one
    refers to, or whose source matched no story, is not imported (nothing to attach it to,
    and a story's memo must not land on the project)."""
    notes_el = _child(root, "Notes")
    for note in _children(notes_el, "Note") if notes_el is not None else []:
        guid = _clean_guid(note.get("guid")) or ""
        if guid not in targets:
            continue
        content = _child(note, "PlainTextContent")
        text = (content.text or "").strip() if content is not None else ""
        if not text:
            continue
        target = targets[guid]
        code = target if isinstance(target, Code) else None
        story = target if isinstance(target, Story) else None
        same = Memo.objects.filter(project=project, code=code, story=story, text=text)
        if (guid and Memo.objects.filter(project=project, guid=guid).exists()) or same.exists():
            report.memos_existing += 1
            continue
        author = users.get(_clean_guid(note.get("creatingUser")) or "")
        taken = guid and Memo.objects.filter(guid=guid).exists()
        services.add_memo(project, text, actor=actor, code=code, story=story,
                          author_label=author, guid=None if taken else (guid or None))  # fmt: skip
        report.memos_created += 1
