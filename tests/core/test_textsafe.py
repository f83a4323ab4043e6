"""The one rule for spreadsheet cells, stored characters and imported file encodings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tallytale.core.textsafe import (
    TextError,
    bad_character,
    check_text,
    decode_text,
    sniff_encoding,
    spreadsheet_cell,
)


@pytest.mark.parametrize("text", ["=1+1", "+44", "-x", "@SUM(A1)", "\tx", "\rx", "-3"])
def test_text_that_would_run_as_a_formula_is_quoted(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -2.5, Decimal("-1.5"), 0, 7])
def test_numbers_stay_numbers(value):
    assert spreadsheet_cell(value) == value


def test_other_cells():
    assert spreadsheet_cell(None) == ""
    assert spreadsheet_cell(True) == "True"
    assert spreadsheet_cell("plain") == "plain"


def test_nul_and_lone_surrogates_are_named():
    assert bad_character("ok") is None
    assert "NUL" in bad_character("a\x00b")
    assert "surrogate" in bad_character("a\ud800b")
    with pytest.raises(TextError, match="^title contains a NUL"):
        check_text("x\x00", "title")


def test_utf8_with_and_without_bom():
    assert decode_text("\ufeffa,é\n".encode()) == "a,é\n"
    assert decode_text("a,é\n".encode()) == "a,é\n"
    # a character split between two reads is still UTF-8
    assert sniff_encoding([b"a\xc3", b"\xa9\n"]) == "utf-8-sig"


def test_windows_1252_is_decoded_not_replaced():
    assert decode_text("a\ncafé – “quoted”\n".encode("cp1252")) == "a\ncafé – “quoted”\n"
    assert decode_text("café".encode("cp1252")) == "café"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"a\nb\n\x00", 3),  # NUL
        ("é\n".encode() + b"\xe9\n", 2),  # UTF-8 then cp1252: mixed
        (b"a\n\n\x81", 3),  # not a cp1252 character
        ("\ufeffa\n".encode() + b"\xe9", 2),  # a BOM promises UTF-8
    ],
)
def test_anything_else_is_refused_naming_the_line(data, line):
    with pytest.raises(TextError, match=f"^line {line}: "):
        decode_text(data)
