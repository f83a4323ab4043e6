"""Cleaning what people type or import before it is stored.

Why: stories arrive from phones, spreadsheets and copy-paste. Control characters and NUL
bytes break databases (PostgreSQL refuses NUL in text) and exports; language codes must be
comparable across imports and the web form.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from tallytale.errors import InvalidInput

from .languages import code_for_name

#: longest story accepted, in characters (stories of 100,000 characters are fine)
MAX_STORY_CHARS = 200_000
MAX_TITLE_CHARS = 300

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
# BCP 47 (RFC 5646) well-formedness, the parts people use: language, script, region,
# variants, extensions, private use. e.g. cy, ar, bfi, en-GB, sr-Latn, zh-Hant-TW, x-local.
_BCP47 = re.compile(
    r"^(?:(?P<lang>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+)$"
)


def clean_text(value: str | None, what: str = "story text", limit: int = MAX_STORY_CHARS) -> str:
    """Normalise line endings, strip control characters (NUL included) but keep newline and
    tab, and refuse text over `limit` characters with a message that says the limit."""
    if value is None:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if len(text) > limit:
        raise InvalidInput(
            _(
                "%(what)s is %(n)s characters; the limit is %(limit)s. Split it into "
                "parts or attach it as a recording's transcript."
            )
            % {"what": what, "n": f"{len(text):,}", "limit": f"{limit:,}"}
        )
    return text.strip()


def clean_language(value: str | None, what: str = "language", required: bool = False) -> str:
    """Validate a BCP 47 tag and return it in canonical case (cy, en-GB, sr-Latn)."""
    tag = (value or "").strip().replace("_", "-")
    if not tag:
        if required:
            raise InvalidInput(
                _("%(what)s is required (a BCP 47 code such as cy, ar, en-GB, bfi)")
                % {"what": what}
            )
        return ""
    m = _BCP47.match(tag.lower())
    # A primary subtag of 4-8 letters is well-formed but no language has one: it is a
    # language's name typed in ("Welsh"), which would switch off name detection.
    if m is not None and len(m.group("lang") or "") >= 4:
        code = code_for_name(tag)
        hint = f"use {code} ({tag})" if code else "e.g. cy, ar, en-GB, bfi"
        raise InvalidInput(
            _("%(what)s %(value)s is a name, not a BCP 47 code: %(hint)s")
            % {"what": what, "value": repr(value), "hint": hint}
        )
    if m is None or len(tag) > 35:
        raise InvalidInput(
            _("%(what)s %(value)s is not a BCP 47 code (e.g. cy, ar, en-GB, bfi)")
            % {"what": what, "value": repr(value)}
        )
    parts = tag.lower().split("-")
    out = [parts[0]]
    private = parts[0] == "x"
    for p in parts[1:]:
        if p == "x" or len(p) == 1:
            private = private or p == "x"
            out.append(p)
        elif not private and len(p) == 4 and p.isalpha() and m.group("script") == p:
            out.append(p.title())
        elif not private and len(p) == 2 and p.isalpha():
            out.append(p.upper())
        else:
            out.append(p)
    return "-".join(out)
