"""The languages a story can be told in, by the names their speakers use, with the BCP 47
code stored behind each.

Why a list: the form used to ask for a code as free text, so "Welsh" was stored as the
(well-formed but meaningless) tag "welsh" and name detection, which is tuned per language,
was switched off for that story. People pick a language by its name; the code is ours.
"""

from __future__ import annotations

#: (BCP 47 code, the language's own name, its English name), in the order a Welsh
#: programme meets them: the UI languages first, then British Sign Language, then the
#: languages most spoken by people who have settled in Wales, by English name.
LANGUAGES: tuple[tuple[str, str, str], ...] = (
    ("en", "English", "English"),
    ("cy", "Cymraeg", "Welsh"),
    ("ar", "العربية", "Arabic"),
    ("bfi", "British Sign Language", "British Sign Language"),
    ("am", "አማርኛ", "Amharic"),
    ("bn", "বাংলা", "Bengali"),
    ("zh", "中文", "Chinese"),
    ("fa", "فارسی", "Persian (Farsi)"),
    ("fr", "Français", "French"),
    ("ga", "Gaeilge", "Irish"),
    ("ckb", "کوردی", "Kurdish (Sorani)"),
    ("kmr", "Kurmancî", "Kurdish (Kurmanji)"),
    ("ps", "پښتو", "Pashto"),
    ("pl", "Polski", "Polish"),
    ("pt", "Português", "Portuguese"),
    ("pa", "ਪੰਜਾਬੀ", "Punjabi"),
    ("ro", "Română", "Romanian"),
    ("ru", "Русский", "Russian"),
    ("so", "Soomaali", "Somali"),
    ("es", "Español", "Spanish"),
    ("ti", "ትግርኛ", "Tigrinya"),
    ("tr", "Türkçe", "Turkish"),
    ("uk", "Українська", "Ukrainian"),
    ("ur", "اردو", "Urdu"),
    ("vi", "Tiếng Việt", "Vietnamese"),
)

#: the choice that reveals the free "other language" box
OTHER = "other"

CODES = frozenset(code for code, _, _ in LANGUAGES)
_BY_NAME = {
    name.casefold(): code for code, own, english in LANGUAGES for name in (own, english, code)
}
_BY_NAME.update({"bsl": "bfi", "farsi": "fa", "kurdish": "kmr", "mandarin": "zh"})


def label(code: str) -> str:
    """The option text: the language's own name, with the English name when it differs."""
    for c, own, english in LANGUAGES:
        if c == code:
            return own if own == english else f"{own} ({english})"
    return code


def code_for_name(name: str) -> str | None:
    """The code for a language typed by name ("Welsh", "cymraeg", "BSL"), or None."""
    return _BY_NAME.get((name or "").strip().casefold())


def choices(blank: str | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs for a select; `blank` adds a first "none" choice with that text."""
    out = [(code, label(code)) for code, _, _ in LANGUAGES]
    return [("", blank), *out] if blank is not None else out
