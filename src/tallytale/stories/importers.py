"""Import stories collected elsewhere (CSV or XLSX), all-or-nothing and idempotent.

Columns: external_id,text (required) and optional language, participant_code, consent,
collected_on, title, consent_method, info_sheet_version, plus `sig:<signifier name>` for
each signifier. Every bad row and field is reported with its line number; nothing is
written unless every row is good. Re-importing skips rows whose (project, external_id) is
already stored with the same text; a row whose text differs from what is stored is a
conflict (an error, never a silent overwrite). A withdrawn story is never brought back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from tallytale import tables
from tallytale.errors import InputErrors
from tallytale.programmes import services as people
from tallytale.programmes.models import Person, code_validator
from tallytale.tables import Table

from .models import Signifier, Story
from .services import Actor, StoryDraft, collect_many, prepare
from .text import clean_text

REQUIRED = ["external_id", "text"]
OPTIONAL = [
    "language",
    "participant_code",
    "consent",
    "collected_on",
    "title",
    "consent_method",
    "info_sheet_version",
]
MAX_BYTES = 100 * 1024 * 1024


# The old name of the one multi-error type, kept for callers that import it.
ImportFailed = InputErrors


@dataclass
class ImportReport:
    rows: int = 0
    written: int = 0
    already_imported: int = 0
    withdrawn_skipped: int = 0
    participants_created: list[str] = field(default_factory=list)
    held_for_review: int = 0


def read_rows(path: str | Path) -> Table:
    """A CSV or XLSX file through the importers' one reader (`tallytale.tables`)."""
    return tables.read_table(path, max_bytes=MAX_BYTES)


def _registered_elsewhere(
    rows: list[tuple[int, list[str]]], header: list[str], here: set[str]
) -> set[str]:
    """The file's participant codes that are registered, but not to this project's
    participants (asked in chunks: only the codes in the file, never every person)."""
    if "participant_code" not in header:
        return set()
    i = header.index("participant_code")
    codes = sorted({r[i].strip() for _n, r in rows if i < len(r) and r[i].strip()} - here)
    found: set[str] = set()
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        found.update(Person.objects.filter(code__in=chunk).values_list("code", flat=True))
    return found


def import_stories(
    source: Table | list[tuple[int, list[str]]], project_slug: str, *, actor: Actor
) -> ImportReport:
    """Validate every row, then write all new stories in one transaction. `source` is a
    Table from `read_rows`, or (line, cells) rows with the header first."""
    project = people.get_project(project_slug)
    try:
        table = source if isinstance(source, Table) else tables.table_from_rows(source)
    except InputErrors:
        raise InputErrors(
            [gettext("the file is empty; expected a header with external_id,text")]
        ) from None
    header_line, header = table.header_line, table.header
    header = [
        h.strip().lower() if not h.strip().lower().startswith("sig:") else h.strip() for h in header
    ]
    errors: list[str] = []
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise InputErrors(
            [
                gettext("line %(header_line)s: missing column(s) %(choices)s")
                % {"header_line": header_line, "choices": ", ".join(missing)}
            ]
        )
    signifiers = {s.name: s for s in Signifier.objects.filter(project=project, active=True)}
    sig_cols = {h: h[4:].strip() for h in header if h.lower().startswith("sig:")}
    unknown = [h for h in header if h and h not in REQUIRED + OPTIONAL and h not in sig_cols]
    if unknown:
        errors.append(
            gettext("line %(header_line)s: unknown column(s) %(choices)s")
            % {"header_line": header_line, "choices": ", ".join(map(repr, unknown))}
        )
    for h, name in sig_cols.items():
        if name not in signifiers:
            errors.append(
                gettext("line %(header_line)s: column %(h)s: no signifier %(name)s in %(project)s")
                % {
                    "header_line": header_line,
                    "h": repr(h),
                    "name": repr(name),
                    "project": project.slug,
                }
            )
    if errors:
        raise InputErrors(errors)
    existing = {
        s.external_id: s
        for s in Story.objects.filter(project=project)
        .exclude(external_id="")
        .only("id", "external_id", "text", "withdrawn_at", "medium")
    }
    # Tellers are participants of this project: a code registered only to another project
    # is refused (not silently linked across projects), an unknown code becomes a new one.
    persons = {
        p.code: p
        for p in Person.objects.filter(erased_at__isnull=True, memberships__project=project)
    }
    rows = list(table.rows())
    elsewhere = _registered_elsewhere(rows, header, set(persons))
    report = ImportReport()
    drafts: list[tuple[StoryDraft, str]] = []
    seen: dict[str, int] = {}
    new_codes: set[str] = set()
    problem_lines: list[tuple[int, str]] = []
    for line, row in rows:
        report.rows += 1
        cells = {h: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h}
        problems: list[str] = []
        ext_id = cells.get("external_id", "").strip()
        if not ext_id:
            problems.append(gettext("external_id is empty"))
        elif ext_id in seen:
            problems.append(
                gettext("external_id %(ext_id)s repeats line %(seen)s")
                % {"ext_id": repr(ext_id), "seen": seen[ext_id]}
            )
        else:
            seen[ext_id] = line
        code = cells.get("participant_code", "").strip()
        teller = None
        if code:
            try:
                code_validator(code)
            except Exception:  # noqa: BLE001 - ValidationError message below
                problems.append(
                    gettext("participant_code %(code)s is not a valid code") % {"code": repr(code)}
                )
            else:
                teller = persons.get(code)
                if teller is None and code in elsewhere:
                    problems.append(
                        gettext(
                            "participant_code %(code)s belongs to someone who is not (or no longer)"
                            " a participant of %(project)s: add them first (tallytale person add "
                            "%(code2)s --project %(project)s) or correct the code"
                        )
                        % {"code": repr(code), "project": project.slug, "code2": code}
                    )
                elif teller is None:
                    new_codes.add(code)
        collected_on = None
        if cells.get("collected_on", "").strip():
            try:
                collected_on = tables.parse_day(cells["collected_on"])
            except ValueError as exc:
                problems.append(gettext("collected_on %(exc)s") % {"exc": exc})
        answers = {sig_cols[h]: cells.get(h, "") for h in sig_cols}
        draft, errs = prepare(
            project,
            text=cells.get("text", ""),
            language=cells.get("language", ""),
            title=cells.get("title", ""),
            teller=teller,
            consent_level=cells.get("consent", "").strip() or None,
            consent_method=cells.get("consent_method", "").strip() or None,
            info_sheet_version=cells.get("info_sheet_version", ""),
            answers=answers,
            external_id=ext_id,
            collected_on=collected_on,
            signifiers=signifiers,
        )
        problems += [
            msg if msg.startswith(k.split(":")[0]) else f"{k}: {msg}" for k, msg in errs.items()
        ]
        if ext_id and ext_id in existing and not problems:
            old = existing[ext_id]
            if old.withdrawn:
                report.withdrawn_skipped += 1
                continue
            if old.text == draft.text:
                report.already_imported += 1
                continue
            problems.append(
                gettext(
                    "external_id %(ext_id)s is already stored (story %(old)s) with "
                    "different text; nothing is overwritten: change the external_id or "
                    "correct the story"
                )
                % {"ext_id": repr(ext_id), "old": old.pk}
            )
        if problems:
            problem_lines.append(
                (
                    line,
                    gettext("line %(line)s: %(problem)s")
                    % {"line": line, "problem": "; ".join(problems)},
                )
            )
            continue
        drafts.append((draft, code if teller is None else ""))
    if problem_lines or table.problems:
        raise InputErrors(tables.in_order(table.problems, problem_lines))
    if report.rows == 0:
        raise InputErrors([gettext("the file has a header but no rows")])
    with transaction.atomic():
        created = {}
        for code in sorted(new_codes & {c for _, c in drafts if c}):
            created[code] = people.add_person(code, project.slug, actor=actor)
        for d, code in drafts:
            if code:
                d.teller = created[code]
        stories = collect_many([d for d, _ in drafts], actor=actor)
    report.participants_created = sorted(created)
    report.written = len(stories)
    report.held_for_review = sum(1 for s in stories if s.held_for_review)
    return report


__all__ = ["ImportFailed", "ImportReport", "clean_text", "import_stories", "read_rows"]
