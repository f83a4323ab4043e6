"""Hostile input: importers never crash, every refusal is a clear one-line message, and
archives built to exhaust memory are refused within limits. Hypothesis runs a bounded
number of examples so CI time stays fixed.

Covers contributions CSV, stories, survey responses, XLSForms and REFI-QDA projects
(.qdpx: random bytes, damaged zips, mutated project.qde, entity attacks, zip bombs)."""

from __future__ import annotations

import datetime as dt
import io
import time
import tracemalloc
import uuid
import warnings
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tallytale.coding import refi
from tallytale.errors import InvalidInput
from tallytale.ledger.importers import import_contributions
from tallytale.stories import importers as story_importers
from tallytale.stories import services as stories
from tallytale.surveys import importers as survey_importers
from tallytale.surveys.xlsform import parse_xlsform

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NASTY = [
    "<script>alert(1)</script>",
    "\u202eevil\u202c",
    "😀👩🏽‍🚀",
    "\x00",
    '"',
    ",",
    "\r\n",
    "=cmd|' /C calc'!A0",
    "'; DROP TABLE ledger_transfer; --",
    "١٢٣",
    "M1",
    "library",
    "2025-01-01",
    "1.5",
    "-3",
    "1e9",
    "NaN",
]
cell = st.one_of(st.sampled_from(NASTY), st.text(max_size=30))
row = st.lists(cell, min_size=0, max_size=7)


def _clear(exc: BaseException) -> None:
    message = str(exc)
    assert message.strip() and "Traceback" not in message
    assert "\n" not in message, message  # one line, even when a header holds a newline


def _csv(rows: list[list[str]]) -> str:
    import csv

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@pytest.mark.django_db
@FUZZ
@given(
    header=st.sampled_from(
        [["person_code", "partner", "date", "hours", "activity"], ["person_code", "hours"], []]
    ),
    rows=st.lists(row, max_size=8),
    raw=st.text(max_size=200),
    use_raw=st.booleans(),
)
def test_contributions_import_never_crashes(scheme, actor, header, rows, raw, use_raw):
    text = raw if use_raw else _csv([header, *rows])
    try:
        report = import_contributions(text, "cwm", actor=actor, today=dt.date(2025, 6, 30))
    except InvalidInput as exc:
        _clear(exc)
    else:
        assert report.rows >= report.written


@pytest.mark.django_db
@FUZZ
@given(rows=st.lists(row, max_size=6), header=st.lists(cell, max_size=5))
def test_story_import_never_crashes(scheme, header, rows):
    table = [(1, ["external_id", "text", *header])] + [(i + 2, r) for i, r in enumerate(rows)]
    try:
        story_importers.import_stories(table, "cwm", actor=stories.Actor("fuzz"))
    except InvalidInput as exc:
        _clear(exc)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_response_and_story_files_never_crash(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("f") / f"export{suffix}"
    path.write_bytes(data)
    for read in (
        lambda: list(survey_importers.open_table(path).rows()),
        lambda: list(story_importers.read_rows(path).rows()),
    ):
        try:
            read()
        except InvalidInput as exc:
            _clear(exc)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".md"]))
def test_xlsform_parser_never_crashes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("x") / f"form{suffix}"
    path.write_bytes(data)
    try:
        parse_xlsform(path)
    except InvalidInput as exc:
        _clear(exc)


def _xlsx(sheet_xml: bytes, big: int = 0) -> bytes:
    """A minimal workbook; `big` adds a member of that many zero bytes (a zip bomb)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if big:
            with z.open("xl/media/padding.bin", "w", force_zip64=True) as f:
                block = bytes(1 << 20)
                for _ in range(big // len(block)):
                    f.write(block)
    return buf.getvalue()


LAUGHS = (
    b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lololololololololololololololololololol">
"""
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"""]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""
)


def _readers(path: Path):
    yield "responses", lambda: list(survey_importers.open_table(path).rows())
    yield "stories", lambda: list(story_importers.read_rows(path).rows())
    yield "xlsform", lambda: parse_xlsform(path)


def test_billion_laughs_workbook_is_refused(tmp_path):
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(_xlsx(LAUGHS))
    for _name, read in _readers(path):
        with pytest.raises(InvalidInput) as info:
            read()
        _clear(info.value)


@pytest.mark.slow
def test_zip_bomb_workbook_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_xlsx(b"<worksheet/>", big=520 * 1024 * 1024))
    assert path.stat().st_size < 5 * 1024 * 1024
    for _name, read in _readers(path):
        with pytest.raises(InvalidInput, match="(?i)unpack|MB") as info:
            read()
        _clear(info.value)


HOSTILE_TEXT = {
    "html": "<b>bold</b> <img src=x onerror=alert(1)> & &amp;",
    "script": "<script>document.location='//evil'</script>",
    "rtl": "invoice \u202egpj.exe\u202c and \u2067isolate\u2069",
    "emoji": "we cooked 🍲 together 👩🏾‍🍳👨‍👩‍👧 ✊🏿",
    "sql": "'; DROP TABLE stories_story; --",
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(HOSTILE_TEXT))
def test_hostile_story_text_is_stored_faithfully(scheme, kind):
    from tallytale.programmes.models import Project
    from tallytale.stories.models import Story

    text = f"My story. {HOSTILE_TEXT[kind]} The end."
    project = Project.objects.get(slug="cwm")
    story = stories.collect(
        project, actor=stories.Actor("fuzz"), text=text, title=HOSTILE_TEXT[kind][:200]
    )
    stored = Story.objects.get(pk=story.pk)
    assert stored.text == text and stored.title == HOSTILE_TEXT[kind][:200]


@pytest.mark.django_db
def test_huge_and_nul_story_text_is_refused_or_cleaned(scheme):
    from tallytale.programmes.models import Project
    from tallytale.stories.models import Story

    project = Project.objects.get(slug="cwm")
    with pytest.raises(InvalidInput) as info:
        stories.collect(project, actor=stories.Actor("fuzz"), text="a" * (1024 * 1024))
    _clear(info.value)
    story = stories.collect(project, actor=stories.Actor("fuzz"), text="before\x00after")
    assert Story.objects.get(pk=story.pk).text == "beforeafter"  # control characters removed


# ------------------------------------------------------------------------------------------
# REFI-QDA projects (.qdpx): a zip of project.qde (XML) and sources/<guid>.txt
# ------------------------------------------------------------------------------------------

QDA_TEXTS = [
    "We met at the library and the lunch club made me less lonely.",
    "Money is tight but the credits help 😀 and the garden is calm.",
]
CODE_GUIDS = [str(uuid.UUID(int=0xC0DE0000 + i)) for i in range(4)]
USER_GUIDS = [str(uuid.UUID(int=0x05E40000 + i)) for i in range(2)]
CODE_NAMES = ["Money", "money", " Money ", "Mo  ney", "Mo ney", "Well\nbeing", "", "   ",
              "a" * 250, "x" * 199 + " y", "Parent / Child"]  # fmt: skip


@pytest.fixture
def qda(scheme):
    """Two stories in cwm that fuzzed projects can point at, by GUID or by text."""
    from tallytale.coding import services as coding
    from tallytale.programmes.models import Project

    project = Project.objects.get(slug="cwm")
    actor = stories.Actor("cli:fuzz")
    made = [stories.collect(project, actor=actor, text=t, language="en") for t in QDA_TEXTS]
    texts = [coding.text_for(actor, s)[1] for s in made]
    return project, actor, [(refi.story_guid(project, s.pk), t) for s, t in zip(made, texts)]


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names())


def _rows() -> dict[str, int]:
    """Row count of every table: a refused import must leave every one unchanged."""
    q = connection.ops.quote_name
    with connection.cursor() as cur:
        out = {}
        for table in _tables():
            cur.execute(f"SELECT COUNT(*) FROM {q(table)}")
            out[table] = cur.fetchone()[0]
    return out


def _db_contains(marker: str) -> list[str]:
    """Every table with `marker` in any column, read from the schema itself."""
    q = connection.ops.quote_name
    found = []
    with connection.cursor() as cur:
        for table in _tables():
            columns = [c.name for c in connection.introspection.get_table_description(cur, table)]
            where = " OR ".join(f"CAST({q(c)} AS TEXT) LIKE %s" for c in columns)
            cur.execute(
                f"SELECT COUNT(*) FROM {q(table)} WHERE {where}", [f"%{marker}%"] * len(columns)
            )
            if cur.fetchone()[0]:
                found.append(table)
    return found


def _qdpx(qde: bytes, files: dict[str, bytes] | None = None, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        z.writestr("project.qde", qde)
        for name, body in (files or {}).items():
            z.writestr(name, body)
    return buf.getvalue()


def _import_qdpx(project, actor, data: bytes):
    """Import `data`: the report, or the error of a clear refusal that wrote nothing."""
    before = _rows()
    try:
        report = refi.import_project(project, data, actor=actor)
    except InvalidInput as exc:
        _clear(exc)
        assert _rows() == before, "a refused import left rows behind"
        return exc
    return report


# Placeholders ("story", i), ("code", i), ("user", i) are resolved when the XML is built,
# so hypothesis can aim references at real stories, codes and users or miss them.
def _ref(kind: str, n: int):
    real = st.tuples(st.just(kind), st.integers(0, n - 1))
    wrong = st.one_of(
        st.uuids().map(str),  # a well-formed GUID nobody declared
        st.uuids().map(lambda u: "{" + str(u).upper() + "}"),
        st.sampled_from(["", "not-a-guid", "{}", "0000000-0000-0000-0000-00000000000g"]),
        st.none(),  # attribute missing
    )
    # three in four references resolve, so the import gets past the lookups
    return st.sampled_from([True, True, True, False]).flatmap(lambda ok: real if ok else wrong)


xml_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from([n for n in NASTY if n != "\x00"] + ["&amp;", "]]>", "&#x1F600;"]),
)
opt_text = st.one_of(st.none(), xml_text)
position = st.one_of(
    st.integers(0, 70).map(str),
    st.integers(-3, 130).map(str),
    st.sampled_from(["", "abc", "1.5", "9" * 30, " 3 ", "١٢", "-0", "0x10"]),
    st.none(),
)
code_node = st.fixed_dictionaries(
    {
        "guid": _ref("code", len(CODE_GUIDS)),
        "name": st.one_of(st.sampled_from(CODE_NAMES), opt_text),
        "color": st.one_of(st.none(), st.sampled_from(["#FF0000", "#ff00zz", "red", ""])),
        "description": opt_text,
    }
)
code_tree = st.recursive(
    st.lists(code_node.map(lambda d: {**d, "children": []}), max_size=3),
    lambda kids: st.lists(
        st.builds(lambda d, k: {**d, "children": k}, code_node, kids), min_size=1, max_size=3
    ),
    max_leaves=8,
)
selection = st.fixed_dictionaries(
    {
        "guid": _ref("selection", 1),
        "span": st.one_of(
            st.builds(lambda a, n: (str(a), str(a + n)), st.integers(0, 60), st.integers(1, 20)),
            st.tuples(position, position),
        ),
        "creatingUser": _ref("user", len(USER_GUIDS)),
        "codings": st.lists(
            st.fixed_dictionaries(
                {"ref": _ref("code", len(CODE_GUIDS)), "creatingUser": _ref("user", 2)}
            ),
            min_size=1,
            max_size=3,
        ),
    }
)
text_source = st.fixed_dictionaries(
    {
        "guid": _ref("story", len(QDA_TEXTS)),
        "name": opt_text,
        "text": st.one_of(st.integers(0, len(QDA_TEXTS) - 1), xml_text),
        "how": st.sampled_from(["internal", "inline", "missing-file", "none"]),
        "selections": st.lists(selection, min_size=1, max_size=4),
    }
)
qde_project = st.fixed_dictionaries(
    {
        "root": st.sampled_from(
            [(refi.NS_PROJECT, "Project")] * 12
            + [
                (refi.NS_CODEBOOK, "Project"),
                ("", "Project"),
                (refi.NS_PROJECT, "CodeBook"),
                (refi.NS_PROJECT, "project"),
                ("urn:QDA-XML:project:0.4", "Project"),
            ]
        ),  # fmt: skip
        "attrs": st.dictionaries(
            st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,10}", fullmatch=True), xml_text, max_size=3
        ),
        "users": st.lists(
            st.fixed_dictionaries({"guid": _ref("user", len(USER_GUIDS)), "name": opt_text}),
            max_size=3,
        ),
        "codes": st.one_of(st.none(), code_tree),
        # usually also declare the codes of CODE_GUIDS, well-formed, so codings can resolve
        "known_codes": st.sampled_from([True, True, True, False]),
        "sources": st.sampled_from([True, True, True, False]).flatmap(
            lambda some: st.lists(text_source, min_size=1, max_size=3) if some else st.none()
        ),
    }
)


def _build_qdpx(spec: dict, targets: list[tuple[str, str]]) -> tuple[bytes, int]:
    """The .qdpx for a hypothesis spec, and how many TextSources it holds."""
    ns, root_tag = spec["root"]

    def tag(name: str) -> str:
        return f"{{{ns}}}{name}" if ns else name

    def guid(ref) -> str | None:
        if isinstance(ref, tuple):
            kind, i = ref
            return {
                "story": lambda: targets[i][0],
                "code": lambda: CODE_GUIDS[i],
                "user": lambda: USER_GUIDS[i],
                "selection": lambda: str(uuid.uuid4()),
            }[kind]()
        return ref

    def el(parent, element: str, /, **attrs) -> ET.Element:
        return ET.SubElement(
            parent, tag(element), {k: v for k, v in attrs.items() if v is not None}
        )

    root = ET.Element(tag(root_tag), spec["attrs"])
    users = el(root, "Users")
    for u in spec["users"]:
        el(users, "User", guid=guid(u["guid"]), name=u["name"])

    def add_codes(parent, nodes) -> None:
        for c in nodes:
            node = el(parent, "Code", guid=guid(c["guid"]), name=c["name"], color=c["color"])
            if c["description"] is not None:
                el(node, "Description").text = c["description"]
            add_codes(node, c["children"])

    if spec["codes"] is not None or spec["known_codes"]:
        codes_el = el(el(root, "CodeBook"), "Codes")
        add_codes(codes_el, spec["codes"] or [])
        for i, g in enumerate(CODE_GUIDS if spec["known_codes"] else []):
            el(codes_el, "Code", guid=g, name=f"Known {i}", isCodable="true")
    files = {}
    sources = spec["sources"] or []
    if spec["sources"] is not None:
        sources_el = el(root, "Sources")
        for s in sources:
            text = targets[s["text"]][1] if isinstance(s["text"], int) else s["text"]
            sguid = guid(s["guid"])
            src = el(sources_el, "TextSource", guid=sguid, name=s["name"])
            if s["how"] == "inline":
                el(src, "PlainTextContent").text = text
            elif s["how"] in ("internal", "missing-file"):
                fname = f"{sguid or uuid.uuid4()}.txt"
                src.set("plainTextPath", f"internal://{fname}")
                if s["how"] == "internal":
                    files[f"sources/{fname}"] = text.encode("utf-8", "surrogatepass")
            for sel in s["selections"]:
                node = el(src, "PlainTextSelection", guid=guid(sel["guid"]),
                          startPosition=sel["span"][0], endPosition=sel["span"][1],
                          creatingUser=guid(sel["creatingUser"]))  # fmt: skip
                for c in sel["codings"]:
                    coding = el(node, "Coding", guid=str(uuid.uuid4()),
                                creatingUser=guid(c["creatingUser"]))  # fmt: skip
                    el(coding, "CodeRef", targetGUID=guid(c["ref"]))
    return _qdpx(ET.tostring(root, encoding="utf-8"), files), len(sources)


def _plain_code(name: str) -> dict:
    return {"guid": None, "name": name, "color": None, "description": None, "children": []}


@pytest.mark.django_db
@settings(FUZZ, max_examples=100)
@given(spec=qde_project)
# sibling codes whose names differ only in spacing: the importer's lookup must clean names
# as the codebook does, or the second one hits "already exists" (AlreadyExists, not a
# clear refusal); a 199-character name followed by a space-separated word likewise
@example(
    spec={
        "root": (refi.NS_PROJECT, "Project"),
        "attrs": {},
        "users": [],
        "known_codes": False,
        "codes": [
            _plain_code("Mo ney"),
            _plain_code("mo  ney"),
            _plain_code("x" * 199 + " y"),
            _plain_code("x" * 199 + " z"),
        ],
        "sources": None,
    }  # fmt: skip
)
def test_refi_project_import_never_crashes_and_is_all_or_nothing(qda, spec):
    project, actor, targets = qda
    data, n_sources = _build_qdpx(spec, targets)
    report = _import_qdpx(project, actor, data)
    if isinstance(report, InvalidInput):
        event(f"refused: {str(report)[:40]}")
        return
    event("imported")
    event(f"sources matched: {min(report.sources_matched, 2)}+")
    event(f"codings imported: {min(report.codings_created, 2)}+")
    assert report.sources_matched + len(report.sources_unmatched) == n_sources
    assert report.sources_matched <= n_sources
    from tallytale.coding.models import Code, Coding

    for code in Code.objects.filter(project=project):
        assert code.name and code.name == " ".join(code.name.split()) and len(code.name) <= 200
    texts = dict(targets)
    for c in Coding.objects.filter(project=project, source="refi import").select_related():
        text = texts[refi.story_guid(project, c.story_id)]
        assert c.start is None or 0 <= c.start < c.end <= len(text), (c.start, c.end)
    # importing the same file again adds nothing: not a code, not a coding, not a row
    before = _rows()
    again = refi.import_project(project, data, actor=actor)
    assert (again.codes_created, again.codings_created) == (0, 0), again
    assert again.codes_existing == report.codes_created + report.codes_existing
    assert _rows() == before


@pytest.mark.django_db
@FUZZ
@given(data=st.binary(max_size=400), zip_magic=st.booleans())
def test_refi_random_bytes_are_refused_cleanly(qda, data, zip_magic):
    project, actor, _ = qda
    refused = _import_qdpx(project, actor, (b"PK\x03\x04" if zip_magic else b"") + data)
    assert isinstance(refused, InvalidInput)


zip_member = st.tuples(
    st.one_of(
        st.sampled_from(
            [
                "project.qde",
                "PROJECT.QDE",
                "sources/a.txt",
                "sources\\b.txt",
                "sources/../../etc/passwd.txt",
                "/abs/sources/c.txt",
                "sources/",
                "sources/é.TXT",
                "project.qde/",
            ]
        ),  # fmt: skip
        st.text(max_size=20),
    ),
    st.one_of(
        st.binary(max_size=200),
        st.sampled_from(
            [
                b'<Project xmlns="urn:QDA-XML:project:1.0"/>',
                b'<Project xmlns="urn:QDA-XML:project:1.0"><Sources><TextSource guid="x"'
                b' plainTextPath="internal://a.txt"/></Sources></Project>',
                "<Project>\u00e9</Project>".encode("latin-1"),
                b"\xef\xbb\xbf" + QDA_TEXTS[0].encode(),
            ]
        ),
    ),
    st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2]),
)


@pytest.mark.django_db
@FUZZ
@given(
    members=st.lists(zip_member, max_size=5),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=4),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
def test_refi_random_and_damaged_zip_archives_never_crash(qda, members, flips, cut):
    project, actor, _ = qda
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is part of the fuzz
        with zipfile.ZipFile(buf, "w") as z:
            for name, body, method in members:
                z.writestr(zipfile.ZipInfo(name or "x"), body, compress_type=method)
    data = bytearray(buf.getvalue())
    for where, byte in flips:  # damage headers, names, sizes, CRCs, compressed streams
        if data:
            data[int(where * len(data))] = byte
    if cut is not None:
        data = data[: int(cut * len(data))]
    _import_qdpx(project, actor, bytes(data))


# Billion laughs and external entities, in encodings a byte-level probe for "<!DOCTYPE"
# cannot see (UTF-16 without a byte-order mark): expat itself must refuse the DTD.
def _laughs(depth: int = 10) -> str:
    decls = ['<!ENTITY lol0 "lololololololololololololololololololol">']
    decls += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, depth)]
    return "".join(decls)


XML_ATTACKS = {
    "billion-laughs": lambda secret: (f"<!DOCTYPE Project [{_laughs()}]>", "&lol9;"),
    "xxe-general": lambda secret: (
        f'<!DOCTYPE Project [<!ENTITY s SYSTEM "{secret.as_uri()}">]>',
        "&s;",
    ),
    "xxe-parameter": lambda secret: (
        f'<!DOCTYPE Project [<!ENTITY % p SYSTEM "{secret.with_suffix(".dtd").as_uri()}"> %p;]>',
        "&leak;",
    ),
    "xxe-doctype": lambda secret: (f'<!DOCTYPE Project SYSTEM "{secret.as_uri()}">', ""),
    "quadratic": lambda secret: (
        f'<!DOCTYPE Project [<!ENTITY big "{"B" * 100_000}">]>',
        "&big;" * 2000,
    ),
}
ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-16-bom": lambda s: s.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"),
    "utf-16le-no-bom": lambda s: s.replace('encoding="utf-8"', 'encoding="utf-16"').encode(
        "utf-16-le"
    ),
    "utf-16be-no-bom": lambda s: s.replace('encoding="utf-8"', 'encoding="utf-16"').encode(
        "utf-16-be"
    ),
    "lowercase-doctype": lambda s: s.replace("<!DOCTYPE", "<!doctype").encode("utf-8"),
}


def _hostile_qde(prologue: str, payload: str, target: tuple[str, str]) -> str:
    """A project whose user, code, source and coding all carry `payload`, aimed at a real
    story so the import would write it if the entity were expanded."""
    guid, text = target
    u, c = USER_GUIDS[0], CODE_GUIDS[0]
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prologue}'
        f'<Project xmlns="{refi.NS_PROJECT}" name="p{payload}">'
        f'<Users><User guid="{u}" name="who {payload}"/></Users>'
        f'<CodeBook><Codes><Code guid="{c}" name="code {payload}" isCodable="true">'
        f"<Description>{payload}</Description></Code></Codes></CodeBook>"
        f'<Sources><TextSource guid="{guid}" name="{payload}">'
        f'<PlainTextSelection guid="{uuid.uuid4()}" startPosition="0" endPosition="5" '
        f'creatingUser="{u}"><Description>{payload}</Description>'
        f'<Coding guid="{uuid.uuid4()}" creatingUser="{u}"><CodeRef targetGUID="{c}"/>'
        f"</Coding></PlainTextSelection></TextSource></Sources></Project>"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("attack", sorted(XML_ATTACKS))
def test_refi_entity_attacks_are_refused_and_read_no_file(qda, tmp_path, attack, encoding):
    project, actor, targets = qda
    marker = f"TALLYTALE-XXE-{uuid.uuid4().hex}"
    secret = tmp_path / "secret.txt"
    secret.write_text(marker)
    (tmp_path / "secret.dtd").write_text(f'<!ENTITY leak "{marker}">')
    prologue, payload = XML_ATTACKS[attack](secret)
    qde = ENCODINGS[encoding](_hostile_qde(prologue, payload, targets[0]))
    before = _rows()
    for what, run in (
        # stored, not deflated: the XML, not the zip ratio check, must be what refuses it
        ("project.qde", lambda: refi.import_project(project, _qdpx(qde, method=0), actor=actor)),
        ("the codebook", lambda: refi.import_codebook(project, qde, actor=actor)),
    ):
        started = time.monotonic()
        with pytest.raises(InvalidInput, match="DOCTYPE or ENTITY") as info:
            run()
        assert time.monotonic() - started < 2, f"{what} took too long to refuse"
        _clear(info.value)
        assert what in str(info.value)
    assert _rows() == before
    assert _db_contains(marker) == []
    # the same document without its DTD imports (so the refusal above was the DTD's doing)
    clean = ENCODINGS[encoding](_hostile_qde("", "", targets[0]))
    report = refi.import_project(project, _qdpx(clean), actor=actor)
    assert report.sources_matched == 1 and report.codings_created + report.codings_existing == 1


def _zip_with_zeros(name: str, size: int, others: dict[str, bytes] | None = None) -> bytes:
    """A .qdpx whose member `name` is `size` zero bytes (compressing about 1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for other, body in (others or {}).items():
            z.writestr(other, body)
        with z.open(name, "w", force_zip64=True) as f:
            block = bytes(1 << 20)
            for _ in range(size // len(block)):
                f.write(block)
    return buf.getvalue()


def _lie_about_sizes(data: bytes, file_size: int, compress_size: int | None = None) -> bytes:
    """Rewrite every size in the local and central headers (non-zip64 archives only)."""
    out = bytearray(data)
    for sig, at in ((b"PK\x03\x04", 18), (b"PK\x01\x02", 20)):
        pos = out.find(sig)
        while pos != -1:
            if compress_size is not None:
                out[pos + at : pos + at + 4] = compress_size.to_bytes(4, "little")
            out[pos + at + 4 : pos + at + 8] = file_size.to_bytes(4, "little")
            pos = out.find(sig, pos + 4)
    return bytes(out)


def _lying_bomb() -> bytes:
    """100 MB of zeros whose headers claim 1,000 bytes: passes the size and ratio checks,
    so only a capped, verified read stops it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("project.qde", b'<Project xmlns="urn:QDA-XML:project:1.0"/>')
        z.writestr("sources/bomb.txt", bytes(100 << 20))
    return _lie_about_sizes(buf.getvalue(), file_size=1000)


def _claims_too_much() -> bytes:
    """Five members whose directory claims 45 MB each at a plausible ratio: 225 MB in all."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for i in range(5):
            z.writestr(f"sources/s{i}.txt", b"x" * 100)
    return _lie_about_sizes(buf.getvalue(), file_size=45 << 20, compress_size=1 << 20)


ZIP_BOMBS = {
    "huge-source": (
        lambda: _zip_with_zeros("sources/bomb.txt", 300 << 20, {"project.qde": b"<Project/>"}),
        "too large|compressed",
    ),
    "huge-project-qde": (lambda: _zip_with_zeros("project.qde", 300 << 20), "too large|compressed"),
    "ratio-under-size-cap": (
        lambda: _zip_with_zeros("project.qde", 40 << 20),
        "suspiciously compressed",
    ),
    "lying-headers": (_lying_bomb, "cannot be unpacked|too large"),
    "too-much-in-all": (_claims_too_much, "too much data"),
}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(ZIP_BOMBS))
def test_refi_zip_bombs_are_refused_before_unpacking(qda, kind):
    project, actor, _ = qda
    build, reason = ZIP_BOMBS[kind]
    data = build()
    assert len(data) < 1024 * 1024, len(data)
    before = _rows()
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(InvalidInput, match=reason) as info:
            refi.import_project(project, data, actor=actor)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 5
    assert peak < 16 * 1024 * 1024, f"{peak // 1024} KiB allocated while refusing"
    _clear(info.value)
    assert _rows() == before


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [100, 5000])  # a real codebook is a few levels deep
def test_refi_deeply_nested_codebook_is_refused_or_imported_whole(qda, depth):
    project, actor, _ = qda
    ns = refi.NS_PROJECT
    codes = "".join(f'<Code guid="{uuid.uuid4()}" name="level {i}">' for i in range(depth))
    qde = (
        f'<Project xmlns="{ns}" name="deep"><CodeBook><Codes>{codes}'
        + "</Code>" * depth
        + "</Codes></CodeBook></Project>"
    ).encode()
    report = _import_qdpx(project, actor, _qdpx(qde))
    if depth <= 100:
        assert report.codes_created == depth
    else:  # refused with a clear message, nothing written
        assert isinstance(report, InvalidInput) and "levels deep" in str(report)
