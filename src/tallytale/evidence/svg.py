"""Inline SVG charts for reports: no scripts, no fonts or images fetched, every text escaped.

Each chart is paired by the renderer with a data table holding the same figures, so the
chart is never the only way to read them (WCAG 1.1.1); the SVG carries role="img" and a
<title>/<desc> for screen readers. Suppressed figures are drawn as a labelled gap, never
as a bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.translation import gettext as _

INK = "#1f2933"
MUTED = "#6b7785"
ACCENT = "#1b5e8c"
CONTRAST = "#b3541e"
GRID = "#d9dee3"


@dataclass(frozen=True)
class Row:
    """One labelled estimate with its interval (fractions 0..1 or score units)."""

    label: str
    estimate: float | None
    low: float | None
    high: float | None
    note: str = ""


def _svg(width: int, height: int, title: str, body: list[str], chart_id: str) -> str:
    t = escape(title)
    return (
        f'<svg role="img" aria-labelledby="{chart_id}-t" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        f'<title id="{chart_id}-t">{t}</title>' + "".join(body) + "</svg>"
    )


def _text(
    x: float, y: float, s: str, anchor: str = "start", fill: str = INK, size: int = 12
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" '
        f'font-size="{size}">{escape(s)}</text>'
    )


def wrap(s: str, width: int = 32, lines: int = 4) -> list[str]:
    """A label as whole-word lines of at most ``width`` characters: labels are wrapped,
    never cut to the same truncated stem (a word longer than a line is split; beyond
    ``lines`` lines the rest joins the last line, so nothing is lost)."""
    out: list[str] = []
    for word in s.split():
        while len(word) > width:
            out.append(word[:width])
            word = word[width:]
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    return out or [""]


def _label(x: float, y: float, s: str, anchor: str, width: int, size: int = 12) -> str:
    """A wrapped label, its lines centred vertically on ``y``."""
    parts = wrap(s, width)
    top = y - (len(parts) - 1) * (size + 2) / 2
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + i * (size + 2):.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(parts)
    )
    return f'<text text-anchor="{anchor}" fill="{INK}" font-size="{size}">{spans}</text>'


def _legend(x: float, y: float, items: list[tuple[str, str]]) -> list[str]:
    """A legend: one marker and label per series ("dot", "bar", "line", "partial")."""
    out = []
    for kind, text in items:
        if kind == "dot":
            out.append(f'<circle cx="{x + 5:.1f}" cy="{y - 4:.1f}" r="4" fill="{ACCENT}"/>')
        elif kind == "line":
            out.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 12:.1f}" y2="{y - 4:.1f}" '
                       f'stroke="{ACCENT}" stroke-width="2"/>')  # fmt: skip
        elif kind == "partial":
            out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="10" fill="#fff" '
                       f'stroke="{ACCENT}" stroke-dasharray="2 2"/>')  # fmt: skip
        else:
            out.append(
                f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="10" fill="{ACCENT}"/>'
            )
        out.append(_text(x + 17, y, text, "start", MUTED, 11))
        x += 17 + 6.2 * len(text) + 14
    return out


def interval_chart(
    rows: Sequence[Row],
    title: str,
    chart_id: str,
    *,
    percent: bool = True,
    lo: float | None = None,
    hi: float | None = None,
    reference: float | None = None,
) -> str:
    """Horizontal estimates with 95% interval bars (proportions, forest plots, means)."""
    width, left, right, top = 640, 230, 20, 24
    heights = [max(26, 14 * len(wrap(r.label)) + 8) for r in rows] or [26]
    height = top + sum(heights) + 48
    vals = [v for r in rows for v in (r.low, r.high, r.estimate) if v is not None]
    vmin = lo if lo is not None else (0.0 if percent else min(vals + [0.0]))
    vmax = hi if hi is not None else (1.0 if percent else max(vals + [1.0]))
    if vmax <= vmin:
        vmax = vmin + 1
    span = width - left - right

    def x(v: float) -> float:
        return left + (v - vmin) / (vmax - vmin) * span

    body: list[str] = []
    for i in range(5):
        v = vmin + (vmax - vmin) * i / 4
        body.append(
            f'<line x1="{x(v):.1f}" y1="{top - 6}" x2="{x(v):.1f}" y2="{height - 42}" stroke="{GRID}"/>'
        )
        label = f"{100 * v:.0f}%" if percent else f"{v:.1f}"
        body.append(_text(x(v), height - 26, label, "middle", MUTED, 11))
    if reference is not None and vmin <= reference <= vmax:
        body.append(
            f'<line x1="{x(reference):.1f}" y1="{top - 6}" x2="{x(reference):.1f}" '
            f'y2="{height - 42}" stroke="{MUTED}" stroke-dasharray="4 3"/>'
        )
    body += _legend(left, height - 6, [("dot", _("estimate")), ("line", _("95% interval"))])
    y_top = top
    for r, row_h in zip(rows, heights, strict=False):
        y = y_top + row_h / 2
        y_top += row_h
        body.append(_label(left - 8, y + 4, r.label, "end", 32))
        if r.estimate is None or r.low is None or r.high is None:
            body.append(_text(left + 4, y + 4, r.note or _("figure withheld"), "start", MUTED, 11))
            continue
        body.append(
            f'<line x1="{x(r.low):.1f}" y1="{y:.1f}" x2="{x(r.high):.1f}" y2="{y:.1f}" '
            f'stroke="{ACCENT}" stroke-width="2"/>'
        )
        for v in (r.low, r.high):
            body.append(
                f'<line x1="{x(v):.1f}" y1="{y - 5:.1f}" x2="{x(v):.1f}" y2="{y + 5:.1f}" stroke="{ACCENT}" stroke-width="2"/>'
            )
        body.append(f'<circle cx="{x(r.estimate):.1f}" cy="{y:.1f}" r="5" fill="{ACCENT}"/>')
    return _svg(width, height, title, body, chart_id)


def slope_chart(points: Sequence[Row], title: str, chart_id: str) -> str:
    """Mean at each wave joined by a line, with 95% interval bars (baseline -> follow-up)."""
    width, height, left, right, top, bottom = 640, 262, 50, 30, 20, 62
    vals = [v for r in points for v in (r.low, r.high) if v is not None]
    if not vals:
        return _svg(width, 60, title, [_text(10, 30, _("figures withheld"), fill=MUTED)], chart_id)
    vmin, vmax = min(vals), max(vals)
    pad = (vmax - vmin) * 0.2 or 1.0
    vmin, vmax = vmin - pad, vmax + pad
    n = len(points)

    def xp(i: int) -> float:
        return left + (i + 0.5) * (width - left - right) / n

    def yp(v: float) -> float:
        return top + (vmax - v) / (vmax - vmin) * (height - top - bottom)

    body: list[str] = []
    for i in range(5):
        v = vmin + (vmax - vmin) * i / 4
        body.append(
            f'<line x1="{left}" y1="{yp(v):.1f}" x2="{width - right}" y2="{yp(v):.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, yp(v) + 4, f"{v:.1f}", "end", MUTED, 11))
    prev = None
    for i, r in enumerate(points):
        body.append(_label(xp(i), height - 44, r.label, "middle", 22))
        if r.estimate is None or r.low is None or r.high is None:
            body.append(_text(xp(i), height / 2, _("withheld"), "middle", MUTED, 11))
            prev = None
            continue
        body.append(
            f'<line x1="{xp(i):.1f}" y1="{yp(r.low):.1f}" x2="{xp(i):.1f}" y2="{yp(r.high):.1f}" stroke="{ACCENT}" stroke-width="2"/>'
        )
        if prev is not None:
            body.append(
                f'<line x1="{prev[0]:.1f}" y1="{prev[1]:.1f}" x2="{xp(i):.1f}" y2="{yp(r.estimate):.1f}" stroke="{ACCENT}" stroke-width="2"/>'
            )
        body.append(f'<circle cx="{xp(i):.1f}" cy="{yp(r.estimate):.1f}" r="5" fill="{ACCENT}"/>')
        prev = (xp(i), yp(r.estimate))
    body += _legend(left, height - 6, [("dot", _("mean")), ("line", _("95% interval"))])
    return _svg(width, height, title, body, chart_id)


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    title: str,
    chart_id: str,
    unit: str = "",
    partial: int | None = None,
) -> str:
    """Vertical bars over time (ledger activity by month); a withheld month is a gap, and
    the bar at index ``partial`` (the month still under way) is drawn open and dashed."""
    width, height, left, right, top, bottom = 640, 236, 50, 10, 16, 62
    vals = [v for v in values if v is not None]
    vmax = max(vals + [1.0])
    n = max(1, len(labels))
    bw = (width - left - right) / n
    body: list[str] = []
    for i in range(5):
        v = vmax * i / 4
        y = top + (1 - v / vmax) * (height - top - bottom)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y + 4, f"{v:,.0f}", "end", MUTED, 11))
    step = max(1, n // 8)
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        x0 = left + i * bw
        if v is not None:
            h = v / vmax * (height - top - bottom)
            look = (f'fill="#fff" stroke="{ACCENT}" stroke-dasharray="2 2"' if i == partial
                    else f'fill="{ACCENT}"')  # fmt: skip
            body.append(
                f'<rect x="{x0 + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(1.0, bw - 2):.1f}" '
                f'height="{h:.1f}" {look}/>'
            )
        if i % step == 0:
            body.append(_text(x0 + bw / 2, height - bottom + 14, lab, "middle", MUTED, 10))
    legend = [("bar", unit or _("value"))]
    if partial is not None:
        legend.append(("partial", _("month still under way (partial)")))
    body += _legend(left, height - 6, legend)
    return _svg(width, height, title, body, chart_id)
