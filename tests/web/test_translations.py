"""The Welsh and Arabic catalogues are complete, keep every placeholder, and compiled."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "tallytale" / "locale"
PLACEHOLDER = re.compile(r"%\([a-zA-Z_][a-zA-Z0-9_]*\)[sd]|%%|%[sd]|\{\{.*?\}\}|\{[a-z_]*\}")


def _unquote(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line) for line in lines)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstrs, flags (obsolete ones skipped)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.strip().splitlines() if not ln.startswith("#~")]
        if not any(ln.startswith("msgid") for ln in lines):
            continue
        entry: dict = {"flags": set(), "msgstr": {}}
        key = None
        for ln in lines:
            if ln.startswith("#,"):
                entry["flags"] |= {f.strip() for f in ln[2:].split(",")}
            elif ln.startswith("#"):
                continue
            elif ln.startswith('"'):
                entry[key].append(ln) if isinstance(key, str) else entry["msgstr"][key].append(ln)
            else:
                word, rest = ln.split(" ", 1)
                if word.startswith("msgstr"):
                    key = int(word[7:-1]) if "[" in word else 0
                    entry["msgstr"][key] = [rest]
                else:
                    key = word
                    entry[key] = [rest]
        entry["msgid"] = _unquote(entry["msgid"])
        entry["msgid_plural"] = _unquote(entry.get("msgid_plural", []))
        entry["msgstr"] = {k: _unquote(v) for k, v in entry["msgstr"].items()}
        if entry["msgid"]:
            entries.append(entry)
    return entries


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_catalogue_is_complete_and_keeps_placeholders(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    entries = parse_po(po)
    assert len(entries) > 300
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    assert fuzzy == []
    assert untranslated == []
    broken = []
    for e in entries:
        want = placeholders(e["msgid"])
        for n, text in e["msgstr"].items():
            source = e["msgid"] if n == 0 or not e["msgid_plural"] else e["msgid_plural"]
            if e["msgid_plural"]:
                # plural forms may spell out "one"/"two" but must keep named placeholders
                if set(placeholders(text)) != set(placeholders(source)):
                    broken.append((e["msgid"], n, text))
            elif placeholders(text) != want:
                broken.append((e["msgid"], n, text))
    assert broken == []


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_compiled_catalogue_matches_the_po_file(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as f:
        mo = gettext.GNUTranslations(f)
    stale = []
    for e in parse_po(folder / "django.po"):
        if e["msgid_plural"]:
            got = mo.ngettext(e["msgid"], e["msgid_plural"], 1)
            ok = got != e["msgid"] and got in e["msgstr"].values()
        else:
            ok = mo.gettext(e["msgid"]) == e["msgstr"][0]
        if not ok:
            stale.append(e["msgid"])
    assert stale == [], "run compilemessages"


def test_parser_sees_plural_and_multiline_entries():
    entries = {e["msgid"]: e for e in parse_po(LOCALE / "cy" / "LC_MESSAGES" / "django.po")}
    vote = entries["%(n)s vote"]
    assert vote["msgid_plural"] == "%(n)s votes" and len(vote["msgstr"]) == 4
    assert any(len(m) > 80 for m in entries)
