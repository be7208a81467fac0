"""report.md's sections about change over time: the baseline comparison, what was observed, the trend."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from conformance.reporting.history import trend_rows

__all__ = ["baseline_lines", "changes_section", "fixed_section", "observed_section", "trend_section"]

_MAX_LISTED = 12  # values or fields named in one line; the rest are counted


def baseline_lines(summary: Mapping[str, Any]) -> list[str]:
    baseline = summary.get("baseline")
    if not baseline:
        return []
    return [
        f"Against the baseline `{baseline['file']}`: **{baseline['new']} new** ({baseline['new_errors']} errors), "
        f"{baseline['known']} known, {baseline['fixed']} fixed, {baseline['not_checked']} not checked "
        "(their operations did not run). Only new findings fail the run.",
        "",
    ]


def fixed_section(fixed: Sequence[Mapping[str, Any]]) -> list[str]:
    if not fixed:
        return []
    lines = ["", "## Fixed since the baseline", ""]
    for finding in fixed:
        lines.append(f"- `{finding['code']}` ({finding['severity']}) on {_subject(finding)}: {finding['message']}")
    return lines


def changes_section(changes: Sequence[Mapping[str, Any]]) -> list[str]:
    if not changes:
        return []
    lines = ["", "## Returned differently since the baseline", "", "Observations, not findings: they fail nothing.", ""]
    lines += [f"- {change['kind']}: {_subject(change)}: {change['message']}" for change in changes]
    return lines


def observed_section(operations: Sequence[Mapping[str, Any]]) -> list[str]:
    """Per operation that ran: what the spec documents and was never seen, and what was seen and is not."""
    lines: list[str] = []
    for op in operations:
        observed = op.get("observed")
        if not observed:
            continue
        notes = [
            *_gap_lines("documented, never seen", observed["never_seen"]),
            *_gap_lines("seen, not documented", observed["undocumented"]),
            *_format_lines(observed["responses"]),
        ]
        if observed["capped"]:
            notes.append(f"- stopped counting at its cap: {', '.join(observed['capped'])}")
        if notes:
            lines += ["", f"### {_subject(op)}", "", *notes]
    if not lines:
        return []
    intro = "What the target returned, beside what the spec documents. Observations, not findings."
    return ["", "## Observed responses", "", intro, *lines]


def trend_section(entries: Sequence[Mapping[str, Any]]) -> list[str]:
    if not entries:
        return []
    lines = [
        "",
        f"## Trend (last {len(entries)} runs)",
        "",
        "| date | verdict | requests | errors | warnings | new | fixed |",
        "|---|---|---|---|---|---|---|",
    ]
    return lines + ["| " + " | ".join(row) + " |" for row in trend_rows(entries)]


def _gap_lines(title: str, gaps: Mapping[str, Any]) -> list[str]:
    lines = []
    if gaps["statuses"]:
        lines.append(f"- {title}: statuses {', '.join(gaps['statuses'])}")
    for status, fields in gaps["fields"].items():
        lines.append(f"- {title}: fields of {status}: {_listed([f'`{field}`' for field in fields])}")
    for status, by_field in gaps["enum_values"].items():
        for pointer, values in by_field.items():
            lines.append(f"- {title}: values of `{pointer}` in {status}: {_listed([repr(v) for v in values])}")
    return lines


def _format_lines(responses: Mapping[str, Any]) -> list[str]:
    lines = []
    for status, response in responses.items():
        for pointer, tally in response["formats"].items():
            if tally["violated"]:
                share = f"{tally['violated']} of {tally['seen']}"
                lines.append(f"- format `{tally['format']}` broken at `{pointer}` in {status}: {share} values")
    return lines


def _listed(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_MAX_LISTED])
    return shown if len(items) <= _MAX_LISTED else f"{shown} and {len(items) - _MAX_LISTED} more"


def _subject(item: Mapping[str, Any]) -> str:
    return f"{item['api']} `{item['method']} {item['path']}`" if item["method"] else item["api"]
