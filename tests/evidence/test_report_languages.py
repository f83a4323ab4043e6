"""The report in English, Welsh or Arabic (issue 15): its own words follow the language,
Arabic runs right to left in HTML and PDF, and the JSON keeps its shape."""

import re
import shutil
import subprocess
import zlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tallytale.errors import InvalidInput
from tallytale.evidence import render, services

pytestmark = pytest.mark.django_db


def _build(sample, language, fmt="html"):
    return services.build_and_record(
        project=sample.project.slug, audience="research_team", fmt=fmt, language=language,
        actor_label="test",
    )  # fmt: skip


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


def test_welsh_report_has_welsh_headings_and_labels(sample):
    html = _build(sample, "cy").content.decode()
    assert '<html lang="cy" dir="ltr">' in html
    headings = _headings(html)
    assert "Ffigurau allweddol" in headings and "Pwy gymerodd ran" in headings
    assert "Atodiad C: dulliau a chyfyngiadau" in headings
    assert "Key figures" not in headings and "Who took part" not in headings
    # a standard claim's label and its figure are Welsh too
    assert "Rwy'n teimlo'n iachach (cytuno neu gytuno'n gryf)" in html.replace("&#x27;", "'")
    assert "CI 95%" in html


def test_english_is_the_default_and_unchanged(sample):
    built = services.build_and_record(
        project=sample.project.slug, audience="research_team", fmt="html", actor_label="test"
    )
    html = built.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Key figures" in _headings(html)
    assert built.report["language"] == "en"


def test_json_keeps_its_keys_and_adds_language(sample):
    en = _build(sample, "en", "json").report
    cy = _build(sample, "cy", "json").report
    assert set(en) == set(cy) and "language" in en
    assert (en["language"], cy["language"]) == ("en", "cy")
    assert [c["id"] for c in en["claims"]] == [c["id"] for c in cy["claims"]]
    assert set(en["claims"][0]) == set(cy["claims"][0])
    # the same stories beside the same figures, whatever the language of the report
    assert [c["stories"] for c in en["claims"]] == [c["stories"] for c in cy["claims"]]
    titles = {s["id"]: s["title"] for s in cy["sections"]}
    assert titles.get("ledger") == "Amser a roddwyd a chredydau a ddefnyddiwyd"


def test_arabic_html_is_right_to_left_with_auto_direction_on_quotes(sample):
    html = _build(sample, "ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "الأرقام الرئيسية" in _headings(html)
    assert '<p dir="auto">' in html
    # a quote's own direction is explicit (WeasyPrint does not resolve dir="auto"): an
    # English story in an Arabic report runs left to right
    assert re.search(r'<blockquote[^>]*lang="en"[^>]*dir="ltr"', html)
    assert not re.search(r'<blockquote[^>]*lang="en"[^>]*dir="rtl"', html)


def test_english_wave_names_keep_their_direction_in_arabic_sentences(sample):
    """ "12 months" inside an Arabic sentence read "months (19%) 12" before."""
    html = _build(sample, "ar").content.decode()
    items = re.findall(r"<li><strong>\d+</strong> ([^\n]*?)</li>", html)
    waves = [i for i in items if re.search(r"[A-Za-z]", i)]  # the English wave names
    assert waves, items
    for item in waves:
        assert re.search(r'<span dir="ltr" class="isolate">[^<]+</span>', item), item
    assert render.isolated("مرحلة أولى") == '<span dir="rtl" class="isolate">مرحلة أولى</span>'


def test_arabic_pdf_shows_charts_as_their_tables(sample):
    """WeasyPrint draws SVG text letter by letter (no Arabic shaping): in a right-to-left PDF
    each chart is replaced by its data table; the HTML keeps its charts."""
    report = _build(sample, "ar", "json").report
    assert 'class="charts-as-tables"' in render.render_html(report, pdf=True)
    assert 'class="charts-as-tables"' not in render.render_html(report)
    english = _build(sample, "en", "json").report
    assert 'class="charts-as-tables"' not in render.render_html(english, pdf=True)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_arabic_pdf_is_tagged_rtl_and_its_arabic_extracts_in_logical_order(sample, tmp_path):
    built = _build(sample, "ar", "pdf")
    pdf = tmp_path / "ar.pdf"
    pdf.write_bytes(built.content)
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "3", str(pdf), "-"], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    # extracted in reading (logical) order, not reversed: known words are found as written
    assert "الأرقام الرئيسية" in text
    assert "المحتويات" in text
    assert "ةيسيئرلا" not in text  # "الرئيسية" reversed
    # tagged (PDF/UA), with the document's language; the catalog may sit in a compressed
    # object stream: inflate every stream to look
    objects = [built.content]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", built.content, re.S):
        try:
            objects.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    raw = b"\n".join(objects)
    assert b"/StructTreeRoot" in raw and b"/Marked true" in raw
    assert b"/Lang (ar)" in raw


def test_unknown_language_is_refused_naming_the_field(sample):
    with pytest.raises(InvalidInput, match="language"):
        _build(sample, "fr")


def test_cli_language_option(sample, tmp_path):
    out = tmp_path / "r.md"
    call_command("report", project=sample.project.slug, format="md", out=str(out),
                 language="cy")  # fmt: skip
    assert "## Ffigurau allweddol" in out.read_text()
    with pytest.raises(CommandError):
        call_command("report", project=sample.project.slug, language="xx")


def test_markdown_follows_the_report_language(sample):
    report = _build(sample, "ar", "json").report
    assert "## الأرقام الرئيسية" in render.render_md(report)


@pytest.mark.parametrize("k", [1, 2, 5, 10])
def test_the_disclosure_statement_in_english_is_the_rules_own_words(k):
    """The report words the rule through gettext; in English it must say exactly what
    `ThresholdRule.describe()` says (core has no translations)."""
    from tallytale.core.disclosure import NHS_DIGITAL, SECURE_RESEARCH_10, ThresholdRule
    from tallytale.evidence.report import disclosure_statement

    for rule in (ThresholdRule(k=k), NHS_DIGITAL, SECURE_RESEARCH_10):
        assert disclosure_statement(rule) == rule.describe()
    from django.utils import translation

    with translation.override("cy"):
        assert disclosure_statement(NHS_DIGITAL) != NHS_DIGITAL.describe()


def test_the_numbers_beside_stories_and_withheld_figures_follow_the_language(sample):
    """Not only headings: the sentences beside each story, the reasons a figure is withheld,
    chart legends and interval methods are in the report's language."""
    html = _build(sample, "cy").content.decode().replace("&#x27;", "'")
    numbers = " ".join(re.findall(r'<ul class="numbers">(.*?)</ul>', html, re.S))
    assert "Un o'r " in numbers and "One of the " not in numbers
    assert "Told by" not in numbers and "who did not" not in numbers
    assert "Cyfwng sgôr Wilson (Wilson 1927)" in html
    assert "amcangyfrif" in html and ">estimate<" not in html
    public = services.build_and_record(project=sample.project.slug, audience="public",
                                       fmt="html", language="cy", actor_label="t")  # fmt: skip
    text = public.content.decode().replace("&#x27;", "'")
    assert "llai na" in text and "fewer than" not in text


@pytest.mark.parametrize(
    ("language", "name"), [("cy", "rheol trothwy (k = 5)"), ("ar", "قاعدة العتبة (k = 5)")]
)
def test_the_disclosure_rule_is_named_in_the_reports_language(sample, language, name):
    """The rule's name in the disclosure statement (HTML, PDF, Markdown) follows the report's
    language; the JSON keeps the English name, as it keeps codes."""
    built = services.build_and_record(
        project=sample.project.slug, audience="public", fmt="html", language=language,
        actor_label="test",
    )  # fmt: skip
    html = built.content.decode()
    assert name in html and "threshold rule" not in html
    assert built.report["disclosure"]["rule"] == "threshold rule (k = 5)"
    markdown = render.render_md(built.report)
    assert name.replace("(", "\\(").replace(")", "\\)") in markdown
    assert "threshold rule" not in markdown
