"""Export responses: one row per response, one column per question, select_multiple
one-hot, scale scores appended. Contact details are never read (the query touches only
Response, Wave and Person.code).

CSV and Parquet stream in constant memory (rows are read with `.iterator()` and written
in batches). SPSS .sav is written with pyreadstat, which needs the whole table as a
pandas DataFrame: memory grows with the export (roughly 100 bytes per cell; 200,000
responses x 30 columns is about 0.6 GB). Use CSV or Parquet beyond that.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tallytale.core.missing_codes import missing_codes
from tallytale.core.textsafe import SpreadsheetWriter, cut_utf8

from .models import Instrument, Response
from .spec import FormSpec, pick_label

FORMATS = ("csv", "parquet", "sav", "fhir")
BASE_COLUMNS = ["submission_id", "participant_code", "wave", "submitted_at", "form_version"]
SCORE_COLUMNS = [
    "swemwbs_raw",
    "swemwbs_metric",
    "swemwbs_imputed",
    "ons4_life_score",
    "ons4_life_band",
    "ons4_worthwhile_score",
    "ons4_worthwhile_band",
    "ons4_happy_score",
    "ons4_happy_band",
    "ons4_anxious_score",
    "ons4_anxious_band",
    "tc_quality_of_life_score",
    "tc_healthier_score",
    "tc_doctor_less_score",
    "tc_new_friends_score",
    "tc_contribute_score",
    "tc_partner_access_score",
    "tc_partner_volunteers_score",
    "tc_partner_reach_score",
    "tc_partner_resources_score",
]


@dataclass
class Column:
    """One exported column and what a statistics package should know about it.

    `kind` is how values are held: "text", "number", "date" (a `datetime.date`) or
    "datetime" (a naive `datetime.datetime` in UTC). `measure` is SPSS's measurement
    level: "scale" for scores and numeric answers, "ordinal" for Likert-style items (a
    select_one with three or more whole-number codes) and bands, "nominal" for other
    choices and text. `missing` lists the codes declared user-missing
    (`tallytale.core.missing_codes`)."""

    name: str
    label: str
    kind: str
    path: str = ""
    option: str = ""  # for one-hot select_multiple columns
    value_labels: dict[Any, str] | None = None
    measure: str = "nominal"
    missing: list[Any] = field(default_factory=list)
    integer: bool = False  # whole numbers only (codes, integer questions)
    category: bool = False  # a small set of repeated text values (waves, codes, bands)


def _base_columns() -> list[Column]:
    return [
        Column("submission_id", "submission id", "text"),
        Column("participant_code", "participant code", "text"),
        Column("wave", "wave", "text", category=True),
        Column("submitted_at", "submitted at (UTC)", "datetime", measure="scale"),
        Column("form_version", "form version", "text", category=True),
    ]


def columns_for(spec: FormSpec, language: str = "") -> list[Column]:
    lang = language or spec.default_language
    cols = _base_columns()
    for q in spec.questions:
        if q.repeat_path or not q.takes_answer or q.name.lower() in ("participant_code",):
            continue
        label = pick_label(q.label, lang, spec.default_language) or q.name
        if q.type == "select_multiple":
            for name, labels, _ in q.choices:
                cols.append(
                    Column(
                        f"{q.path}/{name}",
                        f"{label}: {pick_label(labels, lang, spec.default_language)}",
                        "number",
                        q.path,
                        name,
                        {0: "not selected", 1: "selected"},
                        integer=True,
                    )
                )
        elif q.type == "select_one":
            numeric = bool(q.choices) and all(_is_number(n) for n, _, _ in q.choices)
            missing = missing_codes(q.choices)
            vl = {
                (float(n) if numeric else n): pick_label(lab, lang, spec.default_language)
                for n, lab, _ in q.choices
            }
            valid = [n for n, _, _ in q.choices if n not in missing]
            whole = numeric and all(float(n).is_integer() for n, _, _ in q.choices)
            cols.append(
                Column(
                    q.path,
                    label,
                    "number" if numeric else "text",
                    q.path,
                    value_labels=vl,
                    measure="ordinal" if whole and len(valid) >= 3 else "nominal",
                    missing=[float(n) if numeric else n for n in missing],
                    integer=whole,
                    category=not numeric,
                )
            )
        elif q.type in ("integer", "decimal", "range"):
            cols.append(
                Column(
                    q.path, label, "number", q.path, measure="scale", integer=q.type == "integer"
                )
            )
        elif q.type in ("date", "datetime"):
            cols.append(Column(q.path, label, q.type, q.path, measure="scale"))
        else:
            cols.append(Column(q.path, label, "text", q.path))
    present = {q.name for q in spec.questions}
    for c in SCORE_COLUMNS:
        item = c.rsplit("_", 1)[0]
        if c.startswith("swemwbs") and "swemwbs_1" not in present:
            continue
        if not c.startswith("swemwbs") and item not in present:
            continue
        if c.endswith("_band"):
            cols.append(Column(c, c.replace("_", " "), "text", measure="ordinal", category=True))
        elif c.endswith("_imputed"):
            vl = {0.0: "no", 1.0: "yes"}
            cols.append(Column(c, c.replace("_", " "), "number", value_labels=vl, integer=True))
        else:
            cols.append(Column(c, c.replace("_", " "), "number", measure="scale"))
    return cols


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def _utc_naive(when: dt.datetime) -> dt.datetime:
    """SPSS and Parquet-with-one-zone hold no offset: aware times become UTC wall time."""
    return when.astimezone(dt.UTC).replace(tzinfo=None) if when.tzinfo else when


def _typed(kind: str, v: Any) -> Any:
    """A stored date/datetime answer as a date or UTC-naive datetime (None if unreadable)."""
    try:
        if kind == "date":
            return dt.date.fromisoformat(str(v)[:10])
        return _utc_naive(dt.datetime.fromisoformat(str(v).replace("Z", "+00:00")))
    except ValueError:
        return None


def iter_rows(
    instrument: Instrument, cols: list[Column], chunk_size: int = 2000, *, typed: bool = False
) -> Iterator[list[Any]]:
    """Rows as lists of Python values (None for missing), streamed from the database.
    With `typed`, dates and times are `date`/`datetime` objects (UTC, naive) rather than
    the text stored, for formats that have date types."""
    qs = (
        Response.objects.filter(
            instrument__project_id=instrument.project_id, instrument__form_id=instrument.form_id
        )
        .order_by("id")
        .values_list(
            "submission_id",
            "person__code",
            "wave__name",
            "submitted_at",
            "instrument__version",
            "data",
            "scores",
        )
    )
    for sid, code, wave, when, version, data, scores in qs.iterator(chunk_size=chunk_size):
        if typed:
            stamp = _utc_naive(when) if when else None
        else:
            stamp = when.isoformat() if when else ""
        base = [sid, code, wave or "", stamp, version]
        row: list[Any] = base
        for c in cols[len(BASE_COLUMNS) :]:
            if c.option:
                v = data.get(c.path)
                row.append(None if v is None else (1 if c.option in v.split() else 0))
            elif c.path:
                v = data.get(c.path)
                if v is None or v == "":
                    row.append(None)
                elif c.kind == "number":
                    try:
                        row.append(float(v))
                    except (TypeError, ValueError):
                        row.append(None)
                elif typed and c.kind in ("date", "datetime"):
                    row.append(_typed(c.kind, v))
                else:
                    row.append(v if isinstance(v, str) else str(v))
            else:
                v = scores.get(c.name)
                row.append(float(v) if isinstance(v, bool) else v)
        yield row


def _fmt(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def export_csv(instrument: Instrument, spec: FormSpec, out: Path, *, excel: bool = False) -> int:
    """CSV through the one spreadsheet-safe writer; `excel` adds a UTF-8 byte-order mark."""
    cols = columns_for(spec)
    n = 0
    with out.open("w", newline="", encoding="utf-8") as f:
        w = SpreadsheetWriter(f, bom=excel)
        w.writerow([c.name for c in cols])
        for row in iter_rows(instrument, cols):
            w.writerow([_fmt(v) for v in row])
            n += 1
    return n


_SPSS_BAD = re.compile(r"[^A-Za-z0-9_.@#$]")
#: ReadStat's limits, in UTF-8 bytes: it cuts longer labels mid-character, silently
VARIABLE_LABEL_BYTES = 256
VALUE_LABEL_BYTES = 120
#: SPSS allows three discrete user-missing values; a string one is at most 8 bytes
MAX_MISSING = 3
MISSING_STRING_BYTES = 8


def _spss_name(name: str, used: set[str]) -> str:
    base = _SPSS_BAD.sub("_", name)
    if not base or not base[0].isalpha():
        base = "v_" + base
    base = base[:60]
    out, i = base, 1
    while out.lower() in used:
        i += 1
        out = f"{base[:56]}_{i}"
    used.add(out.lower())
    return out


def export_names(cols: list[Column]) -> list[str]:
    """Column names for the typed formats (.sav and Parquet alike): `acts/garden` becomes
    `acts_garden`, names are unique ignoring case and start with a letter."""
    used: set[str] = set()
    return [_spss_name(c.name, used) for c in cols]


def _as_float(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


def _json_key(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def export_parquet(
    instrument: Instrument,
    spec: FormSpec,
    out: Path,
    batch: int = 10_000,
    warnings: list[str] | None = None,
) -> int:
    """Parquet with real types: dates as date32, times as UTC timestamps, waves, codes
    and bands dictionary-encoded, whole-number codes as int64. Each field's metadata holds
    its `label`, `measure`, `value_labels` and `missing` codes (JSON), and `source` (the
    CSV column name); the column names are those of the .sav."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = columns_for(spec)
    names = export_names(cols)
    fields = []
    for c, name in zip(cols, names):
        meta = {
            "label": c.label,
            "measure": c.measure,
            "source": c.name,
        }
        if c.value_labels:
            meta["value_labels"] = json.dumps(
                {_json_key(k): v for k, v in c.value_labels.items()}, ensure_ascii=False
            )
        if c.missing:
            meta["missing"] = json.dumps([_json_key(m) for m in c.missing], ensure_ascii=False)
        if c.kind == "date":
            typ = pa.date32()
        elif c.kind == "datetime":
            typ = pa.timestamp("us", tz="UTC")
        elif c.kind == "number":
            typ = pa.int64() if c.integer else pa.float64()
        elif c.category:
            typ = pa.dictionary(pa.int32(), pa.string())
        else:
            typ = pa.string()
        fields.append(pa.field(name, typ, metadata={k: v.encode() for k, v in meta.items()}))
    schema = pa.schema(
        fields,
        metadata={
            "tallytale": json.dumps(
                {"form_id": instrument.form_id, "columns": dict(zip(names, (c.name for c in cols)))}
            ).encode()
        },
    )
    ints = [c.kind == "number" and c.integer for c in cols]
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        buf: list[list[Any]] = []

        def flush() -> None:
            arrays = []
            for i in range(len(cols)):
                values = [r[i] for r in buf]
                if ints[i]:
                    values = [None if v is None else int(v) for v in values]
                arrays.append(pa.array(values, type=schema.field(i).type))
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
            buf.clear()

        for row in iter_rows(instrument, cols, typed=True):
            buf.append(row)
            n += 1
            if len(buf) >= batch:
                flush()
        if buf or n == 0:
            flush()
    return n


def _spss_missing(c: Column, name: str, warnings: list[str]) -> list[Any]:
    """The column's user-missing codes as SPSS can hold them, with a warning for the rest."""
    codes = list(c.missing)
    if not codes:
        return []
    if c.kind == "number":
        if len(codes) <= MAX_MISSING:
            return codes
        valid = [k for k in (c.value_labels or {}) if k not in codes]
        lo, hi = min(codes), max(codes)
        if not any(lo <= v <= hi for v in valid):
            return [{"lo": lo, "hi": hi}]
        warnings.append(
            f"{name}: only {MAX_MISSING} of {len(codes)} missing codes declared "
            f"({', '.join(_json_key(m) for m in codes[MAX_MISSING:])} left as answers)"
        )
        return codes[:MAX_MISSING]
    fits = [m for m in codes if len(str(m).encode()) <= MISSING_STRING_BYTES]
    dropped = [m for m in codes if m not in fits[:MAX_MISSING]]
    if dropped:
        warnings.append(
            f"{name}: missing code(s) {', '.join(map(str, dropped))} not declared "
            f"(SPSS takes {MAX_MISSING} string codes of up to {MISSING_STRING_BYTES} bytes)"
        )
    return fits[:MAX_MISSING]


def _display_width(c: Column, values: list[Any] | array) -> int:
    """Data View width in characters: dates and times their format's width, codes their
    widest code, text its longest value (8 to 40)."""
    if c.kind == "date":
        return 11
    if c.kind == "datetime":
        return 20
    if c.kind == "number":
        if c.integer:
            widest = max((len(_json_key(k)) for k in (c.value_labels or {})), default=8)
            return max(widest, 3)
        return 10
    longest = max((len(v) for v in values), default=0)
    return min(max(longest, len(c.name[:40]), 8), 40)


def _spss_format(c: Column) -> str | None:
    if c.kind == "date":
        return "DATE11"
    if c.kind == "datetime":
        return "DATETIME20"
    if c.kind == "number":
        return "F8.0" if c.integer else "F8.2"
    return None


def export_sav(
    instrument: Instrument, spec: FormSpec, out: Path, warnings: list[str] | None = None
) -> int:
    """SPSS .sav. pyreadstat writes from a whole DataFrame, so the table is held in memory:
    numeric columns as packed doubles (8 bytes a value, handed to numpy without a copy),
    text and date columns as lists of the values the database returned.

    Every variable gets its measurement level, display width and format (dates as DATE11,
    times as DATETIME20 in UTC), value labels for every select (string codes too) and the
    user-missing codes of `tallytale.core.missing_codes`. Labels longer than ReadStat's
    byte limits are cut at a character boundary and listed in `warnings`."""
    import numpy as np
    import pandas as pd
    import pyreadstat

    warnings = warnings if warnings is not None else []
    cols = columns_for(spec)
    names = export_names(cols)
    numeric = [c.kind == "number" for c in cols]
    values: list[array | list[Any]] = [array("d") if num else [] for num in numeric]
    count = 0
    for row in iter_rows(instrument, cols, typed=True):
        for column, c, v in zip(values, cols, row):
            if c.kind == "number":
                column.append(math.nan if v is None else _as_float(v))
            elif c.kind == "text":
                column.append("" if v is None else v)
            else:
                column.append(v)
        count += 1
    data: dict[str, Any] = {}
    for name, c, column in zip(names, cols, values):
        if c.kind == "number":
            data[name] = np.frombuffer(column, dtype="float64")
        elif c.kind == "datetime":
            data[name] = pd.Series(pd.to_datetime(column), dtype="datetime64[us]")
        else:
            data[name] = pd.Series(column, dtype=object)
    frame = pd.DataFrame(data, copy=False)

    cut: list[str] = []

    def fit(text: str, limit: int, where: str) -> str:
        short = cut_utf8(text, limit)
        if short != text:
            cut.append(where)
        return short

    column_labels = [
        fit(c.label, VARIABLE_LABEL_BYTES, f"{n} (label)") for n, c in zip(names, cols)
    ]
    value_labels = {
        n: {k: fit(v, VALUE_LABEL_BYTES, f"{n}={_json_key(k)}") for k, v in c.value_labels.items()}
        for n, c in zip(names, cols)
        if c.value_labels
    }
    missing = {n: m for n, c in zip(names, cols) if (m := _spss_missing(c, n, warnings))}
    formats = {n: f for n, c in zip(names, cols) if (f := _spss_format(c))}
    pyreadstat.write_sav(
        frame,
        str(out),
        column_labels=column_labels,
        variable_value_labels=value_labels,
        missing_ranges=missing,
        variable_measure={n: c.measure for n, c in zip(names, cols)},
        variable_display_width={
            n: _display_width(c, column) for n, c, column in zip(names, cols, values)
        },
        variable_format=formats,
    )
    if cut:
        warnings.append(
            f"{len(cut)} label(s) cut to SPSS's byte limit "
            f"({VARIABLE_LABEL_BYTES} for a variable, {VALUE_LABEL_BYTES} for a value): "
            + ", ".join(cut[:20])
            + (" ..." if len(cut) > 20 else "")
        )
    return count


def export_responses(
    instrument: Instrument,
    spec: FormSpec,
    fmt: str,
    out: Path,
    *,
    excel: bool = False,
    warnings: list[str] | None = None,
) -> int:
    """Write the responses in `fmt`; `excel` puts a byte-order mark before a CSV (so Excel
    reads it as UTF-8); `warnings` collects what a format could not hold exactly."""
    if fmt == "csv":
        return export_csv(instrument, spec, out, excel=excel)
    if fmt == "parquet":
        return export_parquet(instrument, spec, out, warnings=warnings)
    if fmt == "sav":
        return export_sav(instrument, spec, out, warnings=warnings)
    if fmt == "fhir":
        from .fhir import export_fhir

        return export_fhir(instrument, spec, out)
    raise ValueError(fmt)
