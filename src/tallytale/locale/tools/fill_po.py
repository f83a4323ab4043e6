"""Fill the Welsh and Arabic catalogues from `translations.py`.

Run after `django-admin makemessages -l cy -l ar --no-location` (from src/tallytale), then
`django-admin compilemessages`. Only entries listed in `translations.py` are touched. Each
entry filled from there and not yet confirmed by a native speaker (`reviewed.py`) carries the
comment `#. machine-made: needs review`, so a reviewer can find them (docs/translating.md).
"""

import ast
import re
from pathlib import Path

from reviewed import REVIEWED
from translations import PLURALS, T

HERE = Path(__file__).resolve().parent.parent
MARK = "#. machine-made: needs review"


def unquote(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line) for line in lines)


def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def mark(comments: list[str], msgid: str, lang: str) -> list[str]:
    """The entry's comments with the review mark put in (after the translator and extracted
    comments, before references and flags), or taken out once `msgid` is reviewed."""
    comments = [c for c in comments if c != MARK]
    if msgid in REVIEWED[lang]:
        return comments
    at = sum(1 for c in comments if c.startswith(("# ", "#.")) or c == "#")
    return [*comments[:at], MARK, *comments[at:]]


def fill(path: Path, idx: int, nplurals: int) -> None:
    lang = path.parent.parent.name
    out = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgid = unquote(m.group(1).strip().split("\n")) if m else ""
        if not msgid:
            out.append(block)
            continue
        comments = [
            line for line in block.split("\n") if line.startswith("#") and "fuzzy" not in line
        ]
        head = m.group(0).rstrip("\n")
        plural = re.search(r'^msgid_plural (?:".*"\n?)+', block, re.M)
        if plural and msgid in PLURALS:
            forms = PLURALS[msgid][idx][:nplurals]
            strs = [f"msgstr[{i}] {quote(f)}" for i, f in enumerate(forms)]
            comments = mark(comments, msgid, lang)
            out.append("\n".join([*comments, head, plural.group(0).rstrip("\n"), *strs]))
        elif not plural and msgid in T:
            comments = mark(comments, msgid, lang)
            out.append("\n".join([*comments, head, "msgstr " + quote(T[msgid][idx])]))
        else:
            out.append(block)
    path.write_text("\n\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    fill(HERE / "cy" / "LC_MESSAGES" / "django.po", 0, 4)
    fill(HERE / "ar" / "LC_MESSAGES" / "django.po", 1, 6)
