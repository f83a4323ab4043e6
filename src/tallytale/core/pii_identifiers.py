"""Structured identifiers in free text: e-mail addresses, URLs, phone numbers, NHS and NI
numbers, postcodes, street addresses and dates of birth. Every pattern is bounded, so a scan
is linear in the text whatever it holds."""

from __future__ import annotations

import re

from tallytale.core.pii_text import PIIType

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
