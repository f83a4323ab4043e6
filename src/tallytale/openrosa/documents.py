"""OpenRosa documents: reading a submitted instance safely, writing form lists, manifests
and OpenRosaResponse messages.

Instances are parsed with defusedxml with DTDs forbidden, so entity expansion ("billion
laughs"), external entities and network look-ups are refused before anything is read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - only to build documents; parsing is defused
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from tallytale.errors import InvalidInput

XFORMS_LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
RESPONSE_NS = "http://openrosa.org/http/response"
MAX_DEPTH = 64  # groups within groups; real forms stay far below this


@dataclass
class Instance:
    """What a submission's XML says about itself, and its answers by question path."""

    form_id: str
    version: str
    instance_id: str
    root: Any

    def answers(self, repeat_paths: set[str]) -> dict[str, Any]:
        """Answers keyed by question path (`group/question`), repeats as lists of dicts keyed
        by full path: the shape `FormSpec.validate` takes from every entry path."""
        out: dict[str, Any] = {}
        _walk(self.root, "", out, repeat_paths)
        out.pop("meta", None)
        return out

    def leaves(self) -> dict[str, str]:
        """Every answered leaf by its local name (for fields a story form names)."""
        found: dict[str, str] = {}
        for el in self.root.iter():
            if len(el) == 0 and el is not self.root:
                found.setdefault(local(el.tag), (el.text or "").strip())
        return found


def local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _walk(el: Any, prefix: str, out: dict[str, Any], repeats: set[str]) -> None:
    for child in el:
        name = local(child.tag)
        if not prefix and name == "meta":
            continue
        path = f"{prefix}/{name}" if prefix else name
        if path in repeats:
            inner: dict[str, Any] = {}
            _walk(child, path, inner, repeats)
            out.setdefault(path, []).append(inner)
        elif len(child):
            _walk(child, path, out, repeats)
        else:
            text = (child.text or "").strip()
            if text:
                out[path] = text


def _depth(root: Any) -> int:
    """How deep the tree goes, counted without recursion (a hostile document may nest
    far deeper than Python's stack)."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in el)
    return deepest


def parse_instance(data: bytes) -> Instance:
    """Parse a submitted instance, or raise InvalidInput with a reason a collector can read."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InvalidInput(
            "the submission XML declares a DTD or entities; they are refused"
        ) from None
    except ET.ParseError as exc:
        raise InvalidInput(f"the submission is not well-formed XML ({exc})") from None
    if _depth(root) > MAX_DEPTH:
        raise InvalidInput(f"the submission XML is nested more than {MAX_DEPTH} levels deep")
    form_id = (root.get("id") or "").strip()
    if not form_id:
        raise InvalidInput("the submission XML has no form id (the id attribute of its root)")
    instance_id = ""
    for el in root.iter():
        if local(el.tag) == "instanceID":
            instance_id = (el.text or "").strip()
            break
    if not instance_id:
        raise InvalidInput("the submission has no meta/instanceID")
    if len(instance_id) > 100:
        raise InvalidInput("the submission's instanceID is longer than 100 characters")
    return Instance(form_id, (root.get("version") or "").strip(), instance_id, root)


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def form_list(forms: list[dict[str, str]]) -> bytes:
    """The OpenRosa form list: formID, name, version, hash, downloadUrl (and manifestUrl)."""
    root = ET.Element("xforms", xmlns=XFORMS_LIST_NS)
    for f in forms:
        x = ET.SubElement(root, "xform")
        for key in ("formID", "name", "version", "hash", "downloadUrl", "manifestUrl"):
            if f.get(key):
                _text(x, key, f[key])
    return _serialise(root)


def manifest(files: list[dict[str, str]]) -> bytes:
    root = ET.Element("manifest", xmlns=MANIFEST_NS)
    for f in files:
        m = ET.SubElement(root, "mediaFile")
        for key in ("filename", "hash", "downloadUrl"):
            _text(m, key, f[key])
    return _serialise(root)


def response_message(text: str, nature: str = "") -> bytes:
    """An OpenRosaResponse with one message: what ODK Collect shows the collector."""
    root = ET.Element("OpenRosaResponse", xmlns=RESPONSE_NS)
    msg = ET.SubElement(root, "message")
    if nature:
        msg.set("nature", nature)
    msg.text = text
    return _serialise(root)
