"""Import the contributions spreadsheet a coordinator already keeps.

Header: person_code,partner,date,hours,activity, in a CSV or XLSX file read by the
importers' one reader (`tallytale.tables`). All-or-nothing: every bad row is
reported with its line number, and nothing is written unless every row is good.
Re-importing the same file changes nothing: each row's idempotency key is derived from
the project, the row's content and how many identical rows came before it in the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale import tables
from tallytale.core.ledger import Kind, LedgerError, to_minutes
from tallytale.errors import InputErrors
from tallytale.programmes.models import Membership
from tallytale.programmes.services import get_project
from tallytale.tables import Table

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


def read_table(path: str | Path) -> Table:
    """The file (CSV or XLSX) through the importers' one reader (`tallytale.tables`)."""
    return tables.read_table(path, max_bytes=MAX_BYTES)


def import_contributions(
    source: str | Table, project_slug: str, *, actor: Actor, today: dt.date | None = None
) -> ImportReport:
    """Record every row's hours, or none: `source` is a Table from `read_table` (a file)
    or CSV text (pasted rows). Dates may be UK `14/03/2025` where unambiguous, hours may
    use a decimal comma (`1,5`)."""
    project = get_project(project_slug)
    today = today or timezone.localdate()
    if isinstance(source, str):
        if "\x00" in source:
            raise InputErrors([_("the file contains NUL bytes; is it a spreadsheet saved as CSV?")])
        try:
            table = tables.table_from_text(source)
        except InputErrors:
            raise InputErrors(
                [
                    _("the file is empty; expected the header %(header)s")
                    % {"header": ",".join(HEADER)}
                ]
            ) from None
    else:
        table = source
    header = [h.strip().lower() for h in table.header]
    missing = [h for h in HEADER if h not in header]
    if missing:
        raise InputErrors(
            [
                (
                    _("line %(header_line)s: missing column(s) %(choices)s; expected %(choices2)s")
                    % {
                        "header_line": table.header_line,
                        "choices": ", ".join(missing),
                        "choices2": ",".join(HEADER),
                    }
                )
            ]
        )
    col = {h: header.index(h) for h in HEADER}
    errors: list[tuple[int, str]] = []
    ops: list[Op] = []
    lines: list[int] = []
    seen: Counter[str] = Counter()
    members = set(
        Membership.objects.filter(project=project).values_list("person__code", flat=True).distinct()
    )
    report = ImportReport()
    for line, row in table.rows():
        report.rows += 1
        code, partner, date_text, hours, activity = (row[col[h]].strip() for h in HEADER)
        problems = []
        if not code:
            problems.append(_("person_code is empty"))
        elif code not in members:
            problems.append(
                _("person_code %(code)s is not a member of %(project)s")
                % {"code": repr(code), "project": project.slug}
            )
        if not partner:
            problems.append(_("partner is empty"))
        day = None
        try:
            day = tables.parse_day(date_text)
            if day > today:
                problems.append(_("date %(date_text)s is in the future") % {"date_text": date_text})
        except ValueError as exc:
            problems.append(_("date %(exc)s") % {"exc": exc})
        minutes = 0
        try:
            minutes = to_minutes(tables.parse_decimal(hours), "hours")
            if minutes > 24 * 60:
                problems.append(_("hours %(hours)s is more than 24") % {"hours": hours})
        except (LedgerError, ValueError) as exc:  # ValueError: an ambiguous decimal comma
            problems.append(str(exc) if isinstance(exc, LedgerError) else f"hours {exc}")
        if len(activity) > 80:
            problems.append(_("activity is longer than 80 characters"))
        if problems:
            errors.append(
                (
                    line,
                    _("line %(line)s: %(problem)s")
                    % {"line": line, "problem": "; ".join(problems)},
                )
            )
            continue
        content = "\x1f".join(
            [project.slug, code, partner, day.isoformat(), str(minutes), activity]
        )
        seen[content] += 1
        key = (
            "import:contrib:"
            + hashlib.sha256(f"{content}\x1f{seen[content]}".encode()).hexdigest()[:40]
        )
        ops.append(Op(Kind.EARN, code, minutes, key, partner=partner, day=day, category=activity))
        lines.append(line)
    if errors or table.problems:
        raise InputErrors(tables.in_order(table.problems, errors))
    if not ops:
        raise InputErrors([_("the file has a header but no rows")])
    try:
        result = ledger_batch.record_batch(ops, actor=actor, today=today, project=project)
    except InputErrors as exc:
        raise InputErrors(
            [
                _("line %(line)s: %(problem)s") % {"line": lines[i], "problem": msg}
                for i, msg in exc.errors
            ]
        ) from None
    report.written = len(ops) - result.skipped
    report.already_imported = result.skipped
    return report
