"""REFI-QDA exports validate against the official XSDs (lxml), and an export imported
back is the same document: names, descriptions, examples, colours, hierarchy, GUIDs,
codings, memos, cases and variables (issue 18). Also the Taguette CSV codebook."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from importlib import resources

import pytest
from django.core.management import call_command
from lxml import etree

from tallytale.coding import codebook_csv, refi, services
from tallytale.coding.models import Code, CodeHistory, Coding, Memo
from tallytale.demo.sample import build_sample_project
from tallytale.errors import InvalidInput
from tallytale.programmes import services as people
from tallytale.programmes.models import Project
from tallytale.stories.models import Story

from .conftest import CLI

pytestmark = pytest.mark.django_db
SCHEMAS = resources.files("tallytale.coding") / "data" / "refi-qda"


def _schema(name: str) -> etree.XMLSchema:
    with resources.as_file(SCHEMAS / name) as path:
        return etree.XMLSchema(etree.parse(str(path)))


PROJECT_XSD = _schema("Project.xsd")
CODEBOOK_XSD = _schema("Codebook.xsd")


def assert_valid_qdc(data: bytes) -> None:
    doc = etree.fromstring(data)
    assert CODEBOOK_XSD.validate(doc), CODEBOOK_XSD.error_log.last_error


def qde_of(qdpx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(qdpx)) as z:
        return z.read("project.qde")


def assert_valid_qdpx(data: bytes) -> None:
    doc = etree.fromstring(qde_of(data))
    assert PROJECT_XSD.validate(doc), PROJECT_XSD.error_log.last_error


def test_the_shipped_schemas_compile_and_the_codebook_one_is_repaired():
    text = (SCHEMAS / "Codebook.xsd").read_text(encoding="utf-8")
    assert "\u2010" not in text and not re.search(r'"[a-zA-Z]+="', text)  # the typos
    assert "repaired" in (SCHEMAS / "README.md").read_text(encoding="utf-8")


def test_an_empty_project_exports_a_valid_qdpx_and_refuses_an_empty_qdc(cwm):
    data, n = refi.export_project(cwm, actor=CLI)
    assert n == 0
    assert_valid_qdpx(data)
    assert b"<Codes" not in qde_of(data) and b"<Sources" not in qde_of(data)
    with pytest.raises(InvalidInput, match="no codes yet"):
        refi.export_codebook(cwm, actor=CLI)


def test_stories_without_codes_and_codes_without_stories_validate(cwm, make_story):
    make_story("The lunch club helped.")
    assert_valid_qdpx(refi.export_project(cwm, actor=CLI)[0])
    other = people.create_project("bare", "Bare")
    services.add_code(other, "Only a code", actor=CLI)
    assert_valid_qdpx(refi.export_project(other, actor=CLI)[0])
    assert_valid_qdc(refi.export_codebook(other, actor=CLI))


def test_every_demo_projects_export_validates(db):
    from tallytale.demo import layout
    from tallytale.demo.programme import build_programme

    build_programme(seed=3, participants=12, users=False, community=False)
    for slug in layout.project_slugs():
        project = Project.objects.get(slug=slug)
        data, _ = refi.export_project(project, actor=CLI)
        assert_valid_qdpx(data)
        if Code.objects.filter(project=project, active=True).exists():
            assert_valid_qdc(refi.export_codebook(project, actor=CLI))


@pytest.fixture
def full(db):
    """A project with every feature REFI-QDA carries: a code tree with colours,
    descriptions and examples (Welsh too), span and whole-story codings by two coders,
    memos on a code, a story and the project, and tellers with survey scores (cases with
    variables)."""
    sample = build_sample_project("riverside", participants=12, seed=5, stories_per_person=1)
    project = Project.objects.get(slug="riverside")
    stories = list(Story.objects.filter(project=project).order_by("pk")[:4])
    top = services.add_code(project, "Llesiant", actor=CLI, description="sut mae pobl yn teimlo",
                            example="llai unig", colour="#112233")  # fmt: skip
    child = services.add_code(project, "Loneliness", actor=CLI, parent=top, example="on my own")
    services.add_code(project, "Money", actor=CLI, description="cost of living", colour="#AABBCC")
    bob = services.Actor("cli:bob")
    for s in stories:
        text = s.text_redacted or s.text
        services.code_story(s, child, actor=CLI, start=0, end=min(12, len(text.rstrip())))
        services.code_story(s, top, actor=bob)  # whole story
    services.add_memo(project, "a memo on a code", actor=CLI, code=child)
    services.add_memo(project, "a memo on a story", actor=bob, story=stories[0])
    services.add_memo(project, "a memo on the whole coding", actor=CLI)
    return project, sample


def _canonical(qde: bytes) -> bytes:
    """The document without creation times (an import creates new rows)."""
    return re.sub(rb' creationDateTime="[^"]*"', b"", qde)


def _wipe(project: Project) -> None:
    Coding.objects.filter(project=project).delete()
    Memo.objects.filter(project=project).delete()
    CodeHistory.objects.filter(project=project).delete()
    for code in Code.objects.filter(project=project).order_by("-pk"):
        code.delete()


def test_a_project_with_every_feature_validates_and_round_trips(full):
    project, _ = full
    first, n = refi.export_project(project, actor=CLI)
    assert n > 0
    assert_valid_qdpx(first)
    qde = qde_of(first)
    for element in (b"<Variables", b"<VariableValue", b"<Cases", b"<NoteRef", b"<Notes",
                    b"Example: llai unig", b'color="#112233"'):  # fmt: skip
        assert element in qde, element
    assert_valid_qdc(refi.export_codebook(project, actor=CLI))
    before = {(c.name, c.description, c.example, c.colour, str(c.guid),
               c.parent.name if c.parent else "") for c in Code.objects.filter(project=project)}  # fmt: skip
    _wipe(project)
    report = refi.import_project(project, first, actor=CLI)
    assert report.problems == [] and report.memos_created == 3
    after = {(c.name, c.description, c.example, c.colour, str(c.guid),
              c.parent.name if c.parent else "") for c in Code.objects.filter(project=project)}  # fmt: skip
    assert after == before  # description and example apart again, GUIDs kept
    again, _ = refi.export_project(project, actor=CLI)
    assert _canonical(qde_of(again)) == _canonical(qde)
    # importing the same file again changes nothing
    report = refi.import_project(project, first, actor=CLI)
    assert report.codings_created == 0 and report.memos_created == 0


def test_a_codebook_round_trips_with_examples(full):
    project, _ = full
    qdc = refi.export_codebook(project, actor=CLI)
    _wipe(project)
    refi.import_codebook(project, qdc, actor=CLI)
    code = Code.objects.get(project=project, name="Llesiant")
    assert (code.description, code.example) == ("sut mae pobl yn teimlo", "llai unig")
    assert refi.export_codebook(project, actor=CLI) == qdc


def test_taguette_csv_codebook_export_and_import(full, tmp_path):
    project, _ = full
    text = codebook_csv.export_codebook_csv(project, actor=CLI)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[:3] == [
        ["tag", "description", "parent"],
        ["Llesiant", "sut mae pobl yn teimlo\n\nExample: llai unig", ""],
        ["Loneliness", "Example: on my own", "Llesiant"],
    ]
    other = people.create_project("copy", "Copy")
    report = codebook_csv.import_codebook_csv(other, text.encode(), actor=CLI)
    assert report.codes_created == 3
    assert codebook_csv.export_codebook_csv(other, actor=CLI) == text
    loneliness = Code.objects.get(project=other, name="Loneliness")
    assert loneliness.parent.name == "Llesiant" and loneliness.example == "on my own"
    # the command line: .csv by name, with a byte-order mark for Excel
    out = tmp_path / "codes.csv"
    call_command("export", "codebook", "--project", "riverside", "-o", str(out), "--excel")
    assert out.read_bytes().startswith(b"\xef\xbb\xbftag,description,parent\r\n")
    call_command("import", "codebook", str(out), "--project", "copy")
    assert Code.objects.filter(project=other).count() == 3


def test_a_codebook_csv_as_taguette_writes_it_imports(cwm):
    """Taguette's own export: capitalised header, a count column, Windows-1252 text."""
    data = "Tag,Description,Number of highlights\r\ninteresting,Café chats,3\r\nother,,0\r\n"
    report = codebook_csv.import_codebook_csv(cwm, data.encode("cp1252"), actor=CLI)
    assert report.codes_created == 2
    assert Code.objects.get(project=cwm, name="interesting").description == "Café chats"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"code,description\nx,y\n", "exactly one of the columns tag, name or path"),
        (b"tag,name\nx,y\n", "exactly one of the columns"),
        (b"tag,description\nx,y\n,z\n", "line 3: empty tag"),
        (b"tag,description,parent\nx,,nowhere\n", "line 2: parent 'nowhere'"),
        (b"tag,description,parent\na,,b\nb,,a\n", "parents form a loop"),
        (b"tag,description\nx\n", "line 2: 1 column(s), expected 2"),
    ],
)
def test_a_bad_codebook_csv_is_refused_naming_the_line(cwm, data, message):
    with pytest.raises(InvalidInput, match=re.escape(message)):
        codebook_csv.import_codebook_csv(cwm, data, actor=CLI)
    assert not Code.objects.filter(project=cwm).exists()
