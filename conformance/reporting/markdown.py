"""report.md: the summary a person reads in a pull request or a CI log."""

from __future__ import annotations

from typing import Any

from conformance.findings import CODES

__all__ = ["render_markdown"]

_MAX_EXAMPLE_LINES = 20
_SECTIONS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def render_markdown(document: dict[str, Any]) -> str:
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
        "| API | operation | safety | requests (valid/invalid) | statuses | errors | warnings |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [_operation_row(op) for op in document["operations"]]
    for severity, title in _SECTIONS.items():
        lines += _findings_section(document["findings"], severity, title)
    return "\n".join(lines) + "\n"


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
        where = f" at `{pointer}`" if pointer else ""
        subject = f"{finding['api']} `{finding['method']} {finding['path']}`" if finding["method"] else finding["api"]
        lines += [
            f"### `{finding['code']}` on {subject} ({finding['count']}x)",
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
        return [f"In `{evidence['file']}` at `{evidence['pointer']}`."]
    old, new = evidence["old"], evidence["new"]
    return [f"Was `{old['file']}` at `{old['pointer']}`; now `{new['file']}` at `{new['pointer']}`."]


def _clip(text: str) -> str:
    lines = text.splitlines()
    if len(lines) <= _MAX_EXAMPLE_LINES:
        return text
    return "\n".join([*lines[:_MAX_EXAMPLE_LINES], f"# ... {len(lines) - _MAX_EXAMPLE_LINES} more lines"])
