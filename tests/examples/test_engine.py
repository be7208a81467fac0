"""conformance.examples.engine: checking examples is a stream of the same events as a run."""

from __future__ import annotations

import asyncio
from pathlib import Path

from conformance.examples import check_examples, given_source
from conformance.results import Event, FindingObserved, OperationFinished, RunFinished, RunStarted, StopReason
from tests.examples.support import examine, run_spec

RUN_ID = "987fcdeb-51a2-43d1-b456-426614174000"


def _events(spec: Path) -> list[Event]:
    async def gather() -> list[Event]:
        return [event async for event in check_examples([given_source(str(spec))])]

    return asyncio.run(gather())


def test_events_of_an_examples_check(tmp_path: Path) -> None:
    examples = {name: {"value": {"id": RUN_ID, "status": status}} for name, status in (("a", "lost"), ("b", "gone"))}
    examples["c"] = {"value": {"id": RUN_ID, "status": "passed"}}
    events = _events(run_spec(tmp_path, {"examples": examples}))
    assert [type(event) for event in events] == [RunStarted, FindingObserved, OperationFinished, RunFinished]
    started, observed, finished, done = events
    assert isinstance(started, RunStarted) and started.info.command == "examples" and started.operations == 1
    assert started.info.target == str(tmp_path / "spec.yaml")
    assert isinstance(observed, FindingObserved) and observed.finding.code == "enum_value"
    assert isinstance(finished, OperationFinished)
    (finding,) = finished.result.findings  # two examples break the same rule at the same place: counted
    assert finding.count == 2 and finding.fingerprint == observed.finding.fingerprint
    assert finished.result.statuses == {"200": 3} and finished.result.requests == 0
    assert finished.result.safety == "safe"
    assert isinstance(done, RunFinished) and done.stop is StopReason.COMPLETED


def test_fingerprints_are_stable_and_ignore_the_value(tmp_path: Path) -> None:
    first = examine(run_spec(tmp_path, {"example": {"id": RUN_ID, "status": "lost"}}))
    second = examine(run_spec(tmp_path, {"example": {"id": RUN_ID, "status": "gone", "detail_status": []}}))
    assert [f.fingerprint for f in first.findings] == [f.fingerprint for f in second.findings]
    assert first.findings[0].message != second.findings[0].message


def test_a_spec_without_examples_completes_with_nothing(tmp_path: Path) -> None:
    result = examine(run_spec(tmp_path, {}))
    assert result.operations == () and result.findings == ()
    assert result.stop is StopReason.COMPLETED and not result.failed
