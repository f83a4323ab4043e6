"""Validating a teller's self-signification answers against the project's Signifiers.

Why server-side: the web form, imports and the API all reach the same rule, and a slider
value of 250 or a triad that sums to 1.7 would silently distort every analysis built on it.
Errors are returned as values (signifier name -> reason) so a form or import reports all.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

from .models import Signifier

TRIAD_TOLERANCE = 1e-6


def _as_int(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str):
        s = raw.strip()
        try:
            return int(s)
        except ValueError:
            try:
                f = float(s)
            except ValueError:
                return None
            return int(f) if f.is_integer() else None
    return None


def parse_answer(sig: Signifier, raw: Any) -> tuple[Any, str | None]:
    """Return (value to store, None) or (None, reason). `raw` may be a string from a form
    or spreadsheet (choices separated by ';' or '|', triad weights by ';') or a Python value."""
    if sig.kind == Signifier.Kind.CHOICE:
        if isinstance(raw, str):
            picked = [p.strip() for p in raw.replace("|", ";").split(";") if p.strip()]
        else:
            picked = [str(p).strip() for p in (raw or []) if str(p).strip()]
        options = [str(o) for o in sig.options]
        lowered = {o.casefold(): o for o in options}
        unknown = [p for p in picked if p.casefold() not in lowered]
        if unknown:
            return None, f"{unknown[0]!r} is not one of: {', '.join(options)}"
        value = list(dict.fromkeys(lowered[p.casefold()] for p in picked))
        if not sig.multiple and len(value) > 1:
            return None, "choose only one option"
        return value, None
    if sig.kind in (Signifier.Kind.SLIDER, Signifier.Kind.SCALE):
        n = _as_int(raw)
        lo, hi = (0, 100) if sig.kind == Signifier.Kind.SLIDER else (sig.scale_min, sig.scale_max)
        if n is None:
            return None, f"must be a whole number from {lo} to {hi}"
        if not lo <= n <= hi:
            return None, f"{n} is outside {lo} to {hi}"
        return n, None
    if sig.kind == Signifier.Kind.TRIAD:
        parts = raw.replace("|", ";").split(";") if isinstance(raw, str) else list(raw or [])
        try:
            weights = [float(p) for p in parts]
        except (TypeError, ValueError):
            return None, "must be three numbers separated by ';'"
        if len(weights) != 3 or not all(math.isfinite(w) for w in weights):
            return None, "must be three numbers separated by ';'"
        if any(w < 0 for w in weights):
            return None, "weights must not be negative"
        total = sum(weights)
        if abs(total - 1.0) > TRIAD_TOLERANCE:
            return None, f"weights must sum to 1 (they sum to {total:g})"
        return [w / total for w in weights], None
    return None, f"unknown signifier kind {sig.kind!r}"


def parse_answers(
    signifiers: dict[str, Signifier], raw: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Validate a teller's answers (name -> raw). Blank answers are skipped: every signifier
    is optional, because the teller may choose not to answer."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, answer in raw.items():
        if answer is None or (isinstance(answer, str | list) and len(answer) == 0):
            continue
        if isinstance(answer, str) and not answer.strip():
            continue
        sig = signifiers.get(name)
        if sig is None:
            errors[name] = _("no such signifier in this project")
            continue
        value, problem = parse_answer(sig, answer)
        if problem:
            errors[name] = problem
        else:
            values[name] = value
    return values, errors


# --- answers as people read them --------------------------------------------------------------

#: Where a teller can put a story among a triad's three poles without dragging (WCAG 2.2
#: SC 2.5.7): relative weights of poles (a, b, c) and the words for that place. The same
#: places name a stored answer ("mostly friends, some services"), whichever way it came in.
TRIAD_PLACES: tuple[tuple[tuple[int, int, int], str], ...] = (
    ((1, 0, 0), gettext_noop("only %(a)s")),
    ((2, 1, 0), gettext_noop("mostly %(a)s, some %(b)s")),
    ((2, 0, 1), gettext_noop("mostly %(a)s, some %(c)s")),
    ((4, 1, 1), gettext_noop("mostly %(a)s, some %(b)s and %(c)s")),
    ((0, 1, 0), gettext_noop("only %(b)s")),
    ((1, 2, 0), gettext_noop("mostly %(b)s, some %(a)s")),
    ((0, 2, 1), gettext_noop("mostly %(b)s, some %(c)s")),
    ((1, 4, 1), gettext_noop("mostly %(b)s, some %(a)s and %(c)s")),
    ((0, 0, 1), gettext_noop("only %(c)s")),
    ((1, 0, 2), gettext_noop("mostly %(c)s, some %(a)s")),
    ((0, 1, 2), gettext_noop("mostly %(c)s, some %(b)s")),
    ((1, 1, 4), gettext_noop("mostly %(c)s, some %(a)s and %(b)s")),
    ((1, 1, 0), gettext_noop("%(a)s and %(b)s equally")),
    ((1, 0, 1), gettext_noop("%(a)s and %(c)s equally")),
    ((0, 1, 1), gettext_noop("%(b)s and %(c)s equally")),
    ((1, 1, 1), gettext_noop("all three equally")),
)


def place_key(ratios: tuple[int, int, int]) -> str:
    """The form value of a triad place, e.g. "2:1:0"."""
    return ":".join(str(r) for r in ratios)


def weights_of(key: str) -> list[float] | None:
    """Weights summing to 1 for a place's form value ("2:1:0"), or None if it is not one."""
    for ratios, _words in TRIAD_PLACES:
        if place_key(ratios) == key:
            total = sum(ratios)
            return [r / total for r in ratios]
    return None


def _poles(sig: Signifier) -> dict[str, str]:
    names = [str(o) for o in sig.options] + ["A", "B", "C"]
    return {"a": names[0], "b": names[1], "c": names[2]}


def triad_words(sig: Signifier, weights: list[float]) -> str:
    """The place nearest to stored weights, in words: "mostly friends, some services"."""
    total = sum(weights) or 1.0
    w = [x / total for x in weights]

    def distance(ratios: tuple[int, int, int]) -> float:
        s = sum(ratios)
        return sum((x - r / s) ** 2 for x, r in zip(w, ratios, strict=True))

    _ratios, words = min(TRIAD_PLACES, key=lambda place: distance(place[0]))
    return gettext(words) % _poles(sig)


def triad_choices(sig: Signifier) -> list[tuple[str, str]]:
    """(form value, words) for every place of this triad, first letter capitalised."""
    poles = _poles(sig)
    out = []
    for ratios, words in TRIAD_PLACES:
        text = gettext(words) % poles
        out.append((place_key(ratios), text[:1].upper() + text[1:]))
    return out


def scale_point_label(sig: Signifier, value: int) -> str:
    """A scale point with its words when the signifier has them: "4 · Quite happy". With
    two labels for a longer scale they name the ends."""
    labels = [str(o) for o in sig.options]
    span = sig.scale_max - sig.scale_min + 1
    if len(labels) == span:
        return f"{value} · {labels[value - sig.scale_min]}"
    if len(labels) == 2 and value in (sig.scale_min, sig.scale_max):
        return f"{value} · {labels[0] if value == sig.scale_min else labels[1]}"
    return str(value)


def describe_answer(sig: Signifier, value: Any) -> str:
    """A stored answer as people read it: chosen options, "mostly X, some Y" for a triad,
    the slider's position in words, a scale point with its label (never a Python list or
    0.6000000000000001)."""
    if sig.kind == Signifier.Kind.CHOICE:
        return ", ".join(str(v) for v in (value if isinstance(value, list) else [value]))
    if sig.kind == Signifier.Kind.TRIAD and isinstance(value, list) and len(value) == 3:
        return triad_words(sig, [float(v) for v in value])
    if sig.kind == Signifier.Kind.SLIDER and len(sig.options) == 2:
        n = _as_int(value)
        if n is not None:
            left, right = (str(o) for o in sig.options)
            if n == 50:
                return gettext("halfway between %(l)s and %(r)s") % {"l": left, "r": right}
            near = left if n < 50 else right
            return gettext("nearer %(pole)s (%(n)s of 100)") % {"pole": near, "n": n}
    if sig.kind == Signifier.Kind.SCALE:
        n = _as_int(value)
        if n is not None:
            return scale_point_label(sig, n)
    return str(value)
