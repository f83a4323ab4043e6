"""XLSForm adapter: pyxform (the reference implementation) does the parsing; this module
checks the file is safe to open, turns pyxform's JSON into flat question/choice records,
and turns pyxform's errors into one clear line naming sheet, row and column.

No Django here: `services.import_instrument` stores what this returns.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tallytale.core.xpath import Unsupported, compile_expression
from tallytale.errors import InvalidInput

MAX_FORM_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv", ".md"}
GROUP_TYPES = {"group", "repeat"}
# pyxform's bind/control keys we give their own columns; the rest goes to `extra`
_ELEMENT_KEYS = {"type", "name", "label", "hint", "bind", "control", "children", "choices"}
_ELEMENT_KEYS |= {"itemset", "list_name", "parameters", "choice_filter", "default"}


class FormError(InvalidInput):
    """A bad form: the message names the file, sheet, row and column where known."""


@dataclass
class ParsedQuestion:
    position: int
    name: str
    path: str
    type: str
    parent_path: str = ""
    repeat_path: str = ""
    list_name: str = ""
    label: dict[str, str] = field(default_factory=dict)
    hint: dict[str, str] = field(default_factory=dict)
    relevant: str = ""
    constraint: str = ""
    constraint_message: dict[str, str] = field(default_factory=dict)
    required: bool = False
    required_message: dict[str, str] = field(default_factory=dict)
    calculation: str = ""
    default: str = ""
    appearance: str = ""
    choice_filter: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ParsedChoice:
    list_name: str
    position: int
    name: str
    label: dict[str, str]
    extra: dict[str, Any]


@dataclass
class ParsedForm:
    form_id: str
    version: str
    title: str
    default_language: str
    languages: list[str]
    questions: list[ParsedQuestion]
    choices: list[ParsedChoice]
    definition: dict
    warnings: list[str]
    unsupported: list[str]  # "path: relevant `expr` (reason)"
    xform: str = ""  # the XForm XML pyxform produced, served as is to OpenRosa clients


def language_code(name: str) -> str:
    """'Cymraeg (cy)' -> 'cy'; 'English' -> 'en' (for a few well-known names); else ''."""
    m = re.search(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$", name or "")
    if m:
        return m.group(1).lower()
    known = {"english": "en", "cymraeg": "cy", "welsh": "cy", "arabic": "ar", "العربية": "ar"}
    return known.get((name or "").strip().lower(), "")


def _labels(value: Any, default_language: str) -> dict[str, str]:
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v not in (None, "")}
    return {default_language or "default": str(value)}


def _parameters(value: Any) -> dict[str, Any]:
    """pyxform hands `parameters` over as a dict or as the sheet's raw text
    (`quality=voice-only`, `start=1 end=5;step=1`); read the text with pyxform's own parser."""
    if not value:
        return {}
    if isinstance(value, dict):
        return dict(value)
    from pyxform.errors import PyXFormError
    from pyxform.parsing.parameters import parse

    try:
        return dict(parse(str(value), 0))
    except PyXFormError:
        return {"raw": str(value)}  # pyxform accepted the form; keep what it said


def check_file(path: Path, max_bytes: int = MAX_FORM_BYTES) -> None:
    """Refuse what is not safe to hand to a spreadsheet reader: missing, huge, not a
    real zip (for .xlsx), or a zip that would inflate beyond MAX_UNZIPPED_BYTES."""
    if not path.is_file():
        raise InvalidInput(_("no such file: %(path)s") % {"path": path})
    size = path.stat().st_size
    if size > max_bytes:
        raise InvalidInput(
            _("%(path)s is %(size)s MB; the limit is %(limit)s MB")
            % {
                "path": path.name,
                "size": size // (1024 * 1024),
                "limit": max_bytes // (1024 * 1024),
            }
        )
    if size == 0:
        raise InvalidInput(_("%(path)s is empty") % {"path": path.name})
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if not zipfile.is_zipfile(path):
            raise InvalidInput(
                _("%(path)s is not a valid .xlsx file (not a zip archive)") % {"path": path.name}
            )
        try:
            with zipfile.ZipFile(path) as zf:
                total = sum(i.file_size for i in zf.infolist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise InvalidInput(
                _("%(path)s is not a valid .xlsx file (%(exc)s)") % {"path": path.name, "exc": exc}
            ) from None
        if total > MAX_UNZIPPED_BYTES:
            raise InvalidInput(
                _("%(path)s would unpack to %(size)s MB; refusing (limit %(limit)s MB)")
                % {
                    "path": path.name,
                    "size": total // (1024 * 1024),
                    "limit": MAX_UNZIPPED_BYTES // (1024 * 1024),
                }
            )


def _locate(message: str, workbook: Any) -> str:
    """Add sheet/row/column to pyxform messages that lack them, by finding the quoted value."""
    m = re.match(r"\[row\s*:\s*(\d+)\]\s*(.*)", message, re.S)
    if m:
        row, rest = m.groups()
        sheet = next((s for s in ("choices", "settings", "entities") if f"'{s}'" in rest), "survey")
        col = re.search(r"the '([\w:() -]+)' value", rest)
        if col is None and "no name" in rest:
            col = re.search(r"(name)", rest)
        where = {"sheet": sheet, "row": row}
        if col:
            return _("sheet '%(sheet)s', row %(row)s, column '%(column)s': %(problem)s") % {
                **where,
                "column": col.group(1),
                "problem": rest,
            }
        return _("sheet '%(sheet)s', row %(row)s: %(problem)s") % {**where, "problem": rest}
    if workbook is None:
        return message
    quoted = re.findall(r"'([^']+)'", message)
    for value in quoted:
        for sheet in ("survey", "choices", "settings"):
            rows = getattr(workbook, sheet, None) or []
            for i, row in enumerate(rows, start=2):
                for col, cell in row.items():
                    if isinstance(cell, str) and cell.strip() == value:
                        return _(
                            "sheet '%(sheet)s', row %(row)s, column '%(column)s': %(problem)s"
                        ) % {"sheet": sheet, "row": i, "column": col, "problem": message}
    return message


def parse_xlsform(source: str | Path | dict, *, name: str = "") -> ParsedForm:
    """Parse an XLSForm file (xlsx/xls/csv/md) or a workbook dict with pyxform."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import get_xlsform
    from pyxform.xls2xform import convert

    workbook = None
    if isinstance(source, dict):
        label = name or "form"
        data: Any = source
    else:
        path = Path(source)
        label = path.name
        if path.suffix.lower() not in SUFFIXES:
            raise FormError(
                _("%(label)s: expected an XLSForm (.xlsx, .xls, .csv or .md)") % {"label": label}
            )
        check_file(path)
        data = str(path)
    warnings: list[str] = []
    try:
        workbook = get_xlsform(data)
        result = convert(xlsform=data, warnings=warnings)
    except PyXFormError as exc:
        # pyxform lists several problems one per line; keep every one, on one line
        lines = [line for line in str(exc).splitlines() if line.strip()] or [str(exc)]
        located = "; ".join(_locate(line.strip(), workbook) for line in lines)
        raise FormError(f"{label}: {located}") from None
    except Exception as exc:  # noqa: BLE001 - pyxform and its readers fail in many ways
        # A form pyxform cannot convert is refused in one line, never as a traceback: its
        # readers raise ValueError/KeyError/IndexError... for malformed workbooks.
        detail = " ".join(str(exc).split())  # one line, whatever the reader said
        raise FormError(
            _("%(label)s: cannot read the form (%(name)s: %(detail)s)")
            % {"label": label, "name": type(exc).__name__, "detail": detail}
        ) from None
    js = result._pyxform or {}
    parsed = _flatten(js, warnings)
    parsed.xform = result.xform or ""
    return parsed


def xform_of(definition: dict) -> str:
    """The XForm XML for a stored pyxform definition (the same bytes `convert` gave at import:
    used once, to fill instruments imported before the XML was kept)."""
    from pyxform.builder import create_survey_element_from_dict

    return create_survey_element_from_dict(definition).to_xml(pretty_print=False)


def _flatten(js: dict, warnings: list[str]) -> ParsedForm:
    default_language = str(js.get("default_language") or "default")
    languages: list[str] = []
    questions: list[ParsedQuestion] = []
    unsupported: list[str] = []

    def note_languages(*dicts: dict[str, str]) -> None:
        for d in dicts:
            for lang in d:
                if lang not in languages:
                    languages.append(lang)

    def walk(children: list[dict], parent: str, repeat: str) -> None:
        for el in children:
            name = str(el.get("name", ""))
            kind = str(el.get("type", ""))
            if parent == "" and name == "meta" and kind == "group":
                continue  # pyxform's own instanceID etc.
            path = f"{parent}/{name}" if parent else name
            bind = dict(el.get("bind") or {})
            control = dict(el.get("control") or {})
            q = ParsedQuestion(
                position=len(questions),
                name=name,
                path=path,
                type=kind,
                parent_path=parent,
                repeat_path=repeat,
                list_name=str(el.get("list_name") or el.get("itemset") or ""),
                label=_labels(el.get("label"), default_language),
                hint=_labels(el.get("hint"), default_language),
                relevant=str(bind.pop("relevant", "") or ""),
                constraint=str(bind.pop("constraint", "") or ""),
                constraint_message=_labels(bind.pop("jr:constraintMsg", ""), default_language),
                required=str(bind.pop("required", "")).strip().lower()
                in ("yes", "true", "true()", "1"),
                required_message=_labels(bind.pop("jr:requiredMsg", ""), default_language),
                calculation=str(bind.pop("calculate", "") or ""),
                default=str(el.get("default") or ""),
                appearance=str(control.pop("appearance", "") or ""),
                choice_filter=str(el.get("choice_filter") or ""),
                parameters=_parameters(el.get("parameters")),
                extra={
                    **({"bind": bind} if bind else {}),
                    **({"control": control} if control else {}),
                    **{k: v for k, v in el.items() if k not in _ELEMENT_KEYS},
                },
            )
            note_languages(q.label, q.hint, q.constraint_message)
            for what in ("relevant", "constraint", "calculation", "choice_filter"):
                expr = getattr(q, what)
                if expr:
                    try:
                        compile_expression(expr)
                    except Unsupported as exc:
                        unsupported.append(f"{path}: {what} `{expr}` ({exc})")
            questions.append(q)
            if kind in GROUP_TYPES:
                walk(el.get("children") or [], path, path if kind == "repeat" else repeat)

    walk(js.get("children") or [], "", "")
    choices: list[ParsedChoice] = []
    for list_name, items in (js.get("choices") or {}).items():
        for pos, item in enumerate(items):
            label = _labels(item.get("label"), default_language)
            note_languages(label)
            choices.append(
                ParsedChoice(
                    list_name=str(list_name),
                    position=pos,
                    name=str(item.get("name", "")),
                    label=label,
                    extra={k: v for k, v in item.items() if k not in ("name", "label")},
                )
            )
    if default_language in languages:
        languages.remove(default_language)
        languages.insert(0, default_language)
    return ParsedForm(
        form_id=str(js.get("id_string") or js.get("name") or "form"),
        version=str(js.get("version") or ""),
        title=str(js.get("title") or ""),
        default_language=default_language,
        languages=languages,
        questions=questions,
        choices=choices,
        definition=js,
        warnings=list(warnings),
        unsupported=unsupported,
    )
