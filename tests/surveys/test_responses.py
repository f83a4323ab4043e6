import csv
import datetime as dt
import math

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pyreadstat
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tallytale.audit.models import AuditEvent
from tallytale.programmes import services as people
from tallytale.programmes.models import Person
from tallytale.surveys import services
from tallytale.surveys.models import Answer, Response, ScaleScore
from tests.actors import OPERATOR

from .forms import KOBO_HEADER, kobo_row

pytestmark = pytest.mark.django_db


def write_csv(path, rows, header=KOBO_HEADER, delimiter=";"):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_kobo_export_imports_idempotently(instrument, tmp_path):
    path = write_csv(
        tmp_path / "kobo.csv",
        [
            kobo_row("u-1", "M1", [3, 3, 3, 3, 3, 3, 3]),
            kobo_row("u-2", "M2", [4, 4, 4, 4, 4, 4, 5]),
        ],
    )
    call_command(
        "import", "responses", str(path), "--instrument", "community_health", "--wave", "baseline"
    )
    r = Response.objects.get(submission_id="u-1")
    assert r.person.code == "M1" and r.wave.name == "baseline"
    assert r.data["place/town"] == "llanelli" and r.data["activities"] == "garden cafe"
    assert r.data["age_next"] == "35"
    assert r.scores["swemwbs_raw"] == 21 and r.scores["swemwbs_metric"] == 19.25
    assert r.submitted_at == dt.datetime(2025, 3, 1, 10, 20, tzinfo=dt.UTC)
    assert ScaleScore.objects.get(response__submission_id="u-2", scale="swemwbs").value == 26.02
    age = Answer.objects.get(response=r, question__path="age")
    assert age.value_number == 34.0 and age.value_text == "34"
    assert Answer.objects.get(response=r, question__path="joined").value_date == dt.date(
        2024, 11, 2
    )
    before = (Response.objects.count(), Answer.objects.count())
    call_command(
        "import", "responses", str(path), "--instrument", "community_health", "--wave", "baseline"
    )
    assert (Response.objects.count(), Answer.objects.count()) == before


def test_every_bad_row_and_field_reported_and_nothing_written(instrument, tmp_path, capsys):
    rows = [
        kobo_row("u-1", "M1", [3] * 7),
        kobo_row("u-2", "NOPE", [3] * 7, age="12"),
        kobo_row("u-3", "M2", [3] * 7, **{"place/county": "ceredigion", "place/town": "atlantis"}),
        kobo_row("u-1", "M3", [9, 3, 3, 3, 3, 3, 3], joined="yesterday"),
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(CommandError):
        call_command("import", "responses", str(path), "--instrument", "community_health")
    err = capsys.readouterr().err
    assert "line 3, field participant code: 'NOPE' is not a participant of cwm" in err
    assert "line 3, field age: Age must be 16-110" in err
    assert "line 4, field place/town: 'atlantis' is not one of the choices" in err
    assert "line 5, field _uuid/instanceID: u-1 appears twice" in err
    assert "line 5, field wellbeing/swemwbs_1: '9' is not one of the choices" in err
    assert "line 5, field joined: 'yesterday' is not a date" in err
    assert Response.objects.count() == 0


def test_create_participants_and_odk_central_style(instrument, tmp_path, capsys):
    header = [h.replace("/", "-") for h in KOBO_HEADER if not h.startswith("activities/")]
    header = [
        "KEY" if h == "_uuid" else "SubmissionDate" if h == "_submission_time" else h
        for h in header
    ]
    rows = []
    for uuid, code in (("uuid:aa", "NEW1"), ("uuid:bb", "NEW2")):
        row = dict(zip(KOBO_HEADER, kobo_row(uuid, code, [2] * 7)))
        row["_submission_time"] = "2025-03-01T10:20:00.000Z"
        rows.append([row[h] for h in KOBO_HEADER if not h.startswith("activities/")])
    path = write_csv(tmp_path / "central.csv", rows, header=header, delimiter=",")
    with pytest.raises(CommandError, match="2 problems"):
        call_command("import", "responses", str(path), "--instrument", "community_health")
    assert "'NEW1' is not a participant of cwm" in capsys.readouterr().err
    call_command(
        "import",
        "responses",
        str(path),
        "--instrument",
        "community_health",
        "--create-participants",
    )
    assert Response.objects.filter(submission_id="aa", person__code="NEW1").exists()
    assert Person.objects.get(code="NEW2").memberships.get().project.slug == "cwm"


def test_xlsx_with_labels_and_one_hot_only(instrument, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    header = [
        "_uuid",
        "Participant code",
        "Age",
        "Volunteered before?",
        "Where you live/County",
        "Activities/Gardening",
        "Activities/Choir",
        "I agree",
    ]
    header += [f"Item {i}" for i in range(1, 8)]
    ws.append(header)
    ws.append(["x1", "M1", 40, "Yes", "Ceredigion", 1, 1, "OK", *[5] * 7])
    ws.append(["x2", "M2", 41.0, "No", "Carmarthenshire", 0, 0, "OK", *[1] * 6])
    wb.save(tmp_path / "labels.xlsx")
    call_command(
        "import", "responses", str(tmp_path / "labels.xlsx"), "--instrument", "community_health"
    )
    r1 = Response.objects.get(submission_id="x1")
    assert r1.data["volunteered"] == "yes" and r1.data["place/county"] == "ceredigion"
    assert r1.data["activities"] == "garden choir" and r1.scores["swemwbs_metric"] == 35.0
    r2 = Response.objects.get(submission_id="x2")
    assert "activities" not in r2.data  # irrelevant when not volunteered
    assert r2.scores["swemwbs_imputed"] is True and r2.scores["swemwbs_raw"] == 7


def test_hostile_response_files(instrument, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(CommandError, match="not a valid .xlsx"):
        call_command("import", "responses", str(bad), "--instrument", "community_health")
    nul = tmp_path / "n.csv"
    nul.write_bytes(b"_uuid,participant_code\x00\n")
    with pytest.raises(CommandError, match="NUL"):
        call_command("import", "responses", str(nul), "--instrument", "community_health")
    with pytest.raises(CommandError, match="no wave 'w9'"):
        call_command(
            "import", "responses", str(nul), "--instrument", "community_health", "--wave", "w9"
        )
    noid = write_csv(tmp_path / "noid.csv", [["M1"]], header=["participant_code"])
    with pytest.raises(CommandError, match="no submission id column"):
        call_command("import", "responses", str(noid), "--instrument", "community_health")
    with pytest.raises(CommandError, match="no instrument 'nope'"):
        call_command("import", "responses", str(noid), "--instrument", "nope")


def test_swemwbs_change_from_baseline_to_follow_up(scheme, tmp_path):
    inst = services.install_builtin("swemwbs", "cwm").instrument
    services.create_wave("cwm", "baseline")
    services.create_wave("cwm", "m6")
    header = ["_uuid", "participant_code", *[f"swemwbs_{i}" for i in range(1, 8)]]
    base = write_csv(
        tmp_path / "b.csv", [["b1", "M1", *[2] * 7], ["b2", "M2", *[3] * 7]], header, ","
    )
    follow = write_csv(
        tmp_path / "f.csv", [["f1", "M1", *[3] * 7], ["f2", "M2", *[4] * 7]], header, ","
    )
    call_command("import", "responses", str(base), "--instrument", "swemwbs", "--wave", "baseline")
    call_command("import", "responses", str(follow), "--instrument", "swemwbs", "--wave", "m6")
    scores = {
        (s.response.person.code, s.response.wave.name): s.value
        for s in ScaleScore.objects.filter(response__instrument=inst).select_related(
            "response__person", "response__wave"
        )
    }
    assert scores[("M1", "m6")] - scores[("M1", "baseline")] == pytest.approx(19.25 - 15.32)
    assert scores[("M2", "m6")] - scores[("M2", "baseline")] == pytest.approx(25.03 - 19.25)


def test_exports_csv_parquet_sav_never_contact_details(instrument, tmp_path):
    people.add_person("C9", "cwm", email="secret@example.org", phone="0123", actor=OPERATOR)
    path = write_csv(
        tmp_path / "kobo.csv",
        [kobo_row("u-1", "M1", [3] * 7), kobo_row("u-2", "C9", [4] * 7, activities="cafe")],
    )
    call_command(
        "import", "responses", str(path), "--instrument", "community_health", "--wave", "baseline"
    )
    out = {}
    for fmt in ("csv", "parquet", "sav"):
        out[fmt] = tmp_path / f"r.{fmt}"
        call_command(
            "export",
            "responses",
            "--instrument",
            "community_health",
            "--format",
            fmt,
            "-o",
            str(out[fmt]),
        )
    text = out["csv"].read_text()
    assert "secret@example.org" not in text and "0123" not in text
    rows = list(csv.DictReader(text.splitlines()))
    assert rows[1]["activities/cafe"] == "1" and rows[1]["activities/garden"] == "0"
    assert rows[0]["swemwbs_metric"] == "19.25" and rows[0]["participant_code"] == "M1"
    table = pq.read_table(out["parquet"]).to_pandas()
    assert list(table["swemwbs_raw"]) == [21.0, 28.0]
    df, meta = pyreadstat.read_sav(str(out["sav"]))
    assert list(table.columns) == list(df.columns)  # the same names in both typed formats
    assert len(df) == 2 and isinstance(df, pd.DataFrame)
    # the same values as the CSV, column by column (SPSS names: "/" becomes "_")
    for name in rows[0]:
        spss = name.replace("/", "_")
        for i, row in enumerate(rows):
            got, want = df[spss][i], row[name]
            if isinstance(got, float):
                assert (math.isnan(got) and want == "") or got == float(want), (name, got, want)
            elif isinstance(got, pd.Timestamp | dt.date):  # SPSS dates: the same instant, UTC
                when = dt.datetime.fromisoformat(want.replace("Z", "+00:00"))
                if isinstance(got, pd.Timestamp):
                    assert got.to_pydatetime() == when.astimezone(dt.UTC).replace(tzinfo=None)
                else:
                    assert got == when.date(), (name, got, want)
            else:
                assert got == want, (name, got, want)
    assert list(df["activities_garden"]) == [1.0, 0.0] and list(df["swemwbs_raw"]) == [21.0, 28.0]
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["age"] == "Age"
    assert meta.variable_value_labels["wellbeing_swemwbs_1"][3.0] == "Some of the time"
    events = AuditEvent.objects.filter(action="survey.responses_export")
    assert events.count() == 3 and "Llanelli" not in str(list(events.values("detail")))


def test_create_participants_never_takes_in_another_projects_person(instrument, tmp_path, capsys):
    """X1 belongs to project `elsewhere`: importing into cwm with --create-participants must
    not give X1 a cwm membership (a coordinator of cwm would then act on X1's account)."""
    path = write_csv(
        tmp_path / "kobo.csv",
        [kobo_row("u-x", "X1", [3] * 7), kobo_row("u-n", "NEW9", [3] * 7)],
    )
    with pytest.raises(CommandError, match="2 problems"):
        call_command(
            "import",
            "responses",
            str(path),
            "--instrument",
            "community_health",
            "--create-participants",
        )
    assert "'X1': registered in another project" in capsys.readouterr().err
    x1 = Person.objects.get(code="X1")
    assert list(x1.memberships.values_list("project__slug", flat=True)) == ["elsewhere"]
    assert not Person.objects.filter(code="NEW9").exists()  # all or nothing
    assert Response.objects.count() == 0


def test_csv_export_neutralises_formulas_but_keeps_numbers(instrument, tmp_path):
    """A text answer starting with = + - @ would run in a spreadsheet; -3 is a number."""
    path = write_csv(tmp_path / "kobo.csv", [kobo_row("u-1", "M1", [3] * 7)])
    call_command(
        "import", "responses", str(path), "--instrument", "community_health", "--wave", "baseline"
    )
    r = Response.objects.get(submission_id="u-1")
    r.data = {**r.data, "usual_time": '=HYPERLINK("http://x.invalid")', "age": "-3"}
    r.save(update_fields=["data"])
    out = tmp_path / "r.csv"
    call_command(
        "export", "responses", "--instrument", "community_health", "--format", "csv", "-o", out
    )
    row = next(csv.DictReader(out.read_text().splitlines()))
    assert row["usual_time"] == '\'=HYPERLINK("http://x.invalid")'
    assert row["age"] == "-3"
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    call_command(
        "export", "responses", "--instrument", "community_health", "-o", out, "--excel"
    )  # fmt: skip
    assert out.read_bytes().startswith(b"\xef\xbb\xbfsubmission_id,")


def test_cp1252_export_is_decoded_and_mixed_encodings_refused_by_line(instrument, tmp_path):
    """The importers' one decoding rule: Excel's Windows CSV is read, not refused or mangled."""
    rows = [[*kobo_row("u-1", "M1", [3] * 7), "Llandeilo – “café”"]]
    path = tmp_path / "win.csv"
    text = write_csv(tmp_path / "utf8.csv", rows, header=[*KOBO_HEADER, "note café"]).read_text(
        encoding="utf-8"
    )
    path.write_bytes(text.encode("cp1252"))
    call_command("import", "responses", str(path), "--instrument", "community_health")
    assert Response.objects.filter(submission_id="u-1").exists()
    path.write_bytes(text.encode("utf-8") + b"x;\xe9\n")
    with pytest.raises(CommandError, match="line 3: not UTF-8"):
        call_command("import", "responses", str(path), "--instrument", "community_health")


def test_ona_na_placeholder_is_read_as_unanswered_and_said(instrument, tmp_path, capsys):
    """Ona/Kobo write "n/a" for a skipped question: it was refused in number and select
    fields ("'n/a' is not a number") and stored as text elsewhere."""
    row = kobo_row(
        "u-na", "M1", [3] * 7, hours="n/a", joined="N/A", mood="n/a", where="n/a", lookup="n/a"
    )
    path = write_csv(tmp_path / "ona.csv", [row])
    call_command("import", "responses", str(path), "--instrument", "community_health")
    data = Response.objects.get(submission_id="u-na").data
    assert not {"hours", "joined", "mood", "where", "lookup"} & data.keys()
    assert data["age"] == "34"
    assert '5 cell(s) held the exporter\'s "n/a" (no answer): read as unanswered' in (
        capsys.readouterr().out
    )


def test_flat_repeat_columns_become_repeat_instances(instrument, tmp_path, capsys):
    """`household[2]/hh_age` columns (Ona/Kobo flat export) were dropped as "inside a
    repeat"; they are the repeat's instances, validated like web entry."""
    header = [*KOBO_HEADER, "household[1]/hh_name", "household[1]/hh_age"]
    header += ["household[2]/hh_name", "household[2]/hh_age"]
    rows = [
        [*kobo_row("u-r1", "M1", [3] * 7), "Ann", "40", "Bob", "9"],
        [*kobo_row("u-r2", "M2", [3] * 7), "Cat", "70", "", ""],
    ]
    path = write_csv(tmp_path / "repeats.csv", rows, header=header)
    call_command("import", "responses", str(path), "--instrument", "community_health")
    r1 = Response.objects.get(submission_id="u-r1")
    assert r1.data["household"] == [
        {"household/hh_name": "Ann", "household/hh_age": "40"},
        {"household/hh_name": "Bob", "household/hh_age": "9"},
    ]
    assert Response.objects.get(submission_id="u-r2").data["household"] == [
        {"household/hh_name": "Cat", "household/hh_age": "70"}
    ]
    ages = Answer.objects.filter(response=r1, question__path="household/hh_age")
    assert sorted(ages.values_list("repeat_index", "value_number")) == [(1, 40.0), (2, 9.0)]
    assert "ignored" not in capsys.readouterr().out
    bad = write_csv(
        tmp_path / "bad.csv", [[*kobo_row("u-r3", "M3", [3] * 7), "Dai", "130", "", ""]], header
    )
    with pytest.raises(
        CommandError, match=r"^line 2, field household\[1\]:household/hh_age: '130' does not"
    ):
        call_command("import", "responses", str(bad), "--instrument", "community_health")


def test_reimport_same_uuid_skips_same_content_refuses_changes_or_updates(instrument, tmp_path):
    """Re-importing a `_uuid` into another wave, or with changed answers, was reported as
    "already imported" and silently skipped."""
    path = write_csv(tmp_path / "a.csv", [kobo_row("u-1", "M1", [3] * 7)])
    args = ("import", "responses", str(path), "--instrument", "community_health")
    call_command(*args, "--wave", "baseline")
    call_command(*args, "--wave", "baseline")  # same key, same content: skipped
    assert Response.objects.count() == 1
    with pytest.raises(
        CommandError,
        match=r"line 2, field _uuid/instanceID: u-1 is already "
        r"imported with wave 'baseline', not 'm6'; nothing is overwritten \(use "
        r"--update to replace it\)",
    ):
        call_command(*args, "--wave", "m6")
    changed = write_csv(tmp_path / "b.csv", [kobo_row("u-1", "M1", [3] * 7, age="35")])
    with pytest.raises(CommandError, match=r"with different answers \(age, age_next\)"):
        call_command(
            "import",
            "responses",
            str(changed),
            "--instrument",
            "community_health",
            "--wave",
            "baseline",
        )
    assert Response.objects.get().data["age"] == "34"
    call_command(
        "import",
        "responses",
        str(changed),
        "--instrument",
        "community_health",
        "--wave",
        "m6",
        "--update",
    )
    r = Response.objects.get(submission_id="u-1")
    assert r.data["age"] == "35" and r.wave.name == "m6"
    assert Answer.objects.get(response=r, question__path="age").value_number == 35.0
    assert Answer.objects.filter(question__path="age").count() == 1  # the old answers went


def test_extra_field_in_a_row_is_an_error_not_dropped(instrument, tmp_path):
    rows = [kobo_row("u-1", "M1", [3] * 7), [*kobo_row("u-2", "M2", [3] * 7), "surprise"]]
    path = write_csv(tmp_path / "extra.csv", rows)
    with pytest.raises(
        CommandError,
        match=r"^line 3: 33 fields but the header has 32 "
        r"\(extra: 'surprise'\) \(nothing was imported\)$",
    ):
        call_command("import", "responses", str(path), "--instrument", "community_health")
    assert Response.objects.count() == 0
