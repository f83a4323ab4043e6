"""What the typed exports carry, checked with the files' own readers and real clients:
pyreadstat and GNU PSPP for .sav, pyarrow and DuckDB for Parquet (issue 18)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pyreadstat
import pytest
from django.core.management import call_command

from tallytale.surveys import services

from .forms import EN, write_xlsform

pytestmark = pytest.mark.django_db

CY = "Cymraeg (cy)"
AR = "العربية (ar)"
LONG_CY = "Pa mor aml ŵyr ŷch chi'n teimlo'n hapus? " * 8  # about 330 bytes, two-byte ŵ/ŷ
LONG_AR = "كم مرة شعرت بالسعادة والرضا عن حياتك " * 6  # about 390 bytes of Arabic


def mood_form(path):
    head = ["type", "name", f"label::{EN}", f"label::{CY}", f"label::{AR}"]
    survey = [
        head,
        ["text", "participant_code", "Participant code", "Cod", "رمز"],
        ["select_one likert", "mood", "Mood", LONG_CY, LONG_AR],
        ["select_one pet", "pet", "Pet", "Anifail anwes", "حيوان"],
        ["select_one yesno", "member", "Member", "Aelod", "عضو"],
        ["select_multiple acts", "acts", "Activities", "Gweithgareddau", "أنشطة"],
        ["integer", "visits", "Visits", "Ymweliadau", "زيارات"],
        ["date", "joined", "Joined", "Ymunodd", "انضم"],
        ["datetime", "seen_at", "Seen at", "Gwelwyd", "شوهد"],
    ]
    choices = [
        ["list_name", "name", f"label::{EN}", f"label::{CY}", f"label::{AR}", "missing"],
        *[["likert", str(i), f"L{i}", f"L{i}", f"ل{i}", ""] for i in range(1, 6)],
        [
            "likert",
            "99",
            "Prefer not to say",
            "Gwell gennyf beidio â dweud",
            "أفضل عدم الإجابة",
            "",
        ],
        ["pet", "cat", "Cat", "Cath", "قطة", ""],
        ["pet", "dog", "Dog", "Ci", "كلب", ""],
        ["pet", "dk", "Don’t know", "Ddim yn gwybod", "لا أعرف", ""],
        ["pet", "none", "No pet (we say: not applicable)", "Dim", "لا", "no"],
        ["yesno", "1", "Yes", "Ie", "نعم", ""],
        ["yesno", "0", "No", "Na", "لا", ""],
        ["acts", "garden", "Garden", "Gardd", "حديقة", ""],
        ["acts", "cafe", "Cafe", "Caffi", "مقهى", ""],
    ]
    settings = [["form_title", "form_id", "version", "default_language"],
                ["Mood", "mood", "1", CY]]  # fmt: skip
    return write_xlsform(path, survey, choices, settings)


HEADER = ["participant_code", "mood", "pet", "member", "acts", "visits", "joined", "seen_at",
          "_uuid", "_submission_time"]  # fmt: skip
ROWS = [
    ["M1", "1", "cat", "1", "garden", "2", "2024-11-02", "2025-03-01T10:05:00+01:00"],
    ["M2", "2", "dk", "0", "cafe", "4", "2024-12-24", "2025-03-02T09:00:00Z"],
    ["M3", "3", "dog", "1", "garden cafe", "6", "", ""],
    ["M1", "99", "none", "", "", "", "2025-01-05", ""],
]


@pytest.fixture
def exported(scheme, tmp_path):
    """The mood form with four responses (one answering 99 "prefer not to say"), exported
    in all three formats; returns {fmt: path} and the warnings of each."""
    services.create_wave("cwm", "baseline", label="Baseline")
    services.import_instrument(mood_form(tmp_path / "mood.xlsx"), "cwm")
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)  # the test's own input file, not an export
        w.writerow(HEADER)
        for i, r in enumerate(ROWS):
            w.writerow([*r, f"u-{i}", "2025-03-01T10:20:00"])
    call_command("import", "responses", str(src), "--instrument", "mood", "--wave", "baseline")
    instrument = services.get_instrument("mood", "cwm")
    out, warnings = {}, {}
    for fmt in ("csv", "parquet", "sav"):
        out[fmt] = tmp_path / f"mood.{fmt}"
        warnings[fmt] = []
        services.export_responses(
            instrument, fmt, out[fmt], actor_label="test", warnings=warnings[fmt]
        )
    return out, warnings


def test_sav_declares_measures_missing_codes_formats_labels_and_widths(exported):
    out, warnings = exported
    df, meta = pyreadstat.read_sav(str(out["sav"]), user_missing=True)
    measure = meta.variable_measure
    assert measure["mood"] == "ordinal"  # a 1-5 Likert item
    assert measure["pet"] == "nominal" and measure["member"] == "nominal"
    assert measure["acts_garden"] == "nominal"
    assert measure["visits"] == "scale" and measure["submitted_at"] == "scale"
    assert measure["wave"] == "nominal"
    # 99 "prefer not to say" and the string code "dk" are user-missing; "none" was kept an
    # answer by the choices sheet's `missing` column although its label says not applicable
    assert meta.missing_ranges["mood"] == [{"lo": 99.0, "hi": 99.0}]
    assert meta.missing_ranges["pet"] == [{"lo": "dk", "hi": "dk"}]
    assert "member" not in meta.missing_ranges
    # SPSS dates and times, not strings
    fmt = meta.original_variable_types
    assert fmt["joined"] == "DATE11" and fmt["seen_at"] == "DATETIME20"
    assert fmt["submitted_at"] == "DATETIME20" and fmt["mood"] == "F8.0"
    assert list(df["joined"])[:2] == [dt.date(2024, 11, 2), dt.date(2024, 12, 24)]
    assert df["seen_at"][0].to_pydatetime() == dt.datetime(2025, 3, 1, 9, 5)  # UTC
    # value labels for every select, string codes too
    labels = meta.variable_value_labels
    assert labels["pet"] == {"cat": "Cath", "dog": "Ci", "dk": "Ddim yn gwybod", "none": "Dim"}
    assert labels["mood"][99.0] == "Gwell gennyf beidio â dweud"
    widths = meta.variable_display_width
    assert len(set(widths.values())) > 2 and widths["joined"] == 11
    assert widths["seen_at"] == 20 and widths["mood"] == 3


def test_sav_labels_cut_at_a_character_within_the_byte_limit_with_a_warning(exported):
    out, warnings = exported
    _, meta = pyreadstat.read_sav(str(out["sav"]))
    label = dict(zip(meta.column_names, meta.column_labels))["mood"]
    assert len(label.encode()) <= 256 and len(label.encode()) > 250
    assert LONG_CY.startswith(label)  # a prefix: no character cut in half, nothing replaced
    assert any("mood (label)" in w for w in warnings["sav"]), warnings


def test_labels_are_cut_by_bytes_at_a_character_boundary():
    """Value labels are limited to 120 bytes: a long Arabic one is cut at a character."""
    from tallytale.core.textsafe import cut_utf8

    assert cut_utf8("ي" * 70, 120) == "ي" * 60
    assert cut_utf8("aŵ" * 100, 5) == "aŵa"  # never half of ŵ
    assert cut_utf8("short", 120) == "short"


def test_parquet_has_real_types_categories_labels_and_the_sav_names(exported):
    out, _ = exported
    table = pq.read_table(out["parquet"])
    schema = table.schema
    _, meta = pyreadstat.read_sav(str(out["sav"]), metadataonly=True)
    assert schema.names == meta.column_names  # acts_garden, not acts/garden
    assert schema.field("joined").type == pa.date32()
    assert schema.field("seen_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("submitted_at").type == pa.timestamp("us", tz="UTC")
    assert pa.types.is_dictionary(schema.field("wave").type)
    assert pa.types.is_dictionary(schema.field("pet").type)
    assert schema.field("mood").type == pa.int64()
    fm = schema.field("mood").metadata
    assert json.loads(fm[b"value_labels"])["99"] == "Gwell gennyf beidio â dweud"
    assert json.loads(fm[b"missing"]) == ["99"] and fm[b"measure"] == b"ordinal"
    assert schema.field("acts_garden").metadata[b"source"] == b"acts/garden"
    assert schema.field("visits").metadata[b"label"] == b"Ymweliadau"
    rows = table.to_pylist()
    assert rows[0]["joined"] == dt.date(2024, 11, 2)
    assert rows[0]["seen_at"] == dt.datetime(2025, 3, 1, 9, 5, tzinfo=dt.UTC)
    assert [r["pet"] for r in rows] == ["cat", "dk", "dog", "none"]


def _csv_mean(path, column, missing=()):
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    values = [float(r[column]) for r in rows if r[column] not in ("", *missing)]
    return sum(values) / len(values), len(values)


def test_duckdb_reads_the_parquet_and_computes_the_same_means(exported):
    duckdb = pytest.importorskip("duckdb")  # installed in CI (the test extra)
    out, _ = exported
    con = duckdb.connect()
    path = str(out["parquet"]).replace("'", "''")
    got = con.execute(
        "SELECT avg(visits), count(visits), avg(mood) FILTER (WHERE mood <> 99), "
        f"max(joined), typeof(max(joined)) FROM read_parquet('{path}')"
    ).fetchone()
    assert got[0] == pytest.approx(_csv_mean(out["csv"], "visits")[0]) and got[1] == 3
    assert got[2] == pytest.approx(_csv_mean(out["csv"], "mood", ("99",))[0]) == 2.0
    assert got[3] == dt.date(2025, 1, 5) and got[4] == "DATE"


PSPP_SYNTAX = """\
SET TVARS=NAMES.
GET FILE='{sav}'.
DISPLAY DICTIONARY.
FREQUENCIES VARIABLES=mood pet.
DESCRIPTIVES VARIABLES=mood visits /STATISTICS=MEAN.
"""


def test_pspp_reads_the_sav_and_agrees_with_tallytale(exported, tmp_path):
    """GNU PSPP runs a syntax file on the .sav: the dictionary shows the measurement levels
    and missing values, and its means leave 99 out (26.25 before the fix, 2.0 now)."""
    pspp = shutil.which("pspp")
    if pspp is None:
        pytest.skip("GNU PSPP is not installed here (CI installs it: apt-get install pspp)")
    out, _ = exported
    syntax = tmp_path / "check.sps"
    syntax.write_text(PSPP_SYNTAX.format(sav=out["sav"]), encoding="utf-8")
    result = tmp_path / "out.csv"
    run = subprocess.run(  # noqa: S603 (a fixed program on our own files)
        [pspp, "-O", "format=csv", "-o", str(result), str(syntax)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    text = result.read_text(encoding="utf-8")
    lines = list(csv.reader(text.splitlines()))
    desc = {r[0]: r for r in lines if r and r[0] in ("mood", "visits")}
    mood_mean, mood_n = _csv_mean(out["csv"], "mood", ("99",))
    visits_mean, visits_n = _csv_mean(out["csv"], "visits")
    assert float(desc["mood"][2]) == pytest.approx(mood_mean) == 2.0, text
    assert int(desc["mood"][1]) == mood_n == 3
    assert float(desc["visits"][2]) == pytest.approx(visits_mean) and int(desc["visits"][1]) == 3
    assert "Ordinal" in text and "Scale" in text and "Nominal" in text
    assert "DATE11" in text and "DATETIME20" in text
    assert "Gwell gennyf beidio â dweud" in text and "Ddim yn gwybod" in text


def test_the_command_line_prints_the_cut_labels(exported, tmp_path):
    import io

    err = io.StringIO()
    call_command("export", "responses", "--instrument", "mood", "--format", "sav",
                 "-o", str(tmp_path / "again.sav"), stderr=err, stdout=io.StringIO())  # fmt: skip
    assert "warning: 1 label(s) cut to SPSS's byte limit" in err.getvalue()
    assert "mood (label)" in err.getvalue()
