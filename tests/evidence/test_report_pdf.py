"""The PDF a funder opens: tagged (PDF/UA), no WeasyPrint warnings, unique element ids."""

import logging
import re
from collections import Counter

import pytest

from tallytale.demo.sample import build_sample_project
from tallytale.evidence import render, services
from tallytale.programmes.models import Project
from tallytale.stories.models import SignifierAnswer, Story
from tallytale.stories.setup import define_signifier


@pytest.fixture
def valleys(db):
    """Two projects of one programme, each with its own "about" signifier (the same name in
    both, as the demo's projects have)."""
    for slug, seed in (("north", 5), ("south", 6)):
        build_sample_project(slug, participants=40, seed=seed, programme="valleys")
        project = Project.objects.get(slug=slug)
        sig = define_signifier(project, "about", "What is it about?", "choice", ["help", "friends"])
        for i, story in enumerate(Story.objects.filter(project=project).order_by("pk")):
            SignifierAnswer.objects.create(
                story=story, signifier=sig, value=[["help", "friends"][i % 2]]
            )
    return services.build_report(programme="valleys", audience="project")


def test_programme_report_element_ids_are_unique(valleys):
    html = render.render_html(valleys)
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert ids and not [i for i, n in ids.items() if n > 1]


def test_programme_pdf_builds_without_weasyprint_warnings(valleys, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = render.render_pdf(valleys)
    assert pdf.startswith(b"%PDF")
    print([r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")][:20])
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]


def test_pdf_is_tagged_with_alt_text_on_figures(valleys):
    import zlib

    pdf = render.render_pdf(valleys)
    # the catalog may sit in a compressed object stream: inflate every stream to look
    objects = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            objects.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    text = b"\n".join(objects)
    assert b"/StructTreeRoot" in text and b"/Marked true" in text
    assert b"/S /Figure" in text and b"/Alt" in text
    assert b"/S /H1" in text and b"/S /Table" in text


def test_quotes_take_their_direction_from_their_text(valleys):
    html = render.render_html(valleys)
    quotes = re.findall(r"<blockquote[^>]*>.*?</blockquote>", html, re.S)
    assert quotes and all('<p dir="auto">' in q for q in quotes)
