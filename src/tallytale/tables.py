"""The one reader for the spreadsheets people import (contributions, stories, survey
responses): CSV or XLSX, told apart by their content, not their name.

Why one reader: each importer used to read files its own way, so a `;`-separated CSV or a
real `.xlsx` worked in one importer and failed in another, and the same problem was
worded three ways. Here, once:

- XLSX (a zip) is read with openpyxl after a zip-bomb check; an old binary `.xls` is
  refused with what to do instead.
- CSV bytes are decoded by `core.textsafe.sniff_encoding` (UTF-8 with or without BOM,
  else Windows-1252, else refused naming the *line*); the delimiter (`,` `;` tab `|`) is
  the one the header line uses most.
- Every row is checked against the header's width: an extra non-empty field or a missing
  one is a problem naming the line, never silently dropped or padded.
- `parse_day` and `parse_decimal` read the UK dates and decimal commas spreadsheets
  write, where only one reading is possible, and refuse the ambiguous ones.

Every problem is one line beginning `line N:`; importers collect them with their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from tallytale.core.textsafe import TextError, sniff_encoding
from tallytale.errors import InputErrors, InvalidInput

MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) container


@dataclass
class Table:
    """A file's header and its data rows, streamed as (line, cells).

    `rows()` yields only rows of the header's width (cells as stripped text, blank rows
    skipped); a row with an extra or a missing field is recorded in `problems` instead.
    """

    name: str
    header: list[str]
    header_line: int
    kind: str  # "csv" or "xlsx"
    delimiter: str = ""
    encoding: str = ""
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, "line N: ...")
    _rows: Iterator[tuple[int, list[Any]]] | None = None

    def preview(self, n: int) -> list[list[str]]:
        """The header and the next rows as they are (for a page showing the file)."""
        out = [self.header]
        for _line, raw in self._rows or iter(()):
            if len(out) >= n:
                break
            out.append([cell_text(v) for v in raw])
        return out

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        width = len(self.header)
        for line, raw in self._rows or iter(()):
            cells = [cell_text(v) for v in raw]
            if not any(cells):
                continue
            if len(cells) > width:
                extra = [c for c in cells[width:] if c]
                if extra:
                    self.problems.append(
                        (
                            line,
                            _(
                                "line %(line)s: %(n)s fields but the header has %(width)s (extra: %(extra)s)"
                            )
                            % {
                                "line": line,
                                "n": len(cells),
                                "width": width,
                                "extra": ", ".join(repr(c[:40]) for c in extra[:3]),
                            },
                        )
                    )
                    continue
                cells = cells[:width]
            elif len(cells) < width:
                if self.kind == "xlsx":  # a sheet's trailing empty cells are not written
                    cells += [""] * (width - len(cells))
                else:
                    self.problems.append(
                        (
                            line,
                            _(
                                "line %(line)s: %(n)s fields but the header has %(width)s (missing: %(missing)s)"
                            )
                            % {
                                "line": line,
                                "n": len(cells),
                                "width": width,
                                "missing": ", ".join(self.header[len(cells) :][:3]),
                            },
                        )
                    )
                    continue
            yield line, cells


def in_order(*problems: list[tuple[int, str]]) -> list[str]:
    """Problems from the reader and from an importer, as one list in file order."""
    return [msg for _line, msg in sorted((p for ps in problems for p in ps), key=lambda p: p[0])]


def cell_text(value: Any) -> str:
    """A cell as text the way it was meant: 34.0 -> "34", a date cell -> ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def read_table(path: str | Path, *, max_bytes: int) -> Table:
    """Open a CSV or XLSX file (found from its content) as a Table; InvalidInput for a
    missing, oversized or unreadable file, InputErrors naming the line for bad text."""
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(_("no such file: %(path)s") % {"path": path})
    size = p.stat().st_size
    if size > max_bytes:
        raise InvalidInput(
            _("%(name)s is larger than %(limit)s MB")
            % {"name": p.name, "limit": max_bytes // (1024 * 1024)}
        )
    if size == 0:
        raise InputErrors([_("%(name)s: the file is empty") % {"name": p.name}])
    with p.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(_ZIP):
        return _xlsx(p)
    if magic.startswith(_OLE):
        raise InvalidInput(
            _("%(name)s is an old Excel .xls workbook; save it as .xlsx or as CSV UTF-8")
            % {"name": p.name}
        )
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        raise InvalidInput(
            _("%(name)s is not a valid .xlsx file (not a zip archive)") % {"name": p.name}
        )
    return _csv(p)


def table_from_text(text: str, name: str = "pasted rows") -> Table:
    """A Table from CSV text already decoded (rows pasted into a page)."""
    delimiter = _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _start(name, "csv", _csv_lines(reader), delimiter=delimiter, encoding="utf-8")


def table_from_rows(rows: list[tuple[int, list[Any]]], name: str = "rows") -> Table:
    """A Table from rows already read: (line, cells), the header first."""
    return _start(name, "csv", iter(rows))


def _start(name: str, kind: str, rows: Iterator[tuple[int, list[Any]]], **kw: str) -> Table:
    for line, raw in rows:
        header = [cell_text(h).replace("\ufeff", "") for h in raw]
        if any(header):
            while header and not header[-1]:
                header.pop()  # trailing empty header cells (spreadsheet formatting)
            return Table(name, header, line, kind, _rows=rows, **kw)
    raise InputErrors([_("%(name)s: the file is empty") % {"name": name}])


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_lines(reader: Any) -> Iterator[tuple[int, list[Any]]]:
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputErrors(
            [_("line %(line)s: %(exc)s") % {"line": reader.line_num, "exc": exc}]
        ) from None


def _csv(p: Path) -> Table:
    # checked over the whole file first (streamed), so a bad byte on line 90,000 is
    # refused, naming its line, before anything is read as data
    with p.open("rb") as f:
        try:
            encoding = sniff_encoding(iter(lambda: f.read(1 << 20), b""))
        except TextError as exc:
            raise InputErrors([f"{p.name}: {exc}"]) from None
    with p.open(encoding=encoding, newline="") as f:
        delimiter = _delimiter(f.readline())

    def rows() -> Iterator[tuple[int, list[Any]]]:
        with p.open(encoding=encoding, newline="") as f:
            yield from _csv_lines(csv.reader(f, delimiter=delimiter))

    return _start(p.name, "csv", rows(), delimiter=delimiter, encoding=encoding)


def _xlsx(p: Path) -> Table:
    try:
        with zipfile.ZipFile(p) as zf:
            total = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput(
            _("%(name)s is not a valid .xlsx file (%(exc)s)") % {"name": p.name, "exc": exc}
        ) from None
    if total > MAX_UNZIPPED_BYTES:
        raise InvalidInput(
            _("%(name)s would unpack to %(size)s MB; refusing (limit %(limit)s MB)")
            % {
                "name": p.name,
                "size": total // (1024 * 1024),
                "limit": MAX_UNZIPPED_BYTES // (1024 * 1024),
            }
        )
    import openpyxl

    # opened here: given a path, openpyxl would judge the file by its name's suffix
    handle = p.open("rb")
    try:
        wb = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for bad files
        handle.close()
        raise InvalidInput(
            _("%(name)s is not a readable .xlsx file (%(error)s)")
            % {"name": p.name, "error": type(exc).__name__}
        ) from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        n = 0
        try:
            ws = wb.worksheets[0]
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):  # noqa: B007
                yield n, list(row)
        except (InputErrors, InvalidInput):
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged sheet fails inside openpyxl
            raise InvalidInput(
                _("%(name)s: cannot read the sheet after line %(n)s (%(error)s)")
                % {"name": p.name, "n": n, "error": type(exc).__name__}
            ) from None
        finally:
            wb.close()
            handle.close()

    return _start(p.name, "xlsx", rows())


# --- values spreadsheets write ----------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: [\d:]+)?$")
_DECIMAL_COMMA = re.compile(r"^([+-]?\d+),(\d{1,2})$")
_THOUSANDS_OR_DECIMAL = re.compile(r"^[+-]?\d{1,3},\d{3}$")


def parse_day(text: str) -> dt.date:
    """A date as people type it: ISO (`2025-03-14`, also with a time), or day/month/year
    (`14/03/2025`, UK order) when only one reading is possible. `03/04/2025` could be
    3 April (UK) or 4 March (US), so it is refused rather than guessed."""
    t = text.strip()
    m = _ISO.match(t)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DMY.match(t)
        if m is None:
            raise ValueError(
                _("%(text)s is not a date (YYYY-MM-DD or DD/MM/YYYY)") % {"text": repr(t)}
            )
        d, mo, y = (int(g) for g in m.groups())
        if d <= 12 and mo <= 12 and d != mo:
            raise ValueError(
                _("%(text)s could be %(one)s or %(other)s; write it as %(iso)s (or %(iso2)s)")
                % {
                    "text": repr(t),
                    "one": f"{d} {_month(mo)}",
                    "other": f"{mo} {_month(d)}",
                    "iso": f"{y:04d}-{mo:02d}-{d:02d}",
                    "iso2": f"{y:04d}-{d:02d}-{mo:02d}",
                }
            )
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(_("%(text)s is not a date that exists") % {"text": repr(t)}) from None


def _month(n: int) -> str:
    """The month's name in the reader's language (Django's own catalogues: "January")."""
    return str(MONTHS[n])


def parse_decimal(text: str) -> str:
    """A number as text with a decimal point: `1,5` (a decimal comma, as Welsh/European
    spreadsheets write it) becomes `1.5`. `1,500` could be one and a half or fifteen
    hundred, so it is refused; anything else is returned unchanged for the caller."""
    t = text.strip()
    if _THOUSANDS_OR_DECIMAL.match(t):
        raise ValueError(
            _("%(text)s could be %(dot)s or %(none)s; write it without a comma")
            % {"text": repr(t), "dot": t.replace(",", "."), "none": t.replace(",", "")}
        )
    m = _DECIMAL_COMMA.match(t)
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    return t
