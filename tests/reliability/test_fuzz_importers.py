"""Hostile input: importers never crash, every refusal is a clear one-line message, and
archives built to exhaust memory are refused within limits. Hypothesis runs a bounded
number of examples so CI time stays fixed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tallytale.errors import InvalidInput
from tallytale.ledger.importers import import_contributions
from tallytale.stories import importers as story_importers
from tallytale.stories import services as stories
from tallytale.surveys import importers as survey_importers
from tallytale.surveys.xlsform import parse_xlsform

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NASTY = [
    "<script>alert(1)</script>",
    "\u202eevil\u202c",
    "😀👩🏽‍🚀",
    "\x00",
    '"',
    ",",
    "\r\n",
    "=cmd|' /C calc'!A0",
    "'; DROP TABLE ledger_transfer; --",
    "١٢٣",
    "M1",
    "library",
    "2025-01-01",
    "1.5",
    "-3",
    "1e9",
    "NaN",
]
cell = st.one_of(st.sampled_from(NASTY), st.text(max_size=30))
row = st.lists(cell, min_size=0, max_size=7)


def _clear(exc: BaseException) -> None:
    message = str(exc)
    assert message.strip() and "Traceback" not in message
    assert "\n" not in message, message  # one line, even when a header holds a newline


def _csv(rows: list[list[str]]) -> str:
    import csv

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@pytest.mark.django_db
@FUZZ
@given(
    header=st.sampled_from(
        [["person_code", "partner", "date", "hours", "activity"], ["person_code", "hours"], []]
    ),
    rows=st.lists(row, max_size=8),
    raw=st.text(max_size=200),
    use_raw=st.booleans(),
)
def test_contributions_import_never_crashes(scheme, actor, header, rows, raw, use_raw):
    text = raw if use_raw else _csv([header, *rows])
    try:
        report = import_contributions(text, "cwm", actor=actor, today=dt.date(2025, 6, 30))
    except InvalidInput as exc:
        _clear(exc)
    else:
        assert report.rows >= report.written


@pytest.mark.django_db
@FUZZ
@given(rows=st.lists(row, max_size=6), header=st.lists(cell, max_size=5))
def test_story_import_never_crashes(scheme, header, rows):
    table = [(1, ["external_id", "text", *header])] + [(i + 2, r) for i, r in enumerate(rows)]
    try:
        story_importers.import_stories(table, "cwm", actor=stories.Actor("fuzz"))
    except InvalidInput as exc:
        _clear(exc)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_response_and_story_files_never_crash(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("f") / f"export{suffix}"
    path.write_bytes(data)
    for read in (
        lambda: list(survey_importers.open_table(path)),
        lambda: story_importers.read_rows(path),
    ):
        try:
            read()
        except InvalidInput as exc:
            _clear(exc)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".md"]))
def test_xlsform_parser_never_crashes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("x") / f"form{suffix}"
    path.write_bytes(data)
    try:
        parse_xlsform(path)
    except InvalidInput as exc:
        _clear(exc)


def _xlsx(sheet_xml: bytes, big: int = 0) -> bytes:
    """A minimal workbook; `big` adds a member of that many zero bytes (a zip bomb)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if big:
            with z.open("xl/media/padding.bin", "w", force_zip64=True) as f:
                block = bytes(1 << 20)
                for _ in range(big // len(block)):
                    f.write(block)
    return buf.getvalue()


LAUGHS = (
    b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lololololololololololololololololololol">
"""
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"""]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""
)


def _readers(path: Path):
    yield "responses", lambda: list(survey_importers.open_table(path))
    yield "stories", lambda: story_importers.read_rows(path)
    yield "xlsform", lambda: parse_xlsform(path)


def test_billion_laughs_workbook_is_refused(tmp_path):
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(_xlsx(LAUGHS))
    for _name, read in _readers(path):
        with pytest.raises(InvalidInput) as info:
            read()
        _clear(info.value)


@pytest.mark.slow
def test_zip_bomb_workbook_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_xlsx(b"<worksheet/>", big=520 * 1024 * 1024))
    assert path.stat().st_size < 5 * 1024 * 1024
    for _name, read in _readers(path):
        with pytest.raises(InvalidInput, match="(?i)unpack|MB") as info:
            read()
        _clear(info.value)


HOSTILE_TEXT = {
    "html": "<b>bold</b> <img src=x onerror=alert(1)> & &amp;",
    "script": "<script>document.location='//evil'</script>",
    "rtl": "invoice \u202egpj.exe\u202c and \u2067isolate\u2069",
    "emoji": "we cooked 🍲 together 👩🏾‍🍳👨‍👩‍👧 ✊🏿",
    "sql": "'; DROP TABLE stories_story; --",
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(HOSTILE_TEXT))
def test_hostile_story_text_is_stored_faithfully(scheme, kind):
    from tallytale.programmes.models import Project
    from tallytale.stories.models import Story

    text = f"My story. {HOSTILE_TEXT[kind]} The end."
    project = Project.objects.get(slug="cwm")
    story = stories.collect(
        project, actor=stories.Actor("fuzz"), text=text, title=HOSTILE_TEXT[kind][:200]
    )
    stored = Story.objects.get(pk=story.pk)
    assert stored.text == text and stored.title == HOSTILE_TEXT[kind][:200]


@pytest.mark.django_db
def test_huge_and_nul_story_text_is_refused_or_cleaned(scheme):
    from tallytale.programmes.models import Project
    from tallytale.stories.models import Story

    project = Project.objects.get(slug="cwm")
    with pytest.raises(InvalidInput) as info:
        stories.collect(project, actor=stories.Actor("fuzz"), text="a" * (1024 * 1024))
    _clear(info.value)
    story = stories.collect(project, actor=stories.Actor("fuzz"), text="before\x00after")
    assert Story.objects.get(pk=story.pk).text == "beforeafter"  # control characters removed
