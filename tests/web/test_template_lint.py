"""Every template's user-visible text goes through `{% translate %}`/`{% blocktranslate %}`.

The Welsh Language Standards ask that Welsh is never treated less favourably than English, so a
page that hard-codes English text is a defect. This lint reads each template with Django's own
template lexer (so tags, variables and comments are told apart exactly as Django does), replaces
every tag and variable by a neutral placeholder, and reads the result with the standard library's
HTML parser: any text node with letters, or any user-visible attribute (title, alt, aria-label,
placeholder, value of a button), that is not a proper noun or code is reported with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

SRC = Path(__file__).resolve().parents[2] / "src" / "tallytale"

# Templates this lint does not read yet, and why. Each entry is a path relative to SRC.
SKIP_DIRS: set[str] = set()
SKIP_FILES = {
    # the service worker is JavaScript served from a template, not a page; its few words
    # come from data- attributes the base template translates
    "web/templates/web/sw.js",
}

# Words that are the same in every language: names of products, instruments and standards.
PROPER_NOUNS = [
    "Tallytale",
    "ODK Collect",
    "ODK",
    "KoboToolbox",
    "SWEMWBS",
    "WEMWBS",
    "ONS4",
    "REFI-QDA",
    "OpenRosa",
    "Cymraeg",
    "English",
    "العربية",
    "CSV",
    "JSON",
    "PDF",
    "XLSForm",
    "QDPX",
    "Q",  # a quote's reference in reports ("Q12"), the same in every language
]
# A variable becomes this character (read as a number: "v{{ n }}" is a version, not a word);
# a tag or comment becomes a space, so `<h1{% if x %} lang="cy"{% endif %}>` stays one element.
PLACEHOLDER = "\ue000"
# Code-like runs: identifiers with _ or dots, paths and URLs, e-mail addresses, entities,
# parameter names such as "k=".
CODE = re.compile(
    r"&[a-zA-Z]+;|&#\d+;|\b\w+=|https?://\S+|\S+@\S+|\b\w+(?:[_./:-]\w+)*[_./]\w+\b|\bv?\d+[a-z]?\b"
)
LETTER = re.compile(r"[^\W\d_]")
VISIBLE_ATTRS = {"title", "alt", "aria-label", "placeholder", "aria-description"}


@dataclass(frozen=True)
class Offence:
    """One hard-coded string: where it is, and what it says."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def has_words(text: str) -> bool:
    """True when `text` still has letters once placeholders, names and code are removed."""
    text = text.replace(PLACEHOLDER, "0")
    for noun in PROPER_NOUNS:
        text = text.replace(noun, " ")
    text = CODE.sub(" ", text)
    return bool(LETTER.search(text))


def skeleton(source: str) -> str:
    """The template's HTML with each variable replaced by a placeholder, each tag and comment
    by a space, and each `{% blocktranslate %}…{% endblocktranslate %}` and `{% comment %}`
    block by spaces, keeping every newline so line numbers stay right."""
    out: list[str] = []
    inside: str | None = None  # the closing tag of a block whose content is not page text
    for token in Lexer(source).tokenize():
        raw = token.contents
        if token.token_type == TokenType.TEXT:
            out.append(" " + "\n" * raw.count("\n") if inside else raw)
            continue
        name = raw.split(" ", 1)[0] if token.token_type == TokenType.BLOCK else ""
        if inside and name == inside:
            inside = None
        elif not inside and name in {"blocktranslate", "blocktrans"}:
            inside = "end" + name
        elif not inside and name in {"comment", "verbatim"}:
            inside = "end" + name
        mark = PLACEHOLDER if token.token_type == TokenType.VAR and not inside else " "
        out.append(mark + "\n" * raw.count("\n"))
    return "".join(out)


class _Reader(HTMLParser):
    """Collects text nodes and visible attributes that carry words."""

    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=False)
        self.path = path
        self.offences: list[Offence] = []
        self.skipping = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.skipping += 1
        values = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            # a button's value is sent, not shown; a submit input's value is its label
            visible = name in VISIBLE_ATTRS or (
                name == "value"
                and tag == "input"
                and (values.get("type") or "") in {"submit", "button", "reset"}
            )
            if visible and value and has_words(value):
                self.offences.append(Offence(self.path, line, f"<{tag} {name}={value!r}>"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self.skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping or not has_words(data):
            return
        # the line of the first word, not of the whitespace before it
        line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        shown = " ".join(data.replace(PLACEHOLDER, "…").split())
        self.offences.append(Offence(self.path, line, f"text {shown!r}"))


def lint(path: Path) -> list[Offence]:
    """Every hard-coded, user-visible string in one template."""
    reader = _Reader(str(path.relative_to(SRC)))
    reader.feed(skeleton(path.read_text(encoding="utf-8")))
    reader.close()
    return reader.offences


def templates() -> list[Path]:
    """Every template file of the project, less the skip lists above."""
    found = []
    for path in sorted(SRC.glob("*/templates/**/*")):
        rel = path.relative_to(SRC).as_posix()
        if not path.is_file() or rel in SKIP_FILES:
            continue
        if any(rel.startswith(d + "/") for d in SKIP_DIRS):
            continue
        found.append(path)
    return found


def test_every_template_translates_its_text():
    offences = [str(o) for path in templates() for o in lint(path)]
    assert offences == [], "hard-coded text (wrap it in {% translate %}):\n" + "\n".join(offences)


def test_the_lint_reads_every_kind_of_template():
    names = {p.relative_to(SRC).parts[0] for p in templates()}
    assert {"web", "stories", "coding", "ledger", "surveys", "community"} <= names
    assert len(templates()) > 50


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Hello</p>", ["text 'Hello'"]),
        ('<p>{% translate "Hello" %}</p>', []),
        ("<p>{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}</p>", []),
        ("<p>{# a note #}{% comment %}Not shown{% endcomment %}</p>", []),
        ("<p>{{ story.title }} · 3</p>", []),
        ("<h1>Tallytale</h1><p>ODK Collect, REFI-QDA</p>", []),
        ('<img alt="A chart" src="x.png">', ["<img alt='A chart'>"]),
        ('<input type="submit" value="Send">', ["<input value='Send'>"]),
        ('<input type="hidden" name="next" value="back">', []),
        ('<button name="decision" value="accept">{% translate "Accept" %}</button>', []),
        ("<p>{{ run.method }} · k={{ run.k }}</p>", []),
        ('<button title="{% translate "Save" %}">{{ x }}</button>', []),
        ("<code>my_file.csv</code> <a>https://example.org/x</a>", []),
        ("<script>var words = 'not a page text';</script>", []),
        ("<p>\n\n  Two lines down</p>", ["text 'Two lines down'"]),
        ('<h1{% if x %} lang="{{ l }}"{% endif %}>{{ t }} v{{ n }}</h1>', []),
        ("<p>Story {{ n }}</p>", ["text 'Story …'"]),
    ],
)
def test_the_lint_itself(source, found):
    reader = _Reader("probe")
    reader.feed(skeleton(source))
    reader.close()
    assert [o.what for o in reader.offences] == found
    if found == ["text 'Two lines down'"]:
        assert reader.offences[0].line == 3
