"""Server-side SVG charts: geometry, and the SVG markup itself.

No chart JavaScript: every chart is an inline SVG with a text title, and the page shows the
same numbers in a table (the accessible source of truth). The markup is written here, not
in the template: coordinates are machine numbers and must never be localised (a Welsh or
Arabic page would otherwise write "138,0" and no bar would draw), and one string built in
Python costs a fraction of the template engine's hundreds of localised numbers per chart.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 600
HEIGHT = 220
PAD_START = 44
PAD_END = 8
PAD_TOP = 12
PAD_BOTTOM = 52  # room for a label of up to three lines
LABEL_LINES = 3
CHAR_WIDTH = 6.6  # average width of a 12px character, in viewBox units


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float
    label_x: float
    value_y: float
    partial: bool = False  # a period not over yet (this month): drawn open
    lines: tuple[str, ...] = ()  # the label wrapped to fit under the bar


@dataclass
class Chart:
    title: str
    unit: str
    rows: list[tuple[str, float]]
    partial_note: str = ""  # said under the chart when its last bar is a period not over yet
    bars: list[Bar] = field(default_factory=list)
    line: str = ""
    ticks: list[tuple[float, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - PAD_BOTTOM
    plot_start: int = PAD_START
    plot_end: int = WIDTH - PAD_END

    def svg(self, caption_id: str) -> SafeString:
        """The chart as inline SVG labelled by the figure caption `caption_id`."""
        out = [
            f'<svg viewBox="0 0 {self.width} {self.height}" role="img" '
            f'aria-labelledby="{escape(caption_id)}" focusable="false">'
        ]
        for y, label in self.ticks:
            out.append(
                f'<line class="axis" x1="{self.plot_start}" x2="{self.plot_end}" y1="{y}" '
                f'y2="{y}" stroke-opacity="0.3"/><text x="{self.plot_start - 4}" y="{y}" '
                f'text-anchor="end" dominant-baseline="middle">{escape(label)}</text>'
            )
        label_y = self.baseline + 16
        for b in self.bars:
            lines = "".join(
                f'<tspan x="{b.label_x}" dy="{0 if i == 0 else 14}">{escape(t)}</tspan>'
                for i, t in enumerate(b.lines or (b.label,))
            )
            out.append(
                f'<rect class="bar{" partial" if b.partial else ""}" x="{b.x}" y="{b.y}" '
                f'width="{b.width}" height="{b.height}">'
                f"<title>{escape(b.label)}: {escape(_fmt(b.value))}</title></rect>"
                f'<text y="{label_y}" text-anchor="middle" direction="{_direction(b.label)}" '
                f'unicode-bidi="embed">{lines}</text>'
            )
        if self.line:
            out.append(f'<polyline class="line" points="{self.line}"/>')
        out.append("</svg>")
        return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def _direction(text: str) -> str:
    """The direction of a label's first strong character (what dir="auto" does in HTML,
    which SVG text lacks): an English prompt on an Arabic page still reads left to right."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return value


def wrap_label(label: str, chars: int, lines: int = LABEL_LINES) -> tuple[str, ...]:
    """A label in whole words on up to `lines` lines of about `chars` characters; only a
    label longer than all of them ends with an ellipsis (the table below has it in full)."""
    out: list[str] = []
    current = ""
    for word in label.split():
        if len(word) > chars:
            word = word[: max(1, chars - 1)] + "…"
        if current and len(current) + 1 + len(word) > chars:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    if len(out) > lines:
        last = out[lines - 1]
        out = out[: lines - 1] + [(last[: max(1, chars - 1)]).rstrip() + "…"]
    return tuple(out) or ("",)


def bar_chart(
    title: str,
    rows: list[tuple[str, float]],
    unit: str = "",
    line: bool = False,
    partial_note: str = "",
) -> Chart:
    """Bars (or a line through the bar tops) for labelled values, scaled to a round maximum.
    With `partial_note`, the last bar is a period not over yet: drawn open, and the note says
    so under the chart."""
    chart = Chart(title=title, unit=unit, rows=rows, partial_note=partial_note)
    n = max(1, len(rows))
    top = _nice_max(max((v for _, v in rows), default=0))
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = (WIDTH - PAD_START - PAD_END) / n
    points = []
    for i, (label, value) in enumerate(rows):
        h = plot_h * (value / top) if top else 0
        x = PAD_START + i * slot + slot * 0.15
        y = PAD_TOP + plot_h - h
        chart.bars.append(
            Bar(
                x=round(x, 1),
                y=round(y, 1),
                width=round(slot * 0.7, 1),
                height=round(h, 1),
                label=label,
                value=value,
                label_x=round(x + slot * 0.35, 1),
                value_y=round(max(PAD_TOP + 10, y - 3), 1),
                partial=bool(partial_note) and i == len(rows) - 1,
                lines=wrap_label(label, max(4, int(slot * 0.95 / CHAR_WIDTH))),
            )
        )
        points.append(f"{x + slot * 0.35:.1f},{y:.1f}")
    if line:
        chart.line = " ".join(points)
    chart.ticks = [
        (round(PAD_TOP + plot_h - plot_h * f, 1), _fmt(top * f)) for f in (0, 0.25, 0.5, 0.75, 1)
    ]
    return chart


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"
