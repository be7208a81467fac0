"""The baseline comparison and the observed schema as report.json holds them, and read back.

report.json is also tomorrow's baseline, so what is written here is what ``baseline_file`` reads:
both directions live side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.findings import Severity
from conformance.results import (
    Comparison,
    FormatTally,
    Gaps,
    KnownFinding,
    Mark,
    Observed,
    ObservedChange,
    ObservedResponse,
    RunResult,
)

__all__ = [
    "baseline_summary",
    "change_document",
    "comparison_lists",
    "fixed_document",
    "observed_document",
    "observed_from_document",
]


def baseline_summary(result: RunResult) -> dict[str, Any] | None:
    comparison = result.comparison
    if comparison is None:
        return None
    return {
        "file": comparison.file,
        "new": comparison.count(Mark.NEW),
        "known": comparison.count(Mark.KNOWN),
        "fixed": len(comparison.fixed),
        "not_checked": comparison.not_checked,
        "new_errors": sum(1 for f in result.findings if f.severity is Severity.ERROR and result.is_new(f)),
    }


def fixed_document(finding: KnownFinding) -> dict[str, Any]:
    subject = finding.subject
    return {
        "fingerprint": finding.fingerprint,
        "code": finding.code,
        "severity": finding.severity.value,
        "api": subject.api,
        "method": subject.method,
        "path": subject.path,
        "operation_id": subject.operation_id,
        "message": finding.message,
    }


def change_document(change: ObservedChange) -> dict[str, Any]:
    subject = change.subject
    return {
        "api": subject.api,
        "method": subject.method,
        "path": subject.path,
        "operation_id": subject.operation_id,
        "kind": change.kind.value,
        "status": change.status,
        "pointer": change.pointer,
        "value": change.value,
        "share_before": round(change.share_before, 4),
        "share_now": round(change.share_now, 4),
        "message": change.message,
    }


def comparison_lists(comparison: Comparison | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``fixed`` and ``observed_changes`` lists of report.json (empty without a baseline)."""
    if comparison is None:
        return [], []
    return [fixed_document(f) for f in comparison.fixed], [change_document(c) for c in comparison.changes]


def observed_document(observed: Observed | None) -> dict[str, Any] | None:
    if observed is None:
        return None
    return {
        "responses": {response.status: _response(response) for response in observed.responses},
        "never_seen": _gaps(observed.never_seen),
        "undocumented": _gaps(observed.undocumented),
        "capped": list(observed.capped),
    }


def _response(response: ObservedResponse) -> dict[str, Any]:
    return {
        "media_types": list(response.media_types),
        "fields": list(response.fields),
        "enum_values": {template: list(values) for template, values in response.enum_values.items()},
        "formats": {
            template: {"format": tally.format, "seen": tally.seen, "violated": tally.violated}
            for template, tally in response.formats.items()
        },
    }


def _gaps(gaps: Gaps) -> dict[str, Any]:
    return {
        "statuses": list(gaps.statuses),
        "fields": {status: list(templates) for status, templates in gaps.fields.items()},
        "enum_values": {
            status: {template: list(values) for template, values in by_field.items()}
            for status, by_field in gaps.enum_values.items()
        },
    }


def observed_from_document(document: Mapping[str, Any]) -> Observed:
    """An ``observed`` section of report.json read back (raises KeyError, TypeError or ValueError)."""
    responses = tuple(
        ObservedResponse(
            status=str(status),
            media_types=tuple(body["media_types"]),
            fields=tuple(body["fields"]),
            enum_values={template: tuple(values) for template, values in body["enum_values"].items()},
            formats={
                t: FormatTally(f["format"], int(f["seen"]), int(f["violated"])) for t, f in body["formats"].items()
            },
        )
        for status, body in document["responses"].items()
    )
    never_seen, undocumented = (_gaps_from(document.get(side)) for side in ("never_seen", "undocumented"))
    return Observed(responses, never_seen, undocumented, capped=tuple(document["capped"]))


def _gaps_from(document: Mapping[str, Any] | None) -> Gaps:
    if document is None:
        return Gaps()
    return Gaps(
        statuses=tuple(str(status) for status in document["statuses"]),
        fields={str(status): tuple(templates) for status, templates in document["fields"].items()},
        enum_values={
            str(status): {template: tuple(values) for template, values in by_field.items()}
            for status, by_field in document["enum_values"].items()
        },
    )
