import datetime as dt

import pytest

from tallytale.ledger.importers import ImportFailed, import_contributions
from tallytale.ledger.models import Contribution, Transfer

TODAY = dt.date(2025, 6, 30)
HEADER_ROW = ["person_code", "partner", "date", "hours", "activity"]
GOOD = """person_code,partner,date,hours,activity
M1,library,2025-06-01,2,gardening
M2,library,2025-06-01,1.5,admin
M1,library,2025-06-01,2,gardening
M3,cafe,2025-06-02,0.5,cooking
"""


def test_import_all_rows_and_reimport_changes_nothing(scheme, actor):
    r = import_contributions(GOOD, "cwm", actor=actor, today=TODAY)
    assert (r.rows, r.written, r.already_imported) == (4, 4, 0)
    assert Contribution.objects.count() == 4  # the repeated row is a second, real contribution
    n = Transfer.objects.count()
    again = import_contributions(GOOD, "cwm", actor=actor, today=TODAY)
    assert (again.written, again.already_imported) == (0, 4)
    assert Transfer.objects.count() == n and Contribution.objects.count() == 4
    # a file with one more row adds exactly that row
    more = import_contributions(
        GOOD + "M2,library,2025-06-03,1,admin\n", "cwm", actor=actor, today=TODAY
    )
    assert (more.written, more.already_imported) == (1, 4)


def test_import_reports_every_bad_row_with_line_numbers_and_writes_nothing(scheme, actor):
    bad = (
        "person_code,partner,date,hours,activity\n"
        "M1,library,2025-06-01,2,gardening\n"
        "NOBODY,library,2025-06-01,2,x\n"
        "M2,library,01/06/2025,2,x\n"
        "M2,library,2025-06-01,-1,x\n"
        "M2,library,2030-01-01,1,x\n"
        "M3,nowhere,2025-06-01,1,x\n"
        "M3,pool,2025-06-01,1,x\n"
        "M1,library,2025-06-01,23,x\n"
        "T1,library,2025-06-01,1,x\n"
        "M2,library\n"
    )
    with pytest.raises(ImportFailed) as info:
        import_contributions(bad, "cwm", actor=actor, today=TODAY)
    errors = info.value.errors
    assert errors[0].startswith("line 3: person_code 'NOBODY' is not a member of cwm")
    joined = "\n".join(errors)
    for expected in (
        "line 4: date '01/06/2025' could be 1 June or 6 January; write it as 2025-06-01",
        "line 5: hours must be more than zero",
        "line 6: date 2030-01-01 is in the future",
        "line 10: person_code 'T1' is not a member of cwm",
        "line 11: 2 fields but the header has 5 (missing: date, hours, activity)",
    ):
        assert expected in joined
    assert Transfer.objects.count() == 0 and Contribution.objects.count() == 0
    # second pass (service rules) also names lines: unknown partner, non-earning partner, 24h
    fixed = "\n".join(bad.splitlines()[:2] + bad.splitlines()[6:9]) + "\n"
    with pytest.raises(ImportFailed) as info:
        import_contributions(fixed, "cwm", actor=actor, today=TODAY)
    joined = "\n".join(info.value.errors)
    assert "line 3: no partner 'nowhere'" in joined
    assert "line 4: partner 'pool' is not an earning partner" in joined
    assert "line 5: M1 would have 25 hours on 2025-06-01" in joined
    assert Transfer.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("person,partner\nM1,library\n", "missing column(s) person_code, date, hours, activity"),
        ("person_code,partner,date,hours,activity\n", "no rows"),
        ("person_code,partner,date,hours,activity\nM1\x00,library,2025-06-01,1,x\n", "NUL"),
    ],
)
def test_malformed_files(scheme, actor, text, message):
    with pytest.raises(ImportFailed, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_contributions(text, "cwm", actor=actor, today=TODAY)


def test_cli_reads_the_same_encodings_as_the_web(tmp_path):
    """One decoding rule: BOM accepted, cp1252 decoded (not replaced), else the line named."""
    from tallytale.ledger.importers import read_table

    text = "person_code,partner,date,hours,activity\nM1,library,2025-06-01,2,café\n"
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (tmp_path / "win.csv").write_bytes(text.encode("cp1252"))
    (tmp_path / "bad.csv").write_bytes(text.encode() + b"M1,library,2025-06-01,2,\x81\n")
    for name in ("bom.csv", "win.csv"):
        table = read_table(tmp_path / name)
        assert table.header[0] == "person_code"
        assert list(table.rows()) == [(2, ["M1", "library", "2025-06-01", "2", "café"])]
    with pytest.raises(ImportFailed, match=r"bad\.csv: line 3: "):
        read_table(tmp_path / "bad.csv")


def test_real_spreadsheets_xlsx_semicolons_decimal_comma_uk_dates(scheme, actor, tmp_path):
    """The issue's contributions file as Excel writes it: a real .xlsx was "not UTF-8 text
    (byte 10)"; a `;` CSV had every column missing; "1,5" hours was refused."""
    import openpyxl

    from tallytale.ledger.importers import read_table

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER_ROW)
    ws.append(["M1", "library", dt.datetime(2025, 6, 14), 1.5, "gardening"])
    ws.append(["M2", "library", "14/06/2025", "1,5", "admin"])
    wb.save(tmp_path / "hours.xlsx")
    r = import_contributions(read_table(tmp_path / "hours.xlsx"), "cwm", actor=actor, today=TODAY)
    assert (r.rows, r.written) == (2, 2)
    (tmp_path / "hours.csv").write_text(
        ";".join(HEADER_ROW) + "\nM3;cafe;15/06/2025;1,5;cooking\n", encoding="utf-8"
    )
    r = import_contributions(read_table(tmp_path / "hours.csv"), "cwm", actor=actor, today=TODAY)
    assert r.written == 1
    got = sorted(Contribution.objects.values_list("minutes", "day"))
    assert got == [
        (90, dt.date(2025, 6, 14)),
        (90, dt.date(2025, 6, 14)),
        (90, dt.date(2025, 6, 15)),
    ]


def test_extra_field_is_an_error_and_ambiguous_decimal_refused(scheme, actor):
    text = (
        "person_code,partner,date,hours,activity\n"
        "M1,library,2025-06-01,2,gardening,oops\n"
        'M2,library,2025-06-01,"1,500",admin\n'
    )
    with pytest.raises(ImportFailed) as info:
        import_contributions(text, "cwm", actor=actor, today=TODAY)
    assert info.value.errors == [
        "line 2: 6 fields but the header has 5 (extra: 'oops')",
        "line 3: hours '1,500' could be 1.500 or 1500; write it without a comma",
    ]
    assert Contribution.objects.count() == 0


def test_each_problem_is_printed_once(scheme, tmp_path, capsys):
    """Every import error was printed twice: in the problem list and as the CommandError."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "hours.csv"
    path.write_text(",".join(HEADER_ROW) + "\nNOBODY,library,2025-06-01,2,x\n")
    with pytest.raises(CommandError) as one:
        call_command("import", "contributions", str(path), "--project", "cwm")
    said = capsys.readouterr().err + str(one.value)
    assert said.count("person_code 'NOBODY' is not a member of cwm") == 1
    path.write_text(path.read_text() + "NOBODY2,library,2025-06-01,2,x\n")
    with pytest.raises(CommandError) as two:
        call_command("import", "contributions", str(path), "--project", "cwm")
    said = capsys.readouterr().err + str(two.value)
    assert said.count("'NOBODY' is not") == 1 and said.count("'NOBODY2' is not") == 1
    assert str(two.value) == "2 problems (listed above); nothing was imported"
