"""Read response exports from KoboToolbox and ODK Central (CSV or XLSX) into `RawRow`s.

What real exports look like, and what we accept:
- headers as question names or paths (`group/question`; ODK Central writes
  `group-question`), or as labels in any of the form's languages;
- `select_multiple` as one space-separated column, or only as one 0/1 column per option
  (`question/option`), or both (Kobo's default: we use the space-separated one);
- values as choice names or choice labels;
- the submission id in `_uuid`, `meta/instanceID`, `instanceID` or `KEY` (with or
  without `uuid:`), the time in `_submission_time` or `SubmissionDate`;
- Kobo's `;` delimited CSV as well as `,` and tab.

Rows are streamed: the file is never held in memory as a whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tallytale.core.textsafe import TextError, sniff_encoding
from tallytale.errors import InputErrors, InvalidInput

from .responses import RawRow
from .spec import FormSpec, QuestionSpec
from .xlsform import check_file

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


@dataclass
class ColumnMap:
    id_col: int
    time_col: int | None
    participant_col: int | None
    questions: list[tuple[int, QuestionSpec]]
    one_hot: dict[str, list[tuple[int, str]]]  # path -> [(column, choice name)]
    ignored: list[str] = field(default_factory=list)
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
            ["line 1: no submission id column (_uuid, meta/instanceID, instanceID or KEY)"]
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
                "line 1: no participant code column "
                f"(looked for {', '.join(want)}; name it with --participant-field), "
                "nor an organisation column for partners' responses"
            ]
        )
    questions: list[tuple[int, QuestionSpec]] = []
    one_hot: dict[str, list[tuple[int, str]]] = {}
    ignored: list[str] = []
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
        if any(k.startswith(p + "/") or k.startswith(p + "-") for p in repeat_prefixes):
            ignored.append(f"{header[i]} (inside a repeat; Kobo puts repeats on their own sheet)")
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
        organisation_col,
        contact_col,
    )


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
    table: Iterator[tuple[int, list[Any]]], spec: FormSpec, participant_field: str = ""
) -> tuple[ColumnMap, Iterator[RawRow]]:
    """Turn (line, cells) from a CSV or sheet into RawRows, mapping headers once."""
    try:
        _, header = next(table)
    except StopIteration:
        raise InputErrors(["the file is empty"]) from None
    header = ["" if h is None else str(h) for h in header]
    cmap = map_columns(header, spec, participant_field)
    width = len(header)

    def cell(cells: list[Any], i: int | None) -> str:
        if i is None or i >= len(cells) or cells[i] is None:
            return ""
        v = cells[i]
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if hasattr(v, "isoformat"):
            return v.isoformat()
        return str(v).strip()

    def gen() -> Iterator[RawRow]:
        for line, cells in table:
            if not any(c not in (None, "") for c in cells):
                continue
            if len(cells) > width and any(c not in (None, "") for c in cells[width:]):
                cells = cells[:width]
            answers: dict[str, Any] = {}
            for i, q in cmap.questions:
                v = cell(cells, i)
                if v == "":
                    continue
                if q.type == "select_one":
                    v = _choice_name(q, v)
                elif q.type == "select_multiple":
                    v = _multi_names(q, v)
                answers[q.path] = v
            for path, cols in cmap.one_hot.items():
                picked = [name for i, name in cols if cell(cells, i).casefold() in TRUE]
                if picked:
                    answers[path] = " ".join(picked)
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

    return cmap, gen()


def open_table(path: str | Path) -> Iterator[tuple[int, list[Any]]]:
    """(line number, cells) from a CSV or the first sheet of an XLSX, streamed."""
    p = Path(path)
    check_file(p, MAX_RESPONSE_BYTES)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(p)
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv_rows(p)
    raise InvalidInput(f"{p.name}: expected a .csv or .xlsx export")


def _xlsx_rows(p: Path) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for bad files
        raise InvalidInput(
            f"{p.name} is not a readable .xlsx file ({type(exc).__name__})"
        ) from None

    def gen() -> Iterator[tuple[int, list[Any]]]:
        try:
            ws = wb.worksheets[0]
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
                yield n, list(row)
        finally:
            wb.close()

    return gen()


def _csv_rows(p: Path) -> Iterator[tuple[int, list[Any]]]:
    # the importers' one decoding rule, checked over the whole file first (streamed), so
    # a bad byte on line 90,000 is refused before anything is read as data
    with p.open("rb") as f:
        try:
            encoding = sniff_encoding(iter(lambda: f.read(1 << 20), b""))
        except TextError as exc:
            raise InputErrors([f"{p.name}: {exc}"]) from None
    with p.open(encoding=encoding, newline="") as f:
        first = f.readline()
    delimiter = max((";", ",", "\t"), key=first.count)

    def gen() -> Iterator[tuple[int, list[Any]]]:
        with p.open(encoding=encoding, newline="") as f:
            reader = csv.reader(f, delimiter=delimiter)
            try:
                for row in reader:
                    yield reader.line_num, row
            except csv.Error as exc:
                raise InputErrors([f"line {reader.line_num}: {exc}"]) from None

    return gen()


def read_rows(
    path: str | Path, spec: FormSpec, participant_field: str = ""
) -> tuple[ColumnMap, Iterator[RawRow]]:
    return rows_from_table(open_table(path), spec, participant_field)


def csv_text_table(text: str) -> Iterator[tuple[int, list[Any]]]:
    """(line, cells) from CSV text (for tests and the web upload)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    for row in reader:
        yield reader.line_num, row
