"""The rules of one instrument, compiled once and applied to every response.

`FormSpec` is built from the stored questions and choices (plain records, no queries
inside) and validates an answer set the same way for web entry and for imports: types,
choices, required, `relevant` (answers to irrelevant questions are dropped), `constraint`
and `calculation`, using the safe evaluator in `tallytale.core.xpath`. Expressions the
evaluator cannot handle are skipped (the question is shown and its answer kept).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tallytale.core.xpath import Expression, Unsupported, compile_expression, to_string

TYPE_ALIASES = {
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "select one from file": "select_one",
    "select all that apply from file": "select_multiple",
    "dateTime": "datetime",
    "trigger": "acknowledge",
}
NUMERIC = {"integer", "decimal", "range"}
NO_ANSWER = {"note", "group", "repeat"}
MAX_TEXT = 10_000
_INT = re.compile(r"^[+-]?\d+(?:\.0*)?$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$")


def _compile(expr: str) -> Expression | None:
    if not expr:
        return None
    try:
        return compile_expression(expr)
    except Unsupported:
        return None


@dataclass
class QuestionSpec:
    path: str
    name: str
    type: str
    raw_type: str
    label: dict[str, str]
    hint: dict[str, str] = field(default_factory=dict)
    parent_path: str = ""
    repeat_path: str = ""
    list_name: str = ""
    required: bool = False
    relevant: Expression | None = None
    constraint: Expression | None = None
    calculation: Expression | None = None
    choice_filter: Expression | None = None
    constraint_message: dict[str, str] = field(default_factory=dict)
    required_message: dict[str, str] = field(default_factory=dict)
    appearance: str = ""
    default: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    choices: list[tuple[str, dict[str, str], dict[str, Any]]] = field(default_factory=list)
    choice_names: frozenset[str] = frozenset()
    unevaluated: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "repeat")

    @property
    def takes_answer(self) -> bool:
        return self.type not in NO_ANSWER


def normalise_type(raw: str) -> str:
    return TYPE_ALIASES.get(raw, raw)


def pick_label(labels: Mapping[str, str], language: str, default_language: str = "") -> str:
    """The label in `language` (a form language name), else the default, else any."""
    if not labels:
        return ""
    return (
        labels.get(language)
        or labels.get(default_language)
        or labels.get("default")
        or next(iter(labels.values()))
    )


class FormSpec:
    """Questions of one instrument in form order, with compiled expressions."""

    def __init__(
        self,
        questions: Iterable[Mapping[str, Any]],
        choices: Iterable[Mapping[str, Any]],
        default_language: str = "",
        languages: Iterable[str] = (),
    ):
        self.default_language = default_language
        self.languages = list(languages)
        by_list: dict[str, list[tuple[str, dict[str, str], dict[str, Any]]]] = {}
        for c in choices:
            by_list.setdefault(c["list_name"], []).append((c["name"], c["label"], c["extra"]))
        self.questions: list[QuestionSpec] = []
        for q in questions:
            raw_type = q["type"]
            t = normalise_type(raw_type)
            opts = by_list.get(q["list_name"], []) if t.startswith("select") or t == "rank" else []
            unevaluated = tuple(
                what
                for what in ("relevant", "constraint", "calculation", "choice_filter")
                if q.get(what) and _compile(q[what]) is None
            )
            self.questions.append(
                QuestionSpec(
                    path=q["path"],
                    name=q["name"],
                    type=t,
                    raw_type=raw_type,
                    label=q.get("label") or {},
                    hint=q.get("hint") or {},
                    parent_path=q.get("parent_path", ""),
                    repeat_path=q.get("repeat_path", ""),
                    list_name=q.get("list_name", ""),
                    required=bool(q.get("required")),
                    relevant=_compile(q.get("relevant", "")),
                    constraint=_compile(q.get("constraint", "")),
                    calculation=_compile(q.get("calculation", "")),
                    choice_filter=_compile(q.get("choice_filter", "")),
                    constraint_message=q.get("constraint_message") or {},
                    required_message=q.get("required_message") or {},
                    appearance=q.get("appearance", ""),
                    default=q.get("default", ""),
                    parameters=q.get("parameters") or {},
                    choices=opts,
                    choice_names=frozenset(o[0] for o in opts),
                    unevaluated=unevaluated,
                )
            )
        self.by_path = {q.path: q for q in self.questions}
        self.top_level = [q for q in self.questions if not q.repeat_path]
        self.repeats = {q.path: q for q in self.questions if q.type == "repeat"}
        self.names = frozenset(q.name for q in self.questions if q.takes_answer)

    # -- answers -------------------------------------------------------------------

    def children_of_repeat(self, repeat_path: str) -> list[QuestionSpec]:
        return [q for q in self.questions if q.repeat_path == repeat_path and q.path != repeat_path]

    def visible_choices(
        self, q: QuestionSpec, env: Mapping[str, Any]
    ) -> list[tuple[str, dict[str, str], dict[str, Any]]]:
        """Choices after a (supported) choice filter, for cascading selects."""
        if q.choice_filter is None:
            return q.choices
        out = []
        for name, label, extra in q.choices:
            scope = dict(env)
            scope["@name"] = name
            for k, v in extra.items():
                scope["@" + k] = v
            try:
                if q.choice_filter.test(scope):
                    out.append((name, label, extra))
            except Unsupported:
                return q.choices
        return out

    def validate(
        self, answers: Mapping[str, Any], *, check_filters: bool = True
    ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """Validate answers keyed by question path (repeats: path -> list of dicts).

        Returns (clean answers, [(path, problem)]). Answers to irrelevant questions are
        dropped; calculations are (re)computed where the evaluator can.
        """
        clean: dict[str, Any] = {}
        errors: list[tuple[str, str]] = []
        env: dict[str, Any] = {}
        self._run(self.top_level, answers, clean, errors, env, "", check_filters)
        return clean, errors

    def _run(self, questions, answers, clean, errors, env, prefix, check_filters) -> None:
        hidden: list[str] = []  # paths of irrelevant groups
        for q in questions:
            if hidden and any(q.path.startswith(h + "/") for h in hidden):
                continue
            relevant = True
            if q.relevant is not None:
                try:
                    relevant = q.relevant.test(env)
                except Unsupported:
                    relevant = True
            if not relevant:
                if q.is_group:
                    hidden.append(q.path)
                env[q.name] = ""
                continue
            if q.type == "repeat":
                instances = answers.get(q.path) or []
                if not isinstance(instances, list):
                    errors.append((prefix + q.path, _("a repeat needs a list of instances")))
                    continue
                kept = []
                for i, inst in enumerate(instances, start=1):
                    if not isinstance(inst, Mapping) or not any(
                        str(v).strip() for v in inst.values() if v is not None
                    ):
                        continue
                    inner: dict[str, Any] = {}
                    self._run(
                        self.children_of_repeat(q.path),
                        inst,
                        inner,
                        errors,
                        dict(env),
                        f"{prefix}{q.path}[{i}]:",
                        check_filters,
                    )
                    kept.append(inner)
                if kept:
                    clean[q.path] = kept
                env[q.name] = str(len(kept))
                continue
            if q.repeat_path and not prefix:
                continue  # repeat children are handled inside their repeat
            if not q.takes_answer:
                continue
            if q.type == "calculate" and q.calculation is not None:
                try:
                    value = _format_number(q.calculation.evaluate(env))
                except Unsupported:
                    value = _text(answers.get(q.path))
            else:
                value, problem = self.parse_value(q, answers.get(q.path), env, check_filters)
                if problem:
                    errors.append((prefix + q.path, problem))
                    env[q.name] = ""
                    continue
            if value == "":
                if q.required:
                    errors.append((prefix + q.path, _("is required")))
                env[q.name] = ""
                continue
            if q.constraint is not None:
                try:
                    # the answer is in scope under its own name too: `${age} < 120` on
                    # the question `age` means the same as `. < 120`
                    ok = q.constraint.test({**env, q.name: value}, value)
                except Unsupported:
                    ok = True
                if not ok:
                    msg = pick_label(q.constraint_message, self.default_language)
                    errors.append(
                        (
                            prefix + q.path,
                            msg
                            or _("%(value)s does not meet `%(source)s`")
                            % {"value": repr(value), "source": q.constraint.source},
                        )
                    )
                    env[q.name] = value
                    continue
            clean[q.path] = value
            env[q.name] = value

    def parse_value(
        self,
        q: QuestionSpec,
        raw: Any,
        env: Mapping[str, Any] | None = None,
        check_filters: bool = True,
    ) -> tuple[str, str]:
        """(canonical text, problem) for one answer; '' means unanswered."""
        text = _text(raw)
        if text == "":
            return "", ""
        t = q.type
        if t == "integer":
            if not _INT.match(text):
                return "", _("%(text)s is not a whole number") % {"text": repr(text)}
            return str(int(float(text))), ""
        if t in ("decimal", "range"):
            try:
                n = float(text)
            except ValueError:
                return "", _("%(text)s is not a number") % {"text": repr(text)}
            if math.isnan(n) or math.isinf(n):
                return "", _("%(text)s is not a number") % {"text": repr(text)}
            if t == "range":
                lo = _num(q.parameters.get("start"), 1.0)
                hi = _num(q.parameters.get("end"), 10.0)
                lo, hi = min(lo, hi), max(lo, hi)
                if not lo <= n <= hi:
                    return "", _("%(text)s is outside %(low)s–%(high)s") % {
                        "text": text,
                        "low": _format_number(lo),
                        "high": _format_number(hi),
                    }
            return _format_number(n), ""
        if t == "select_one":
            if text not in q.choice_names:
                return "", _("%(text)s is not one of the choices for %(question)s") % {
                    "text": repr(text),
                    "question": q.name,
                }
            if check_filters and q.choice_filter is not None and env is not None:
                if text not in {c[0] for c in self.visible_choices(q, env)}:
                    return "", _("%(text)s is not allowed given the earlier answers") % {
                        "text": repr(text)
                    }
            return text, ""
        if t == "select_multiple":
            picked: list[str] = []
            for token in text.split():
                if token not in q.choice_names:
                    return "", _("%(text)s is not one of the choices for %(question)s") % {
                        "text": repr(token),
                        "question": q.name,
                    }
                if token not in picked:
                    picked.append(token)
            return " ".join(picked), ""
        if t == "date":
            try:
                return dt.date.fromisoformat(text[:10]).isoformat(), ""
            except ValueError:
                return "", _("%(text)s is not a date (YYYY-MM-DD)") % {"text": repr(text)}
        if t == "datetime":
            try:
                return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat(), ""
            except ValueError:
                return "", _("%(text)s is not a date and time (YYYY-MM-DDTHH:MM)") % {
                    "text": repr(text)
                }
        if t == "time":
            if not _TIME.match(text):
                return "", _("%(text)s is not a time (HH:MM)") % {"text": repr(text)}
            return text, ""
        if t == "geopoint":
            parts = text.replace(",", " ").split()
            try:
                nums = [float(p) for p in parts]
            except ValueError:
                nums = []
            if (
                len(nums) < 2
                or len(nums) > 4
                or not -90 <= nums[0] <= 90
                or not -180 <= nums[1] <= 180
            ):
                return "", _("%(text)s is not a location (latitude longitude)") % {
                    "text": repr(text)
                }
            return " ".join(_format_number(n) for n in nums), ""
        if t == "acknowledge":
            if text.lower() in ("ok", "1", "yes", "true", "on"):
                return "OK", ""
            if text.lower() in ("0", "no", "false"):
                return "", ""
            return "", _("%(text)s is not an acknowledgement (OK)") % {"text": repr(text)}
        if len(text) > MAX_TEXT:
            return "", _("is longer than %(MAX_TEXT)s characters") % {"MAX_TEXT": MAX_TEXT}
        return text, ""

    def typed(self, q: QuestionSpec, value: str) -> tuple[float | None, dt.date | None]:
        """(number, date) columns of the Answer row for a canonical value."""
        number: float | None = None
        day: dt.date | None = None
        if q.type in NUMERIC or q.type == "calculate" or q.type == "select_one":
            try:
                number = float(value)
                if math.isnan(number) or math.isinf(number):
                    number = None
            except ValueError:
                number = None
        elif q.type in ("date", "datetime"):
            try:
                day = dt.date.fromisoformat(value[:10])
            except ValueError:
                day = None
        return number, day

    def scale_answers(self, clean: Mapping[str, Any]) -> dict[str, Any]:
        """Answers by question *name* (what the scale scorers look for)."""
        return {self.by_path[p].name: v for p, v in clean.items() if p in self.by_path}


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw).strip()


def _num(v: Any, default: float) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def _format_number(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        f = float(v)
        if math.isnan(f):
            return ""
        return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)
    return to_string(v)
