"""The plots of report.html, drawn here as inline SVG: stacked bars, and a trend over runs.

Hand-written on purpose. A JavaScript chart library would have to be inlined (the report is one
file and loads nothing: hundreds of kilobytes), would draw nothing with scripts off, and would
render our hostile strings through its own code. matplotlib would be a large dependency (numpy,
fonts) for three plain charts, and its SVG draws text as glyph paths: big, not selectable. These
charts are rectangles, lines and text; every string is escaped; colours come from the page's CSS
classes (``s-2xx``, ``sev-error``...), so they follow its light or dark theme; and each mark has
a ``<title>`` with its exact figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from conformance.reporting.history import PastRun

__all__ = ["Bar", "Segment", "stacked_bars", "trend"]

_WIDTH = 760
_LABEL = 270  # the label column of a bar chart
_ROW = 22
_MAX_LABEL_CHARS = 42


@dataclass(frozen=True, slots=True)
class Segment:
    name: str  # shown in the legend and the tooltip
    value: int
    css: str  # the class that colours it


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(segment.value for segment in self.segments)


def stacked_bars(title: str, bars: Sequence[Bar], legend: Sequence[tuple[str, str]]) -> str:
    """One horizontal bar per row, its segments stacked; ``legend`` is (name, css class) pairs."""
    scale = (_WIDTH - _LABEL - 60) / max([bar.total for bar in bars] + [1])
    height = _ROW * (len(bars) + 1) + 8
    parts = [_open(title, height), _legend(legend, _LABEL, 14)]
    for row, bar in enumerate(bars, start=1):
        parts.append(_bar(bar, _ROW * row + 8, scale))
    parts.append("</svg>")
    return "".join(parts)


def trend(runs: Sequence[PastRun]) -> str:
    """Errors and warnings (and new findings, where runs count them) over recent runs."""
    height, top, bottom, left = 230, 30, 40, 50
    plot_height, plot_width = height - top - bottom, _WIDTH - left - 20
    series: list[tuple[str, str, list[int | None]]] = [
        ("errors", "sev-error", [run.errors for run in runs]),
        ("warnings", "sev-warning", [run.warnings for run in runs]),
    ]
    if any(run.new is not None for run in runs):
        series.append(("new", "new", [run.new for run in runs]))  # runs without a baseline have no point
    peak = max([value or 0 for _, _, values in series for value in values] + [1])
    step = plot_width / max(len(runs) - 1, 1)

    def x(index: int) -> float:
        return left + index * step if len(runs) > 1 else left + plot_width / 2

    def y(value: int) -> float:
        return top + plot_height - value / peak * plot_height

    parts = [_open("Findings over recent runs", height), _legend([(n, c) for n, c, _ in series], left, 14)]
    parts.append(_axes(left, top, plot_width, plot_height, peak))
    for name, css, values in series:
        known = [(i, value) for i, value in enumerate(values) if value is not None]
        points = " ".join(f"{x(i):.1f},{y(value):.1f}" for i, value in known)
        parts.append(f'<polyline class="line {css}" points="{points}"/>')
        for i, value in known:
            tip = f"{runs[i].started_at}: {value} {name}"
            parts.append(f'<circle class="{css}" cx="{x(i):.1f}" cy="{y(value):.1f}" r="3">{_title(tip)}</circle>')
    parts.append(_verdicts(runs, x, top + plot_height + 14))
    parts.append(_dates(runs, x, height - 6))
    parts.append("</svg>")
    return "".join(parts)


def _open(title: str, height: int) -> str:
    label = escape(title)
    return (
        f'<svg class="plot" role="img" aria-label="{label}" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
    )


def _legend(entries: Sequence[tuple[str, str]], left: int, baseline: int) -> str:
    parts, offset = [], left
    for name, css in entries:
        parts.append(f'<rect class="{css}" x="{offset}" y="{baseline - 10}" width="12" height="12"/>')
        parts.append(f'<text x="{offset + 16}" y="{baseline}">{escape(name)}</text>')
        offset += 26 + 8 * len(name)
    return "".join(parts)


def _bar(bar: Bar, top: int, scale: float) -> str:
    label = _shortened(bar.label)
    parts = [f'<text class="label" x="{_LABEL - 8}" y="{top + 13}">{escape(label)}{_title(bar.label)}</text>']
    offset = float(_LABEL)
    for segment in bar.segments:
        if segment.value <= 0:
            continue
        width = max(segment.value * scale, 1.0)
        tip = f"{bar.label}: {segment.value} {segment.name}"
        parts.append(
            f'<rect class="{segment.css}" x="{offset:.1f}" y="{top + 2}" width="{width:.1f}" height="14">'
            f"{_title(tip)}</rect>"
        )
        offset += width
    parts.append(f'<text class="total" x="{offset + 6:.1f}" y="{top + 13}">{bar.total}</text>')
    return "".join(parts)


def _axes(left: int, top: int, width: int, height: int, peak: int) -> str:
    return (
        f'<line class="axis" x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}"/>'
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + height}"/>'
        f'<text class="label" x="{left - 6}" y="{top + 4}">{peak}</text>'
        f'<text class="label" x="{left - 6}" y="{top + height + 4}">0</text>'
    )


def _verdicts(runs: Sequence[PastRun], x: Callable[[int], float], baseline: float) -> str:
    parts = []
    for index, run in enumerate(runs):
        css = "pass" if run.verdict.startswith("PASS") else "fail" if run.verdict.startswith("FAIL") else "other"
        tip = f"{run.started_at}: {run.verdict}, {run.requests} requests, {run.errors} errors, {run.warnings} warnings"
        tip += "".join(f", {n} {name}" for name, n in (("new", run.new), ("fixed", run.fixed)) if n is not None)
        parts.append(f'<rect class="verdict {css}" x="{x(index) - 4:.1f}" y="{baseline - 8}" width="8" height="8">')
        parts.append(f"{_title(tip)}</rect>")
    return "".join(parts)


def _dates(runs: Sequence[PastRun], x: Callable[[int], float], baseline: float) -> str:
    if not runs:
        return ""
    first = f'<text class="date" x="{x(0):.1f}" y="{baseline}">{escape(runs[0].started_at[:10])}</text>'
    if len(runs) == 1:
        return first
    last = escape(runs[-1].started_at[:10])
    return first + f'<text class="date end" x="{x(len(runs) - 1):.1f}" y="{baseline}">{last}</text>'


def _shortened(label: str) -> str:
    """A long label keeps its start and its end (a path's last segments tell operations apart)."""
    if len(label) <= _MAX_LABEL_CHARS:
        return label
    half = (_MAX_LABEL_CHARS - 1) // 2
    return f"{label[:half]}…{label[-half:]}"


def _title(text: str) -> str:
    return f"<title>{escape(text)}</title>"
