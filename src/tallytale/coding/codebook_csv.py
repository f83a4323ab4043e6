"""The codebook as CSV in Taguette's format, and back.

Taguette (taguette.org) imports a codebook only as CSV: its importer
(`taguette/import_codebook.py`) lower-cases the header, takes the code name from the one
column called `tag` (or `name`, or `path`), and reads optional `description` and `parent`
columns. Tallytale writes `tag,description,parent` (a code's example follows its description
after a blank line as `Example: ...`, as in REFI-QDA) and reads any file Taguette would:
the same columns, UTF-8 with or without a byte-order mark or Windows-1252, parents named
by their code name, given before or after their children.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext

from tallytale.core.textsafe import TextError, csv_text, decode_text
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Project

from . import access as coding_access
from . import services
from .models import Code
from .refi import describe, split_example

HEADER = ["tag", "description", "parent"]
NAME_COLUMNS = ("tag", "name", "path")


def export_codebook_csv(project: Project, *, actor: services.Actor, excel: bool = False) -> str:
    """The active codebook as Taguette-style CSV text, parents before their children."""
    coding_access._require(actor, "story.read_redacted", project)
    codes = list(Code.objects.filter(project=project, active=True).order_by("name", "pk"))
    by_id = {c.pk: c for c in codes}
    children: dict[int | None, list[Code]] = {}
    for c in codes:
        parent = c.parent_id if c.parent_id in by_id else None
        children.setdefault(parent, []).append(c)
    rows: list[list[str]] = [HEADER]
    stack = list(reversed(children.get(None, [])))
    while stack:
        code = stack.pop()
        parent = by_id[code.parent_id].name if code.parent_id in by_id else ""
        rows.append([code.name, describe(code.description, code.example), parent])
        stack.extend(reversed(children.get(code.pk, [])))
    return csv_text(rows, bom=excel)


@dataclass
class CsvImportReport:
    codes_created: int = 0
    codes_existing: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.codes_created} codes created, {self.codes_existing} already there"


def _rows(data: bytes) -> list[tuple[int, str, str, str]]:
    """(line, name, description, parent) for each non-empty row, or InvalidInput naming
    the line or the column that is wrong."""
    try:
        text = decode_text(data)
    except TextError as exc:
        raise InvalidInput(gettext("the codebook CSV: %(exc)s") % {"exc": exc}) from None
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InvalidInput(
            gettext("the codebook CSV is not valid CSV: %(exc)s") % {"exc": exc}
        ) from None
    if not table:
        raise InvalidInput(gettext("the codebook CSV is empty"))
    header = [h.strip().lower() for h in table[0]]
    found = [c for c in NAME_COLUMNS if c in header]
    if len(found) != 1:
        raise InvalidInput(
            gettext(
                "the codebook CSV needs exactly one of the columns tag, name or path "
                "(found: %(value)s)"
            )
            % {"value": ", ".join(h for h in header if h) or "none"}
        )
    col_name = header.index(found[0])
    col_desc = header.index("description") if "description" in header else None
    col_parent = header.index("parent") if "parent" in header else None
    needed = max(c for c in (col_name, col_desc, col_parent) if c is not None) + 1
    out = []
    for line, row in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < needed:
            raise InvalidInput(
                gettext("line %(line)s: %(n)s column(s), expected %(needed)s")
                % {"line": line, "n": len(row), "needed": needed}
            )
        name = services.normal_name(row[col_name])
        if not name:
            raise InvalidInput(
                gettext("line %(line)s: empty %(found)s") % {"line": line, "found": found[0]}
            )
        desc = row[col_desc].strip() if col_desc is not None else ""
        parent = services.normal_name(row[col_parent]) if col_parent is not None else ""
        out.append((line, name, desc, parent))
    return out


def import_codebook_csv(project: Project, data: bytes, *, actor: services.Actor) -> CsvImportReport:
    """Add a Taguette-style CSV codebook's codes to the project (all or nothing). Existing
    codes (same name under the same parent) are kept, as for REFI-QDA codebooks."""
    coding_access._require(actor, "coding.code", project)
    rows = _rows(data)
    names = {name.casefold() for _, name, _, _ in rows}
    for line, name, _, parent in rows:
        if (
            parent
            and parent.casefold() not in names
            and not Code.objects.filter(project=project, name__iexact=parent, active=True).exists()
        ):
            raise InvalidInput(
                gettext("line %(line)s: parent %(parent)s of %(name)s is not in the codebook")
                % {"line": line, "parent": repr(parent), "name": repr(name)}
            )
        if parent.casefold() == name.casefold():
            raise InvalidInput(
                gettext("line %(line)s: %(name)s is its own parent")
                % {"line": line, "name": repr(name)}
            )
    report = CsvImportReport()
    made: dict[str, Code] = {}
    pending = list(rows)
    with transaction.atomic():
        while pending:
            progress, waiting = False, []
            for line, name, desc, parent in pending:
                parent_code = None
                if parent:
                    parent_code = made.get(parent.casefold()) or (
                        Code.objects.filter(project=project, name__iexact=parent, active=True)
                        .order_by("pk")
                        .first()
                        if parent.casefold() not in names
                        else None
                    )
                    if parent_code is None:
                        waiting.append((line, name, desc, parent))
                        continue
                code = Code.objects.filter(
                    project=project, parent=parent_code, name__iexact=name, active=True
                ).first()
                if code is not None:
                    report.codes_existing += 1
                else:
                    description, example = split_example(desc)
                    code = services.add_code(
                        project,
                        name,
                        actor=actor,
                        parent=parent_code,
                        description=description,
                        example=example,
                        history_action="import",
                    )
                    report.codes_created += 1
                made.setdefault(name.casefold(), code)
                progress = True
            if not progress:  # a cycle: a is b's parent and b is a's
                line, name, _, parent = waiting[0]
                raise InvalidInput(
                    gettext("line %(line)s: parents form a loop (%(name)s under %(parent)s)")
                    % {"line": line, "name": repr(name), "parent": repr(parent)}
                )
            pending = waiting
    return report
