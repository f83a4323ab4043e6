"""Which answer codes mean "no answer" to a statistician (SPSS user-missing values).

A survey choice such as 99 "Prefer not to say" is a real answer to store, but not a value
to average: PSPP's mean of a 1-5 item with a few 99s is nonsense unless 99 is declared
user-missing. The rule, applied to every choice of a select question:

1. An explicit override wins: a `missing` column in the form's choices sheet with
   yes/true/1 (missing) or no/false/0 (a real answer, whatever its label says).
2. Otherwise a choice is missing when its label, in any of the form's languages, is one of
   the phrases below after lower-casing and dropping punctuation ("prefer not to say",
   "don't know", "not applicable", "refused", ...; Welsh and Arabic too), or
3. its code is a "nines" code (99, 999, -9, -99, ...: at least two 9s, or any negative
   all-nines number) that does not continue the run of the other numeric codes (a 0-99
   scale keeps its 99).

The rule is pure: it sees names, labels and the override column, nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

#: phrases (normalised: lower case, apostrophes and punctuation removed, single spaces)
MISSING_PHRASES = frozenset(
    {
        # English
        "prefer not to say",
        "prefer not to answer",
        "rather not say",
        "id rather not say",
        "dont know",
        "do not know",
        "not known",
        "unknown",
        "not sure",
        "dont know not sure",
        "not applicable",
        "n a",  # "N/A"; never bare "na", which is Welsh for "no"
        "does not apply",
        "refused",
        "refuse",
        "declined",
        "decline to answer",
        "declined to answer",
        "no answer",
        "no response",
        "missing",
        # Welsh
        "gwell gennyf beidio â dweud",
        "gwell gen i beidio â dweud",
        "gwell gennyf beidio a dweud",
        "ddim yn gwybod",
        "dim yn gwybod",
        "amherthnasol",
        "ddim yn berthnasol",
        "wedi gwrthod",
        # Arabic
        "أفضل عدم الإجابة",
        "أفضل عدم القول",
        "لا أعرف",
        "لا اعرف",
        "لا ينطبق",
        "غير منطبق",
        "رفض الإجابة",
    }
)
_YES = {"yes", "true", "1", "y"}
_NO = {"no", "false", "0", "n"}
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_NINES = re.compile(r"^-?9+(?:\.0+)?$")


def normalise(label: str) -> str:
    """Lower case, apostrophes and other punctuation removed, spaces collapsed."""
    text = unicodedata.normalize("NFC", label).casefold()
    text = text.replace("\u2019", "").replace("'", "").replace("/", " ")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def override(extra: Mapping[str, Any]) -> bool | None:
    """The choices sheet's `missing` column: True, False, or None when absent or blank."""
    value = extra.get("missing")
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def missing_codes(choices: Iterable[tuple[str, Mapping[str, str], Mapping[str, Any]]]) -> list[str]:
    """The names of the choices that are user-missing, in choice order (see module doc)."""
    choices = list(choices)
    numbers = [n for n in (_number(name) for name, _, _ in choices) if n is not None]
    out: list[str] = []
    for name, labels, extra in choices:
        forced = override(extra or {})
        if forced is not None:
            if forced:
                out.append(name)
            continue
        if any(normalise(text) in MISSING_PHRASES for text in (labels or {}).values() if text):
            out.append(name)
            continue
        n = _number(name)
        if n is not None and _NINES.match(name.strip()) and (n < 0 or abs(n) >= 99):
            others = {x for x in numbers if x != n}
            if (n - 1) not in others:  # 99 after 98 is part of a scale, not a code
                out.append(name)
    return out
