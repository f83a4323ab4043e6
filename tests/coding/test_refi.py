import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from importlib import metadata

import pytest
from django.core.management import call_command

from tallytale.coding import refi, services
from tallytale.coding.models import Code, Coding
from tallytale.errors import InvalidInput
from tallytale.programmes import services as people
from tallytale.programmes.models import Project
from tests.actors import OPERATOR

from .conftest import CLI

P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PROJECT_ORDER = [
    "Users",
    "CodeBook",
    "Variables",
    "Cases",
    "Sources",
    "Notes",
    "Links",
    "Sets",
    "Graphs",
    "Description",
]  # fmt: skip  (REFI-QDA 1.5 Project sequence)


def _portableqda_qdc_files():
    files = metadata.files("portableqda") or []
    return sorted(str(f.locate()) for f in files if str(f).endswith(".qdc"))


@pytest.fixture
def coded(cwm, make_story):
    people.add_person("T9", "cwm", joined_on=None, actor=OPERATOR)
    teller = people.get_person("T9")
    s1 = make_story("Call Sam on 07700 900123. The lunch club made me less lonely.", teller=teller)
    s2 = make_story("Money is tight but the credits help.")
    top = services.add_code(cwm, "Wellbeing", actor=CLI, description="how people feel",
                            example="less lonely", colour="#112233")  # fmt: skip
    lonely = services.add_code(cwm, "Loneliness", actor=CLI, parent=top)
    money = services.add_code(cwm, "Money", actor=CLI)
    services.code_story(s1, lonely, actor=CLI, phrase="less lonely")
    services.code_story(s2, money, actor=services.Actor("cli:bob"))
    services.add_memo(cwm, "a memo", actor=CLI, story=s1)
    return {"s1": s1, "s2": s2, "codes": [top, lonely, money]}


def _check_structure(root: ET.Element, files: dict[str, bytes]) -> None:
    """XSD-lite: namespaces, element order, required attributes, GUID format, references."""
    assert (
        root.tag == f"{P}Project" and root.get("name") and GUID.match(root.get("creatingUserGUID"))
    )
    order = [el.tag.replace(P, "") for el in root]
    assert order == [t for t in PROJECT_ORDER if t in order]
    guids = [el.get("guid") for el in root.iter() if el.get("guid") is not None]
    assert guids and all(GUID.match(g) for g in guids) and len(set(guids)) == len(guids)
    codes = {el.get("guid") for el in root.iter(f"{P}Code")}
    users = {el.get("guid") for el in root.iter(f"{P}User")}
    for ref in root.iter(f"{P}CodeRef"):
        assert ref.get("targetGUID") in codes
    for el in root.iter():
        assert el.tag.startswith(P), el.tag  # everything in the project namespace
        if el.get("creatingUser"):
            assert el.get("creatingUser") in users
    for src in root.iter(f"{P}TextSource"):
        path = src.get("plainTextPath")
        assert path.startswith("internal://")
        text = files[f"sources/{path[len('internal://') :]}"].decode("utf-8")
        for sel in src.iter(f"{P}PlainTextSelection"):
            s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
            assert 0 <= s < e <= len(text)
            assert sel.find(f"{P}Coding/{P}CodeRef") is not None


def test_qdpx_export_structure_redaction_and_cases(cwm, coded, tmp_path):
    out = tmp_path / "cwm.qdpx"
    call_command("export", "qdpx", "--project", "cwm", "--out", str(out))
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        files = {n: zf.read(n) for n in names}
    assert "project.qde" in names and all(
        n == "project.qde" or n.startswith("sources/") for n in names
    )
    root = ET.fromstring(files["project.qde"])
    _check_structure(root, files)
    everything = b"".join(files.values()).decode("utf-8")
    assert "07700 900123" not in everything  # redacted text only
    assert "less lonely" in everything
    sel = next(root.iter(f"{P}PlainTextSelection"))
    text = files[next(n for n in names if n.startswith("sources/"))].decode()
    assert text[int(sel.get("startPosition")) : int(sel.get("endPosition"))] in everything
    assert [c.get("name") for c in root.iter(f"{P}Case")] == ["T9"]
    assert root.find(f"{P}Notes/{P}Note/{P}PlainTextContent").text == "a memo"


def test_qdc_export_namespace_and_hierarchy(cwm, coded):
    root = ET.fromstring(refi.export_codebook(cwm, actor=CLI))
    assert root.tag == f"{C}CodeBook"
    top = root.find(f"{C}Codes/{C}Code[@name='Wellbeing']")
    assert top.get("color") == "#112233" and top.get("isCodable") == "true"
    assert top.find(f"{C}Code").get("name") == "Loneliness"
    assert "Example: less lonely" in top.find(f"{C}Description").text
    assert all(GUID.match(c.get("guid")) for c in root.iter(f"{C}Code"))


def test_round_trip_into_another_project(cwm, coded, make_story):
    data, n = refi.export_project(cwm, actor=CLI)
    assert n == 2
    other = people.create_project("copy", "Copy")
    s1 = make_story(coded["s1"].text, project=other)
    make_story(coded["s2"].text, project=other)
    report = refi.import_project(other, data, actor=CLI)
    assert report.codes_created == 3 and report.sources_matched == 2 and report.codings_created == 2
    got = Coding.objects.get(story=s1)
    assert got.excerpt == "less lonely" and got.code.path() == "Wellbeing / Loneliness"
    assert Coding.objects.filter(project=other, coder_label="cli:bob", start__isnull=True).exists()
    again = refi.import_project(other, data, actor=CLI)  # idempotent
    assert again.codes_created == 0 and again.codings_created == 0
    # and into the same project: matched by GUID, nothing duplicated
    same = refi.import_project(cwm, data, actor=CLI)
    assert same.codes_created == 0 and same.codings_created == 0 and same.sources_matched == 2


@pytest.mark.parametrize("path", _portableqda_qdc_files())
def test_import_portableqda_sample_codebooks(cwm, path):
    with open(path, "rb") as fh:
        report = refi.import_codebook(cwm, fh.read(), actor=CLI)
    assert report.codes_created > 0
    assert Code.objects.filter(project=cwm).count() == report.codes_created


def test_portableqda_samples_found():
    names = {p.rsplit("/", 1)[-1] for p in _portableqda_qdc_files()}
    assert {"REFI-QDA-1-5.qdc", "portableQDA_Atlasti.qdc"} <= names


def test_atlas_hierarchy_and_braced_guids(cwm):
    path = next(p for p in _portableqda_qdc_files() if p.endswith("portableQDA_Atlasti.qdc"))
    call_command("import", "codebook", path, "--project", "cwm")
    assert services.get_code(cwm, "code1 / code1.1")
    path = next(p for p in _portableqda_qdc_files() if p.endswith("REFI-QDA-1-5.qdc"))
    refi.import_codebook(cwm, open(path, "rb").read(), actor=CLI)
    econ = services.get_code(cwm, "Economy")
    assert econ.guid == uuid.UUID("d7aa29da-519b-4946-9b90-253b6db8fd0a")
    assert econ.colour == "#FFFF00" and "jobs" in econ.description


@pytest.mark.parametrize(
    "doc",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>',
        b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><CodeBook/>',
        '<?xml version="1.0" encoding="utf-16"?><!doctype x><CodeBook/>'.encode("utf-16"),
        b"<CodeBook><Codes>",
    ],
)
def test_unsafe_or_broken_xml_is_refused(cwm, doc):
    with pytest.raises(InvalidInput):
        refi.import_codebook(cwm, doc, actor=CLI)


def test_zip_bomb_and_missing_project_refused(cwm):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", b"<Project/>" + b" " * (20 * 1024 * 1024))
    with pytest.raises(InvalidInput, match="compressed|large"):
        refi.import_project(cwm, buf.getvalue(), actor=CLI)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("other.txt", b"x")
    with pytest.raises(InvalidInput, match="no project.qde"):
        refi.import_project(cwm, buf.getvalue(), actor=CLI)
    with pytest.raises(InvalidInput, match="not a zip"):
        refi.import_project(cwm, b"not a zip", actor=CLI)


def test_only_visible_stories_exported(cwm, coded, users):
    member = services.Actor("web:m1", users["member"])
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        refi.export_project(cwm, actor=member)
    assert Project.objects.count() >= 1
