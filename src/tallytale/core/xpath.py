"""A small, safe evaluator for the XPath subset XLSForms use in `relevant`, `constraint`
and `calculation`.

Why not a full XPath engine: forms arrive from community researchers, so expressions are
untrusted input. This module parses them into a tiny AST (no `eval`, no attribute access,
no I/O) and evaluates that against the answers given so far. What it supports covers the
great majority of real forms: `.`, `${name}`, numbers and strings, `= != < <= > >=`,
`and`/`or`, `+ - * div mod`, unary minus, parentheses, and the functions listed in
`FUNCTIONS` (`selected`, `count-selected`, `string-length`, `regex`, `not`, `if`,
`concat`, `coalesce`, `contains`, `starts-with`, `number`, `int`, `round`, `today`, ...).

Anything else raises `Unsupported` when compiled; callers keep the expression, show the
question, and mention it once in an import summary, rather than refusing a real form.

Semantics follow XPath 1.0 as ODK applies it: an unanswered question is the empty string;
comparing with a number converts the other side with `number()` (empty -> NaN, so
`${age} > 5` is false when age is unanswered); `selected(a, b)` tests membership in the
space-separated list `a`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .i18n import gettext as _

__all__ = ["Expression", "Unsupported", "compile_expression", "to_boolean", "to_number"]


class Unsupported(ValueError):
    """The expression uses syntax or a function this evaluator does not implement."""


_TOKEN = re.compile(
    r"""\s*(?:
    (?P<ref>\$\{[A-Za-z_][A-Za-z0-9_.\-]*\})
  | (?P<num>\d+(?:\.\d*)?|\.\d+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,|\|)
  | (?P<dot>\.(?![.\w]))
  | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*(?::[A-Za-z_][A-Za-z0-9_\-]*)?)
  | (?P<other>\S)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        kind = m.lastgroup or "other"
        value = m.group(kind)
        if kind == "other":
            raise Unsupported(_("unexpected %(token)s") % {"token": repr(value)})
        if kind == "name" and value in ("and", "or", "div", "mod"):
            # keywords only when used as operators: a preceding operand makes them binary
            if out and out[-1][0] in ("ref", "num", "str", "dot", "close"):
                kind = "op"
        if kind == "op" and value == ")":
            kind = "close"
        out.append((kind, value))
    return out


# --- AST: tuples keep it small and hashable -------------------------------------------
# ("lit", value) ("ref", name) ("col", choice column) ("dot",) ("bin", op, a, b) ("neg", a) ("call", name, args)

_BINARY = {"or": 1, "and": 2, "=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4}
_BINARY.update({"+": 5, "-": 5, "*": 6, "div": 6, "mod": 6})


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.t = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise Unsupported(_("expression ends too early"))
        self.i += 1
        return tok

    def expr(self, min_prec: int = 1) -> tuple:
        left = self.unary()
        while True:
            tok = self.peek()
            if tok is None or tok[0] != "op" or tok[1] not in _BINARY:
                return left
            prec = _BINARY[tok[1]]
            if prec < min_prec:
                return left
            self.take()
            right = self.expr(prec + 1)
            left = ("bin", tok[1], left, right)

    def unary(self) -> tuple:
        tok = self.peek()
        if tok == ("op", "-"):
            self.take()
            return ("neg", self.unary())
        return self.primary()

    def primary(self) -> tuple:
        kind, value = self.take()
        if kind == "num":
            return ("lit", float(value))
        if kind == "str":
            return ("lit", value[1:-1])
        if kind == "ref":
            return ("ref", value[2:-1])
        if kind == "dot":
            return ("dot",)
        if kind == "op" and value == "(":
            inner = self.expr()
            if self.take()[0] != "close":
                raise Unsupported(_("missing ')'"))
            return inner
        if kind == "name":
            if self.peek() == ("op", "("):
                self.take()
                args: list[tuple] = []
                nxt = self.peek()
                if nxt is not None and nxt[0] == "close":
                    self.take()
                else:
                    while True:
                        args.append(self.expr())
                        sep = self.take()
                        if sep[0] == "close":
                            break
                        if sep != ("op", ","):
                            raise Unsupported(
                                _("unexpected %(token)s in arguments") % {"token": repr(sep[1])}
                            )
                if value not in FUNCTIONS:
                    raise Unsupported(_("function %(name)s() is not supported") % {"name": value})
                return ("call", value, tuple(args))
            if ":" in value or "-" in value:
                raise Unsupported(
                    _("path or name %(name)s is not supported") % {"name": repr(value)}
                )
            # a bare name: a choice-sheet column, in choice filters (`county = ${county}`)
            return ("col", value)
        raise Unsupported(_("unexpected %(token)s") % {"token": repr(value)})


# --- conversions (XPath 1.0) -----------------------------------------------------------


def to_number(v: Any) -> float:
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, dt.date):
        return float((v - dt.date(1970, 1, 1)).days)
    try:
        return float(str(v).strip())
    except ValueError:
        return math.nan


def to_string(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def to_boolean(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        return not (v == 0 or math.isnan(v))
    return bool(to_string(v))


def _compare(op: str, a: Any, b: Any) -> bool:
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            eq = to_boolean(a) == to_boolean(b)
        elif isinstance(a, int | float) or isinstance(b, int | float):
            eq = to_number(a) == to_number(b)
        else:
            eq = to_string(a) == to_string(b)
        return eq if op == "=" else not eq
    x, y = to_number(a), to_number(b)
    if isinstance(a, str) and isinstance(b, str) and math.isnan(x) and math.isnan(y):
        # ISO dates compare as strings in practice (ODK converts them to day numbers)
        x, y = _date_number(a), _date_number(b)
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]


def _date_number(s: str) -> float:
    try:
        return to_number(dt.date.fromisoformat(s[:10]))
    except ValueError:
        return math.nan


def _selected(a: Any, b: Any) -> bool:
    return to_string(b).strip() in to_string(a).split()


def _regex(a: Any, pattern: Any) -> bool:
    try:
        return re.search(to_string(pattern), to_string(a)) is not None
    except re.error:
        return False


def _round(v: Any, places: Any = 0) -> float:
    n = to_number(v)
    if math.isnan(n):
        return n
    p = int(to_number(places))
    q = 10**p
    return math.floor(n * q + 0.5) / q


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "selected": _selected,
    "count-selected": lambda a: float(len(to_string(a).split())),
    "string-length": lambda a=None: float(len(to_string(a))),
    "regex": _regex,
    "not": lambda a: not to_boolean(a),
    "true": lambda: True,
    "false": lambda: False,
    "boolean": to_boolean,
    "number": to_number,
    "string": to_string,
    "int": lambda a: float(math.trunc(to_number(a))) if not math.isnan(to_number(a)) else math.nan,
    "round": _round,
    "floor": lambda a: float(math.floor(to_number(a))),
    "ceiling": lambda a: float(math.ceil(to_number(a))),
    "abs": lambda a: abs(to_number(a)),
    "concat": lambda *a: "".join(to_string(x) for x in a),
    "contains": lambda a, b: to_string(b) in to_string(a),
    "starts-with": lambda a, b: to_string(a).startswith(to_string(b)),
    "ends-with": lambda a, b: to_string(a).endswith(to_string(b)),
    "coalesce": lambda a, b: a if to_string(a) != "" else b,
    "if": lambda c, a, b: a if to_boolean(c) else b,
    "today": lambda: dt.date.today().isoformat(),
    "date": lambda a: to_string(a)[:10],
    "min": lambda *a: min(to_number(x) for x in a),
    "max": lambda *a: max(to_number(x) for x in a),
}


@dataclass(frozen=True)
class Expression:
    """A compiled expression. `refs` lists the `${names}` it reads."""

    source: str
    tree: tuple
    refs: frozenset[str]

    def evaluate(self, values: Mapping[str, Any], current: Any = "") -> Any:
        """Evaluate with `values` (question name -> answer, unanswered = "" or missing)
        and `current` as `.`. Raises `Unsupported` only for wrong function arity."""
        return _eval(self.tree, values, current)

    def test(self, values: Mapping[str, Any], current: Any = "") -> bool:
        return to_boolean(self.evaluate(values, current))


def _eval(node: tuple, values: Mapping[str, Any], current: Any) -> Any:
    kind = node[0]
    if kind == "lit":
        return node[1]
    if kind == "ref":
        v = values.get(node[1], "")
        return "" if v is None else v
    if kind == "dot":
        return "" if current is None else current
    if kind == "col":
        v = values.get("@" + node[1], "")
        return "" if v is None else v
    if kind == "neg":
        return -to_number(_eval(node[1], values, current))
    if kind == "call":
        args = [_eval(a, values, current) for a in node[2]]
        try:
            return FUNCTIONS[node[1]](*args)
        except TypeError:
            raise Unsupported(
                _("%(name)s() called with %(count)s arguments")
                % {"name": node[1], "count": len(args)}
            ) from None
    op, a_node, b_node = node[1], node[2], node[3]
    if op == "and":
        return to_boolean(_eval(a_node, values, current)) and to_boolean(
            _eval(b_node, values, current)
        )
    if op == "or":
        return to_boolean(_eval(a_node, values, current)) or to_boolean(
            _eval(b_node, values, current)
        )
    a = _eval(a_node, values, current)
    b = _eval(b_node, values, current)
    if op in ("=", "!=", "<", "<=", ">", ">="):
        return _compare(op, a, b)
    x, y = to_number(a), to_number(b)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "div":
        return math.nan if y == 0 else x / y
    if op == "mod":
        return math.nan if y == 0 else math.fmod(x, y)
    raise Unsupported(f"operator {op!r}")  # pragma: no cover - parser limits operators


def _refs(node: tuple) -> set[str]:
    if node[0] == "ref":
        return {node[1]}
    if node[0] == "neg":
        return _refs(node[1])
    if node[0] == "bin":
        return _refs(node[2]) | _refs(node[3])
    if node[0] == "call":
        out: set[str] = set()
        for a in node[2]:
            out |= _refs(a)
        return out
    return set()


def compile_expression(source: str) -> Expression:
    """Parse an XLSForm expression. Raises `Unsupported` for anything outside the subset."""
    if len(source) > 2000:
        raise Unsupported(_("expression is longer than %(most)s characters") % {"most": 2000})
    tokens = _tokens(source)
    if not tokens:
        raise Unsupported(_("empty expression"))
    parser = _Parser(tokens)
    tree = parser.expr()
    leftover = parser.peek()
    if leftover is not None:
        raise Unsupported(_("unexpected %(token)s") % {"token": repr(leftover[1])})
    return Expression(source, tree, frozenset(_refs(tree)))
