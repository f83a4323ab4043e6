"""Find and mask personal data in participants' stories, with no model and no network.

Stories told in Tallytale's programmes are special-category data: they name people, places,
health conditions and immigration status. Before a story is shared beyond the coordinator
who collected it, identifying details are masked with typed placeholders (``[NAME]``,
``[PHONE]``...) so the story keeps its meaning but stops pointing at a person.

Why rules and word lists instead of a statistical model: the platform must run offline on a
small server, must give the same answer twice, and must be explainable to a participant
("we hid anything that looked like a phone number"). Structured identifiers (phone, NHS and
National Insurance numbers, postcodes, e-mail, URLs) are found by bounded regular expressions
plus validation (check digits, allocated prefixes, postcode areas). Names are found from
shipped lists of given names and surnames across the cultures in our programmes plus context
rules (titles, "my name is", "my friend X", adjacency to a known name). Detection is never
perfect, so :func:`redact` says when a human should review (``needs_review``) and
:func:`apply_corrections` lets a coordinator add or remove spans by hand.

What is masked, precisely:

* ``EMAIL``: ``local@domain.tld`` and the obfuscated forms ``sian [at] example [dot] org``.
* ``URL``: ``http(s)://``, ``www.`` and bare domains with a common top-level domain.
* ``PHONE``: UK numbers starting ``0`` (10 or 11 digits, first digit after ``0`` in
  1, 2, 3, 5, 7, 8), ``+44``/``0044`` (with an optional ``(0)``), and international
  ``+CC``/``00CC`` numbers of 8 to 15 digits; separators: space, dash, dot, brackets.
* ``POSTCODE``: every UK format (A9, A99, A9A, AA9, AA99, AA9A + inward code), any case,
  with or without the space, checked against the list of postcode areas.
* ``NHS_NUMBER``: 10 digits (3-3-4 spacing optional) whose modulus-11 check digit is valid;
  numbers starting with ``0`` also need the word "NHS"/"CHI" nearby, since they are more
  likely to be phone numbers.
* ``NI_NUMBER``: two prefix letters allowed by HMRC (no D, F, I, Q, U, V; no O second; not
  BG, GB, KN, NK, NT, TN, ZZ), six digits, suffix A-D.
* ``ADDRESS``: house number (``12``, ``12a``, ``12-14``) + capitalised street name + a street
  word (Road, Street, Lane... or Welsh Heol, Ffordd, Stryd, Lôn... which come first), with an
  optional ``Flat 3,`` in front; ``flat 3`` on its own is also masked. Streets without a
  house number, towns and building names are not masked.
* ``DATE_OF_BIRTH``: only the date expression itself (``12/03/1985``, ``1985-03-12``,
  ``12 March 1985``, ``March 12, 1985``, ``12fed o Fawrth 1985``, a day and month, a month
  and year, or a bare year) and only when a birth cue ("born", "DOB", "date of birth",
  "birthday", Welsh "ganwyd"/"geni"/"pen-blwydd", Arabic "ولدت"/"تاريخ الميلاد"...) ends
  within 60 characters before it with no sentence break between (or "birthday" follows
  within 30 characters: "12 March is my birthday"). Other dates
  ("we arrived on 12 March 2019") are left alone: they matter to the story. A bare year is
  only masked within 25 characters after "born"/"ganwyd"/"ولدت" ("born in 1985").
* ``NAME``: see :func:`find_spans`. Titles ("Mrs", "Dr") are kept outside the span so the
  masked text still reads naturally ("Mrs [NAME]").

Offsets are Python string indices (code points) into the text as given. Invisible control
and bidirectional-override characters are skipped while scanning, so ``07700\\u202e900123``
is still found, and their presence is reported as a reason to review.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources

__all__ = [
    "KNOWN_LANGUAGES",
    "PIIType",
    "RedactionResult",
    "Span",
    "apply_corrections",
    "find_spans",
    "is_valid_nhs_number",
    "is_valid_ni_number",
    "is_listed_name",
    "is_valid_postcode",
    "name_lexicon_size",
    "redact",
    "review_reasons",
]


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


# ---------------------------------------------------------------------------------------
# Structured identifiers
# ---------------------------------------------------------------------------------------
# Every quantifier below is bounded and every pattern starts at a boundary that a
# lookbehind checks in constant time, so each starting position costs a bounded amount of
# work and a scan is linear in the text length whatever the input (no catastrophic
# backtracking on 100,000 characters of digits, dots or "@").

_Candidate = tuple[int, int, PIIType]

_EMAIL_RE = re.compile(
    r"(?<![\w.%+\-'])[\w.%+\-](?:[\w.%+\-']{0,62}[\w.%+\-])?@"
    r"(?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.){1,8}[^\W\d_]{2,24}(?![\w\-])"
)
_TLDS = (
    r"(?:com|org|net|info|biz|io|me|co|uk|wales|cymru|eu|de|fr|nl|ie|es|it|pl|ro|app|dev|"
    r"online|site|org\.uk|co\.uk|ac\.uk|gov\.uk|nhs\.uk|ltd\.uk|me\.uk)"
)
_EMAIL_OBFUSCATED_RE = re.compile(
    r"(?<![\w.%+\-])[\w.%+\-]{1,64}\s{0,2}(?:[\(\[\{]\s{0,2}at\s{0,2}[\)\]\}]|\bat\b)\s{0,2}"
    r"[\w\-]{1,63}(?:\s{0,2}(?:[\(\[\{]\s{0,2}dot\s{0,2}[\)\]\}]|\bdot\b|\.)\s{0,2}[\w\-]{1,63}){0,3}"
    r"\s{0,2}(?:[\(\[\{]\s{0,2}dot\s{0,2}[\)\]\}]|\bdot\b)\s{0,2}" + _TLDS + r"\b",
    re.IGNORECASE,
)
_URL_RE = re.compile(
    r"(?<![\w@.\-/])(?:"
    r"(?:https?|ftp)://[^\s<>\"'`\\]{1,2048}"
    r"|www\.[^\s<>\"'`\\]{1,2048}"
    r"|(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,6}" + _TLDS + r"\b(?![@\-])"
    r"(?:/[^\s<>\"'`\\]{0,2048})?"
    r")",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)]}'\"’”"

_PHONE_RE = re.compile(
    r"(?<![\w+/\-.])(?:\+|00)?(?:\(\d{1,5}\)|\d{1,6})"
    r"(?:(?:[ \u00a0.\-]{1,2}|[ \u00a0]?\(0\)[ \u00a0]?)?(?:\(\d{1,5}\)|\d{1,6})){1,7}"
)
_PHONE_GROUP_RE = re.compile(r"\(?\d+\)?")

_NHS_RE = re.compile(r"(?<![\d.,/\-+])(\d{3})([ \u00a0\-]?)(\d{3})\2(\d{4})(?![\d/]|[.,]\d)")
_NHS_CONTEXT_RE = re.compile(r"\b(?:nhs|chi|health\s+number|hospital\s+number)\b", re.IGNORECASE)

_NI_RE = re.compile(
    r"(?<!\w)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ \-]?(\d{2})[ \-]?(\d{2})[ \-]?(\d{2})[ \-]?([A-D])(?!\w)",
    re.IGNORECASE,
)
_NI_BANNED_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})

_POSTCODE_AREAS = frozenset(
    """AB AL B BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL
    DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY
    L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA
    SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV
    YO ZE""".split()
)
_POSTCODE_RE = re.compile(
    r"(?<![\w])(?:(GIR)[ \u00a0]?0AA|([A-Z]{1,2}\d[A-Z\d]?)[ \u00a0]{0,2}(\d[ABD-HJLNP-UW-Z]{2}))(?!\w)",
    re.IGNORECASE,
)

_STREET_WORDS = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|Place|Pl|Terrace|"
    "Terr|Gardens|Gdns|Grove|Court|Ct|Square|Sq|Hill|Park|Row|View|Walk|Mews|Rise|Parade|"
    "Boulevard|Green|Vale|Wharf|Yard|Gate|Mount|Villas|Cottages|Estate|Heights|Meadow|"
    "Meadows|Fields|Chase|Croft|Wynd|Glade|Embankment|Promenade|Quay|Approach|Circus|"
    "Precinct|Hollow|Grange|Path|Passage|Lawns|Orchard|Paddock|Parkway|Crossing|Bank"
)
_WELSH_STREET_WORDS = (
    "Heol|Hewl|Ffordd|Stryd|Lôn|Lon|Rhodfa|Cilgant|Teras|Maes|Clos|Cae|Llys|Allt|Ystad|Sgwâr|Pen-y"
)
_CAP_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-ŽŴŶ][\w'’\-]{0,30}|St\.?)"
_HOUSE_NUMBER = r"(?<![\w.,£$€/:\-])\d{1,4}[A-Za-z]?(?:\s?[-–]\s?\d{1,4}[A-Za-z]?)?,?\s{1,3}"
_FLAT_PREFIX = r"(?:(?i:flat|fflat|apartment|apt|unit)\.?\s{1,3}\d{1,4}[A-Za-z]?,?\s{1,3})?"
_ADDRESS_RE = re.compile(
    r"(?<![\w])"
    + _FLAT_PREFIX
    + _HOUSE_NUMBER
    + r"(?:(?:"
    + _CAP_WORD
    + r"\s{1,3}){1,4}(?i:"
    + _STREET_WORDS
    + r")\b(?!['’]s)"
    + r"|(?i:"
    + _WELSH_STREET_WORDS
    + r")(?:\s{1,3}(?:y|yr|'r|r|ap))?(?:\s{1,3}"
    + _CAP_WORD
    + r"){1,3})"
)
_FLAT_RE = re.compile(r"(?<![\w])(?i:flat|fflat|apartment|apt)\.?\s{1,3}\d{1,4}[A-Za-z]?(?!\w)")

_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?|ionawr|chwefror|mawrth|fawrth|"
    r"ebrill|mai|fai|mehefin|fehefin|gorffennaf|orffennaf|awst|medi|fedi|hydref|tachwedd|"
    r"dachwedd|rhagfyr|ragfyr|يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يوليو|أغسطس|"
    r"اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون الثاني|شباط|آذار|اذار|نيسان|أيار|ايار|"
    r"حزيران|تموز|آب|أيلول|ايلول|تشرين الأول|تشرين الاول|تشرين الثاني|كانون الأول|كانون الاول)"
)
_ORDINAL = r"(?:st|nd|rd|th|af|ail|ydd|edd|ed|fed|eg|ain)?"
_DATE_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/\-]\d|\.\d)"),
        "numeric",
    ),
    (re.compile(r"(?<![\d/.\-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "iso"),
    (
        re.compile(
            r"(?<!\w)\d{1,2}"
            + _ORDINAL
            + r"\.?\s{0,2}(?:(?:of|o)\s{1,2})?"
            + _MONTHS
            + r"(?:\s{0,2},?\s{0,2}\d{4})?(?!\w)",
            re.IGNORECASE,
        ),
        "text",
    ),
    (
        re.compile(
            r"(?<!\w)"
            + _MONTHS
            + r"\s{1,2}(?:\d{1,2}"
            + _ORDINAL
            + r"(?:\s{0,2},?\s{0,2}\d{4})?|\d{4})(?!\w)",
            re.IGNORECASE,
        ),
        "text",
    ),
    (re.compile(r"(?<![\w\-/.])(?:19|20)\d{2}(?![\w\-/])"), "year"),
)
_BIRTH_CUE_RE = re.compile(
    r"(?:\b(?:born|birth|birthdate|birthday|b'?day|dob|ganwyd|geni|pen-?blwydd|penblwydd)\b"
    r"|\bd\.\s?o\.\s?b\b\.?|تاريخ الميلاد|تاريخ ميلاد|مواليد|ولدت|ولد|ميلادي|ميلاد)",
    re.IGNORECASE,
)
_BORN_CUE_RE = re.compile(r"(?:\b(?:born|ganwyd|geni)\b|ولدت|ولد|مواليد)", re.IGNORECASE)
_BIRTHDAY_AFTER_RE = re.compile(r"\b(?:birthday|pen-?blwydd)\b|ميلاد", re.IGNORECASE)
_SENTENCE_BREAK_RE = re.compile(r"[.!?\n;؟]")
_DIGIT_RE = re.compile(r"\d")


def is_valid_nhs_number(value: str) -> bool:
    """Modulus-11 check of an NHS (England/Wales/Isle of Man) or CHI number.

    Weights 10..2 over the first nine digits; check = 11 - (sum mod 11), 11 becomes 0 and a
    result of 10 means the number cannot be issued. Repeated digits are rejected as
    placeholders ("0000000000" passes the arithmetic but is never a real number).
    """
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


def is_valid_ni_number(value: str) -> bool:
    """HMRC National Insurance number format: allocated prefix, six digits, suffix A-D."""
    compact = re.sub(r"[\s\-]", "", value).upper()
    match = _NI_RE.fullmatch(compact)
    return bool(match) and compact[:2] not in _NI_BANNED_PREFIXES


def is_valid_postcode(value: str) -> bool:
    """A syntactically valid UK postcode in a real postcode area (any case, space optional)."""
    match = _POSTCODE_RE.fullmatch(value.strip())
    return match is not None and _postcode_ok(match)


def _postcode_ok(match: re.Match[str]) -> bool:
    if match.group(1):
        return True
    outward = match.group(2).upper()
    area = outward[:2] if outward[1].isalpha() else outward[:1]
    if area not in _POSTCODE_AREAS:
        return False
    district = outward[len(area) :]
    if len(district) == 2 and district[1].isalpha():
        allowed = "ABCDEFGHJKPSTUW" if len(area) == 1 else "ABEHMNPRVWXY"
        return district[1] in allowed
    return True


def _find_emails(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    if "@" in text:
        found += [(m.start(), m.end(), PIIType.EMAIL) for m in _EMAIL_RE.finditer(text)]
    lowered = text.lower()
    if " at " in lowered or "(at)" in lowered or "[at]" in lowered or "{at}" in lowered:
        if "dot" in lowered:
            found += [
                (m.start(), m.end(), PIIType.EMAIL) for m in _EMAIL_OBFUSCATED_RE.finditer(text)
            ]
    return found


def _find_urls(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _URL_RE.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TRAILING:
            end -= 1
        if end - m.start() >= 4:
            found.append((m.start(), end, PIIType.URL))
    return found


def _phone_ok(candidate: str, n_groups: int, min_group: int) -> bool:
    digits = "".join(c for c in candidate if c.isdigit())
    if candidate.startswith("+") or (digits.startswith("00") and not digits.startswith("000")):
        international = digits if candidate.startswith("+") else digits[2:]
        if international.startswith("44"):
            national = international[2:]
            if "(0)" in candidate and national.startswith("0"):
                national = national[1:]
            return len(national) in (9, 10) and national[0] in "123578"
        return 8 <= len(international) <= 15 and international[0] != "0" and n_groups <= 8
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    return len(digits) in (10, 11) and digits[1] in "123578" and n_groups <= 4 and min_group >= 2


def _find_phones(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _PHONE_RE.finditer(text):
        raw = m.group()
        groups = list(_PHONE_GROUP_RE.finditer(raw))
        # Try the longest run of groups first, then drop trailing groups: "07700 900123 2
        # times" should still yield the phone number.
        for k in range(len(groups), 0, -1):
            candidate = raw[: groups[k - 1].end()]
            lengths = [sum(c.isdigit() for c in g.group()) for g in groups[:k]]
            plus = 1 if candidate.startswith("+") else 0
            min_group = min(lengths[1:] or lengths) if plus else min(lengths)
            if _phone_ok(candidate, k, min_group):
                start = m.start()
                found.append((start, start + len(candidate), PIIType.PHONE))
                break
    return found


def _find_nhs(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _NHS_RE.finditer(text):
        if not is_valid_nhs_number(m.group()):
            continue
        if m.group(1).startswith("0") and not _NHS_CONTEXT_RE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue
        found.append((m.start(), m.end(), PIIType.NHS_NUMBER))
    return found


def _find_ni(text: str) -> list[_Candidate]:
    return [
        (m.start(), m.end(), PIIType.NI_NUMBER)
        for m in _NI_RE.finditer(text)
        if m.group(1).upper() not in _NI_BANNED_PREFIXES
    ]


def _find_postcodes(text: str) -> list[_Candidate]:
    return [
        (m.start(), m.end(), PIIType.POSTCODE)
        for m in _POSTCODE_RE.finditer(text)
        if _postcode_ok(m)
    ]


def _find_addresses(text: str) -> list[_Candidate]:
    found = [(m.start(), m.end(), PIIType.ADDRESS) for m in _ADDRESS_RE.finditer(text)]
    found += [(m.start(), m.end(), PIIType.ADDRESS) for m in _FLAT_RE.finditer(text)]
    return found


def _date_ok(match: re.Match[str], kind: str) -> bool:
    if kind == "numeric":
        day, month = int(match.group(1)), int(match.group(3))
        return (1 <= day <= 31 and 1 <= month <= 12) or (1 <= month <= 31 and 1 <= day <= 12)
    if kind == "iso":
        return 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31
    return True


def _find_dates_of_birth(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    if not _BIRTH_CUE_RE.search(text):  # every rule below needs a birth cue nearby
        return found
    for pattern, kind in _DATE_RES:
        for m in pattern.finditer(text):
            if not _date_ok(m, kind):
                continue
            window = 25 if kind == "year" else 60
            cue_re = _BORN_CUE_RE if kind == "year" else _BIRTH_CUE_RE
            lo = max(0, m.start() - window)
            cue_end = -1
            for cue in cue_re.finditer(text, lo, m.start()):
                cue_end = cue.end()
            near_before = cue_end >= 0 and not _SENTENCE_BREAK_RE.search(text, cue_end, m.start())
            near_after = False
            if not near_before and kind != "year":
                after = _BIRTHDAY_AFTER_RE.search(text, m.end(), min(len(text), m.end() + 30))
                near_after = bool(after) and not _SENTENCE_BREAK_RE.search(
                    text, m.end(), after.start() if after else m.end()
                )
            if near_before or near_after:
                found.append((m.start(), m.end(), PIIType.DATE_OF_BIRTH))
    return found


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
    r"|['’\-](?=[^\W\d_])){0,48}"
)

# Tiers of a token, from the lists.
_NAME = 0  # a listed name that is not an ordinary word: masked when capitalised
_AMBIG = 1  # a listed name that is also an ordinary word (Hope, Will): needs a signal
_PLACE = 2  # a listed name that is also a place (Barry, Jordan): not after "in", "to"...
_STRICT_NAME = 3  # a listed name that is also a month/faith/organisation (May): cue only
_STOP = 4  # not a name: place, month, organisation, nationality...
_COMMON = 5  # not a name: ordinary word
_UNKNOWN = 6  # not in any list: only context can make it a name

_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend fr cllr
    councillor imam sheikh shaykh haji hajji hajja auntie aunty aunt uncle nurse sister
    brother father pastor parch parchedig""".split()
)
# Words before a place name: "in Barry" is the town, "I saw Barry" is a person.
_LOCATIVES = frozenset(
    """in to from at near into via through around outside towards toward across the
    visited visit leave left moved live lived living ym yng yn i o ger""".split()
)
# Pronouns and function words that are also (mostly Chinese) surnames: He, You, To, Do.
# They are only names after a title ("Mr He").
_FUNCTION_WORDS = frozenset(
    """he she it we they you me him her us them to do so no on in an as at by of or if is be am
    my i a the and but""".split()
)
# Verbs that, straight after a sentence-initial "Grace"/"Bill", make it a person
# ("Grace said", "Bill fixed the bikes") rather than the ordinary word ("Grace before meals").
_PERSON_VERBS = frozenset(
    """said says told asked came comes went goes brought phoned rang texted smiled laughed
    cried arrived lives lived works worked cooked fixed joined visited drove wrote replied
    answered shouted whispered agreed explained""".split()
)
_NAME_PARTICLES = frozenset(
    """al el bin ibn bint ap ab ferch van von der den de da di du la le dos das del della
    mac abu ould""".split()
)
_CONJUNCTIONS_RE = re.compile(r"\s{0,2}(?:,|&|and|a|ac|or|neu|و)\s{1,2}|,\s{0,2}", re.IGNORECASE)
_INSTITUTION_WORDS = frozenset(
    _latin_key(w)
    for w in (
        _STREET_WORDS.split("|")
        + """Hospital School Centre Center College University Church Chapel Mosque Surgery
        Clinic Practice House Hall Court Park Trust Foundation Library Station Stadium
        Academy Primary Comprehensive Ward Unit Bridge Arms Inn Hotel Cafe Café Pub Restaurant
        Shop Estate Memorial Infirmary Hospice Theatre Museum Gallery Institute Fund Appeal
        Campaign Project Programme Group Club Team Award Prize Lecture Building Tower Market
        Garden Gardens Road Street Avenue Lane""".split()
    )
)
_SAINT_WORDS = frozenset({"st", "st.", "saint", "sant", "santes", "llan"})

_STRONG_CUE_RE = re.compile(
    r"\b(?:name(?:['’]s|\s{1,3}is|\s{1,3}was|\s{0,2}:)|"
    r"(?:i\s{1,3}am|i['’]m|is|was|am|are|were|be|been|being)\s{1,3}called|call\s{1,3}me|"
    r"known\s{1,3}as|goes\s{1,3}by|named|"
    r"fy\s{1,3}enw\s{1,3}(?:i\s{1,3})?(?:yw|ydy|ydi)|o'r\s{1,3}enw|"
    r"enw\s{1,3}(?:e|hi|fe|o|fo)\s{1,3}(?:yw|ydy|ydi)|fy\s{1,3}ngalw'n|ei\s{1,3}galw'n)"
    r"[\s,:]{1,4}",
    re.IGNORECASE,
)
_CALLED_CUE_RE = re.compile(r"\bcalled[\s,:]{1,4}", re.IGNORECASE)
_RELATIONS = (
    r"friends?|sons?|daughters?|husband|wife|partner|neighbou?rs?|workers?|caseworker|carers?|"
    r"mum|mom|mam|mother|dad|father|brothers?|sisters?|cousins?|aunt|auntie|aunty|uncle|"
    r"nan|nana|nain|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|"
    r"grandsons?|granddaughters?|grandchild|nephews?|nieces?|boyfriend|girlfriend|fianc[ée]e?|"
    r"colleagues?|boss|manager|teacher|tutor|doctor|gp|nurse|midwife|interpreter|translator|"
    r"solicitor|lawyer|landlord|landlady|mentor|buddy|volunteers?|befriender|child|children|"
    r"baby|kids?|boy|girl|flatmate|housemate|roommate|co-?ordinator|counsellor|therapist|"
    r"pastor|imam|vicar|priest|stepson|stepdaughter|stepmother|stepfather|wife's|husband's"
)
_RELATION_CUE_RE = re.compile(
    r"\b(?:my|our|his|her|their|your)\s{1,3}"
    r"(?:(?:best|old|new|little|big|baby|younger|older|elder|late|dear|eldest|youngest|oldest|"
    r"step|ex|support|key|case|social|youth|link|family|school|community|lovely|good|close|"
    r"only|twin|first|second|third|deaf|housing|mental|health|peer|bsl)[\s\-]{1,3}){0,2}"
    r"(?:" + _RELATIONS + r")(?:-in-law)?\s{0,3}[,:]?\s{1,3}"
    r"|\bfy\s{1,3}(?:ffrind|ffrindiau|mab|merch|ngŵr|ngwr|ngwraig|nghymydog|nghymdoges|"
    r"mam|nhad|mrawd|chwaer|nain|nhaid|mam-gu|nhad-cu|mhartner|ngweithiwr|ngofalwr|ngofalydd|"
    r"wyres|ŵyr|wyr|nghefnder|nghyfnither|modryb|ewythr|athro|athrawes|meddyg|nyrs|"
    r"nghyfieithydd|cyfieithydd|nghydweithiwr)\s{0,3}[,:]?\s{1,3}",
    re.IGNORECASE,
)
_WEAK_CUE_RE = re.compile(
    r"\b(?:hi|hello|hiya|dear|thanks|thank\s{1,3}you|cheers|i['’]m|i\s{1,3}am|this\s{1,3}is|"
    r"meet|met|with|told|asked|ask|helped|bye|shwmae|helo|diolch|annwyl|gyda|efo)[\s,:]{1,3}",
    re.IGNORECASE,
)
# One pass finds every cue; the group name says which kind (leftmost, then first listed).
_CUE_RE = re.compile(
    "|".join(
        f"(?P<{group}>{pattern.pattern})"
        for group, pattern in (
            ("strong", _STRONG_CUE_RE),
            ("relation", _RELATION_CUE_RE),
            ("called", _CALLED_CUE_RE),
            ("weak", _WEAK_CUE_RE),
        )
    ),
    re.IGNORECASE,
)
_AR_CUES_STRONG = frozenset(
    _arabic_key(w)
    for w in """اسمي اسمى اسمه اسمها يدعى تدعى يسمى تسمى السيد السيدة الدكتور الدكتورة
    الأستاذ الأستاذة الحاج الحاجة الشيخ د""".split()
)
_AR_CUES_RELATION = frozenset(
    _arabic_key(w)
    for w in """صديقي صديقتي ابني ابنتي بنتي زوجي زوجتي جاري جارتي أخي أختي عمي خالي
    عمتي خالتي والدي والدتي جدي جدتي حفيدي حفيدتي الأخ الأخت""".split()
)
_AR_PARTICLES = frozenset(_arabic_key(w) for w in "بن ابن بنت أبو ابو أم عبد آل".split())
_AR_PREFIXES = "وفبل"

_WELSH_MARKERS_RE = re.compile(
    r"\b(?:yn|mae|roedd|gyda|ac|yr|fy|hefyd|dw|rydw|wedi|iawn|ond)\b", re.IGNORECASE
)
_DEMUTATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ngh", ("c",)),
    ("mh", ("p",)),
    ("nh", ("t",)),
    ("ng", ("g",)),
    ("ch", ("c",)),
    ("ph", ("p",)),
    ("th", ("t",)),
    ("dd", ("d",)),
    ("f", ("b", "m")),
    ("g", ("c",)),
    ("b", ("p",)),
    ("d", ("t",)),
    ("l", ("ll",)),
    ("r", ("rh",)),
    ("m", ("b",)),
    ("n", ("d",)),
)
_INITIAL_SKIP = " \t\"'“‘”’([{*•-–—«»"
_INITIAL_BREAK = ".!?…\n\r:;>؟۔"


def _demutate(key: str, names: frozenset[str]) -> str | None:
    """Undo Welsh initial mutation (Ddafydd -> Dafydd, Wen -> Gwen, Fethan -> Bethan)."""
    for prefix, radicals in _DEMUTATIONS:
        if key.startswith(prefix):
            for radical in radicals:
                candidate = radical + key[len(prefix) :]
                if candidate in names:
                    return candidate
    if key and key[0] in "aeiouwylr":  # soft mutation drops an initial g
        candidate = "g" + key
        if candidate in names:
            return candidate
    return None


def _latin_tier(key: str, lex: _Lexicon, welsh: bool) -> int:
    named = key in lex.names
    if key in lex.strict or key in _FUNCTION_WORDS:
        return _STRICT_NAME if named else _STOP
    if key in lex.places:
        return _PLACE if named else _STOP
    common = key in lex.common_en or (welsh and key in lex.common_cy)
    if named:
        return _AMBIG if common else _NAME
    return _COMMON if common else _UNKNOWN


def _arabic_tier(key: str, lex: _Lexicon) -> int:
    named = key in lex.names
    if key in lex.stop_ar:
        return _AMBIG if named else _COMMON
    return _NAME if named else _UNKNOWN


_TokenFacts = tuple[int, int, str, int, bool, bool, bool]


@functools.lru_cache(maxsize=65536)
def _analyse_token(raw: str, welsh: bool) -> _TokenFacts:
    """What the lists say about one word, cached because stories reuse the same words.

    Returns (start offset, length of the name part, key, tier, capitalised, Arabic script,
    possessive).
    """
    lex = _lexicon()
    if _ARABIC_CHAR_RE.match(raw):
        key = _arabic_key(raw)
        tier = _arabic_tier(key, lex)
        if tier == _UNKNOWN and len(key) > 3 and key[0] in _AR_PREFIXES:
            if _arabic_tier(key[1:], lex) == _NAME:  # "ومحمد": and Mohammed
                return 1, len(raw) - 1, key[1:], _NAME, False, True, False
        return 0, len(raw), key, tier, False, True, False
    name_part = _strip_possessive(raw)
    key = _latin_key(name_part)
    tier = _latin_tier(key, lex, welsh)
    cap = name_part[:1].isupper()
    if tier == _UNKNOWN and "-" in key:
        if any(_latin_tier(p, lex, welsh) == _NAME for p in key.split("-") if len(p) > 1):
            tier = _NAME
    if welsh and cap and tier in (_UNKNOWN, _COMMON):
        base = _demutate(key, lex.names)
        if base is not None:
            key, tier = base, _NAME
    return 0, len(name_part), key, tier, cap, False, len(name_part) != len(raw)


class _Tokens:
    """Word tokens of a text with the facts the name rules need, in parallel lists."""

    def __init__(self, text: str, welsh: bool) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []  # end of the name part (possessive 's excluded)
        self.full_ends: list[int] = []
        self.keys: list[str] = []
        self.tiers: list[int] = []
        self.cap: list[bool] = []
        self.arabic: list[bool] = []
        self.possessive: list[bool] = []
        analyse = _analyse_token
        for m in _TOKEN_RE.finditer(text):
            offset, length, key, tier, cap, arabic, possessive = analyse(m.group(), welsh)
            start = m.start() + offset
            self.starts.append(start)
            self.ends.append(start + length)
            self.full_ends.append(m.end())
            self.keys.append(key)
            self.tiers.append(tier)
            self.cap.append(cap)
            self.arabic.append(arabic)
            self.possessive.append(possessive)

    def __len__(self) -> int:
        return len(self.starts)

    def is_initial(self, i: int) -> bool:
        """True if token ``i`` starts a sentence, where capitals say nothing about names."""
        pos = self.starts[i] - 1
        limit = max(-1, pos - 8)
        while pos > limit and self.text[pos] in _INITIAL_SKIP:
            pos -= 1
        return pos < 0 or pos == limit or self.text[pos] in _INITIAL_BREAK

    def adjacent(self, a: int, b: int) -> bool:
        """Tokens ``a`` < ``b`` are neighbours separated only by a space or two."""
        if self.possessive[a]:
            return False
        gap = self.text[self.full_ends[a] : self.starts[b]]
        return gap in (" ", "  ", "\u00a0")


_SENTENCE_START_RE = re.compile(r"(?:^|[.!?\n]\s{0,3})[\"'“‘(]?([^\W\d_])|\bi\b")


def _lowercase_style(text: str, welsh: bool) -> bool:
    """Does the writer use capitals at all? If not, a lowercase listed name still counts.

    Votes over the first letters of sentences and, except in Welsh where "i" means "to",
    the pronoun "i" written in lowercase.
    """
    lower = upper = 0
    for m in _SENTENCE_START_RE.finditer(text, 0, 4000):
        first = m.group(1)
        if first is None:
            lower += not welsh
        elif first.islower():
            lower += 1
        elif first.isupper():
            upper += 1
    return lower > upper


def _cue_targets(text: str, tokens: _Tokens) -> list[tuple[str, int]]:
    """(cue kind, index of the token that starts right where the cue phrase ends)."""
    targets: list[tuple[str, int]] = []
    for m in _CUE_RE.finditer(text):
        idx = bisect.bisect_left(tokens.starts, m.end())
        if idx < len(tokens) and tokens.starts[idx] - m.end() <= 1 and m.lastgroup:
            targets.append((m.lastgroup, idx))
    return targets


def _find_names(text: str, welsh: bool) -> list[_Candidate]:
    tokens = _Tokens(text, welsh)
    n = len(tokens)
    if n == 0:
        return []
    lowercase = _lowercase_style(text, welsh)
    tiers, cap, arabic, keys = tokens.tiers, tokens.cap, tokens.arabic, tokens.keys
    mark = [False] * n
    forced = [False] * n  # marked by a title or cue: survives the institution-word check
    listed = (_NAME, _AMBIG, _PLACE, _STRICT_NAME)

    def force(i: int) -> None:
        mark[i] = True
        forced[i] = True

    # 1. Seeds from the lists.
    for i in range(n):
        tier = tiers[i]
        if arabic[i]:
            if tier == _NAME:
                mark[i] = True
            continue
        if tier == _NAME:
            mark[i] = cap[i] or (lowercase and len(keys[i]) >= 3)
        elif tier == _AMBIG and cap[i]:
            mark[i] = (
                tokens.possessive[i]
                or not tokens.is_initial(i)
                or (i + 1 < n and keys[i + 1] in _PERSON_VERBS and tokens.adjacent(i, i + 1))
            )
        elif tier == _PLACE and cap[i] and not tokens.is_initial(i):
            mark[i] = not (i > 0 and keys[i - 1] in _LOCATIVES)

    # 2. Seeds from titles and cue phrases (these also catch names that are in no list).
    for i in range(n - 1):
        j = i + 1
        if arabic[i]:
            if keys[i] in _AR_CUES_STRONG or keys[i] in _AR_CUES_RELATION:
                if tiers[j] not in (_COMMON, _STOP) and tokens.starts[j] - tokens.ends[i] <= 3:
                    force(j)
            continue
        if keys[i] in _TITLES and (cap[i] or lowercase):
            gap = text[tokens.ends[i] : tokens.starts[j]]
            if (
                gap in (" ", ". ", "  ", ".")
                and (cap[j] or arabic[j])
                and tiers[j] != _COMMON
                and keys[j] not in _TITLES
            ):
                force(j)
    for kind, j in _cue_targets(text, tokens):
        if kind == "strong":
            ok = tiers[j] not in (_COMMON, _STOP)
        elif kind == "called":
            ok = tiers[j] == _NAME or (cap[j] and tiers[j] in (_AMBIG, _PLACE, _UNKNOWN))
        elif kind == "relation":
            ok = (
                (arabic[j] and tiers[j] not in (_COMMON, _STOP))
                or (cap[j] and tiers[j] != _STOP and not tokens.is_initial(j))
                or tiers[j] == _NAME
            )
        else:
            ok = cap[j] and tiers[j] in (_NAME, _AMBIG, _UNKNOWN)
        if ok and keys[j] not in _TITLES:  # "with Auntie X": the title rule takes X
            force(j)

    # "عبد الرحمن": the servant-of compound is one given name.
    for i in range(n - 1):
        if arabic[i] and keys[i] == "عبد" and arabic[i + 1] and keys[i + 1].startswith("ال"):
            mark[i] = mark[i + 1] = True

    # 3. Grow marked tokens into full names over neighbouring capitalised tokens.
    def can_join(i: int) -> bool:
        if keys[i] in _TITLES:
            return False
        if arabic[i]:
            return tiers[i] in listed or (
                keys[i].startswith("ال") and len(keys[i]) >= 4 and tiers[i] == _UNKNOWN
            )
        if tiers[i] in listed or tiers[i] == _UNKNOWN:
            return cap[i] or (lowercase and tiers[i] == _NAME)
        return False

    run = 0
    for i in range(1, n):
        if mark[i - 1] and tokens.adjacent(i - 1, i):
            run += 1
            if run >= 5:
                continue
            if not mark[i] and can_join(i):
                mark[i] = True
            elif (
                not mark[i]
                and i + 1 < n
                and (keys[i] in _NAME_PARTICLES or (arabic[i] and keys[i] in _AR_PARTICLES))
                and tokens.adjacent(i, i + 1)
                and can_join(i + 1)
            ):
                mark[i] = mark[i + 1] = True
        else:
            run = 0
    for i in range(n - 2, -1, -1):
        if mark[i + 1] and not mark[i] and tokens.adjacent(i, i + 1):
            if welsh and tiers[i] == _UNKNOWN and tokens.is_initial(i):
                continue  # Welsh puts the verb first: "Cafodd Elis", "Aeth Cerys"
            if can_join(i) and not (arabic[i] and keys[i].startswith("ال")):
                mark[i] = True
            elif arabic[i] and keys[i] in _AR_PARTICLES:
                mark[i] = True
    # Lists of people: "Siân, Habtom and Dawit", "Bożydar and Krzysztof".
    for i in range(1, n):
        if mark[i] or not cap[i] or tiers[i] not in (_UNKNOWN, _AMBIG):
            continue
        for p in (i - 1, i - 2):
            if p >= 0 and mark[p] and not tokens.possessive[p]:
                gap = text[tokens.full_ends[p] : tokens.starts[i]]
                if _is_conjunction(gap, welsh) and not tokens.is_initial(i):
                    mark[i] = True
                    break
    for i in range(n - 2, -1, -1):
        if mark[i] or not cap[i] or tiers[i] != _UNKNOWN or tokens.possessive[i]:
            continue
        for q in (i + 1, i + 2):
            if q < n and mark[q] and cap[q]:
                gap = text[tokens.full_ends[i] : tokens.starts[q]]
                if _is_conjunction(gap, welsh) and gap.strip() not in ("", ","):
                    mark[i] = True
                    break

    # 4. Collect runs; drop those that are part of a building or street name.
    found: list[_Candidate] = []
    i = 0
    while i < n:
        if not mark[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and mark[j + 1] and tokens.adjacent(j, j + 1):
            j += 1
        if not any(forced[i : j + 1]) and _is_place_name(tokens, i, j):
            i = j + 1
            continue
        found.append((tokens.starts[i], tokens.ends[j], PIIType.NAME))
        i = j + 1
    return found


def _is_conjunction(gap: str, welsh: bool) -> bool:
    """A comma, "and" or "&" between two names (Welsh "a"/"ac" only in Welsh text)."""
    if not _CONJUNCTIONS_RE.fullmatch(gap):
        return False
    return welsh or gap.strip().lower() not in ("a", "ac")


def _is_place_name(tokens: _Tokens, first: int, last: int) -> bool:
    """Part of a place, not a person: "Prince Charles Hospital", "Morgan Street", "St David's"."""
    if first > 0 and tokens.keys[first - 1] in _SAINT_WORDS and tokens.cap[first - 1]:
        gap = tokens.text[tokens.full_ends[first - 1] : tokens.starts[first]]
        if gap in (" ", ". "):
            return True
    nxt = last + 1
    if nxt < len(tokens) and tokens.cap[nxt] and tokens.keys[nxt] in _INSTITUTION_WORDS:
        gap = tokens.text[tokens.full_ends[last] : tokens.starts[nxt]]
        return gap in (" ", "  ")
    return False


# ---------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------


def _primary_language(language: str | None) -> str | None:
    if not language:
        return None
    return re.split(r"[-_]", language.strip(), maxsplit=1)[0].lower() or None


def _looks_welsh(text: str) -> bool:
    return len(_WELSH_MARKERS_RE.findall(text, 0, 4000)) >= 3


def _resolve(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping spans: longest first, then most specific type.

    Candidates are first split into clusters of mutually overlapping spans (one sweep), so
    the greedy choice only ever looks at a handful of spans and stays fast on long texts.
    """
    kept: list[_Candidate] = []
    cluster: list[_Candidate] = []
    cluster_end = -1
    for cand in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if cluster and cand[0] >= cluster_end:
            kept += _resolve_cluster(cluster)
            cluster = []
        cluster.append(cand)
        cluster_end = max(cluster_end, cand[1]) if len(cluster) > 1 else cand[1]
    if cluster:
        kept += _resolve_cluster(cluster)
    return kept


def _resolve_cluster(cluster: list[_Candidate]) -> list[_Candidate]:
    if len(cluster) == 1:
        return cluster
    chosen: list[_Candidate] = []
    for cand in sorted(cluster, key=lambda c: (-(c[1] - c[0]), _SPECIFICITY[c[2]], c[0])):
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    return sorted(chosen)


def find_spans(text: str, language: str | None = None) -> list[Span]:
    """Find personal data in ``text``; return non-overlapping spans sorted by position.

    ``language`` is a BCP 47 code ("en", "cy", "ar", "en-GB"...) or None. It tunes the name
    rules: with "cy" (or Welsh-looking text when None), Welsh ordinary words such as "haf"
    and "seren" need context before they count as names, and mutated names (Ddafydd, Wen)
    are recognised. Unknown languages still get every rule; :func:`redact` flags them.

    Names are found by: listed names written with a capital (or in text written all in
    lowercase); listed names that are ordinary words only mid-sentence, or with context;
    titles ("Mrs X"); cue phrases ("my name is X", "called X", "my support worker X",
    "fy ffrind X", "اسمي X", "صديقي X"); capitalised words next to a found name ("Siân
    Pritchard-Bowen") and in lists of people ("Siân, Habtom and Dawit"). Street and
    building names ("Morgan Street", "Prince Charles Hospital") are not counted as people.
    """
    if not text:
        return []
    view = _View(text)
    clean = view.text
    lang = _primary_language(language)
    welsh = lang == "cy" or (lang is None and _looks_welsh(clean))
    candidates: list[_Candidate] = []
    candidates += _find_emails(clean)
    candidates += _find_urls(clean)
    if _DIGIT_RE.search(clean):
        candidates += _find_phones(clean)
        candidates += _find_nhs(clean)
        candidates += _find_ni(clean)
        candidates += _find_postcodes(clean)
        candidates += _find_addresses(clean)
        candidates += _find_dates_of_birth(clean)
    candidates += _find_names(clean, welsh)
    spans = []
    for start, end, kind in _resolve(candidates):
        o_start, o_end = view.to_original(start, end)
        spans.append(Span(o_start, o_end, kind, text[o_start:o_end]))
    return spans


_NON_LATIN_LETTER_RE = re.compile(
    r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u0250-\u02af\u1e00-\u1eff"
    r"\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)


def review_reasons(text: str, language: str | None = None) -> tuple[str, ...]:
    """Why a person should check the masking of ``text`` by hand; empty if no known reason.

    Name detection relies on word lists and cue words for English, Welsh and Arabic; for
    any other language, or for letters in a script with no list (Ge'ez for Tigrinya,
    Cyrillic, Chinese characters...), names are likely to be missed.
    """
    reasons: list[str] = []
    lang = _primary_language(language)
    if lang is not None and lang not in KNOWN_LANGUAGES:
        reasons.append(f"no name rules for language {lang!r}: names may be missed")
    scripts: list[str] = []
    for m in _NON_LATIN_LETTER_RE.finditer(text):
        script = unicodedata.name(m.group(), "UNKNOWN").split(" ")[0]
        if script not in scripts:
            scripts.append(script)
            if len(scripts) >= 5:
                break
    for script in scripts:
        reasons.append(f"text contains {script.title()} script, which has no name list")
    if _INVISIBLE_RE.search(text):
        reasons.append(
            "text contains invisible control or direction-override characters: "
            "check it displays as scanned"
        )
    return tuple(reasons)


def _checked(text: str, spans: Iterable[Span]) -> list[Span]:
    """Validate hand-made spans against the text and fill in their ``text``."""
    result = []
    for span in spans:
        if span.end > len(text):
            raise ValueError(f"span [{span.start}, {span.end}) is outside the text")
        result.append(Span(span.start, span.end, span.type, text[span.start : span.end]))
    return result


def _resolve_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    resolved = _resolve((s.start, s.end, s.type) for s in _checked(text, spans))
    return [Span(s, e, t, text[s:e]) for s, e, t in resolved]


def redact(
    text: str, language: str | None = None, spans: Sequence[Span] | None = None
) -> RedactionResult:
    """Replace each span with its typed placeholder (``[NAME]``, ``[PHONE]``...).

    Pass ``spans`` to mask exactly those (for instance the output of
    :func:`apply_corrections`); otherwise :func:`find_spans` is used. Overlapping spans are
    resolved (longest, then most specific, wins). ``needs_review`` is set when name recall
    is uncertain; see :func:`review_reasons`.
    """
    final = find_spans(text, language) if spans is None else _resolve_spans(text, spans)
    out: list[str] = []
    pos = 0
    for span in final:
        out.append(text[pos : span.start])
        out.append(f"[{span.type.value}]")
        pos = span.end
    out.append(text[pos:])
    reasons = review_reasons(text, language)
    return RedactionResult(
        text="".join(out), spans=tuple(final), needs_review=bool(reasons), review_reasons=reasons
    )


def apply_corrections(
    text: str,
    auto_spans: Iterable[Span],
    added_spans: Iterable[Span] = (),
    removed_spans: Iterable[Span] = (),
) -> list[Span]:
    """Merge a coordinator's manual corrections into the automatic spans.

    A removed span cancels the automatic span with the same ``start`` and ``end`` (its type
    is not compared: the coordinator is saying "this is not personal data"). An added span
    always survives: automatic spans that overlap it are dropped, because the coordinator
    has drawn the boundary by hand; overlapping added spans are resolved like automatic
    ones. Spans outside the text raise ``ValueError``. Pure: nothing is mutated.
    """
    added = _resolve_spans(text, added_spans)
    removed = {(s.start, s.end) for s in removed_spans}
    kept = [
        s
        for s in _checked(text, auto_spans)
        if (s.start, s.end) not in removed
        and not any(a.start < s.end and s.start < a.end for a in added)
    ]
    return sorted(_resolve_spans(text, kept) + added)
