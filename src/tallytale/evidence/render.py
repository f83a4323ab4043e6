"""Render a report model (the dict from `services.build_report`) as HTML, PDF, Markdown or JSON.

* HTML: one self-contained file - inline CSS and inline SVG, no scripts, no external
  resources - readable on a phone and printable. Every story and label goes through
  Django's autoescaping (stories can contain HTML or script).
* PDF: the same HTML through WeasyPrint with a URL fetcher that refuses everything except
  `data:` URIs, so building a PDF never touches the network or the file system.
* Markdown: the same content for wikis and e-mail; text is escaped for Markdown and HTML.
* JSON: the Report JSON contract of DESIGN.md (fields are added, never renamed).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from . import svg
from .claims import agree_suffix

PDF_VARIANT = "pdf/ua-1"
ROLE_LABELS = {
    "supporting": gettext_lazy("In their words"),
    "contrasting": gettext_lazy("A different experience"),
}
BODY_CLAIMS_PER_SECTION = 1
_PROPORTION_KINDS = ("proportion", "meaningful_change", "prevalence")


def render(report: dict[str, Any], fmt: str) -> bytes:
    if fmt == "json":
        return render_json(report).encode()
    if fmt == "md":
        return render_md(report).encode()
    if fmt == "html":
        return render_html(report).encode()
    if fmt == "pdf":
        return render_pdf(report)
    raise ValueError(f"unknown format {fmt!r}")


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, default=str)


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


def _row(c: dict[str, Any], label: str | None = None) -> svg.Row:
    return svg.Row(
        label or c["label"], c["estimate"], c["ci_low"], c["ci_high"],
        "" if not c["suppressed"] else c.get("suppressed_text") or _("withheld"),
    )  # fmt: skip


def _pct(v: float | None) -> str:
    return "" if v is None else f"{100 * v:.1f}%"


def _num(v: float | None, digits: int = 2) -> str:
    return "" if v is None else f"{v:.{digits}f}"


def _whole(v: float | None) -> str:
    """A count as a count: "14,016", not "14016.00"."""
    return "" if v is None else amount(v)


def _table_rows(claims: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for c in claims:
        pct = c["kind"] in _PROPORTION_KINDS or c["kind"] == "difference"
        fmt = _pct if pct else _whole if c["kind"] == "count" else _num
        rows.append([
            c["label"],
            _("withheld") if c["suppressed"] else fmt(c["estimate"]),
            fmt(c["ci_low"]), fmt(c["ci_high"]),
            "" if c["numerator"] is None else amount(c["numerator"]),
            "" if c["n"] is None else amount(c["n"]),
        ])  # fmt: skip
    return rows


def _chart(claims: list[dict[str, Any]], title: str, chart_id: str) -> dict[str, Any] | None:
    """One chart (and its data table) for a group of claims of one kind."""
    if not claims:
        return None
    kind = claims[0]["kind"]
    header = [_("Figure"), _("Estimate"), _("95% CI low"), _("95% CI high"), _("Count"), "n"]
    if kind in _PROPORTION_KINDS:
        markup = svg.interval_chart([_row(c) for c in claims], title, chart_id)
    elif kind == "mean":
        points = [_row(c, (c.get("population") or {}).get("wave") or c["label"]) for c in claims]
        markup = svg.slope_chart(points, title, chart_id)
    elif kind in ("change", "difference"):
        pct = kind == "difference"
        markup = svg.interval_chart(
            [_row(c) for c in claims], title, chart_id, percent=pct,
            lo=-1.0 if pct else None, hi=1.0 if pct else None, reference=0.0,
        )  # fmt: skip
    else:
        return None
    return {
        "svg": mark_safe(markup),
        "title": title,
        "header": header,
        "rows": _table_rows(claims),
        "id": chart_id,
    }  # noqa: S308 - built from escaped parts


def _big(c: dict[str, Any]) -> str:
    if c["estimate"] is None:
        return ""
    if c["kind"] in _PROPORTION_KINDS:
        return f"{100 * c['estimate']:.0f}%"
    if c["kind"] == "change":
        return f"{c['estimate']:+.1f}"
    if c["kind"] == "count":
        return f"{c['estimate']:,.0f}"
    return f"{c['estimate']:.1f}"


def _view_model(report: dict[str, Any]) -> dict[str, Any]:
    claims = {c["id"]: c for c in report["claims"]}
    stories = {s["id"]: {**s, "dir": text_direction(s["language"])} for s in report["stories"]}
    counter = iter(range(1, 10_000))

    def cid() -> str:
        return f"chart{next(counter)}"

    def with_stories(c: dict[str, Any]) -> dict[str, Any]:
        shown = [
            {**stories[s["id"]], "role": s["role"], "role_label": str(ROLE_LABELS[s["role"]])}
            for s in c["stories"] if s["id"] in stories
        ]  # fmt: skip
        return {**c, "shown": shown, "ci_method": translated(c["ci_method"]),
                "gap": translated(c["gap"]) if c.get("gap") else c.get("gap")}  # fmt: skip

    headline = []
    for hid in report["headline"]:
        c = claims[hid]
        # the headline quote speaks for the figure: a supporting story first, a contrasting
        # one only when no supporting story exists
        ordered = sorted(c["stories"], key=lambda s: s["role"] != "supporting")
        quote = next((stories[s["id"]] for s in ordered if s["id"] in stories), None)
        headline.append({**c, "quote": quote, "big": _big(c)})
    sections = []
    for sec in report["sections"]:
        members = [claims[i] for i in sec["claim_ids"]]
        charts = []
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for c in members:
            if sec["id"] == "projects":
                by_kind.setdefault(f"forest:{c['extra'].get('forest')}", []).append(c)
            elif c["kind"] != "count":
                by_kind.setdefault(c["kind"], []).append(c)
        for kind, group in by_kind.items():
            if kind.startswith("forest:"):
                overall = claims.get(kind.split(":", 1)[1])
                rows = ([overall] if overall else []) + group
                title = _("Forest plot: %(figure)s by project") % {"figure": rows[0]["label"]}
                chart = _chart(rows, title, cid())
            else:
                title = _("%(section)s: %(kind)s with 95%% intervals") % {
                    "section": sec["title"], "kind": str(KIND_WORDS.get(kind, kind))}  # fmt: skip
                chart = _chart(group, title, cid())
            if chart:
                charts.append(chart)
        sections.append({**sec, "claims": [with_stories(c) for c in members], "charts": charts})
    monthly = report["ledger"]["monthly"]
    ledger_chart = None
    if monthly:
        ledger_id = cid()
        ledger_chart = {
            "id": ledger_id,
            "svg": mark_safe(  # noqa: S308 - escaped in svg.py
                svg.bar_chart(
                    [m["month"] for m in monthly],
                    [m["hours"] for m in monthly],
                    _("Hours given per month"),
                    ledger_id,
                    unit=_("hours given per month"),
                    partial=next(
                        (
                            i
                            for i, m in enumerate(monthly)
                            if m.get("partial") and i == len(monthly) - 1
                        ),
                        None,
                    ),  # fmt: skip
                )
            ),  # fmt: skip
            "title": _("Hours given per month"),
            "header": [_("Month"), _("Hours"), _("Members giving time")],
            "rows": [
                [
                    m["month"] + (" " + _("(partial month)") if m.get("partial") else ""),
                    _("withheld") if m["hours"] is None else amount(m["hours"]),
                    _("withheld") if m["people"] is None else amount(m["people"]),
                ]
                for m in monthly
            ],  # fmt: skip
        }
    gaps = [c for c in report["claims"] if c.get("gap") == "no story yet: collect one"]
    body = _body(report, sections, cid)
    charts = [ch for sec in sections for ch in sec["charts"]]
    charts += [ch for sec in body if "parts" in sec for ch in sec["charts"]]
    if ledger_chart:
        charts.append(ledger_chart)
    return {
        "r": report,
        "headline": headline,
        "sections": sections,
        "ledger_chart": ledger_chart,
        "gaps": gaps,
        "methods": {
            **report["methods"],
            "interval_methods": [
                translated(m) for m in report["methods"].get("interval_methods", [])
            ],
            **_named_counts(report["methods"]),
        },
        "audience_name": audience_name(report.get("audience", "")),
        "community": report.get("community"),
        "triads": report.get("triads") or [],
        "claims_by_id": claims,
        "front": _front(report, claims, stories),
        "body": body,
        "charts": charts,
        "quoted": sorted(stories.values(), key=lambda s: s["id"]),
        "joint": _joint(report, claims),
        "partners": report.get("partners") or {},
        "msc": [
            {**m, "dir": text_direction(m["language"])}
            for m in report.get("most_significant_change") or []
        ],
    }


META_TEXT = {
    "confirm": gettext_lazy(
        "The stories confirm this figure: people behind it speak of its topic more "
        "than the others do."
    ),
    "expand": gettext_lazy(
        "The stories expand this figure: people behind it speak of other things as "
        "much as of its topic."
    ),
    "contradict": gettext_lazy(
        "The stories contradict this figure: its topic comes up more among people "
        "it does not describe."
    ),
    "too few stories": gettext_lazy(
        "Too few stories on either side to say whether they confirm, expand "
        "or contradict this figure."
    ),
}
#: words the report JSON keeps in English (machine values, methods named by `core`) and the
#: report translates where it shows them (`translated`)
RUNTIME_WORDS = (
    gettext_noop("no story yet: collect one"),
    gettext_noop("no story yet: collect one from a partner"),
    gettext_noop("no contrasting story available from the rest of this group"),
    gettext_noop("few stories: a story here is also shown beside other figures"),
    gettext_noop("Wilson score interval (Wilson 1927)"),
    gettext_noop("Newcombe hybrid score interval (Newcombe 1998, method 10)"),
    gettext_noop("Student t interval (Student 1908)"),
    gettext_noop("Paired Student t interval and test (Student 1908); Cohen's d_z (Cohen 1988)"),
    gettext_noop("complete count of ledger records (no sampling, so no interval)"),
    gettext_noop("agree"),
    gettext_noop("not sure"),
    gettext_noop("disagree"),
)


def translated(text: str) -> str:
    """A machine value of the JSON (a gap, notes joined by "; ", a method's name) in the
    report's language, part by part; anything else unchanged."""
    if text in RUNTIME_WORDS:
        return _(text)
    return "; ".join(_(part) if part in RUNTIME_WORDS else part for part in text.split("; "))


#: a chart's kind of figure, in its title
KIND_WORDS = {
    "proportion": gettext_lazy("proportion"),
    "meaningful_change": gettext_lazy("meaningful change"),
    "prevalence": gettext_lazy("prevalence"),
    "mean": gettext_lazy("mean"),
    "change": gettext_lazy("change"),
    "difference": gettext_lazy("difference"),
}


def _joint(report: dict[str, Any], claims: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The joint display as a table: a row per theme, a column per outcome figure."""
    jd = report.get("joint_display") or {}
    if not jd.get("cells"):
        return None
    cells = {(c["claim_id"], c["theme"]): c for c in jd["cells"]}
    columns = [
        {"id": cid, "label": claims[cid]["label"].replace(agree_suffix(), "")}
        for cid in jd["outcomes"] if cid in claims
    ]  # fmt: skip
    rows = []
    for theme in jd["themes"]:
        prevalence = claims.get(jd["prevalence"].get(theme, ""))
        row = {
            "theme": theme,
            "prevalence": prevalence["display"] if prevalence else "",
            "cells": [],
        }
        for col in columns:
            c = cells.get((col["id"], theme))
            if c is None or c["suppressed"] or c["estimate"] is None:
                row["cells"].append(
                    {"text": _("withheld") if c and c["suppressed"] else "", "quote": None}
                )
            else:
                text = _("%(pct)s (%(low)s to %(high)s); %(x)s of %(n)s") % {
                    "pct": _pct(c["estimate"]), "low": _pct(c["ci_low"]),
                    "high": _pct(c["ci_high"]), "x": c["numerator"], "n": c["n"]}  # fmt: skip
                row["cells"].append({"text": text, "quote": c["quote"]})
        rows.append(row)
    return {"columns": columns, "rows": rows}


FRONT_QUOTE_CHARS = 150
BODY_QUOTE_CHARS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+")


def front_quote(excerpt: str, limit: int = FRONT_QUOTE_CHARS) -> str:
    """A quote short enough for the front page, cut at a sentence boundary (whole
    sentences while they fit, at least one), never mid-word; an ellipsis marks the cut."""
    text = " ".join(excerpt.split()).removesuffix("…").rstrip()
    cut = excerpt.rstrip().endswith("…")
    if len(text) <= limit:
        return text + (" …" if cut else "")
    out = ""
    for sentence in _SENTENCE_END.split(text):
        if out and len(out) + 1 + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    if len(out) > limit * 1.5:  # one very long sentence: cut at the last word that fits
        out = out[:limit].rsplit(" ", 1)[0]
    return out + " …"


def _front(
    report: dict[str, Any], claims: dict[str, dict[str, Any]], stories: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    """The front page from the report's `summary`: key figures with their own quote."""
    summary = report.get("summary") or {}
    key = []
    for k in summary.get("key_figures", []):
        c = claims.get(k["claim_id"])
        if c is not None:
            quote = stories.get(k["quote"])
            text = front_quote(quote["excerpt"]) if quote else ""
            key.append({**c, "big": _big(c), "quote": quote, "quote_text": text})
    contrast = summary.get("contrasting")
    voice = None
    if contrast and contrast["story_id"] in stories and contrast["claim_id"] in claims:
        story = stories[contrast["story_id"]]
        voice = {"story": story, "claim": claims[contrast["claim_id"]],
                 "text": front_quote(story["excerpt"])}  # fmt: skip
    ledger = {
        k: ("" if v is None else amount(v)) if k != "has_activity" else v
        for k, v in (summary.get("ledger") or {}).items()
    }
    participation = dict(summary.get("participation") or {})
    participation["waves"] = [
        {**w, "label_html": isolated(w.get("label", ""))} for w in participation.get("waves") or []
    ]
    members = participation.get("members") or 0
    return {**summary, "key": key, "voice": voice, "ledger_text": ledger,
            "members_text": amount(members), "participation": participation}  # fmt: skip


def isolated(text: str) -> SafeString:
    """A name written in its own direction inside a sentence of another: "12 months" in an
    Arabic sentence read "months (19%) 12" without it. An explicit `dir` (a browser isolates
    it); `dir="auto"` and `<bdi>` would leave the direction to be guessed."""
    direction = "ltr"
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL", "L"):
            direction = "ltr" if kind == "L" else "rtl"
            break
    return format_html('<span dir="{}" class="isolate">{}</span>', direction, text)


def amount(v: float | int) -> str:
    """A quantity as people write it: thousands separated, whole numbers without ".0"."""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def _body_claims(
    members: list[dict[str, Any]], limit: int = BODY_CLAIMS_PER_SECTION
) -> list[dict[str, Any]]:
    """The figures a section shows in the body: the headline figure(s) of the section, else
    its first whole-population figure (means per wave are in the chart); subgroups,
    differences and every other figure are in appendix A, all quotes in appendix C."""
    whole = [
        c for c in members
        if not c["suppressed"] and not c["population"].get("subgroup")
        and c["kind"] not in ("difference", "mean") and "forest" not in c["extra"]
    ]  # fmt: skip
    chosen = [c for c in whole if c["headline"]] or whole[:1]
    out = []
    for c in chosen[:limit]:
        # one supporting and one contrasting voice in the body; the rest in appendix C
        shown, roles = [], set()
        for s in c["shown"]:
            if s["role"] not in roles:
                roles.add(s["role"])
                shown.append({**s, "text": front_quote(s["excerpt"], BODY_QUOTE_CHARS)})
        meta = (c.get("meta_inference") or {}).get("label")
        out.append({**c, "shown": shown, "meta_text": str(META_TEXT.get(meta or "", ""))})
    return out


# sections the body shows as one (their figures stay apart in appendix A)
FAMILIES = {
    "outcome:ons4_": gettext_lazy("Personal wellbeing (ONS4): change from first to last wave")
}


def _merge_families(sections: list[dict[str, Any]], cid: Callable[[], str]) -> list[dict[str, Any]]:
    """One body section per family of outcomes (the four ONS4 questions): one chart of
    their changes instead of four charts, and their main figures."""
    out: list[dict[str, Any]] = []
    for sec in sections:
        prefix = next((p for p in FAMILIES if sec["id"].startswith(p)), None)
        if prefix is None:
            out.append(sec)
            continue
        family = next((f for f in out if f["id"] == prefix.rstrip("_:")), None)
        if family is None:
            family = {"id": prefix.rstrip("_:"), "title": str(FAMILIES[prefix]), "claims": [],
                      "charts": [], "parts": []}  # fmt: skip
            out.append(family)
        family["claims"] += sec["claims"]
        family["parts"].append(sec)
    for sec in out:
        if "parts" in sec:
            changes = [c for c in sec["claims"] if c["kind"] == "change"]
            chart = _chart(changes, sec["title"], cid())
            sec["charts"] = [chart] if chart else []
    return out


def _body(
    report: dict[str, Any], sections: list[dict[str, Any]], cid: Callable[[], str]
) -> list[dict[str, Any]]:
    """The report's body, short by design: for a project, each section's charts and its
    main figure with two voices; for a programme, the comparison of projects (one forest
    plot per outcome, one row per project), time given and themes - not each project's
    report again. Everything else is in the appendices."""
    programme = report.get("project") is None
    keep = ("projects", "ledger", "partners", "themes") if programme else None
    out = []
    for sec in _merge_families(sections, cid):
        if keep is not None and sec["id"] not in keep:
            continue
        if sec["id"].startswith("more:"):  # "more figures": appendix A, until promoted
            continue
        if sec["id"] == "projects":
            # the forest rows' own stories are the pooled figure's: show the pooled figures
            claims = report["claims"]
            pooled = {c["extra"].get("forest") for c in claims if c["section"] == "projects"}
            members = [c for sec2 in sections for c in sec2["claims"] if c["id"] in pooled]
            body_claims = _body_claims(members, limit=len(pooled))
        else:
            body_claims = _body_claims(sec["claims"])
        charts = [ch for ch in sec["charts"] if "difference" not in ch["title"]]
        out.append({**sec, "body_claims": body_claims, "body_charts": charts})
    # time given comes first after the front page: funders ask for it first
    out.sort(key=lambda sec: sec["id"] != "ledger")
    return out


#: fonts the PDF may use: Noto has Latin, Welsh and Arabic glyphs (fonts-noto-core), so
#: WeasyPrint shapes Arabic right to left instead of drawing empty boxes
FONTS = '"Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", system-ui, sans-serif'


#: who a report is for, as its reader calls them (the JSON keeps the codes)
AUDIENCE_NAMES = {
    "research_team": gettext_lazy("research team"),
    "project": gettext_lazy("project members"),
    "public": gettext_lazy("public"),
}


def audience_name(code: str) -> str:
    return str(AUDIENCE_NAMES.get(code, code))


def _named_counts(methods: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The methods tables' rows named in the reader's language (consent levels, story
    languages, media); the JSON keeps the codes."""
    from tallytale.stories import languages
    from tallytale.stories.models import ConsentLevel, Medium

    consent = {c.value: str(c.label) for c in ConsentLevel}
    medium = {m.value: str(m.label) for m in Medium}

    def named(key: str, name: Callable[[str], str]) -> list[dict[str, Any]]:
        return [{**row, "shown": name(str(row["label"]))} for row in methods.get(key) or []]

    return {
        "consent_counts": named("consent_counts", lambda c: consent.get(c, c)),
        "stories_by_language": named("stories_by_language", languages.label),
        "stories_by_medium": named("stories_by_medium", lambda m: medium.get(m, m)),
    }


RTL_SCRIPTS = ("ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "ckb", "dv")


def text_direction(language: str | None) -> str:
    """A story's writing direction from its language tag: explicit, because WeasyPrint does
    not resolve `dir="auto"` (an English quote in an Arabic PDF ran right to left)."""
    return "rtl" if (language or "").split("-")[0].lower() in RTL_SCRIPTS else "ltr"


def render_html(report: dict[str, Any], *, pdf: bool = False) -> str:
    """The report page in the report's language: `<html lang dir>` from it (Arabic right to
    left); the words come from the active language (`services.build_and_record` sets it)."""
    from django.utils import translation

    language = report.get("language") or "en"
    with translation.override(language):
        vm = _view_model(report)
        vm.update(language=language, direction=text_direction(language), fonts=FONTS,
                  pdf=pdf)  # fmt: skip
        return render_to_string("evidence/report.html", vm)


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------


def render_pdf(report: dict[str, Any]) -> bytes:
    """The HTML report as PDF; the fetcher refuses every URL that is not a data: URI."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class DataOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise FatalURLFetchingError(f"refusing to fetch {url[:40]!r}: reports are offline")
            return super().fetch(url, headers)

    fetcher = DataOnlyFetcher(allowed_protocols={"data"})
    # PDF/UA-1: a structure tree (headings, lists, tables, figures with their SVG <title>
    # as alternative text), so screen readers and text extraction follow the reading order
    return HTML(string=render_html(report, pdf=True), url_fetcher=fetcher, base_url=None).write_pdf(
        pdf_variant=PDF_VARIANT
    )


# --------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def md_escape(text: Any) -> str:
    """Escape Markdown syntax and HTML in user text (stories may hold markup)."""
    s = str(text if text is not None else "")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", s).replace("\n", " ")


def _md_triads(triads: list[dict[str, Any]]) -> list[str]:
    """The key triads as the HTML report has them, without the picture: the sentence, then
    the data table of published counts per zone (never a dot), the mean and the n."""
    if not triads:
        return []
    out = ["", "## " + _("What tellers said their stories were about"), ""]
    for t in triads:
        panel = t["panel"]
        out += [f"### {md_escape(panel['title'])}", ""]
        sentence = panel["summary"] + (f" {t['comparison']}" if t.get("comparison") else "")
        out += [md_escape(sentence), ""]
        out.append(f"| {_('Zone')} | {_('Stories')} | {_('Share')} |")
        out.append("|---|---:|---:|")
        for z in panel["zones"]:
            share = "–" if z.get("percent") is None else f"{z['percent']}%"
            out.append(f"| {md_escape(z['label'])} | {md_escape(z['count_text'])} | {share} |")
        if panel.get("mean"):
            parts = " · ".join(f"{p} {w}%" for p, w in panel["mean"]["parts"])
            out.append(f"| {_('Mean position')} | {md_escape(parts)} | |")
        out.append(f"| {_('Stories')} | {md_escape(panel['n_stories'])} | |")
        out.append("")
    return out


def render_md(report: dict[str, Any]) -> str:
    """The report as Markdown, in the report's language."""
    from django.utils import translation

    with translation.override(report.get("language") or "en"):
        return _render_md(report)


def _render_md(report: dict[str, Any]) -> str:
    vm = _view_model(report)
    r = report
    out = ["# " + _("%(title)s: evidence report") % {"title": md_escape(r["title"])}, ""]
    out.append(
        _("Audience: **%(audience)s** · generated %(at)s")
        % {"audience": r["audience"], "at": r["generated_at"]}
        + f" · {md_escape(r['disclosure']['statement'])}"
    )
    out += ["", "## " + _("Key figures"), ""]
    for c in vm["headline"]:
        out.append(f"- **{md_escape(c['label'])}**: {md_escape(c['display'])}")
        if c["quote"]:
            out.append(f"  > {md_escape(c['quote']['excerpt'])}")
    for sec in vm["sections"]:
        out += ["", f"## {md_escape(sec['title'])}", ""]
        for c in sec["claims"]:
            out.append(f"### {md_escape(c['label'])}")
            out.append("")
            out.append(md_escape(c["display"]) + f" — {md_escape(c['ci_method'])}")
            if c.get("gap"):
                out.append(f"\n*{md_escape(c['gap'])}*")
            for s in c["shown"]:
                out.append("")
                out.append(
                    f"> **{s['role_label']}** ({md_escape(s['language'])}, {md_escape(s['medium'])}): {md_escape(s['excerpt'])}"
                )
                for num in s["numbers"]:
                    out.append(f"> - {md_escape(num['text'])}")
            out.append("")
        for chart in sec["charts"]:
            out.append(f"**{md_escape(chart['title'])}**\n")
            out.append("| " + " | ".join(chart["header"]) + " |")
            out.append("|" + "---|" * len(chart["header"]))
            for row in chart["rows"]:
                out.append("| " + " | ".join(md_escape(v) for v in row) + " |")
            out.append("")
        if sec["id"] == "partners":
            for w in vm["partners"].get("response_rates", []):
                out.append(f"- {md_escape(w['label'])}: {md_escape(w['display'])}")
            out.append("")
    out += _md_triads(vm["triads"])
    if vm["msc"]:
        out += ["", "## " + _("Most Significant Change"), ""]
        for m in vm["msc"]:
            out.append(f"> {md_escape(m['excerpt'])}")
            out.append("")
            out.append(f"**{_('Why the panel chose it:')}** {md_escape(m['reason'])}")
            out.append("")
    m = r["methods"]
    out += ["", "## " + _("Methods and limitations"), ""]
    out.append("- " + _("Members: %(n)s") % {"n": f"{m['members']:,}"})
    for w in m["waves"]:
        rate = (
            ""
            if w["response_rate"] is None
            else " " + _("(%(pct)s%% of members)") % {"pct": f"{100 * w['response_rate']:.0f}"}
        )
        out.append(
            f"- {md_escape(w['label'])}: "
            + _("%(n)s people responded") % {"n": f"{w['people']:,}"}
            + rate
        )
    if m["attrition"]:
        a = m["attrition"]
        out.append(
            "- "
            + _("Followed up: %(x)s of %(n)s baseline respondents")
            % {"x": f"{a['followed_up']:,}", "n": f"{a['baseline']:,}"}
        )
    out.append(
        "- " + _("Intervals:") + " " + "; ".join(md_escape(x) for x in m["interval_methods"])
    )
    out.append("- " + _("Disclosure control:") + f" {md_escape(r['disclosure']['statement'])}")
    for c in m["caveats"]:
        out.append(f"- {md_escape(c)}")
    if r["rule_check"]["claims_without_story"]:
        out += ["", "## " + _("Gaps"), ""]
        out += [
            f"- {md_escape(c)}: " + _("no story yet: collect one")
            for c in r["rule_check"]["claims_without_story"]
        ]
    out.append("")
    return "\n".join(out)
