"""report.html: the report a person opens after a red nightly, as one self-contained file.

Rendered from the same report document as report.json, on the server side: every figure, finding
and piece of evidence is in the HTML, so the page reads with scripts off (findings expand and
collapse as ``<details>``). The inline script only adds the filters (API, check, severity, and
new/known once findings carry a baseline mark) and expand/collapse-all. Nothing is loaded: CSS
and JS are inline (package files ``report.css`` and ``report.js``), plots are inline SVG
(``plots.py``), and a Content-Security-Policy allows only that script and style, by hash, so even
a string that escaped escaping could neither run nor fetch. Every value from the document is
escaped: server responses are hostile.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from conformance.reporting._html_findings import findings_section
from conformance.reporting.history import PastRun, this_run
from conformance.reporting.plots import Bar, Segment, stacked_bars, trend

__all__ = ["render_html"]

NO_REQUESTS = frozenset({"diff", "examples"})  # commands whose findings come from documents, not exchanges
_MAX_PLOTTED_OPERATIONS = 40
_STATUS_CLASSES = (("2xx", "s-2xx"), ("3xx", "s-3xx"), ("4xx", "s-4xx"), ("5xx", "s-5xx"), ("no response", "s-none"))
_SEVERITIES = (("error", "errors"), ("warning", "warnings"), ("info", "notes"))


def render_html(document: dict[str, Any], history: Sequence[PastRun] = ()) -> str:
    """The page; ``history`` is the recent runs before this one (``history.read_history``)."""
    style, script = _asset("report.css"), _asset("report.js")
    title = f"Conformance report: {document['summary']['verdict']}"
    policy = f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}"
    body = [
        _header(document),
        _plots(document, history),
        findings_section(document["findings"]),
        _operations(document),
    ]
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{script}</script>\n</body>\n</html>\n"
    )


@cache
def _asset(name: str) -> str:
    return resources.files("conformance.reporting").joinpath(name).read_text("utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def sends_requests(document: dict[str, Any]) -> bool:
    return document["run"]["command"] not in NO_REQUESTS


def _header(document: dict[str, Any]) -> str:
    summary, header, run = document["summary"], document["header"], document["run"]
    verdict = summary["verdict"]
    css = "pass" if verdict.startswith("PASS") else "fail" if verdict.startswith("FAIL") else "other"
    facts = [
        ("command", run["command"]),
        ("target", run["target"]),
        ("APIs", ", ".join(run["apis"]) or "none"),
        ("started", header["started_at"]),
        ("duration", f"{header['duration_s']} s"),
    ]
    if sends_requests(document):
        facts += [("seed", str(run["seed"])), ("max examples", str(run["max_examples"]))]
    items = "".join(f"<div><dt>{escape(name)}</dt><dd>{escape(value)}</dd></div>" for name, value in facts)
    stopped = f'<p class="stop">{escape(summary["stop_message"])}</p>' if summary["stop_message"] else ""
    return (
        f'<header><h1>Conformance report <span id="verdict" class="verdict {css}">{escape(verdict)}</span></h1>'
        f'<p class="totals">{escape(_totals(document))}</p>{stopped}<dl class="facts">{items}</dl></header>'
    )


def _totals(document: dict[str, Any]) -> str:
    summary = document["summary"]
    counts = f"{summary['errors']} errors, {summary['warnings']} warnings, {summary.get('infos', 0)} notes"
    operations = f"{summary['operations_run']} operations ({summary['operations_skipped']} skipped)"
    if sends_requests(document):
        return f"{summary['requests']} requests to {operations}: {counts}."
    return f"{operations}: {counts}."


def _plots(document: dict[str, Any], history: Sequence[PastRun]) -> str:
    figures = []
    if sends_requests(document):
        figures.append(_figure("Statuses per operation", _statuses_plot(document["operations"])))
    if document["summary"]["by_check"]:
        figures.append(_figure("Findings per check", _checks_plot(document["summary"]["by_check"])))
    if history:
        runs = [*history, this_run(document)] if history[-1].started_at != document["header"]["started_at"] else history
        figures.append(_figure(f"The last {len(runs)} runs", trend(runs)))
    if not figures:
        return ""
    return '<section id="plots"><h2>At a glance</h2>' + "".join(figures) + "</section>"


def _figure(caption: str, svg: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _statuses_plot(operations: Iterable[dict[str, Any]]) -> str:
    ran = [op for op in operations if op["skipped"] is None]
    shown = ran
    if len(ran) > _MAX_PLOTTED_OPERATIONS:  # those with the most findings, in run order
        chosen = sorted(ran, key=lambda op: (-op["errors"], -op["warnings"]))[:_MAX_PLOTTED_OPERATIONS]
        shown = [op for op in ran if any(op is kept for kept in chosen)]
    apis = len({op["api"] for op in ran})
    bars = [Bar(_label(op, apis > 1), _status_segments(op["statuses"])) for op in shown]
    svg = stacked_bars("Statuses per operation", bars, _STATUS_CLASSES)
    if len(ran) > len(shown):
        left = len(ran) - len(shown)
        svg += f'<p class="note">The {len(shown)} with the most findings; {left} more in the table.</p>'
    return svg


def _label(op: dict[str, Any], with_api: bool) -> str:
    return f"{op['api']} {op['method']} {op['path']}" if with_api else f"{op['method']} {op['path']}"


def _status_segments(statuses: dict[str, int]) -> tuple[Segment, ...]:
    counts = dict.fromkeys((name for name, _ in _STATUS_CLASSES), 0)
    for status, count in statuses.items():
        counts[f"{status[0]}xx" if status[:1] in "2345" and status[:1] else "no response"] += count
    return tuple(Segment(name, counts[name], css) for name, css in _STATUS_CLASSES)


def _checks_plot(by_check: dict[str, dict[str, int]]) -> str:
    bars = [
        Bar(code, tuple(Segment(label, counts.get(severity, 0), f"sev-{severity}") for severity, label in _SEVERITIES))
        for code, counts in sorted(by_check.items(), key=lambda item: -sum(item[1].values()))
    ]
    return stacked_bars("Findings per check", bars, [(label, f"sev-{severity}") for severity, label in _SEVERITIES])


def _operations(document: dict[str, Any]) -> str:
    requests = sends_requests(document)
    columns = ["API", "operation"] + (["safety", "requests (valid / invalid)", "statuses"] if requests else [])
    head = "".join(f"<th>{name}</th>" for name in [*columns, "errors", "warnings"])
    rows = "".join(_operation_row(op, requests) for op in document["operations"])
    count = len(document["operations"])
    return (
        f'<section id="operations"><h2>Operations ({count})</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _operation_row(op: dict[str, Any], requests: bool) -> str:
    cells = [_td(escape(op["api"])), _td(f"<code>{escape(op['method'])} {escape(op['path'])}</code>")]
    if op["skipped"] is not None:
        span = 5 if requests else 2
        cells.append(f'<td colspan="{span}" class="skipped">skipped: {escape(op["skipped"]["message"])}</td>')
    else:
        if requests:
            statuses = ", ".join(f"{escape(status)}&times;{count}" for status, count in op["statuses"].items())
            if op.get("stopped"):  # it ran, then stopped early: budget, rate limit, circuit breaker
                statuses += f'<br><span class="skipped">stopped: {escape(op["stopped"]["message"])}</span>'
            figures = [escape(op["safety"]), f"{op['requests']['valid']} / {op['requests']['invalid']}", statuses]
            cells += [_td(text) for text in figures]
        cells += [_td(_count(op["errors"], "error")), _td(_count(op["warnings"], "warning"))]
    return f'<tr data-api="{escape(op["api"])}">{"".join(cells)}</tr>'


def _td(html: str) -> str:
    return f"<td>{html}</td>"


def _count(value: int, severity: str) -> str:
    return f'<span class="n sev-{severity}">{value}</span>' if value else "0"
