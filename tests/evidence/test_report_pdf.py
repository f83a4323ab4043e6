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


def _pages(html):
    from weasyprint import HTML

    return HTML(string=html).render().pages


def _page_of(pages, anchor):
    return next(i for i, p in enumerate(pages) if anchor in p.anchors)


@pytest.fixture
def riverside_report(db):
    build_sample_project("riverside", participants=60, seed=11)
    return services.build_report(project="riverside", audience="public")


def test_front_page_stands_alone_then_contents_then_a_short_body(riverside_report):
    html = render.render_html(riverside_report)
    pages = _pages(html)
    for anchor in ("front", "who", "time", "key"):
        assert _page_of(pages, anchor) == 0, anchor
    assert _page_of(pages, "contents") == 1
    body = _page_of(pages, "appendix-a") - 2
    assert 1 <= body <= 12
    assert _page_of(pages, "appendix-b") > _page_of(pages, "appendix-a")
    assert _page_of(pages, "appendix-c") > _page_of(pages, "appendix-b")
    # contents: links in HTML, page numbers in the PDF (target-counter)
    nav = re.search(r'<nav class="contents".*?</nav>', html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', nav)
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert targets and set(targets) <= ids
    assert "target-counter(attr(href), page)" in html


def test_every_page_shows_the_period(db):
    import datetime as dt

    build_sample_project("riverside", participants=60, seed=11)
    r = services.build_report(
        project="riverside", start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30)
    )
    assert r["summary"]["period"] == {
        "from": "2025-01-01",
        "to": "2025-06-30",
        "label": "1 January 2025 to 30 June 2025",
    }
    html = render.render_html(r)
    assert "1 January 2025 to 30 June 2025" in html
    assert "string(period)" in html and 'class="period-line"' in html


def test_key_figures_each_have_a_quote_of_their_own(riverside_report):
    r = riverside_report
    key = r["summary"]["key_figures"]
    assert 4 <= len(key) <= 6
    quotes = [k["quote"] for k in key if k["quote"] is not None]
    assert quotes and len(quotes) == len(set(quotes))
    claims = {c["id"]: c for c in r["claims"]}
    for k in key:
        if k["quote"] is not None:  # the quote is one of the figure's own supporting stories
            assert {"id": k["quote"], "role": "supporting"} in claims[k["claim_id"]]["stories"]
    voice = r["summary"]["contrasting"]
    if voice is not None:
        assert voice["story_id"] not in quotes


def test_programme_body_compares_projects_instead_of_concatenating(valleys):
    vm = render._view_model(valleys)
    assert [s["id"] for s in vm["body"]][0] == "ledger"
    assert {s["id"] for s in vm["body"]} <= {"projects", "ledger", "themes"}
    projects = next(s for s in vm["body"] if s["id"] == "projects")
    forests = [ch for ch in projects["body_charts"] if ch["title"].startswith("Forest plot")]
    assert forests and all(len(ch["rows"]) == 3 for ch in forests)  # all, north, south


@pytest.mark.parametrize(
    ("excerpt", "limit", "expected"),
    [
        ("Short and whole.", 150, "Short and whole."),
        ("First one. Second one is here. Third.", 25, "First one. \u2026"),
        ("First one. Second one. Third one.", 24, "First one. Second one. \u2026"),
        ("A " + "very " * 60 + "long sentence.", 40, None),
        ("Already cut by the excerpt \u2026", 150, "Already cut by the excerpt \u2026"),
    ],
)
def test_front_quote_cuts_at_sentences_never_mid_word(excerpt, limit, expected):
    out = render.front_quote(excerpt, limit)
    if expected is not None:
        assert out == expected
    else:
        assert out.endswith(" \u2026") and len(out) <= limit + 2
        assert out.removesuffix(" \u2026").split()[-1] in ("very", "A")


def test_period_applies_to_figures_and_stories_not_only_the_ledger(db):
    import datetime as dt

    from tallytale.surveys.models import Response

    build_sample_project("riverside", participants=60, seed=11)
    # half the stories and half the responses a year earlier than the rest
    start = Story.objects.order_by("collected_on").first().collected_on
    ids = list(Story.objects.order_by("pk").values_list("pk", flat=True))
    Story.objects.filter(pk__in=ids[::2]).update(collected_on=start - dt.timedelta(days=365))
    rids = list(Response.objects.order_by("pk").values_list("pk", flat=True))
    at = dt.datetime.combine(start, dt.time(12), tzinfo=dt.UTC)
    Response.objects.update(submitted_at=at)
    Response.objects.filter(pk__in=rids[::2]).update(submitted_at=at - dt.timedelta(days=365))
    days = sorted(Story.objects.values_list("collected_on", flat=True))
    whole = services.build_report(project="riverside", audience="project")
    part = services.build_report(project="riverside", audience="project", start=start)
    assert part["methods"]["stories_live"] == sum(1 for d in days if d >= start)
    assert part["methods"]["stories_live"] < whole["methods"]["stories_live"]
    shown = Story.objects.filter(pk__in=[s["id"] for s in part["stories"]])
    assert shown and all(s.collected_on >= start for s in shown)
    # survey figures count only responses submitted in the period
    in_period = Response.objects.filter(submitted_at__date__gte=start).count()
    answered = sum(w["people"] for w in part["methods"]["waves"])
    assert answered <= in_period < Response.objects.count()
    assert answered < sum(w["people"] for w in whole["methods"]["waves"])
    empty = services.build_report(project="riverside", end=dt.date(1990, 1, 1))
    assert empty["methods"]["stories_live"] == 0 and not empty["stories"]


def test_excerpt_centres_on_the_relevant_sentence_and_masks_read_naturally():
    from tallytale.evidence.pairing import EXCERPT_CHARS, _excerpt

    filler = " ".join(f"We met on day {i} and had tea together." for i in range(12))
    text = f"{filler} My GP says my blood pressure is better since I walk with [NAME]. {filler}"
    out = _excerpt(text, "doctor gp blood pressure health")
    assert "My GP says my blood pressure is better since I walk with [name]." in out
    assert out.startswith("\u2026 ") and out.endswith(" \u2026") and len(out) <= EXCERPT_CHARS + 4
    inner = out.removeprefix("\u2026 ").removesuffix(" \u2026")
    assert inner[0].isupper() and inner.endswith(".")  # whole sentences only
    assert "[NAME]" not in _excerpt("Call [NAME] on [PHONE].") == "Call [name] on [phone number]."


def test_front_page_quotes_are_long_enough_and_not_mostly_masked(riverside_report):
    from tallytale.core.pairing import quotable

    stories = {s["id"]: s for s in riverside_report["stories"]}
    quotes = [k["quote"] for k in riverside_report["summary"]["key_figures"] if k["quote"]]
    assert quotes and all(quotable(stories[q]["excerpt"]) for q in quotes)
    assert all("[NAME]" not in s["excerpt"] for s in riverside_report["stories"])


def test_no_figure_about_nothing(db):
    """A period without ledger activity or survey responses: no "0 hours given", no
    "0% (0 of 0)", and --strict has nothing bare to pass over."""
    import datetime as dt

    build_sample_project("riverside", participants=60, seed=11)
    r = services.build_report(project="riverside", end=dt.date(1990, 1, 1))
    assert not [c["id"] for c in r["claims"] if c["section"] == "ledger"]
    assert not [c["id"] for c in r["claims"] if c["n"] == 0]
    assert r["summary"]["ledger"]["has_activity"] is False
    assert "Time given" not in render.render_html(r)
    whole = services.build_report(project="riverside")
    assert [c for c in whole["claims"] if c["section"] == "ledger"]  # with activity: there


def test_joint_display_cells_are_the_share_among_each_themes_tellers(db):
    from tallytale.surveys.models import Answer

    build_sample_project("riverside", participants=60, seed=11)
    r = services.build_report(project="riverside", audience="research_team")
    jd = r["joint_display"]
    assert (
        jd["outcomes"]
        and jd["themes"]
        and len(jd["cells"]) == len(jd["outcomes"]) * len(jd["themes"])
    )
    claims = {c["id"]: c for c in r["claims"]}
    cell = next(c for c in jd["cells"] if c["n"])
    claim = claims[cell["claim_id"]]
    item, wave = claim["population"]["item"], claim["population"]["wave"]
    agreed = set(
        Answer.objects.filter(
            question__name=item, response__wave__name=wave, value_text__in=["4", "5"]
        ).values_list("response__person_id", flat=True)
    )
    answered = set(
        Answer.objects.filter(question__name=item, response__wave__name=wave).values_list(
            "response__person_id", flat=True
        )
    )
    assert 0 < cell["n"] <= len(answered) and cell["numerator"] <= min(cell["n"], len(agreed))
    assert cell["estimate"] == pytest.approx(cell["numerator"] / cell["n"])
    assert cell["ci_low"] <= cell["estimate"] <= cell["ci_high"]
    html = render.render_html(r)
    assert 'id="joint"' in html and "Joint display" in html
    # public: small cells are withheld, never printed
    public = services.build_report(project="riverside", audience="public")
    small = [c for c in public["joint_display"]["cells"] if c["suppressed"]]
    assert all(c["estimate"] is None and c["quote"] is None for c in small)
