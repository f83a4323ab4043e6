"""Read response exports from KoboToolbox and ODK Central (CSV or XLSX) into `RawRow`s.

What real exports look like, and what we accept:
- headers as question names or paths (`group/question`; ODK Central writes
  `group-question`), or as labels in any of the form's languages;
- `select_multiple` as one space-separated column, or only as one 0/1 column per option
  (`question/option`), or both (Kobo's default: we use the space-separated one);
- values as choice names or choice labels;
- the submission id in `_uuid`, `meta/instanceID`, `instanceID` or `KEY` (with or
  without `uuid:`), the time in `_submission_time` or `SubmissionDate`;
- Kobo's `;` delimited CSV as well as `,` and tab (the importers' one reader,
  `tallytale.tables`, finds the delimiter and the encoding);
- repeat groups flattened into columns (`household[2]/hh_age`), as repeat instances;
- Ona's "n/a" placeholder for a skipped question, read as unanswered (and counted);
- decimal commas (`2,5`) and unambiguous UK dates (`14/03/2025`) in number and date
  questions.

Rows are streamed: the file is never held in memory as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext

from tallytale import tables
from tallytale.errors import InputErrors
from tallytale.tables import Table

from .responses import RawRow
from .spec import FormSpec, QuestionSpec

MAX_RESPONSE_BYTES = 1024 * 1024 * 1024
ID_COLUMNS = ("_uuid", "meta/instanceid", "instanceid", "key", "meta-instanceid")
TIME_COLUMNS = ("_submission_time", "submissiondate")
PARTICIPANT_COLUMNS = ("participant_code", "participant", "person_code", "respondent_code", "code")
#: a partner organisation's slug: that row is the organisation's response, not a person's
ORGANISATION_COLUMNS = ("organisation", "organization", "organisation_slug", "partner_slug")
#: who answered on the organisation's behalf
CONTACT_COLUMNS = ("contact_name", "organisation_contact", "contact")
META_COLUMNS = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "audit",
    "__version__",
    "formhub/uuid",
    "submitterid",
    "submittername",
    "attachmentspresent",
    "attachmentsexpected",
    "status",
    "reviewstate",
    "edits",
    "formversion",
    "meta/deprecatedid",
    "meta/rootuuid",
    "meta/instancename",
}
TRUE = {"1", "1.0", "true", "yes", "x"}
#: What exporters write in a cell for "no answer", read as unanswered. Ona's CSV/XLSX
#: exports write "n/a" for questions skipped by relevance (and KoboToolbox's legacy
#: exports, built on Ona's formhub, do the same); ODK Central leaves the cell empty.
MISSING_PLACEHOLDERS = {"n/a"}
_REPEAT_COLUMN = re.compile(r"^(.+?)\[(\d+)\][/.:-](.+)$")


@dataclass
class ColumnMap:
    id_col: int
    time_col: int | None
    participant_col: int | None
    questions: list[tuple[int, QuestionSpec]]
    one_hot: dict[str, list[tuple[int, str]]]  # path -> [(column, choice name)]
    ignored: list[str] = field(default_factory=list)
    # flat repeat columns (`children[2]/name`): (column, repeat path, instance, question)
    repeats: list[tuple[int, str, int, QuestionSpec]] = field(default_factory=list)
    placeholders: int = 0  # cells holding a documented "no answer" placeholder (n/a)
    organisation_col: int | None = None
    contact_col: int | None = None


def _key(text: str) -> str:
    return " ".join(str(text).replace("\ufeff", "").strip().casefold().split())


def map_columns(header: list[str], spec: FormSpec, participant_field: str = "") -> ColumnMap:
    """Match each header to a question (by path, name, or label), or explain why not."""
    keys = [_key(h) for h in header]
    lookup: dict[str, QuestionSpec] = {}
    names: dict[str, list[QuestionSpec]] = {}
    labels: dict[str, QuestionSpec] = {}
    group_labels: dict[str, dict[str, str]] = {}
    for q in spec.questions:
        if q.is_group:
            group_labels[q.path] = q.label
        if q.repeat_path or not q.takes_answer:
            continue
        for sep in ("/", "-", ".", ":"):
            lookup.setdefault(_key(q.path.replace("/", sep)), q)
        names.setdefault(_key(q.name), []).append(q)
        for lang, text in q.label.items():
            labels.setdefault(_key(text), q)
            parts = []
            parent = q.parent_path
            while parent:
                parts.insert(0, group_labels.get(parent, {}).get(lang, parent.rsplit("/", 1)[-1]))
                parent = parent.rsplit("/", 1)[0] if "/" in parent else ""
            if parts:
                labels.setdefault(_key("/".join([*parts, text])), q)
    for n, qs in names.items():
        if len(qs) == 1:
            lookup.setdefault(n, qs[0])

    def find(candidates: tuple[str, ...]) -> int | None:
        for c in candidates:
            if c in keys:
                return keys.index(c)
        return None

    id_col = find(ID_COLUMNS)
    if id_col is None:
        raise InputErrors(
            [gettext("line 1: no submission id column (_uuid, meta/instanceID, instanceID or KEY)")]
        )
    time_col = find(TIME_COLUMNS)
    want = (_key(participant_field),) if participant_field else PARTICIPANT_COLUMNS
    participant_col = find(want)
    if participant_col is None:
        for i, k in enumerate(keys):
            q = lookup.get(k) or labels.get(k)
            if (
                k.rsplit("/", 1)[-1] in want
                or k.rsplit("-", 1)[-1] in want
                or (q and _key(q.name) in want)
            ):
                participant_col = i
                break
    organisation_col = find(ORGANISATION_COLUMNS)
    contact_col = find(CONTACT_COLUMNS) if organisation_col is not None else None
    if participant_col is None and organisation_col is None:
        raise InputErrors(
            [
                (
                    gettext(
                        "line 1: no participant code column (looked for %(choices)s; name it "
                        "with --participant-field), nor an organisation column for partners' "
                        "responses"
                    )
                    % {"choices": ", ".join(want)}
                )
            ]
        )
    questions: list[tuple[int, QuestionSpec]] = []
    one_hot: dict[str, list[tuple[int, str]]] = {}
    ignored: list[str] = []
    repeats: list[tuple[int, str, int, QuestionSpec]] = []
    mapped: set[str] = set()
    multi = [q for q in spec.questions if q.type == "select_multiple" and not q.repeat_path]
    repeat_prefixes = [_key(p) for p in spec.repeats]
    for i, k in enumerate(keys):
        if i in (id_col, time_col, organisation_col, contact_col) or not k:
            continue
        q = lookup.get(k) or labels.get(k)
        if q is not None and q.path not in mapped:
            questions.append((i, q))
            mapped.add(q.path)
            continue
        hit = False
        for mq in multi:
            for sep in ("/", "-", ".", ":"):
                for base in {_key(mq.path.replace("/", sep)), _key(mq.name)}:
                    if k.startswith(base + sep) or k.startswith(base + "/"):
                        option = header[i].strip()[len(base) + 1 :]
                        for name, lab, _ in mq.choices:
                            if _key(option) == _key(name) or _key(option) in {
                                _key(v) for v in lab.values()
                            }:
                                one_hot.setdefault(mq.path, []).append((i, name))
                                hit = True
                                break
                    if hit:
                        break
                if hit:
                    break
            if hit:
                break
        if hit:
            continue
        if i in (participant_col, organisation_col, contact_col):
            continue
        if k.startswith("_") or k in META_COLUMNS or k.startswith("meta/") or k.startswith("meta-"):
            continue
        inside = _repeat_column(k, spec)
        if inside is not None:
            repeats.append((i, *inside))
            continue
        if any(k.startswith(p + "/") or k.startswith(p + "-") for p in repeat_prefixes):
            ignored.append(f"{header[i]} (inside a repeat; name its instance: {header[i]}[1]/…)")
            continue
        if q is None:
            ignored.append(header[i])
    one_hot = {p: cols for p, cols in one_hot.items() if p not in mapped}
    return ColumnMap(
        id_col,
        time_col,
        participant_col,
        questions,
        one_hot,
        ignored,
        repeats,
        organisation_col=organisation_col,
        contact_col=contact_col,
    )


def _repeat_column(key: str, spec: FormSpec) -> tuple[str, int, QuestionSpec] | None:
    """(repeat path, instance, question) for a flat export's repeat column: Ona and Kobo
    write `household[2]/hh_age` (or `group/household[2]/hh_age`); ODK Central's `-` and
    `.` separators are read too. Nested repeats are not flattened this way."""
    m = _REPEAT_COLUMN.match(key)
    if m is None:
        return None
    prefix, index, rest = m.groups()
    if "[" in rest:
        return None
    for path in spec.repeats:
        rq = spec.repeats[path]
        forms = {_key(path.replace("/", sep)) for sep in ("/", "-", ".", ":")} | {_key(rq.name)}
        if prefix not in forms:
            continue
        children = [q for q in spec.children_of_repeat(path) if q.takes_answer]
        tail = re.split(r"[/.:-]", rest)
        for q in children:
            inner = q.path[len(path) + 1 :]
            if rest in {_key(inner.replace("/", sep)) for sep in ("/", "-", ".", ":")}:
                return path, int(index), q
        named = [q for q in children if _key(q.name) == tail[-1]]
        if len(named) == 1:
            return path, int(index), named[0]
    return None


def _choice_name(q: QuestionSpec, value: str) -> str:
    """Map a choice label (any language) back to its name; names pass through."""
    if value in q.choice_names:
        return value
    k = _key(value)
    for name, labels, _ in q.choices:
        if any(_key(v) == k for v in labels.values()):
            return name
    return value


def _multi_names(q: QuestionSpec, value: str) -> str:
    tokens = value.split()
    if all(t in q.choice_names for t in tokens):
        return value
    # labels joined by spaces: match the longest label at each position
    options = sorted(
        ((_key(lab), name) for name, labels, _ in q.choices for lab in labels.values()),
        key=lambda x: -len(x[0]),
    )
    rest = _key(value)
    out = []
    while rest:
        for lab, name in options:
            if lab and (rest == lab or rest.startswith(lab + " ")):
                out.append(name)
                rest = rest[len(lab) :].strip()
                break
        else:
            return value  # let validation name the unknown choice
    return " ".join(out)


def rows_from_table(
    table: Table, spec: FormSpec, participant_field: str = ""
) -> tuple[ColumnMap, Iterator[RawRow]]:
    """Turn a Table's rows into RawRows, mapping headers once. A row the reader refused
    (an extra or a missing field) comes through as a RawRow carrying its problem, in
    file order, so the importer reports it with the rest."""
    cmap = map_columns(table.header, spec, participant_field)

    def cell(cells: list[str], i: int | None) -> str:
        return "" if i is None or i >= len(cells) else cells[i]

    def value(q: QuestionSpec, v: str) -> str:
        if v == "":
            return v
        if v.casefold() in MISSING_PLACEHOLDERS and v not in q.choice_names:
            cmap.placeholders += 1
            return ""
        if q.type == "select_one":
            return _choice_name(q, v)
        if q.type == "select_multiple":
            return _multi_names(q, v)
        if q.type in ("decimal", "range"):
            try:
                return tables.parse_decimal(v)
            except ValueError:
                return v  # validation names it
        if q.type == "date" and not v[:4].isdigit():
            try:
                return tables.parse_day(v).isoformat()
            except ValueError:
                return v
        return v

    def gen() -> Iterator[RawRow]:
        told = 0  # table.problems already passed on

        def refused() -> Iterator[RawRow]:
            nonlocal told
            for line, problem in table.problems[told:]:
                yield RawRow(line, "", "", "", {}, problem=problem)
            told = len(table.problems)

        for line, cells in table.rows():
            yield from refused()
            answers: dict[str, Any] = {}
            for i, q in cmap.questions:
                v = value(q, cell(cells, i))
                if v != "":
                    answers[q.path] = v
            for path, cols in cmap.one_hot.items():
                picked = [name for i, name in cols if cell(cells, i).casefold() in TRUE]
                if picked:
                    answers[path] = " ".join(picked)
            instances: dict[str, dict[int, dict[str, str]]] = {}
            for i, path, index, q in cmap.repeats:
                v = value(q, cell(cells, i))
                if v != "":
                    instances.setdefault(path, {}).setdefault(index, {})[q.path] = v
            for path, by_index in instances.items():
                answers[path] = [by_index[n] for n in sorted(by_index)]
            sid = cell(cells, cmap.id_col)
            if sid.lower().startswith("uuid:"):
                sid = sid[5:]
            yield RawRow(
                line,
                sid,
                cell(cells, cmap.participant_col),
                cell(cells, cmap.time_col),
                answers,
                organisation=cell(cells, cmap.organisation_col),
                contact_name=cell(cells, cmap.contact_col),
            )
        yield from refused()

    return cmap, gen()


def open_table(path: str | Path) -> Table:
    """A response export (CSV or the first sheet of an XLSX) through the importers' one
    reader (`tallytale.tables`), streamed."""
    return tables.read_table(path, max_bytes=MAX_RESPONSE_BYTES)


def read_rows(
    path: str | Path, spec: FormSpec, participant_field: str = ""
) -> tuple[ColumnMap, Iterator[RawRow]]:
    return rows_from_table(open_table(path), spec, participant_field)
