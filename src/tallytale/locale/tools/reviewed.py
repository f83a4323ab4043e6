"""Strings a native speaker has read and confirmed, per language.

Every Welsh and Arabic string in `translations.py` was written by Tallytale's developers, not
by a native speaker, so `fill_po.py` marks each one in the .po file with the translator
comment `#. machine-made: needs review`. When a native speaker has checked (and if need be
corrected) a string, add its English msgid here under their language; the next
`make messages` drops the mark from that entry. See docs/translating.md.
"""

REVIEWED: dict[str, set[str]] = {
    "cy": set(),
    "ar": set(),
}
