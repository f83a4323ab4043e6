"""Reading REFI-QDA files safely: XML without DTDs or entities (no billion laughs, no
external entities, in any encoding), zip archives checked for bombs, lying headers and
size before anything is unpacked, and the small helpers for namespaced elements."""

from __future__ import annotations

import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
import zlib
from typing import Any
from xml.parsers import expat

from django.utils.translation import gettext as _

from tallytale.errors import InvalidInput

#: REFI GUIDType: 8-4-4-4-12 hex digits, optionally in braces
GUID = re.compile(
    r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$"
)

MAX_XML_BYTES = 50 * 1024 * 1024
MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 100_000
MAX_RATIO = 200  # uncompressed / compressed, per member
READ_CHUNK = 1024 * 1024
MAX_CODE_DEPTH = 100  # nesting of <Code> elements in a codebook


_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


class _Declared(Exception):
    """Raised from inside expat when the document declares a DTD or an entity."""


def _refuse_declarations(data: bytes, what: str) -> None:
    """A first pass with expat itself, which sees the document in whatever encoding it
    declares (UTF-16 without a byte-order mark, single-byte code pages, ...), so a DOCTYPE
    or ENTITY the byte probe cannot see is still refused before anything is expanded."""

    def refuse(*_args: Any) -> None:
        raise _Declared

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except _Declared:
        raise InvalidInput(
            _("%(what)s declares a DOCTYPE or ENTITY, which is refused for safety") % {"what": what}
        ) from None
    except expat.ExpatError as exc:
        raise InvalidInput(
            _("%(what)s is not well-formed XML: %(one_line)s")
            % {"what": what, "one_line": _one_line(exc)}
        ) from None
    except (ValueError, LookupError) as exc:  # multi-byte or unknown declared encoding
        raise InvalidInput(
            _("%(what)s uses an encoding that cannot be read: %(one_line)s")
            % {"what": what, "one_line": _one_line(exc)}
        ) from None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def parse_xml(data: bytes, what: str = "XML") -> ET.Element:
    """Parse untrusted XML: refuse DOCTYPE/ENTITY declarations (in any encoding) and
    anything over the size cap before the parser sees it."""
    if len(data) > MAX_XML_BYTES:
        raise InvalidInput(
            _("%(what)s is larger than %(limit)s MB")
            % {"what": what, "limit": MAX_XML_BYTES // (1024 * 1024)}
        )
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        probe = data.decode("utf-16", errors="replace").encode("utf-8")
    upper = probe.upper()
    if any(marker in upper for marker in _FORBIDDEN):
        raise InvalidInput(
            _("%(what)s declares a DOCTYPE or ENTITY, which is refused for safety") % {"what": what}
        )
    _refuse_declarations(data, what)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise InvalidInput(
            _("%(what)s is not well-formed XML: %(one_line)s")
            % {"what": what, "one_line": _one_line(exc)}
        ) from None
    except (ValueError, LookupError) as exc:
        raise InvalidInput(
            _("%(what)s uses an encoding that cannot be read: %(one_line)s")
            % {"what": what, "one_line": _one_line(exc)}
        ) from None


#: what zipfile and zlib raise for damaged, truncated, encrypted or exotic archives
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,  # negative seeks from lying offsets, undecodable UTF-8 names
    NotImplementedError,  # unsupported compression, zip version or encryption
    RuntimeError,  # encrypted member without a password
)


def read_qdpx(data: bytes) -> tuple[ET.Element, dict[str, bytes]]:
    """The project document and the text sources of a `.qdpx`, with zip-bomb checks."""
    if len(data) > MAX_ZIP_BYTES:
        raise InvalidInput(_("the .qdpx file is too large"))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InvalidInput(_("not a .qdpx file (not a zip archive)")) from None
    except _ZIP_ERRORS as exc:
        raise InvalidInput(
            _("the .qdpx is a damaged zip archive: %(one_line)s") % {"one_line": _one_line(exc)}
        ) from None
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InvalidInput(_("the .qdpx has too many files"))
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise InvalidInput(
                _("%(filename)s in the .qdpx is too large") % {"filename": repr(info.filename)}
            )
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise InvalidInput(
                _("%(filename)s in the .qdpx is suspiciously compressed")
                % {"filename": repr(info.filename)}
            )
        total += info.file_size
        if total > MAX_ZIP_BYTES:
            raise InvalidInput(_("the .qdpx expands to too much data"))

    def read(info: zipfile.ZipInfo) -> bytes:
        # In small chunks: one big read() inflates up to its whole request before the size
        # from the header is applied, so a member whose header lies would still expand.
        chunks, size = [], 0
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(READ_CHUNK):
                    size += len(chunk)
                    if size > min(info.file_size, MAX_MEMBER_BYTES):  # header lied
                        raise InvalidInput(
                            _("%(filename)s in the .qdpx is too large")
                            % {"filename": repr(info.filename)}
                        )
                    chunks.append(chunk)
        except _ZIP_ERRORS as exc:
            raise InvalidInput(
                _("%(filename)s in the .qdpx cannot be unpacked: %(one_line)s")
                % {"filename": repr(info.filename), "one_line": _one_line(exc)}
            ) from None
        return b"".join(chunks)

    qde = [i for i in infos if i.filename.lower() == "project.qde"]
    if not qde:
        raise InvalidInput(_("the .qdpx has no project.qde"))
    root = parse_xml(read(qde[0]), "project.qde")
    sources = {}
    for info in infos:
        name = info.filename.replace("\\", "/")
        if name.lower().startswith("sources/") and name.lower().endswith(".txt"):
            sources[name.split("/", 1)[1].lower()] = read(info)
    return root, sources


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: ET.Element, name: str) -> ET.Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _clean_guid(value: str | None) -> str | None:
    if not value or not GUID.match(value.strip()):
        return None
    return str(uuid.UUID(value.strip().strip("{}")))
