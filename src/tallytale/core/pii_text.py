"""The shared ground of redaction: what kinds of personal data there are, a found span,
the shipped word lists (names, common words, places) and a view of hostile text without its
invisible characters."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources


class PIIType(StrEnum):
    """Kinds of personal data; the value is also the placeholder text between brackets."""

    EMAIL = "EMAIL"
    PHONE = "PHONE"
    POSTCODE = "POSTCODE"
    NHS_NUMBER = "NHS_NUMBER"
    NI_NUMBER = "NI_NUMBER"
    ADDRESS = "ADDRESS"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    URL = "URL"
    NAME = "NAME"


# When two candidate spans overlap, the longer wins; on equal length the more specific
# (lower number) wins: a checksum-validated NHS number beats "some phone-like digits".
_SPECIFICITY = {
    PIIType.NHS_NUMBER: 0,
    PIIType.NI_NUMBER: 1,
    PIIType.EMAIL: 2,
    PIIType.URL: 3,
    PIIType.POSTCODE: 4,
    PIIType.PHONE: 5,
    PIIType.DATE_OF_BIRTH: 6,
    PIIType.ADDRESS: 7,
    PIIType.NAME: 8,
}

#: Languages whose names and cue words the name detector knows. Others set needs_review.
KNOWN_LANGUAGES = frozenset({"en", "cy", "ar"})


@dataclass(frozen=True, order=True)
class Span:
    """A half-open ``[start, end)`` range of the text holding personal data of one type.

    ``text`` is a convenience copy of the covered characters. It is left out of equality and
    of ``repr`` on purpose: two spans are the same correction whatever text they carry, and
    a span printed in a log or a test failure must not leak the personal data it points at.
    """

    start: int
    end: int
    type: PIIType
    text: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.type, PIIType):
            object.__setattr__(self, "type", PIIType(self.type))
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise TypeError("span offsets must be integers")
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"empty or negative span [{self.start}, {self.end})")


@dataclass(frozen=True)
class RedactionResult:
    """Masked text plus what was masked and whether a person should look at it."""

    text: str
    spans: tuple[Span, ...]
    needs_review: bool
    review_reasons: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------
# Shipped word lists
# ---------------------------------------------------------------------------------------

_LATIN_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "’": "'",
        "‘": "'",
    }
)

_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ۀ": "ه",
        "ی": "ي",
        "ک": "ك",
        "ـ": None,
    }
)
_ARABIC_MARKS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_CHAR_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@functools.lru_cache(maxsize=65536)
def _latin_key(token: str) -> str:
    """Case- and accent-insensitive key, so Siân, Sian and SIAN meet in the lists."""
    folded = unicodedata.normalize("NFD", token.translate(_LATIN_FOLD))
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()


@functools.lru_cache(maxsize=65536)
def _arabic_key(token: str) -> str:
    """Normalise the spelling variants that are not meaningful for names (hamza on alef,
    ta marbuta, Persian ya/kaf, tatweel, short-vowel marks)."""
    return _ARABIC_MARKS_RE.sub("", unicodedata.normalize("NFC", token)).translate(_ARABIC_FOLD)


def _key(token: str) -> str:
    if _ARABIC_CHAR_RE.match(token):
        return _arabic_key(token)
    return _latin_key(_strip_possessive(token))


def _strip_possessive(token: str) -> str:
    if len(token) > 3 and token[-2] in "'’" and token[-1] in "sS":
        return token[:-2]
    return token


@dataclass(frozen=True)
class _Lexicon:
    names: frozenset[str]
    common_en: frozenset[str]
    common_cy: frozenset[str]
    stop_ar: frozenset[str]
    strict: frozenset[str]
    places: frozenset[str]


def _read_data(filename: str) -> str:
    return resources.files("tallytale.core.data").joinpath(filename).read_text(encoding="utf-8")


def _entries(filename: str, separators: str) -> Iterable[tuple[str, str]]:
    """Yield ``(section_tag, entry)`` pairs; ``# @tag`` comment lines switch the tag."""
    tag = ""
    for line in _read_data(filename).splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            if stripped.startswith("# @"):
                tag = stripped[3:].strip()
            continue
        for entry in re.split(separators, stripped):
            entry = entry.strip()
            if entry:
                yield tag, entry


@functools.cache
def _lexicon() -> _Lexicon:
    """Load the shipped lists once per process (they are small: a few thousand entries)."""
    names: set[str] = set()
    for filename in ("given_names.txt", "surnames.txt"):
        for _tag, entry in _entries(filename, r","):
            for part in entry.split():
                names.add(_key(part))
    common_en = {_key(w) for _tag, w in _entries("common_en.txt", r"[\s,]+")}
    common_cy = {_key(w) for _tag, w in _entries("common_cy.txt", r"[\s,]+")}
    stop_ar = {_key(w) for _tag, w in _entries("stopwords_ar.txt", r"[\s,]+")}
    strict: set[str] = set()
    places: set[str] = set()
    for tag, word in _entries("non_names.txt", r"[\s,]+"):
        (places if tag == "place" else strict).add(_key(word))
    return _Lexicon(
        names=frozenset(names),
        common_en=frozenset(common_en),
        common_cy=frozenset(common_cy),
        stop_ar=frozenset(stop_ar),
        strict=frozenset(strict),
        places=frozenset(places),
    )


def name_lexicon_size() -> int:
    """Number of distinct name keys shipped (for documentation and the benchmark)."""
    return len(_lexicon().names)


def is_listed_name(token: str) -> bool:
    """True if ``token`` is in the shipped given-name or surname lists (any case/accent)."""
    return _key(token) in _lexicon().names


# ---------------------------------------------------------------------------------------
# Hostile input: a view of the text without invisible characters, with an offset map back
# ---------------------------------------------------------------------------------------

_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+"
)


class _View:
    """The text with control/format characters removed, mapping offsets back.

    Scanning the cleaned text means a zero-width space or RTL override slipped inside a
    phone number (on purpose or by a copy-paste) does not hide it, and mapping back keeps
    every offset valid for the original text that is stored and displayed.
    """

    __slots__ = ("text", "_clean_starts", "_orig_starts", "had_invisible")

    def __init__(self, text: str) -> None:
        self._clean_starts: list[int] = []
        self._orig_starts: list[int] = []
        self.had_invisible = False
        if not _INVISIBLE_RE.search(text):
            self.text = text
            return
        self.had_invisible = True
        pieces: list[str] = []
        clean_pos = 0
        orig_pos = 0
        for match in _INVISIBLE_RE.finditer(text):
            if match.start() > orig_pos:
                self._clean_starts.append(clean_pos)
                self._orig_starts.append(orig_pos)
                pieces.append(text[orig_pos : match.start()])
                clean_pos += match.start() - orig_pos
            orig_pos = match.end()
        if orig_pos < len(text):
            self._clean_starts.append(clean_pos)
            self._orig_starts.append(orig_pos)
            pieces.append(text[orig_pos:])
        self.text = "".join(pieces)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self._clean_starts:
            return start, end
        return self._map(start), self._map(end - 1) + 1

    def _map(self, pos: int) -> int:
        idx = bisect.bisect_right(self._clean_starts, pos) - 1
        return self._orig_starts[idx] + (pos - self._clean_starts[idx])
