"""The report's plots as inline SVG: bars in proportion, every label escaped, a tooltip per mark."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conformance.reporting.history import PastRun
from conformance.reporting.plots import Bar, Segment, stacked_bars, trend

SVG = "{http://www.w3.org/2000/svg}"


def _rects(svg: str) -> list[ET.Element]:
    return [rect for rect in ET.fromstring(svg).iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]


def test_segments_are_stacked_in_proportion() -> None:
    bars = [
        Bar("a", (Segment("ok", 30, "s-2xx"), Segment("bad", 10, "s-4xx"))),
        Bar("b", (Segment("ok", 20, "s-2xx"),)),
    ]
    rects = _rects(stacked_bars("t", bars, [("ok", "s-2xx"), ("bad", "s-4xx")]))
    widths = [float(rect.get("width", "")) for rect in rects]
    assert widths[0] == 3 * widths[1] and widths[0] == 1.5 * widths[2]
    assert float(rects[1].get("x", "")) == float(rects[0].get("x", "")) + widths[0]
    assert [rect.findtext(f"{SVG}title") for rect in rects] == ["a: 30 ok", "a: 10 bad", "b: 20 ok"]


def test_empty_segments_are_not_drawn_and_labels_are_escaped() -> None:
    svg = stacked_bars("<t>", [Bar("<b>&", (Segment("x", 0, "s-2xx"),))], [])
    assert _rects(svg) == [] and "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    ET.fromstring(svg)  # well-formed


def test_a_long_label_keeps_its_start_and_end() -> None:
    label = "GET /ai/assistants/tests/test-suites/{suite_name}/runs/{run_id}"
    svg = stacked_bars("t", [Bar(label, (Segment("ok", 1, "s-2xx"),))], [])
    shown = re.findall(r'<text class="label"[^>]*>([^<]*)<title>', svg)
    assert shown[0].startswith("GET /ai/") and shown[0].endswith("/{run_id}") and "…" in shown[0]


def test_the_trend_draws_a_line_per_series_and_a_verdict_per_run() -> None:
    runs = [PastRun(f"2026-11-0{i}T00:00:00Z", "PASS" if i % 2 else "FAIL", 9, i, 2 * i) for i in range(1, 5)]
    root = ET.fromstring(trend(runs))
    lines = [line.get("class") for line in root.iter(f"{SVG}polyline")]
    assert lines == ["line sev-error", "line sev-warning"]  # no run counts new findings: no such line
    verdicts = [rect.get("class") for rect in root.iter(f"{SVG}rect") if "verdict" in (rect.get("class") or "")]
    assert verdicts == ["verdict pass", "verdict fail", "verdict pass", "verdict fail"]


def test_new_findings_are_drawn_only_for_runs_that_count_them() -> None:
    runs = [PastRun("2026-11-01T00:00:00Z", "PASS", 9, 0, 0, new=2), PastRun("2026-11-02T00:00:00Z", "PASS", 9, 0, 0)]
    root = ET.fromstring(trend(runs))
    [new] = [line for line in root.iter(f"{SVG}polyline") if line.get("class") == "line new"]
    assert len(new.get("points", "").split()) == 1


def test_a_single_run_is_a_point() -> None:
    root = ET.fromstring(trend([PastRun("2026-11-01T00:00:00Z", "FAIL", 9, 1, 0)]))
    assert len(list(root.iter(f"{SVG}circle"))) == 2
