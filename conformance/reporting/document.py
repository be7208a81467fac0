"""The report as plain JSON data: what report.json holds and what every other file report reads.

Deterministic for the same run: keys are sorted when written, operations are in run order,
findings in operation order then severity, code and pointer, and timestamps and durations live
only in ``header`` (each operation's too, under ``operation_durations_s``). A finding renders the
same here and in findings.ndjson (``finding_document``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from conformance.findings import (
    CODES,
    DocumentEvidence,
    Evidence,
    ExchangeEvidence,
    Finding,
    Severity,
    SpecChangeEvidence,
    Subject,
)
from conformance.reporting.comparison import baseline_summary, comparison_lists, observed_document
from conformance.results import OperationResult, RunResult, Skip
from conformance.transport import RequestRecord, ResponseRecord

__all__ = ["REPORT_VERSION", "finding_document", "operation_key", "report_document"]

REPORT_VERSION = 4


def report_document(result: RunResult) -> dict[str, Any]:
    info, counts = result.info, _counts_by_subject(result)
    fixed, changes = comparison_lists(result.comparison)
    return {
        "report_version": REPORT_VERSION,
        "header": {
            "tool": "conformance",
            "version": info.tool_version,
            "started_at": info.started_at,
            "finished_at": result.finished_at,
            "duration_s": result.duration_s,
            "complete": result.complete,
            "interrupted": result.interrupted,
            "operation_durations_s": {
                operation_key(op.subject.api, op.subject.method, op.subject.path): op.duration_s
                for op in result.operations
            },
        },
        "run": {
            "command": info.command,
            "target": info.target,
            "apis": list(info.apis),
            "seed": info.seed,
            "max_examples": info.max_examples,
            "fail_on": info.fail_on.value,
            "shard": info.shard,
        },
        "summary": _summary(result),
        "operations": [_operation(op, counts) for op in result.operations],
        "findings": [{**finding_document(finding), "baseline": _mark(result, finding)} for finding in result.findings],
        "fixed": fixed,
        "observed_changes": changes,
    }


def _mark(result: RunResult, finding: Finding) -> str | None:
    return None if result.comparison is None else result.comparison.mark(finding.fingerprint).value


def finding_document(finding: Finding) -> dict[str, Any]:
    code = CODES[finding.code]
    return {
        "fingerprint": finding.fingerprint,
        "code": finding.code,
        "title": code.title,
        "category": code.category.value,
        "change": None if code.change is None else code.change.value,
        "severity": finding.severity.value,
        "count": finding.count,
        **_subject(finding.subject),
        "message": finding.message,
        "location": {
            "pointer": finding.location.pointer,
            "template": finding.location.template,
            "keyword": finding.location.keyword,
            "schema_path": finding.location.schema_path,
            "response": finding.location.response,
        },
        "evidence": _evidence(finding.evidence),
    }


def _summary(result: RunResult) -> dict[str, Any]:
    by_code: Counter[tuple[str, str]] = Counter()
    for finding in result.findings:
        by_code[(finding.code, finding.severity.value)] += finding.count
    return {
        "verdict": result.verdict,
        "stop": None if result.stop is None else result.stop.value,
        "stop_message": result.stop_message,
        "tested": result.tested,
        "requests": result.requests,
        "failed": result.failed,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
        "operations_run": sum(1 for op in result.operations if op.skipped is None),
        "operations_skipped": sum(1 for op in result.operations if op.skipped is not None),
        "by_check": {
            code: {severity.value: by_code[(code, severity.value)] for severity in Severity}
            for code in sorted(CODES)
            if any(by_code[(code, severity.value)] for severity in Severity)
        },
        "baseline": baseline_summary(result),
    }


def operation_key(api: str, method: str, path: str) -> str:
    """How ``header.operation_durations_s`` names an operation: ``API METHOD /path``."""
    return f"{api} {method} {path}"


def _subject(subject: Subject) -> dict[str, Any]:
    return {
        "api": subject.api,
        "method": subject.method,
        "path": subject.path,
        "operation_id": subject.operation_id,
    }


def _counts_by_subject(result: RunResult) -> Counter[tuple[Subject, Severity]]:
    counts: Counter[tuple[Subject, Severity]] = Counter()
    for finding in result.findings:
        counts[(finding.subject, finding.severity)] += finding.count
    return counts


def _operation(op: OperationResult, counts: Counter[tuple[Subject, Severity]]) -> dict[str, Any]:
    return {
        **_subject(op.subject),
        "safety": op.safety,
        "skipped": _reason(op.skipped),
        "stopped": _reason(op.stopped),
        "requests": {"valid": op.valid_requests, "invalid": op.invalid_requests},
        "statuses": dict(op.statuses),
        "checks": list(op.checks),
        "errors": counts[(op.subject, Severity.ERROR)],
        "warnings": counts[(op.subject, Severity.WARNING)],
        "observed": observed_document(op.observed),
    }


def _reason(reason: Skip | None) -> dict[str, str] | None:
    return None if reason is None else {"code": reason.code, "message": reason.message}


def _evidence(evidence: Evidence) -> dict[str, Any]:
    if isinstance(evidence, ExchangeEvidence):
        return {
            "kind": evidence.kind,
            "status": evidence.status,
            "request": _request(evidence.request),
            "response": None if evidence.response is None else _response(evidence.response),
            "curl": evidence.curl,
        }
    if isinstance(evidence, DocumentEvidence):
        return {"kind": evidence.kind, "file": evidence.file, "pointer": evidence.pointer, "excerpt": evidence.excerpt}
    assert isinstance(evidence, SpecChangeEvidence)
    return {
        "kind": evidence.kind,
        "old": {"file": evidence.old_file, "pointer": evidence.old_pointer},
        "new": {"file": evidence.new_file, "pointer": evidence.new_pointer},
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
