"""Every CSV Tallytale writes goes through one spreadsheet-safe writer
(`tallytale.core.textsafe.SpreadsheetWriter`): formula cells neutralised, header included,
and an optional UTF-8 byte-order mark for Excel (issue 18)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tallytale.core.textsafe import SpreadsheetWriter, csv_text

SRC = Path(__file__).resolve().parents[1] / "src" / "tallytale"
BOM = "\ufeff"


def test_no_csv_is_written_except_through_the_one_writer():
    """A new exporter that calls csv.writer itself would skip the formula rule."""
    pattern = re.compile(r"\bcsv\.(writer|DictWriter)\s*\(")
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if path.name != "textsafe.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_the_writer_neutralises_every_cell_and_keeps_numbers():
    text = csv_text([["=name", "ok"], ["@SUM(A1)", -3], ["+1;-2", 2.5], ["-x", None]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["'=name", "ok"], ["'@SUM(A1)", "-3"], ["'+1;-2", "2.5"], ["'-x", ""]]
    assert not text.startswith(BOM)


def test_the_byte_order_mark_is_written_once_at_the_start():
    out = io.StringIO()
    w = SpreadsheetWriter(out, bom=True)
    w.writerows([["ŵy", "سلام"], ["a", "b"]])
    assert out.getvalue().startswith(BOM + "ŵy,سلام") and out.getvalue().count(BOM) == 1
