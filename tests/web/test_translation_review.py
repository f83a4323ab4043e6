"""A native speaker can find every string that still needs their review.

The Welsh and Arabic strings were written by the developers. `fill_po.py` marks each one it
fills with `#. machine-made: needs review` until its msgid is listed in `reviewed.py`; every
translated entry comes from `translations.py`, so a correction made there survives the next
`make messages`.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tests.web.test_translations import LOCALE

TOOLS = LOCALE / "tools"
MARK = "#. machine-made: needs review"


def _tool(name: str):
    sys.path.insert(0, str(TOOLS))
    try:
        spec = importlib.util.spec_from_file_location(f"locale_{name}", TOOLS / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(TOOLS))


def _marked(path: Path) -> dict[str, bool]:
    """msgid -> whether its entry carries the review mark (the header and obsolete `#~`
    entries skipped)."""
    found = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgid = "".join(ast.literal_eval(q) for q in m.group(1).split("\n") if q) if m else ""
        if msgid:
            found[msgid] = MARK in block.splitlines()
    return found


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_every_unreviewed_string_is_marked_and_comes_from_translations_py(lang):
    translations = _tool("translations")
    reviewed = _tool("reviewed").REVIEWED[lang]
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    marked = _marked(po)
    assert len(marked) > 300
    known = set(translations.T) | set(translations.PLURALS)
    assert sorted(set(marked) - known) == [], "translate these in translations.py"
    wrong = [m for m, has in marked.items() if has == (m in reviewed)]
    assert wrong == [], "run `make messages` (fill_po.py puts the review marks in)"
    assert reviewed <= known


def test_fill_marks_unreviewed_entries_and_unmarks_reviewed_ones(tmp_path, monkeypatch):
    fill_po = _tool("fill_po")
    msgid = "Skip to content"
    po = tmp_path / "cy" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(f'#, fuzzy\nmsgid "{msgid}"\nmsgstr ""\n', encoding="utf-8")
    fill_po.fill(po, 0, 4)
    fill_po.fill(po, 0, 4)  # twice: one mark, not two
    text = po.read_text(encoding="utf-8")
    assert text.count(MARK) == 1 and "fuzzy" not in text and "Neidio" in text
    monkeypatch.setitem(fill_po.REVIEWED, "cy", {msgid})
    fill_po.fill(po, 0, 4)
    assert MARK not in po.read_text(encoding="utf-8")
