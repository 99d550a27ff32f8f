"""Charts of the yearly report as inline SVG: pure functions from values to markup.

No scripts, no external fonts or files: the SVG scales with the page (``viewBox`` and
``width: 100%``), prints sharp, and has a ``<title>`` for screen readers. Every text is
escaped here, so a title with ``<`` or ``&`` in it stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640
"""The width of the money chart; the two summary charts are narrower (they sit side by side)."""
NARROW = 440
LABEL_WIDTH = 170
NARROW_LABEL = 120
VALUE_WIDTH = 110
ROW = 30
FONT = "font-family=\"inherit\" font-size=\"13\""
TEXT_COLOR = "#1f2933"
RULE_COLOR = "#d5dbe1"
EMPTY_COLOR = "#e9edf1"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str
    """The value as the reader sees it: ``3``, ``200 000 Kč``."""
    color: str


@dataclass(frozen=True, slots=True)
class PairedBar:
    """Two values of one thing side by side: money planned and spent of a source."""

    label: str
    first: float
    first_text: str
    second: float
    second_text: str


@dataclass(frozen=True, slots=True)
class Segment:
    label: str
    value: int
    color: str


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-label="{escape(title)}" class="chart" '
            f'style="max-width: {width}px">'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", weight: str = "normal",
          color: str = TEXT_COLOR) -> str:
    return (f'<text x="{x:g}" y="{y:g}" {FONT} font-weight="{weight}" fill="{color}" '
            f'text-anchor="{anchor}" dominant-baseline="middle">{escape(text)}</text>')


def _rect(x: float, y: float, width: float, height: float, color: str) -> str:
    return (f'<rect x="{x:g}" y="{y:g}" width="{max(width, 0):.1f}" height="{height:g}" '
            f'rx="2" fill="{color}"/>')


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def bar_chart(bars: Sequence[Bar], title: str) -> str:
    """Horizontal bars, one a row: the label, the bar, the value."""
    area = NARROW - NARROW_LABEL - 40
    top = max((b.value for b in bars), default=0) or 1
    body = [f'<line x1="{NARROW_LABEL}" y1="0" x2="{NARROW_LABEL}" y2="{len(bars) * ROW}" '
            f'stroke="{RULE_COLOR}"/>']
    for index, bar in enumerate(bars):
        y = index * ROW
        length = area * bar.value / top
        body += [_text(NARROW_LABEL - 8, y + ROW / 2, _short(bar.label, 18), "end"),
                 _rect(NARROW_LABEL, y + 6, length, ROW - 12, bar.color),
                 _text(NARROW_LABEL + length + 6, y + ROW / 2, bar.text, weight="bold")]
    return _svg(NARROW, max(len(bars), 1) * ROW, title, body)


def paired_bar_chart(rows: Sequence[PairedBar], legend: tuple[str, str],
                     colors: tuple[str, str], title: str) -> str:
    """Two bars a row (e.g. planned and spent), one scale for all, a legend on top."""
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top = max((max(r.first, r.second) for r in rows), default=0) or 1
    body = [_rect(LABEL_WIDTH, 4, 14, 14, colors[0]), _text(LABEL_WIDTH + 20, 11, legend[0]),
            _rect(LABEL_WIDTH + 150, 4, 14, 14, colors[1]),
            _text(LABEL_WIDTH + 170, 11, legend[1])]
    head = 28
    height = ROW + 8
    for index, row in enumerate(rows):
        y = head + index * height
        first, second = area * row.first / top, area * row.second / top
        body += [_text(LABEL_WIDTH - 8, y + height / 2 - 2, _short(row.label), "end"),
                 _rect(LABEL_WIDTH, y + 3, first, 13, colors[0]),
                 _text(LABEL_WIDTH + first + 6, y + 9.5, row.first_text),
                 _rect(LABEL_WIDTH, y + 18, second, 13, colors[1]),
                 _text(LABEL_WIDTH + second + 6, y + 24.5, row.second_text)]
    body.insert(0, f'<line x1="{LABEL_WIDTH}" y1="{head}" x2="{LABEL_WIDTH}" '
                   f'y2="{head + len(rows) * height}" stroke="{RULE_COLOR}"/>')
    return _svg(WIDTH, head + max(len(rows), 1) * height, title, body)


def stacked_bar(segments: Sequence[Segment], title: str, total_text: str) -> str:
    """One bar split by share (e.g. milestones done, late, postponed), a legend below."""
    total = sum(s.value for s in segments)
    body = [_rect(0, 0, NARROW, 26, EMPTY_COLOR)]
    x = 0.0
    for segment in segments:
        if total and segment.value:
            length = NARROW * segment.value / total
            body.append(_rect(x, 0, length, 26, segment.color))
            if length > 24:
                body.append(_text(x + length / 2, 13, str(segment.value), "middle", "bold",
                                  "#ffffff"))
            x += length
    if not total:
        body.append(_text(NARROW / 2, 13, total_text, "middle"))
    column = NARROW / 2
    for index, segment in enumerate(segments):
        cx, cy = (index % 2) * column, 44 + (index // 2) * 22
        body += [_rect(cx, cy - 7, 14, 14, segment.color),
                 _text(cx + 20, cy, f"{segment.label}: {segment.value}")]
    rows = (len(segments) + 1) // 2
    return _svg(NARROW, 34 + rows * 22, title, body)
