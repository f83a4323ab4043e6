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
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import svg

ROLE_LABELS = {"supporting": "In their words", "contrasting": "A different experience"}
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
        "" if not c["suppressed"] else c.get("suppressed_text") or "withheld",
    )  # fmt: skip


def _pct(v: float | None) -> str:
    return "" if v is None else f"{100 * v:.1f}%"


def _num(v: float | None, digits: int = 2) -> str:
    return "" if v is None else f"{v:.{digits}f}"


def _table_rows(claims: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for c in claims:
        pct = c["kind"] in _PROPORTION_KINDS or c["kind"] == "difference"
        fmt = _pct if pct else _num
        rows.append([
            c["label"],
            "withheld" if c["suppressed"] else fmt(c["estimate"]),
            fmt(c["ci_low"]), fmt(c["ci_high"]),
            "" if c["numerator"] is None else f"{c['numerator']:,}",
            "" if c["n"] is None else f"{c['n']:,}",
        ])  # fmt: skip
    return rows


def _chart(claims: list[dict[str, Any]], title: str, chart_id: str) -> dict[str, Any] | None:
    """One chart (and its data table) for a group of claims of one kind."""
    if not claims:
        return None
    kind = claims[0]["kind"]
    header = ["Figure", "Estimate", "95% CI low", "95% CI high", "Count", "n"]
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
    return {"svg": mark_safe(markup), "title": title, "header": header, "rows": _table_rows(claims)}  # noqa: S308 - built from escaped parts


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
    stories = {s["id"]: s for s in report["stories"]}
    counter = iter(range(1, 10_000))

    def cid() -> str:
        return f"chart{next(counter)}"

    def with_stories(c: dict[str, Any]) -> dict[str, Any]:
        shown = [
            {**stories[s["id"]], "role": s["role"], "role_label": ROLE_LABELS[s["role"]]}
            for s in c["stories"] if s["id"] in stories
        ]  # fmt: skip
        return {**c, "shown": shown}

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
                chart = _chart(rows, f"Forest plot: {rows[0]['label']} by project", cid())
            else:
                chart = _chart(
                    group, f"{sec['title']}: {kind.replace('_', ' ')} with 95% intervals", cid()
                )
            if chart:
                charts.append(chart)
        sections.append({**sec, "claims": [with_stories(c) for c in members], "charts": charts})
    monthly = report["ledger"]["monthly"]
    ledger_chart = None
    if monthly:
        ledger_chart = {
            "svg": mark_safe(  # noqa: S308 - escaped in svg.py
                svg.bar_chart(
                    [m["month"] for m in monthly],
                    [m["hours"] for m in monthly],
                    "Hours given per month",
                    cid(),
                    unit="hours per month",
                )
            ),  # fmt: skip
            "title": "Hours given per month",
            "header": ["Month", "Hours", "Members giving time"],
            "rows": [
                [
                    m["month"],
                    "withheld" if m["hours"] is None else f"{m['hours']:,}",
                    "withheld" if m["people"] is None else f"{m['people']:,}",
                ]
                for m in monthly
            ],  # fmt: skip
        }
    gaps = [c for c in report["claims"] if c.get("gap") == "no story yet: collect one"]
    return {
        "r": report,
        "headline": headline,
        "sections": sections,
        "ledger_chart": ledger_chart,
        "gaps": gaps,
        "methods": report["methods"],
        "community": report.get("community"),
        "claims_by_id": claims,
        "partners": report.get("partners") or {},
    }


def render_html(report: dict[str, Any]) -> str:
    return render_to_string("evidence/report.html", _view_model(report))


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
    return HTML(string=render_html(report), url_fetcher=fetcher, base_url=None).write_pdf()


# --------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def md_escape(text: Any) -> str:
    """Escape Markdown syntax and HTML in user text (stories may hold markup)."""
    s = str(text if text is not None else "")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", s).replace("\n", " ")


def render_md(report: dict[str, Any]) -> str:
    vm = _view_model(report)
    r = report
    out = [f"# {md_escape(r['title'])}: evidence report", ""]
    out.append(
        f"Audience: **{r['audience']}** · generated {r['generated_at']} · "
        f"{md_escape(r['disclosure']['statement'])}"
    )
    out += ["", "## Key figures", ""]
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
    m = r["methods"]
    out += ["", "## Methods and limitations", ""]
    out.append(f"- Members: {m['members']:,}")
    for w in m["waves"]:
        rate = (
            "" if w["response_rate"] is None else f" ({100 * w['response_rate']:.0f}% of members)"
        )
        out.append(f"- {md_escape(w['label'])}: {w['people']:,} people responded{rate}")
    if m["attrition"]:
        a = m["attrition"]
        out.append(f"- Followed up: {a['followed_up']:,} of {a['baseline']:,} baseline respondents")
    out.append("- Intervals: " + "; ".join(md_escape(x) for x in m["interval_methods"]))
    out.append(f"- Disclosure control: {md_escape(r['disclosure']['statement'])}")
    for c in m["caveats"]:
        out.append(f"- {md_escape(c)}")
    if r["rule_check"]["claims_without_story"]:
        out += ["", "## Gaps", ""]
        out += [
            f"- {md_escape(c)}: no story yet: collect one"
            for c in r["rule_check"]["claims_without_story"]
        ]
    out.append("")
    return "\n".join(out)
