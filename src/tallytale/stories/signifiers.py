"""Validating a teller's self-signification answers against the project's Signifiers.

Why server-side: the web form, imports and the API all reach the same rule, and a slider
value of 250 or a triad that sums to 1.7 would silently distort every analysis built on it.
Errors are returned as values (signifier name -> reason) so a form or import reports all.
"""

from __future__ import annotations

import math
from typing import Any

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
            errors[name] = "no such signifier in this project"
            continue
        value, problem = parse_answer(sig, answer)
        if problem:
            errors[name] = problem
        else:
            values[name] = value
    return values, errors
