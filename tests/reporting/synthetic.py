"""Run results built by hand, with known findings, for the reporters; and the events that make them."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from conformance.checks import CHECK_CODES
from conformance.contracts import Api
from conformance.examples import check_examples, vendored_sources
from conformance.findings import ExchangeEvidence, Finding, Location, Severity, Subject
from conformance.results import (
    Baseline,
    BaselineOperation,
    Event,
    FindingObserved,
    FormatTally,
    Gaps,
    KnownFinding,
    Observed,
    ObservedResponse,
    OperationFinished,
    OperationResult,
    OperationSkipped,
    OperationStarted,
    RunCollector,
    RunFinished,
    RunInfo,
    RunResult,
    RunStarted,
    Skip,
    StopReason,
    compare,
    operation_key,
)
from conformance.transport import REDACTED, RequestRecord, ResponseRecord, curl_command
from tests.conftest import run_sync

__all__ = [
    "CHECKED",
    "FIXED",
    "SKIPPED",
    "SKIP_REASON",
    "compared",
    "error_and_warning",
    "events_of",
    "examples_events",
    "examples_result",
    "finding",
    "revring_run",
    "synthetic_result",
]

CHECKED = Subject(
    "telnyx",
    "GET",
    "/ai/assistants/tests/{test_id}/runs/{run_id}",
    "get_test_run_public_assistants_tests__test_id__runs__run_id__get",
)
SKIPPED = Subject(
    "telnyx",
    "POST",
    "/ai/assistants/tests/{test_id}/runs",
    "trigger_test_run_public_assistants_tests__test_id__runs_post",
)
SKIP_REASON = Skip("costly", "costly: not sent to a live API without --allow costly")
INFO = RunInfo("0.1.0", "2025-01-02T03:04:05Z", "https://api.test/v2", ("telnyx",), seed=7, max_examples=3)

_RESPONSE = ResponseRecord(200, (("content-type", "application/json"),), '{"a": 1}')
_REQUEST = RequestRecord(
    "GET",
    "https://api.test/v2/ai/assistants/tests/1/runs/2",
    (("host", "api.test"), ("authorization", REDACTED), ("accept", "*/*")),
    None,
)


def finding(
    code: str,
    severity: Severity,
    message: str,
    pointer: str = "",
    body: str | None = None,
    count: int = 1,
    response: ResponseRecord | None = _RESPONSE,
) -> Finding:
    request = replace(_REQUEST, body=body, method="POST" if body is not None else "GET")
    location = Location.at([token for token in pointer.split("/")[1:]], "required" if pointer else "")
    return Finding(
        code=code,
        severity=severity,
        subject=CHECKED,
        location=location,
        message=message,
        evidence=ExchangeEvidence(request, response, curl_command(request)),
        count=count,
    )


def synthetic_result(*findings: Finding, complete: bool = True, interrupted: bool = False) -> RunResult:
    """Two telnyx operations: one checked with ``findings``, one skipped."""
    checked = OperationResult(
        subject=CHECKED,
        safety="safe",
        valid_requests=4,
        invalid_requests=2,
        statuses={"200": 4, "422": 2},
        duration_s=1.2,
        checks=CHECK_CODES,
    )
    skipped = OperationResult(subject=SKIPPED, safety="costly", skipped=SKIP_REASON)
    stop = StopReason.INTERRUPTED if interrupted else StopReason.COMPLETED if complete else None
    return RunResult(
        info=INFO,
        operations=(checked, skipped),
        findings=tuple(findings),
        finished_at="2025-01-02T03:04:07Z" if complete else None,
        duration_s=2.5,
        stop=stop,
    )


def events_of(result: RunResult) -> list[Event]:
    """Events that add up to ``result``, as a run would yield them."""
    events: list[Event] = [RunStarted(result.info, operations=len(result.operations))]
    for operation in result.operations:
        if operation.skipped is not None:
            events.append(OperationSkipped(operation.subject, operation.safety, operation.skipped))
            continue
        mine = tuple(f for f in result.findings if f.subject == operation.subject)
        events.append(OperationStarted(operation.subject, operation.safety))
        events.extend(FindingObserved(replace(f, count=1)) for f in mine)
        events.append(OperationFinished(replace(operation, findings=mine)))
    if result.stop is not None:
        events.append(RunFinished(result.stop, result.finished_at or "", result.duration_s, result.stop_message))
    return events


def error_and_warning() -> RunResult:
    return synthetic_result(
        finding("required_field", Severity.ERROR, "'run_id' is a required property", "/run_id", count=3),
        finding("undocumented_field", Severity.WARNING, "property 'extra' is not in the schema", "/extra"),
    )


FIXED = KnownFinding("00000000000000f1", "enum_value", Severity.ERROR, CHECKED, "'cancelled' is not one of the enum")
OBSERVED = Observed(
    responses=(
        ObservedResponse(
            "200",
            ("application/json",),
            ("/run_id", "/status"),
            {"/status": ("queued",)},
            {"/run_id": FormatTally("uuid", 4, 1)},
        ),
    ),
    never_seen=Gaps(("404",), {"200": ("/detail_status",)}, {"200": {"/status": ("failed", "passed")}}),
    undocumented=Gaps(("422",), {"200": ("/extra",)}, {}),
)


def compared() -> RunResult:
    """``error_and_warning`` against a baseline that knows its error, and had an enum error since fixed."""
    result = error_and_warning()
    checked = replace(result.operations[0], observed=OBSERVED)
    result = replace(result, operations=(checked, *result.operations[1:]))
    error = result.findings[0]
    known = KnownFinding(error.fingerprint, error.code, error.severity, error.subject, error.message)
    before = BaselineOperation(True, {"200": 6}, replace(OBSERVED, responses=()))
    baseline = Baseline("nightly/report.json", (known, FIXED), {operation_key(CHECKED): before})
    return replace(result, comparison=compare(baseline, result))


_RUNS: dict[int, RunResult] = {}


def revring_run(catalog: dict[str, Api], seed: int = 0) -> RunResult:
    """A real run of RevRing against its embedded mock (quick), once per seed for the whole session."""
    if seed not in _RUNS:
        _RUNS[seed] = run_sync(catalog, ["revring"], max_examples=2, seed=seed)
    return _RUNS[seed]


def examples_events(catalog: dict[str, Api], specs_root: Path) -> list[Event]:
    """The events of ``conformance examples`` on every vendored API (spec and docs examples)."""

    async def gather() -> list[Event]:
        return [event async for event in check_examples(vendored_sources(catalog, [], specs_root))]

    return asyncio.run(gather())


def examples_result(catalog: dict[str, Api], specs_root: Path) -> RunResult:
    collector = RunCollector()
    for event in examples_events(catalog, specs_root):
        collector.handle(event)
    return collector.result()
