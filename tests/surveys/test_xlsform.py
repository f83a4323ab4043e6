import pytest
from django.core.management import call_command

from tallytale.errors import InvalidInput, TallytaleError
from tallytale.surveys import services
from tallytale.surveys.models import Choice, Instrument, Question
from tallytale.surveys.xlsform import language_code

from .forms import CY, EN, community_health_form, write_xlsform

pytestmark = pytest.mark.django_db


def test_community_form_imports_unchanged(instrument):
    assert instrument.form_id == "community_health" and instrument.version == "2025010101"
    assert instrument.languages == [EN, CY]
    qs = {q.path: q for q in Question.objects.filter(instrument=instrument)}
    assert qs["place/town"].choice_filter == "county=${county}"
    assert qs["household/hh_age"].repeat_path == "household"
    assert qs["age"].required and qs["age"].constraint == ". >= 16 and . <= 110"
    assert qs["age"].constraint_message[EN] == "Age must be 16-110"
    assert qs["age"].hint[EN] == "in years"
    assert qs["age_next"].calculation == "${age} + 1"
    assert qs["place"].appearance == "field-list"
    assert qs["swemwbs_1" if "swemwbs_1" in qs else "wellbeing/swemwbs_1"].label[CY] == "Eitem 1"
    assert {q.type for q in qs.values()} >= {
        "integer",
        "decimal",
        "range",
        "text",
        "select one",
        "select all that apply",
        "date",
        "datetime",
        "time",
        "note",
        "acknowledge",
        "calculate",
        "group",
        "repeat",
        "geopoint",
        "start",
    }
    assert Choice.objects.filter(
        instrument=instrument, list_name="town", name="llanelli"
    ).get().extra == {"county": "carms"}
    # pulldata() is kept, reported once, never fatal
    assert len(instrument.unsupported) == 1 and "pulldata" in instrument.unsupported[0]


def test_cli_summary_and_new_version_keeps_old(scheme, tmp_path, capsys):
    path = community_health_form(tmp_path / "f.xlsx")
    call_command("import", "xlsform", str(path), "--project", "cwm")
    out = capsys.readouterr().out
    assert "community_health version 2025010101 imported" in out and "pulldata" in out
    call_command("import", "xlsform", str(path), "--project", "cwm")
    assert "already imported" in capsys.readouterr().out
    community_health_form(tmp_path / "f2.xlsx", version="2025020101")
    call_command("import", "xlsform", str(tmp_path / "f2.xlsx"), "--project", "cwm")
    assert Instrument.objects.filter(form_id="community_health").count() == 2
    assert services.get_instrument("community_health").version == "2025020101"


def test_same_version_different_content_is_refused(scheme, tmp_path):
    write_xlsform(
        tmp_path / "a.xlsx",
        [["type", "name", "label"], ["text", "a", "A"]],
        settings=[["form_id", "version"], ["f", "1"]],
    )
    write_xlsform(
        tmp_path / "b.xlsx",
        [["type", "name", "label"], ["text", "b", "B"]],
        settings=[["form_id", "version"], ["f", "1"]],
    )
    services.import_instrument(tmp_path / "a.xlsx", "cwm")
    with pytest.raises(TallytaleError, match="change `version`"):
        services.import_instrument(tmp_path / "b.xlsx", "cwm")


@pytest.mark.parametrize(
    "survey,choices,message",
    [
        (
            [["type", "name", "label"], ["integer", "q", "Q"], ["integer", "q", "Q2"]],
            None,
            "sheet 'survey', row 3, column 'name'",
        ),
        (
            [["type", "name", "label"], ["begin_group", "g", "G"], ["integer", "q", "Q"]],
            None,
            "row 2",
        ),
        (
            [["type", "name", "label"], ["integer", "", "Q"]],
            None,
            "sheet 'survey', row 2, column 'name'",
        ),
        (
            [["type", "name", "label"], ["blah", "q", "Q"]],
            None,
            "sheet 'survey', row 2, column 'type'",
        ),
        (
            [["type", "name", "label", "relevant"], ["integer", "q", "Q", "${zz} > 1"]],
            None,
            "column 'relevant'",
        ),
        (
            [["type", "name", "label"], ["select_one nope", "q", "Q"]],
            [["list_name", "name", "label"], ["yn", "y", "Y"]],
            "nope",
        ),
    ],
)
def test_malformed_forms_name_sheet_row_column(scheme, tmp_path, survey, choices, message):
    path = write_xlsform(tmp_path / "bad.xlsx", survey, choices)
    with pytest.raises(InvalidInput) as exc:
        services.import_instrument(path, "cwm")
    assert message in str(exc.value) and "bad.xlsx" in str(exc.value)
    assert "\n" not in str(exc.value)
    assert not Instrument.objects.exists()


def test_hostile_files(scheme, tmp_path):
    notzip = tmp_path / "x.xlsx"
    notzip.write_bytes(b"this is not a spreadsheet")
    with pytest.raises(InvalidInput, match="not a valid .xlsx"):
        services.import_instrument(notzip, "cwm")
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/big.xml", b"0" * (101 * 1024 * 1024))
    with pytest.raises(InvalidInput, match="would unpack"):
        services.import_instrument(bomb, "cwm")
    with pytest.raises(InvalidInput, match="no such file"):
        services.import_instrument(tmp_path / "missing.xlsx", "cwm")
    with pytest.raises(InvalidInput, match="expected an XLSForm"):
        services.import_instrument(__file__, "cwm")


def test_csv_and_markdown_forms(scheme, tmp_path):
    md = tmp_path / "f.md"
    md.write_text(
        "| survey |\n| | type | name | label |\n| | integer | n | How many? |\n"
        "| settings |\n| | form_id | version |\n| | mdform | 3 |\n"
    )
    assert services.import_instrument(md, "cwm").instrument.form_id == "mdform"


def test_language_codes():
    assert language_code("Cymraeg (cy)") == "cy"
    assert language_code("English (en)") == "en"
    assert language_code("English") == "en"
    assert language_code("Klingon") == ""


def test_builtins_install_in_english_and_welsh(scheme):
    for key in ("swemwbs", "ons4", "time_credit_member", "time_credit_partner"):
        s = services.install_builtin(key, "cwm")
        assert s.created and s.languages == [EN, CY]
        for q in Question.objects.filter(instrument=s.instrument).exclude(type__in=["group"]):
            assert q.label.get(EN) and q.label.get(CY), q.path
    assert not services.install_builtin("ons4", "cwm").created
    call_command("instrument", "install-builtin", "swemwbs", "--project", "town")
