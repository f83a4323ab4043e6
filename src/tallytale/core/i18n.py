"""Core's refusals in the reader's language, without core importing Django.

Core raises one-line errors a person reads (a ledger rule, a consent rule). Their texts are
marked with `gettext` here, so `makemessages` collects them like any other string, and a
translator is handed in from the Django side at start-up (`set_translator`, called by the
programmes app): until then, and in core's own tests, the English text is used unchanged.
Messages use named placeholders (`%(day)s`), filled in after translation.
"""

from __future__ import annotations

from collections.abc import Callable


def _english(message: str) -> str:
    return message


_translate: Callable[[str], str] = _english


def gettext(message: str) -> str:
    """`message` in the active language, when a translator has been set; else unchanged."""
    return _translate(message)


def set_translator(translate: Callable[[str], str] | None) -> None:
    """Use `translate` (Django's `gettext`) for core's messages; None restores English."""
    global _translate
    _translate = translate or _english
