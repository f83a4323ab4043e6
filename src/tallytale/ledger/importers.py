"""Import the contributions spreadsheet a coordinator already keeps.

Header: person_code,partner,date,hours,activity. All-or-nothing: every bad row is
reported with its line number, and nothing is written unless every row is good.
Re-importing the same file changes nothing: each row's idempotency key is derived from
the project, the row's content and how many identical rows came before it in the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from tallytale.core.ledger import Kind, LedgerError, to_minutes
from tallytale.core.textsafe import TextError, decode_text
from tallytale.errors import InputErrors, InvalidInput
from tallytale.programmes.models import Membership
from tallytale.programmes.services import get_project

from . import batch as ledger_batch
from .batch import Op
from .services import Actor

HEADER = ["person_code", "partner", "date", "hours", "activity"]
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class ImportReport:
    rows: int = 0
    written: int = 0
    already_imported: int = 0
    errors: list[str] = field(default_factory=list)


# The old name of the one multi-error type, kept for callers that import it.
ImportFailed = InputErrors


def read_text(path: str | Path) -> str:
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(f"no such file: {path}")
    if p.stat().st_size > MAX_BYTES:
        raise InvalidInput(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return decode(p.read_bytes())


def decode(data: bytes) -> str:
    """The file's text by the importers' one decoding rule (`core.textsafe.decode_text`):
    UTF-8 with or without BOM, else Windows-1252, else refused naming the line. The web
    upload and the CLI both come through here."""
    try:
        return decode_text(data)
    except TextError as exc:
        raise InputErrors([str(exc)]) from None


def import_contributions(
    text: str, project_slug: str, *, actor: Actor, today: dt.date | None = None
) -> ImportReport:
    project = get_project(project_slug)
    today = today or timezone.localdate()
    if "\x00" in text:
        raise InputErrors(["the file contains NUL bytes; is it a spreadsheet saved as CSV?"])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputErrors(["the file is empty; expected the header " + ",".join(HEADER)]) from None
    except csv.Error as exc:
        raise InputErrors([f"line 1: {exc}"]) from None
    missing = [h for h in HEADER if h not in header]
    if missing:
        raise InputErrors(
            [f"line 1: missing column(s) {', '.join(missing)}; expected {','.join(HEADER)}"]
        )
    col = {h: header.index(h) for h in HEADER}
    errors: list[str] = []
    ops: list[Op] = []
    lines: list[int] = []
    seen: Counter[str] = Counter()
    members = set(
        Membership.objects.filter(project=project).values_list("person__code", flat=True).distinct()
    )
    report = ImportReport()
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            report.rows += 1
            if len(row) < len(header):
                errors.append(f"line {line}: expected {len(header)} fields, found {len(row)}")
                continue
            code, partner, date_text, hours, activity = (row[col[h]].strip() for h in HEADER)
            problems = []
            if not code:
                problems.append("person_code is empty")
            elif code not in members:
                problems.append(f"person_code {code!r} is not a member of {project.slug}")
            if not partner:
                problems.append("partner is empty")
            try:
                day = dt.date.fromisoformat(date_text)
                if day > today:
                    problems.append(f"date {date_text} is in the future")
            except ValueError:
                problems.append(f"date {date_text!r} is not YYYY-MM-DD")
                day = None
            try:
                minutes = to_minutes(hours, "hours")
                if minutes > 24 * 60:
                    problems.append(f"hours {hours} is more than 24")
            except LedgerError as exc:
                problems.append(str(exc))
                minutes = 0
            if len(activity) > 80:
                problems.append("activity is longer than 80 characters")
            if problems:
                errors.append(f"line {line}: " + "; ".join(problems))
                continue
            content = "\x1f".join(
                [project.slug, code, partner, day.isoformat(), str(minutes), activity]
            )
            seen[content] += 1
            key = (
                "import:contrib:"
                + hashlib.sha256(f"{content}\x1f{seen[content]}".encode()).hexdigest()[:40]
            )
            ops.append(
                Op(Kind.EARN, code, minutes, key, partner=partner, day=day, category=activity)
            )
            lines.append(line)
    except csv.Error as exc:
        errors.append(f"line {reader.line_num}: {exc}")
    if errors:
        raise InputErrors(errors)
    if not ops:
        raise InputErrors(["the file has a header but no rows"])
    try:
        result = ledger_batch.record_batch(ops, actor=actor, today=today, project=project)
    except InputErrors as exc:
        raise InputErrors([f"line {lines[i]}: {msg}" for i, msg in exc.errors]) from None
    report.written = len(ops) - result.skipped
    report.already_imported = result.skipped
    return report
