"""`import stories`, `export stories`, `redact` and `story`, in-process."""

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tallytale.audit.models import AuditEvent
from tallytale.programmes.models import Person
from tallytale.stories import services
from tallytale.stories import setup as stories_setup
from tallytale.stories.models import SignifierAnswer, Story

from .conftest import CLI


def run(*args, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    kw = {"stdin": stdin} if stdin is not None else {}
    call_command(*args, stdout=out, stderr=err, **kw)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def about(cwm):
    stories_setup.define_signifier(cwm, "about", "About", "choice", ["health", "friends"])
    stories_setup.define_signifier(cwm, "alone", "Alone-together", "slider", ["alone", "together"])


GOOD = (
    "\ufeffexternal_id,text,language,participant_code,consent,collected_on,sig:about,sig:alone\n"
    "S1,I met Sian Jones at the library,en,M1,project,2025-02-01,health;friends,40\n"
    'S2,"Roedd y grŵp yn help mawr, diolch",cy,NEW9,,2025-02-02,,\n'
    "S3,ذهبت إلى المكتبة,ar,,public,,friends,\n"
)


@pytest.mark.django_db
def test_import_csv_idempotent_and_creates_participants(tmp_path, about, cwm):
    f = tmp_path / "s.csv"
    f.write_text(GOOD, encoding="utf-8")
    out, _ = run("import", "stories", str(f), "--project", "cwm")
    assert "3 stories imported" in out and "1 new participants" in out
    assert Person.objects.filter(code="NEW9").exists()
    s1 = Story.objects.get(external_id="S1")
    assert s1.consent_level == "project" and s1.teller.code == "M1"
    assert SignifierAnswer.objects.get(story=s1, signifier__name="alone").value == 40
    assert Story.objects.get(external_id="S2").consent_level == "research_team"
    out, _ = run("import", "stories", str(f), "--project", "cwm")
    assert "0 stories imported, 3 already imported" in out
    assert Story.objects.count() == 3
    # changed text is a conflict, not an overwrite
    f.write_text(GOOD.replace("at the library", "at the pool"), encoding="utf-8")
    with pytest.raises(CommandError):
        run("import", "stories", str(f), "--project", "cwm")
    assert Story.objects.get(external_id="S1").text.endswith("library")
    # a withdrawn story is never brought back
    services.withdraw_story(Story.objects.get(external_id="S3"), actor=CLI)
    f.write_text(GOOD, encoding="utf-8")
    out, _ = run("import", "stories", str(f), "--project", "cwm")
    assert "1 withdrawn" in out
    assert Story.objects.filter(withdrawn_at__isnull=True).count() == 2


@pytest.mark.django_db
def test_import_reports_every_bad_row_and_writes_nothing(tmp_path, about):
    f = tmp_path / "bad.csv"
    f.write_text(
        "external_id,text,language,consent,sig:about,sig:alone,collected_on\n"
        "B1,,en,,,,\n"
        "B2,fine,klingon!,,,,\n"
        "B3,fine,en,everyone,,,\n"
        "B4,fine,en,,cars,,\n"
        "B5,fine,en,,,250,\n"
        "B6,fine,en,,,,2025-13-01\n"
        "B6,dup,en,,,,\n"
        ",no id,en,,,,\n"
        "B9,ok,en,,,,\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import", "stories", str(f), "--project", "cwm", stderr=err, stdout=io.StringIO()
        )
    lines = err.getvalue().splitlines()
    for n in (2, 3, 4, 5, 6, 7, 8, 9):
        assert any(line.startswith(f"line {n}:") for line in lines), (n, lines)
    assert not any(line.startswith("line 10:") for line in lines)
    assert Story.objects.count() == 0


@pytest.mark.django_db
def test_import_bad_header_and_files(tmp_path, scheme):
    f = tmp_path / "h.csv"
    f.write_text("id,story\n1,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        run("import", "stories", str(f), "--project", "cwm")
    f.write_text("external_id,text,sig:nope\n1,x,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no signifier"):
        run("import", "stories", str(f), "--project", "cwm")
    x = tmp_path / "fake.xlsx"
    x.write_bytes(b"not a zip at all")
    with pytest.raises(CommandError, match=r"fake\.xlsx is not a valid \.xlsx file"):
        run("import", "stories", str(x), "--project", "cwm")
    f.write_bytes(b"external_id,text\n1,\x81\x8d\n")  # neither UTF-8 nor cp1252
    with pytest.raises(CommandError, match="UTF-8"):
        run("import", "stories", str(f), "--project", "cwm")


@pytest.mark.django_db
def test_import_xlsx(tmp_path, scheme):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["external_id", "text", "language", "participant_code", "collected_on"])
    ws.append(["X1", "Story one", "en", "M2", None])
    ws.append([2, "Stori dau", "cy", None, None])
    p = tmp_path / "s.xlsx"
    wb.save(p)
    out, _ = run("import", "stories", str(p), "--project", "cwm")
    assert "2 stories imported" in out
    assert Story.objects.filter(external_id="2").exists()


@pytest.mark.django_db
def test_export_audiences_and_formats(tmp_path, make_story, about):
    make_story(
        "<script>alert(1)</script> told by Sian Jones",
        consent_level="public",
        external_id="P1",
        answers={"about": "health"},
    )
    make_story("project story", consent_level="project")
    make_story("team story", consent_level="research_team")
    make_story("held story ዳዊት", consent_level="public", language="ti")
    out, _ = run("export", "stories", "--project", "cwm", "--format", "json")
    data = json.loads(out)
    assert len(data) == 4
    for row in data:
        assert {"id", "external_id", "text", "language", "consent", "participant_code"} <= set(row)
    pub = json.loads(
        run("export", "stories", "--project", "cwm", "--format", "json", "--audience", "public")[0]
    )
    assert [r["external_id"] for r in pub] == ["P1"]
    assert "Sian" not in pub[0]["text"] and "<script>" in pub[0]["text"]  # plain text, verbatim
    proj = json.loads(
        run("export", "stories", "--project", "cwm", "--format", "json", "--audience", "project")[0]
    )
    assert len(proj) == 2
    csv_out, _ = run("export", "stories", "--project", "cwm", "--format", "csv")
    assert (
        csv_out.splitlines()[0].startswith("id,external_id,title,text") and "sig:about" in csv_out
    )
    target = tmp_path / "out.csv"
    run("export", "stories", "--project", "cwm", "--output", str(target))
    assert target.read_text().count("\n") >= 5
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")  # plain UTF-8 by default
    run("export", "stories", "--project", "cwm", "--output", str(target), "--excel")
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,external_id")  # Excel's UTF-8
    assert AuditEvent.objects.filter(action="story.export").count() == 6


@pytest.mark.django_db
def test_redact_command(tmp_path):
    out, _ = run("redact", stdin=io.StringIO("Call Sian Jones on 07700 900123.\n"))
    assert "[PHONE]" in out and "07700" not in out and "Sian" not in out
    f = tmp_path / "t.txt"
    f.write_text("Email sian@example.org", encoding="utf-8")
    spans = json.loads(run("redact", str(f), "--format", "json")[0])
    assert spans and {"start", "end", "type"} <= set(spans[0]) and spans[0]["type"] == "EMAIL"
    with pytest.raises(CommandError, match="no such file"):
        run("redact", str(tmp_path / "missing.txt"))


@pytest.mark.django_db
def test_story_command(make_story, cwm):
    s = make_story("to be withdrawn", consent_level="project")
    out, _ = run("story", "consent", str(s.pk), "--level", "public", "--method", "signed")
    assert "public" in out
    held = make_story("ዳዊት", language="ti")
    out, _ = run("story", "held", "--project", "cwm", "--format", "json")
    assert json.loads(out)[0]["id"] == held.pk
    run("story", "approve", str(held.pk))
    run("story", "withdraw", str(s.pk))
    assert Story.objects.get(pk=s.pk).withdrawn
    with pytest.raises(CommandError, match="no story"):
        run("story", "withdraw", "99999")


@pytest.mark.django_db
def test_import_refuses_a_teller_from_another_project(tmp_path, cwm):
    """X1 is a participant of another project: the row is refused with how to fix it, and
    nothing is written; once X1 joins cwm the same file imports."""
    f = tmp_path / "s.csv"
    f.write_text(
        "external_id,text,language,participant_code\nE1,We met at the pool,en,X1\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as err:
        run("import", "stories", str(f), "--project", "cwm")
    assert "line 2" in str(err.value) and "'X1'" in str(err.value)
    assert "tallytale person add X1 --project cwm" in str(err.value)
    assert Story.objects.count() == 0
    run("person", "add", "X1", "--project", "cwm")
    out, _ = run("import", "stories", str(f), "--project", "cwm")
    assert "1 stories imported" in out and Story.objects.get().teller.code == "X1"
