"""report.md: the summary a person reads in a pull request or a CI log."""

from __future__ import annotations

from typing import Any

__all__ = ["render_markdown"]

_MAX_EXAMPLE_LINES = 20


def render_markdown(document: dict[str, Any]) -> str:
    summary, header, run = document["summary"], document["header"], document["run"]
    lines = [
        f"# Conformance report: {_verdict(summary, header)}",
        "",
        f"Target **{run['target']}**, seed {run['seed']}, max examples {run['max_examples']}; "
        f"{summary['requests']} requests to {summary['operations_run']} operations "
        f"({summary['operations_skipped']} skipped) in {header['duration_s']} s, started {header['started_at']}.",
        "",
        f"**{summary['errors']} errors, {summary['warnings']} warnings.**",
        "",
        "| API | operation | safety | requests (valid/invalid) | statuses | errors | warnings |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [_operation_row(op) for op in document["operations"]]
    for severity in ("error", "warning"):
        lines += _findings_section(document["operations"], severity)
    return "\n".join(lines) + "\n"


def _verdict(summary: dict[str, Any], header: dict[str, Any]) -> str:
    state = "" if header["complete"] else " (incomplete: interrupted)" if header["interrupted"] else " (in progress)"
    outcome = "FAIL" if summary["failed"] else "PASS"
    return outcome + state


def _operation_row(op: dict[str, Any]) -> str:
    if op["skipped"]:
        return f"| {op['api']} | `{op['method']} {op['path']}` | {op['safety']} | skipped: {op['skipped']} | | | |"
    statuses = ", ".join(f"{code}x{n}" for code, n in op["statuses"].items())
    errors = sum(g["count"] for g in op["findings"] if g["severity"] == "error")
    warnings = sum(g["count"] for g in op["findings"] if g["severity"] == "warning")
    requests = f"{op['requests']['valid']}/{op['requests']['invalid']}"
    operation = f"`{op['method']} {op['path']}`"
    return f"| {op['api']} | {operation} | {op['safety']} | {requests} | {statuses} | {errors} | {warnings} |"


def _findings_section(operations: list[dict[str, Any]], severity: str) -> list[str]:
    groups = [(op, g) for op in operations for g in op["findings"] if g["severity"] == severity]
    if not groups:
        return []
    lines = ["", f"## {severity.capitalize()}s", ""]
    for op, group in groups:
        example = group["example"]
        where = f" at `{example['pointer']}`" if example["pointer"] else ""
        lines += [
            f"### `{group['check']}` on {op['api']} `{op['method']} {op['path']}` ({group['count']}x)",
            "",
            f"{example['message']}{where} (status {example['status']}).",
            "",
            "```sh",
            _clip(example["curl"]),
            "```",
            "",
        ]
    return lines


def _clip(text: str) -> str:
    lines = text.splitlines()
    if len(lines) <= _MAX_EXAMPLE_LINES:
        return text
    return "\n".join([*lines[:_MAX_EXAMPLE_LINES], f"# ... {len(lines) - _MAX_EXAMPLE_LINES} more lines"])
