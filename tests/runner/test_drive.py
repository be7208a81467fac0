"""drive: every event to every reporter; an interrupted or failed run still ends with RunFinished."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from dataclasses import replace

import pytest

from conformance.contracts import Api
from conformance.findings import Severity
from conformance.results import (
    Event,
    FindingObserved,
    OperationFinished,
    OperationStarted,
    RunCollector,
    RunFinished,
    StopReason,
)
from conformance.runner import RunOptions, drive, run
from conformance.transport import REDACTED, Redactor
from tests.reporting.synthetic import error_and_warning, events_of


class _Recorder(RunCollector):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[Event] = []
        self.closed = False

    def handle(self, event: Event) -> None:
        self.events.append(event)
        super().handle(event)

    def close(self) -> None:
        self.closed = True


async def _failing() -> AsyncGenerator[Event, None]:
    for event in events_of(error_and_warning())[:3]:
        yield event
    raise RuntimeError("disk on fire")


def test_a_failure_of_the_tool_still_finishes_the_run_and_goes_on_up() -> None:
    recorder = _Recorder()
    with pytest.raises(RuntimeError, match="disk on fire"):
        asyncio.run(drive(_failing(), [recorder]))
    last = recorder.events[-1]
    assert isinstance(last, RunFinished) and last.stop is StopReason.FAILED
    assert last.message == "RuntimeError: disk on fire"
    assert recorder.closed and recorder.result().verdict == "FAIL (incomplete: RuntimeError: disk on fire)"


def test_an_interrupted_operation_keeps_what_it_did(catalog: dict[str, Api]) -> None:
    """Cancelled in the middle of an operation: its requests and findings so far are in the result."""
    recorder = _Recorder()
    options = RunOptions(apis=["telnyx"], max_examples=5)

    async def cancel_after_some_requests() -> None:
        task = asyncio.ensure_future(drive(run(catalog, options), [recorder]))
        while sum(isinstance(e, OperationStarted) for e in recorder.events) < 2:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.05)  # into the second operation's requests (generated before it started)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(cancel_after_some_requests())
    finished = [e for e in recorder.events if isinstance(e, OperationFinished)]
    assert isinstance(recorder.events[-1], RunFinished) and recorder.events[-1].stop is StopReason.INTERRUPTED
    assert isinstance(recorder.events[-2], OperationFinished)  # the operation that was running
    assert len(finished) >= 2 and finished[-1].result.requests > 0
    result = recorder.result()
    assert result.interrupted and result.requests == sum(e.result.requests for e in finished)


def test_the_collector_keeps_the_most_severe_sighting_of_a_fingerprint() -> None:
    warning = replace(error_and_warning().findings[0], severity=Severity.WARNING)
    collector = RunCollector()
    events = events_of(error_and_warning())
    collector.handle(events[0])
    collector.handle(FindingObserved(warning))
    collector.handle(FindingObserved(replace(warning, severity=Severity.ERROR)))
    collector.handle(FindingObserved(warning))
    [kept] = [f for f in collector.result().findings if f.fingerprint == warning.fingerprint]
    assert kept.severity is Severity.ERROR


def test_the_failure_message_is_redacted_before_any_report_has_it() -> None:
    async def leaking() -> AsyncGenerator[Event, None]:
        yield events_of(error_and_warning())[0]
        raise RuntimeError("cannot parse header Bearer s3cret-value-9")

    recorder = _Recorder()
    with pytest.raises(RuntimeError):
        asyncio.run(drive(leaking(), [recorder], Redactor(["s3cret-value-9"])))
    last = recorder.events[-1]
    assert isinstance(last, RunFinished) and last.message == f"RuntimeError: cannot parse header Bearer {REDACTED}"


def test_without_a_redactor_the_environments_secrets_are_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_SERVICE_API_KEY", "env-s3cret-value")

    async def leaking() -> AsyncGenerator[Event, None]:
        yield events_of(error_and_warning())[0]
        raise RuntimeError("echoed env-s3cret-value")

    recorder = _Recorder()
    with pytest.raises(RuntimeError):
        asyncio.run(drive(leaking(), [recorder]))
    last = recorder.events[-1]
    assert isinstance(last, RunFinished) and last.message == f"RuntimeError: echoed {REDACTED}"
