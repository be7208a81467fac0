"""report.md: the summary a person reads in a pull request or a CI log, of a run, examples or a spec diff.

A run's report counts requests; an ``examples`` report (``run.command``) counts the examples
checked per operation, by the part they illustrate (its ``statuses``), and shows each example;
a ``diff`` report counts changes per class.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from conformance.findings import CODES
from conformance.reporting.markdown_baseline import (
    baseline_lines,
    changes_section,
    fixed_section,
    observed_section,
    trend_section,
)

__all__ = ["render_markdown"]

_MAX_EXAMPLE_LINES = 20
_SECTIONS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}
_CHANGE_SECTIONS = {
    "error": "Breaking changes",
    "warning": "Potentially breaking changes",
    "info": "Non-breaking and informational changes",
}
_CHANGES = ("breaking", "potentially breaking", "non-breaking", "informational")


def render_markdown(document: dict[str, Any], trend: Sequence[Mapping[str, Any]] = ()) -> str:
    """The report; ``trend``: the history's last entries, oldest first (this run's last when it is over)."""
    command = document["run"]["command"]
    header = {"examples": _examples_header, "diff": _diff_summary}.get(command, _run_header)
    lines = header(document)
    findings = sorted(document["findings"], key=lambda finding: finding.get("baseline") == "known")  # new first
    for severity, title in (_CHANGE_SECTIONS if command == "diff" else _SECTIONS).items():
        lines += _findings_section(findings, severity, title)
    lines += fixed_section(document.get("fixed", []))
    lines += changes_section(document.get("observed_changes", []))
    lines += observed_section(document["operations"])
    lines += trend_section(trend)
    return "\n".join(lines) + "\n"


def _run_header(document: dict[str, Any]) -> list[str]:
    summary, header, run = document["summary"], document["header"], document["run"]
    lines = [
        f"# Conformance report: {summary['verdict']}",
        "",
        f"Target **{run['target']}**, seed {run['seed']}, max examples {run['max_examples']}; "
        f"{summary['requests']} requests to {summary['operations_run']} operations "
        f"({summary['operations_skipped']} skipped) in {header['duration_s']} s, started {header['started_at']}.",
        "",
    ]
    if not summary["tested"] and summary["stop"] is not None:
        lines += [f"**Nothing tested**: {summary['stop_message'] or 'no request was sent'}.", ""]
    lines += [
        f"**{summary['errors']} errors, {summary['warnings']} warnings.**",
        "",
        *baseline_lines(summary),
        "| API | operation | safety | requests (valid/invalid) | statuses | errors | warnings |",
        "|---|---|---|---|---|---|---|",
    ]
    return lines + [_operation_row(op) for op in document["operations"]]


def _examples_header(document: dict[str, Any]) -> list[str]:
    summary, header, run = document["summary"], document["header"], document["run"]
    checked = sum(sum(op["statuses"].values()) for op in document["operations"])
    return [
        f"# Examples report: {summary['verdict']}",
        "",
        f"Examples of **{run['target']}** against the schemas they illustrate: {checked} examples "
        f"in {summary['operations_run']} operations and components, in {header['duration_s']} s, "
        f"started {header['started_at']}.",
        "",
        f"**{summary['errors']} errors, {summary['warnings']} warnings.**",
        "",
        "| API | operation | examples | errors | warnings |",
        "|---|---|---|---|---|",
        *(
            f"| {op['api']} | `{_operation(op)}` | {_counts(op['statuses'])} | {op['errors']} | {op['warnings']} |"
            for op in document["operations"]
        ),
    ]


def _operation(item: dict[str, Any]) -> str:
    """``METHOD /path``, or for an example outside any operation its component."""
    return f"{item['method']} {item['path']}" if item["method"] else item["operation_id"]


def _counts(statuses: dict[str, int]) -> str:
    return ", ".join(f"{part} x{count}" for part, count in statuses.items())


def _diff_summary(document: dict[str, Any]) -> list[str]:
    """A spec diff: the two versions, the changes per class, and per operation."""
    summary, header, run = document["summary"], document["header"], document["run"]
    classes = Counter(finding["change"] for finding in document["findings"] for _ in range(finding["count"]))
    counts = ", ".join(f"{classes[change]} {change}" for change in _CHANGES)
    verdict = "breaking" if summary["failed"] else "nothing breaking"
    lines = [
        f"# Spec changes: {verdict}",
        "",
        f"From **{run['target']}**, compared in {header['duration_s']} s, started {header['started_at']}.",
        "",
        f"**{counts}.**",
        "",
        "| API | operation | breaking | potentially breaking | other |",
        "|---|---|---|---|---|",
    ]
    for op in document["operations"]:
        key = (op["api"], op["method"], op["path"])
        other = sum(f["count"] for f in document["findings"] if _key(f) == key and f["severity"] == "info")
        lines.append(f"| {op['api']} | `{op['method']} {op['path']}` | {op['errors']} | {op['warnings']} | {other} |")
    return lines


def _key(item: dict[str, Any]) -> tuple[str, str, str]:
    return item["api"], item["method"], item["path"]


def _operation_row(op: dict[str, Any]) -> str:
    operation = f"`{op['method']} {op['path']}`"
    if op["skipped"]:
        return f"| {op['api']} | {operation} | {op['safety']} | skipped: {op['skipped']['message']} | | | |"
    statuses = ", ".join(f"{code}x{n}" for code, n in op["statuses"].items())
    requests = f"{op['requests']['valid']}/{op['requests']['invalid']}"
    if op["stopped"]:
        requests += f" (stopped: {op['stopped']['message']})"
    return (
        f"| {op['api']} | {operation} | {op['safety']} | {requests} | {statuses} | {op['errors']} | {op['warnings']} |"
    )


def _findings_section(findings: list[dict[str, Any]], severity: str, title: str) -> list[str]:
    chosen = [finding for finding in findings if finding["severity"] == severity]
    if not chosen:
        return []
    lines = ["", f"## {title}", ""]
    for finding in chosen:
        pointer = finding["location"]["pointer"]
        where = f" at `{pointer}`" if pointer and not finding.get("change") else ""  # a change's message names it
        operation = _operation(finding)
        subject = f"{finding['api']} `{operation}`" if operation else finding["api"]
        change = f" ({finding['change']})" if finding.get("change") else ""
        mark = f" **{finding['baseline']}**" if finding.get("baseline") else ""
        lines += [
            f"### `{finding['code']}`{change} on {subject} ({finding['count']}x){mark}",
            "",
            f"{finding['message']}{where}. _{CODES[finding['code']].why}_",
            "",
            *_evidence(finding["evidence"]),
            "",
        ]
    return lines


def _evidence(evidence: dict[str, Any]) -> list[str]:
    if evidence["kind"] == "exchange":
        return [f"Status {evidence['status']}; to reproduce:", "", "```sh", _clip(evidence["curl"]), "```"]
    if evidence["kind"] == "document":
        shown = ["", "```json", evidence["excerpt"], "```"] if evidence["excerpt"] else []
        return [f"In `{evidence['file']}` at `{evidence['pointer']}`.", *shown]
    return [f"Old: {_place(evidence['old'])}. New: {_place(evidence['new'])}."]


def _place(version: dict[str, Any]) -> str:
    if version["pointer"] is None:
        return f"absent from `{version['file']}`"
    return f"`{version['file']}` at `{version['pointer']}`"


def _clip(text: str) -> str:
    lines = text.splitlines()
    if len(lines) <= _MAX_EXAMPLE_LINES:
        return text
    return "\n".join([*lines[:_MAX_EXAMPLE_LINES], f"# ... {len(lines) - _MAX_EXAMPLE_LINES} more lines"])
