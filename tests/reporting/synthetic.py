"""Run results built by hand, with known findings, for the reporters."""

from __future__ import annotations

from dataclasses import replace

from conformance.checks import Severity
from conformance.contracts import Api
from conformance.results import Finding, FindingGroup, OperationRef, OperationResult, RunResult
from conformance.transport import REDACTED, RequestRecord, ResponseRecord, curl_command
from tests.conftest import run_sync

__all__ = [
    "CHECKED",
    "SKIPPED",
    "SKIP_REASON",
    "error_and_warning",
    "finding",
    "group",
    "revring_run",
    "synthetic_result",
]

CHECKED = OperationRef(
    "telnyx",
    "GET",
    "/ai/assistants/tests/{test_id}/runs/{run_id}",
    "get_test_run_public_assistants_tests__test_id__runs__run_id__get",
)
SKIPPED = OperationRef(
    "telnyx",
    "POST",
    "/ai/assistants/tests/{test_id}/runs",
    "trigger_test_run_public_assistants_tests__test_id__runs_post",
)
SKIP_REASON = "costly: not sent to a live API without --allow costly"

_REQUEST = RequestRecord(
    "GET",
    "https://api.test/v2/ai/assistants/tests/1/runs/2",
    (("host", "api.test"), ("authorization", REDACTED), ("accept", "*/*")),
    None,
)


def finding(check: str, severity: Severity, message: str, pointer: str = "", body: str | None = None) -> Finding:
    request = replace(_REQUEST, body=body, method="POST" if body is not None else "GET")
    return Finding(
        operation=CHECKED,
        check=check,
        severity=severity,
        message=message,
        pointer=pointer,
        status=200,
        request=request,
        response=ResponseRecord(200, (("content-type", "application/json"),), '{"status": "passed"}'),
        curl=curl_command(request),
    )


def group(example: Finding, count: int = 1) -> FindingGroup:
    return FindingGroup(example.operation, example.check, example.severity, count, example)


def synthetic_result(*groups: FindingGroup, complete: bool = True, interrupted: bool = False) -> RunResult:
    """Two telnyx operations: one checked with ``groups``, one skipped."""
    checked = OperationResult(
        operation=CHECKED,
        safety="safe",
        valid_requests=4,
        invalid_requests=2,
        statuses={"200": 4, "422": 2},
        groups=tuple(groups),
    )
    skipped = OperationResult(operation=SKIPPED, safety="costly", skipped=SKIP_REASON)
    return RunResult(
        tool_version="0.1.0",
        started_at="2025-01-02T03:04:05Z",
        finished_at="2025-01-02T03:04:07Z" if complete else None,
        duration_s=2.5,
        target="https://api.test/v2",
        seed=7,
        max_examples=3,
        operations=(checked, skipped),
        interrupted=interrupted,
    )


def error_and_warning() -> RunResult:
    return synthetic_result(
        group(finding("required_field", Severity.ERROR, "'run_id' is a required property", "/run_id"), count=3),
        group(finding("undocumented_field", Severity.WARNING, "property 'extra' is not in the schema", "/extra")),
    )


_RUNS: dict[int, RunResult] = {}


def revring_run(catalog: dict[str, Api], seed: int = 0) -> RunResult:
    """A real run of RevRing against its embedded mock (quick), once per seed for the whole session."""
    if seed not in _RUNS:
        _RUNS[seed] = run_sync(catalog, ["revring"], max_examples=2, seed=seed)
    return _RUNS[seed]
