"""The report as plain JSON data: what report.json holds and what every other reporter reads.

Deterministic for the same run: keys are sorted when written, lists are in spec order, and
timestamps and durations live only in ``header``.
"""

from __future__ import annotations

from typing import Any

from conformance.checks import CHECK_CODES, Severity
from conformance.results import Finding, FindingGroup, OperationResult, RunResult
from conformance.transport import RequestRecord, ResponseRecord

__all__ = ["REPORT_VERSION", "report_document"]

REPORT_VERSION = 1


def report_document(result: RunResult) -> dict[str, Any]:
    return {
        "report_version": REPORT_VERSION,
        "header": {
            "tool": "conformance",
            "version": result.tool_version,
            "started_at": result.started_at,
            "finished_at": result.finished_at,
            "duration_s": result.duration_s,
            "complete": result.complete,
            "interrupted": result.interrupted,
        },
        "run": {
            "target": result.target,
            "seed": result.seed,
            "max_examples": result.max_examples,
            "fail_on": result.fail_on.value,
        },
        "summary": _summary(result),
        "operations": [_operation(op) for op in result.operations],
    }


def _summary(result: RunResult) -> dict[str, Any]:
    by_check = {code: {"error": 0, "warning": 0} for code in CHECK_CODES}
    for group in result.groups:
        by_check[group.check][group.severity.value] += group.count
    return {
        "requests": result.requests,
        "failed": result.failed,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "operations_run": sum(1 for op in result.operations if op.skipped is None),
        "operations_skipped": sum(1 for op in result.operations if op.skipped is not None),
        "by_check": by_check,
    }


def _operation(result: OperationResult) -> dict[str, Any]:
    ref = result.operation
    return {
        "api": ref.api,
        "method": ref.method,
        "path": ref.path,
        "operation_id": ref.operation_id,
        "safety": result.safety,
        "skipped": result.skipped,
        "requests": {"valid": result.valid_requests, "invalid": result.invalid_requests},
        "statuses": dict(result.statuses),
        "findings": [_group(group) for group in result.groups],
    }


def _group(group: FindingGroup) -> dict[str, Any]:
    return {
        "check": group.check,
        "severity": group.severity.value,
        "count": group.count,
        "example": _finding(group.example),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "message": finding.message,
        "pointer": finding.pointer,
        "status": finding.status,
        "request": _request(finding.request),
        "response": None if finding.response is None else _response(finding.response),
        "curl": finding.curl,
    }


def _request(record: RequestRecord) -> dict[str, Any]:
    return {
        "method": record.method,
        "url": record.url,
        "headers": [list(h) for h in record.headers],
        "body": record.body,
    }


def _response(record: ResponseRecord) -> dict[str, Any]:
    return {"status": record.status, "headers": [list(h) for h in record.headers], "body": record.body}
