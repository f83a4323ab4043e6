"""Export responses: one row per response, one column per question, select_multiple
one-hot, scale scores appended. Contact details are never read (the query touches only
Response, Wave and Person.code).

CSV and Parquet stream in constant memory (rows are read with `.iterator()` and written
in batches). SPSS .sav is written with pyreadstat, which needs the whole table as a
pandas DataFrame: memory grows with the export (roughly 100 bytes per cell; 200,000
responses x 30 columns is about 0.6 GB). Use CSV or Parquet beyond that.
"""

from __future__ import annotations

import csv
import math
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tallytale.core.textsafe import spreadsheet_cell

from .models import Instrument, Response
from .spec import FormSpec, pick_label

FORMATS = ("csv", "parquet", "sav")
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
]


@dataclass
class Column:
    name: str
    label: str
    kind: str  # "text" | "number"
    path: str = ""
    option: str = ""  # for one-hot select_multiple columns
    value_labels: dict[Any, str] | None = None


def columns_for(spec: FormSpec, language: str = "") -> list[Column]:
    lang = language or spec.default_language
    cols = [Column(c, c.replace("_", " "), "text") for c in BASE_COLUMNS]
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
                    )
                )
        elif q.type == "select_one":
            numeric = all(_is_number(n) for n, _, _ in q.choices) and q.choices
            vl = {
                (float(n) if numeric else n): pick_label(lab, lang, spec.default_language)
                for n, lab, _ in q.choices
            }
            cols.append(
                Column(q.path, label, "number" if numeric else "text", q.path, value_labels=vl)
            )
        elif q.type in ("integer", "decimal", "range"):
            cols.append(Column(q.path, label, "number", q.path))
        else:
            cols.append(Column(q.path, label, "text", q.path))
    present = {q.name for q in spec.questions}
    for c in SCORE_COLUMNS:
        item = c.rsplit("_", 1)[0]
        if c.startswith("swemwbs") and "swemwbs_1" not in present:
            continue
        if not c.startswith("swemwbs") and item not in present:
            continue
        kind = "text" if c.endswith("_band") else "number"
        cols.append(Column(c, c.replace("_", " "), kind))
    return cols


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def iter_rows(
    instrument: Instrument, cols: list[Column], chunk_size: int = 2000
) -> Iterator[list[Any]]:
    """Rows as lists of Python values (None for missing), streamed from the database."""
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
        base = [sid, code, wave or "", when.isoformat() if when else "", version]
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


def export_csv(instrument: Instrument, spec: FormSpec, out: Path) -> int:
    cols = columns_for(spec)
    n = 0
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([spreadsheet_cell(c.name) for c in cols])
        for row in iter_rows(instrument, cols):
            w.writerow([spreadsheet_cell(_fmt(v)) for v in row])
            n += 1
    return n


def export_parquet(instrument: Instrument, spec: FormSpec, out: Path, batch: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = columns_for(spec)
    fields = []
    for c in cols:
        meta = {b"label": c.label.encode()}
        fields.append(
            pa.field(c.name, pa.float64() if c.kind == "number" else pa.string(), metadata=meta)
        )
    schema = pa.schema(fields)
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        buf: list[list[Any]] = []

        def flush() -> None:
            arrays = [
                pa.array([r[i] for r in buf], type=schema.field(i).type) for i in range(len(cols))
            ]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
            buf.clear()

        for row in iter_rows(instrument, cols):
            buf.append(row)
            n += 1
            if len(buf) >= batch:
                flush()
        if buf or n == 0:
            flush()
    return n


_SPSS_BAD = re.compile(r"[^A-Za-z0-9_.@#$]")


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


def _as_float(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


def export_sav(instrument: Instrument, spec: FormSpec, out: Path) -> int:
    """SPSS .sav. pyreadstat writes from a whole DataFrame, so the table is held in memory:
    numeric columns as packed doubles (8 bytes a value, handed to numpy without a copy),
    text columns as lists of the strings the database returned."""
    import numpy as np
    import pandas as pd
    import pyreadstat

    cols = columns_for(spec)
    used: set[str] = set()
    names = [_spss_name(c.name, used) for c in cols]
    numeric = [c.kind == "number" for c in cols]
    values: list[array | list[str]] = [array("d") if num else [] for num in numeric]
    count = 0
    for row in iter_rows(instrument, cols):
        for column, num, v in zip(values, numeric, row):
            if num:
                column.append(math.nan if v is None else _as_float(v))
            else:
                column.append("" if v is None else v)
        count += 1
    frame = pd.DataFrame(
        {
            n: np.frombuffer(column, dtype="float64") if num else pd.Series(column, dtype=object)
            for n, num, column in zip(names, numeric, values)
        },
        copy=False,
    )
    value_labels = {
        n: c.value_labels for n, c in zip(names, cols) if c.value_labels and c.kind == "number"
    }
    pyreadstat.write_sav(
        frame,
        str(out),
        column_labels=[c.label[:250] for c in cols],
        variable_value_labels=value_labels,
    )
    return count


def export_responses(instrument: Instrument, spec: FormSpec, fmt: str, out: Path) -> int:
    if fmt == "csv":
        return export_csv(instrument, spec, out)
    if fmt == "parquet":
        return export_parquet(instrument, spec, out)
    if fmt == "sav":
        return export_sav(instrument, spec, out)
    raise ValueError(fmt)
