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


def _short(s: str, n: int = 34) -> str:
    return s if len(s) <= n else s[: n - 1] + "\u2026"


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
    width, left, right, row_h, top = 640, 230, 20, 26, 24
    height = top + row_h * max(1, len(rows)) + 30
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
            f'<line x1="{x(v):.1f}" y1="{top - 6}" x2="{x(v):.1f}" y2="{height - 24}" stroke="{GRID}"/>'
        )
        label = f"{100 * v:.0f}%" if percent else f"{v:.1f}"
        body.append(_text(x(v), height - 8, label, "middle", MUTED, 11))
    if reference is not None and vmin <= reference <= vmax:
        body.append(
            f'<line x1="{x(reference):.1f}" y1="{top - 6}" x2="{x(reference):.1f}" '
            f'y2="{height - 24}" stroke="{MUTED}" stroke-dasharray="4 3"/>'
        )
    for i, r in enumerate(rows):
        y = top + i * row_h + row_h / 2
        body.append(_text(left - 8, y + 4, _short(r.label), "end"))
        if r.estimate is None or r.low is None or r.high is None:
            body.append(_text(left + 4, y + 4, r.note or "figure withheld", "start", MUTED, 11))
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
    width, height, left, right, top, bottom = 640, 240, 50, 30, 20, 40
    vals = [v for r in points for v in (r.low, r.high) if v is not None]
    if not vals:
        return _svg(width, 60, title, [_text(10, 30, "figures withheld", fill=MUTED)], chart_id)
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
        body.append(_text(xp(i), height - 14, _short(r.label, 24), "middle"))
        if r.estimate is None or r.low is None or r.high is None:
            body.append(_text(xp(i), height / 2, "withheld", "middle", MUTED, 11))
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
    return _svg(width, height, title, body, chart_id)


def bar_chart(
    labels: Sequence[str], values: Sequence[float | None], title: str, chart_id: str, unit: str = ""
) -> str:
    """Vertical bars over time (ledger activity by month); a withheld month is a gap."""
    width, height, left, right, top, bottom = 640, 220, 50, 10, 16, 46
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
            body.append(
                f'<rect x="{x0 + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(1.0, bw - 2):.1f}" '
                f'height="{h:.1f}" fill="{ACCENT}"/>'
            )
        if i % step == 0:
            body.append(_text(x0 + bw / 2, height - bottom + 14, lab, "middle", MUTED, 10))
    if unit:
        body.append(_text(left, height - 6, unit, "start", MUTED, 11))
    return _svg(width, height, title, body, chart_id)
