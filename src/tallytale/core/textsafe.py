"""Text that crosses the system's edge: files people import, cells people open.

Three rules, one place each, so every importer and exporter applies the same ones:

- `decode_text` / `sniff_encoding`: how an imported CSV's bytes become text. UTF-8 with
  or without a byte-order mark (Excel's "CSV UTF-8"); otherwise Windows-1252 (Excel's
  plain "CSV" on Windows) when every byte is a cp1252 character and the file has no UTF-8
  in it; otherwise refused naming the line. Never decoded with replacement characters,
  which would silently change what people wrote.
- `bad_character`: NUL and lone surrogates cannot be stored (PostgreSQL refuses NUL in
  text; a surrogate cannot be encoded as UTF-8), so every text entry point refuses them.
- `spreadsheet_cell`: a text cell beginning with = + - @ (or tab / carriage return) is
  run as a formula by spreadsheet programs, so it is prefixed with an apostrophe. Numbers
  stay numbers (-3 is a value, not a formula).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from tallytale.core.i18n import gettext as _

#: characters that make a spreadsheet treat a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: bytes that have no character in Windows-1252
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
NL = b"\n"
_BAD = re.compile("[\x00\ud800-\udfff]")


class TextError(ValueError):
    """Text that cannot be accepted; the message is one line naming where."""


def spreadsheet_cell(value: Any) -> Any:
    """The value as it may be written to a CSV meant for a spreadsheet: text that would
    run as a formula gets a leading apostrophe; numbers (not booleans) are left as numbers."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text[:1] in FORMULA_START:
        return "'" + text
    return text


class SpreadsheetWriter:
    """The one way Tallytale writes CSV: a `csv.writer` that passes every cell, header
    included, through `spreadsheet_cell`, and with `bom` starts the file with a UTF-8
    byte-order mark so Excel on Windows reads Welsh and Arabic as UTF-8, not cp1252.
    Tests refuse `csv.writer`/`csv.DictWriter` anywhere else in the source."""

    def __init__(self, f: Any, *, bom: bool = False, **fmtparams: Any) -> None:
        if bom:
            f.write("\ufeff")
        self._writer = csv.writer(f, **fmtparams)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([spreadsheet_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Iterable[Any]], *, bom: bool = False, **fmtparams: Any) -> str:
    """Rows as CSV text, written by `SpreadsheetWriter`."""
    out = io.StringIO()
    SpreadsheetWriter(out, bom=bom, **fmtparams).writerows(rows)
    return out.getvalue()


def cut_utf8(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` UTF-8 bytes, never splitting a character
    (file formats such as SPSS count label limits in bytes, not characters)."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


def bad_character(text: str) -> str | None:
    """A description of the first character that cannot be stored, or None."""
    m = _BAD.search(text)
    if m is None:
        return None
    if m.group() == "\x00":
        return _("a NUL character")
    return _("an invalid character (lone surrogate)")


def check_text(text: str, field: str) -> str:
    """Return `text`, or raise TextError naming the field if it holds NUL or a surrogate."""
    what = bad_character(text)
    if what:
        raise TextError(
            _("%(field)s contains %(what)s; remove it and try again")
            % {"field": field, "what": what}
        )
    return text


def sniff_encoding(chunks: Iterable[bytes]) -> str:
    """'utf-8-sig' or 'cp1252' for the bytes in `chunks` (read in order), or TextError
    naming the first line that is neither UTF-8 nor Windows-1252 or that holds NUL."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    seen_utf8 = False  # a multi-byte UTF-8 character (or the BOM) decoded so far
    cp1252 = False
    last = b""
    for chunk in chunks:
        last = chunk
        nul = chunk.find(b"\x00")
        if nul >= 0:
            raise TextError(
                _("line %(line)s: contains a NUL byte; is it a spreadsheet saved as CSV?")
                % {"line": line + chunk.count(NL, 0, nul)}
            )
        if not cp1252:
            try:
                seen_utf8 = not decoder.decode(chunk).isascii() or seen_utf8
            except UnicodeDecodeError as exc:
                if seen_utf8 or not chunk[: exc.start].isascii():
                    where = line + chunk.count(NL, 0, exc.start)
                    raise TextError(
                        _(
                            "line %(line)s: not UTF-8 text (the file mixes encodings); save it as "
                            "CSV UTF-8"
                        )
                        % {"line": where}
                    ) from None
                cp1252 = True
        if cp1252:
            _check_cp1252(chunk, line)
        line += chunk.count(NL)
    if not cp1252:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            if seen_utf8:
                raise TextError(
                    _(
                        "line %(line)s: not UTF-8 text (the file mixes encodings); save it as "
                        "CSV UTF-8"
                    )
                    % {"line": line}
                ) from None
            _check_cp1252(last, line - last.count(NL))
            cp1252 = True
    return "cp1252" if cp1252 else "utf-8-sig"


def _check_cp1252(chunk: bytes, line: int) -> None:
    bad = _CP1252_UNDEFINED.search(chunk)
    if bad:
        raise TextError(
            _("line %(line)s: neither UTF-8 nor Windows-1252 text; save the file as CSV UTF-8")
            % {"line": line + chunk.count(NL, 0, bad.start())}
        )


def decode_text(data: bytes) -> str:
    """Decode an imported file's bytes by the rules above (BOM removed)."""
    return data.decode(sniff_encoding([data]))
