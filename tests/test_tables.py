"""The importers' one reader (`tallytale.tables`): CSV or XLSX, delimiter, BOM, cp1252,
row width, UK dates and decimal commas, the same for every importer."""

import datetime as dt

import openpyxl
import pytest

from tallytale import tables
from tallytale.errors import InputErrors, InvalidInput

MB = 1024 * 1024


def _read(path):
    table = tables.read_table(path, max_bytes=MB)
    return table, list(table.rows())


@pytest.mark.parametrize(
    ("data", "delimiter", "encoding"),
    [
        ("a,b\r\n1,café\r\n".encode(), ",", "utf-8-sig"),
        (b"\xef\xbb\xbfa;b\n1;caf\xc3\xa9\n", ";", "utf-8-sig"),
        ("a\tb\n1\tcafé\n".encode("cp1252"), "\t", "cp1252"),
    ],
)
def test_csv_delimiter_bom_and_windows_text(tmp_path, data, delimiter, encoding):
    (tmp_path / "f.csv").write_bytes(data)
    table, rows = _read(tmp_path / "f.csv")
    assert (table.header, rows) == (["a", "b"], [(2, ["1", "café"])])
    assert (table.delimiter, table.encoding) == (delimiter, encoding)


def test_bad_bytes_are_refused_naming_the_line_not_the_byte(tmp_path):
    (tmp_path / "f.csv").write_bytes("a,b\n1,é\n2,x\n".encode() + b"3,\xe9\n")
    with pytest.raises(InputErrors, match=r"^f\.csv: line 4: not UTF-8 text"):
        tables.read_table(tmp_path / "f.csv", max_bytes=MB)


def test_extra_and_missing_fields_are_problems_per_row(tmp_path):
    (tmp_path / "f.csv").write_text("a,b,c\n1,2,3\n1,2,3,4\n1,2\n1,2,3,\n")
    table, rows = _read(tmp_path / "f.csv")
    assert rows == [(2, ["1", "2", "3"]), (5, ["1", "2", "3"])]  # an empty extra is harmless
    assert tables.in_order(table.problems) == [
        "line 3: 4 fields but the header has 3 (extra: '4')",
        "line 4: 2 fields but the header has 3 (missing: c)",
    ]


def test_xlsx_found_by_content_and_old_xls_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b", None])
    wb.active.append([34.0, dt.datetime(2025, 3, 14)])
    wb.save(tmp_path / "named.csv")  # a workbook with the wrong name is still a workbook
    table, rows = _read(tmp_path / "named.csv")
    assert (table.kind, table.header, rows) == ("xlsx", ["a", "b"], [(2, ["34", "2025-03-14"])])
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InvalidInput, match="old Excel .xls workbook; save it as .xlsx"):
        tables.read_table(tmp_path / "old.xls", max_bytes=MB)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-03-14", dt.date(2025, 3, 14)),
        ("2025-03-14T10:20:00.000+00:00", dt.date(2025, 3, 14)),
        ("14/03/2025", dt.date(2025, 3, 14)),
        ("14.03.2025", dt.date(2025, 3, 14)),
        ("05/05/2025", dt.date(2025, 5, 5)),
    ],
)
def test_uk_dates_where_unambiguous(text, day):
    assert tables.parse_day(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("03/04/2025", "could be 3 April or 4 March"),
        ("03/14/2025", "not a date that exists"),  # US order is not guessed
        ("31/02/2025", "not a date that exists"),
        ("yesterday", "is not a date"),
    ],
)
def test_ambiguous_or_impossible_dates_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        tables.parse_day(text)


def test_decimal_comma_where_unambiguous():
    assert tables.parse_decimal("1,5") == "1.5"
    assert tables.parse_decimal("-0,25") == "-0.25"
    assert tables.parse_decimal("2.5") == "2.5"
    with pytest.raises(ValueError, match="could be 1.500 or 1500"):
        tables.parse_decimal("1,500")
