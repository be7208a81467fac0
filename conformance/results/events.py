"""What happens during a run, as events: the engine yields them, reporters consume them.

    RunStarted
    ├── FindingObserved      (the first time a fingerprint is seen: shown and streamed at once)
    ├── OperationStarted
    ├── OperationFinished    (its figures and findings: each fingerprint's count and smallest example)
    ├── OperationSkipped     (with a reason code)
    RunFinished              (with why it stopped)

A reporter reacts to what happened; it never diffs two states to find out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from conformance.findings import Finding, Subject
from conformance.results.model import OperationResult, RunInfo, Skip, StopReason

__all__ = [
    "Event",
    "FindingObserved",
    "OperationFinished",
    "OperationSkipped",
    "OperationStarted",
    "Reporter",
    "RunFinished",
    "RunStarted",
]


@dataclass(frozen=True, slots=True)
class RunStarted:
    info: RunInfo
    operations: int  # how many operations were selected, run or skipped


@dataclass(frozen=True, slots=True)
class OperationStarted:
    subject: Subject
    safety: str


@dataclass(frozen=True, slots=True)
class FindingObserved:
    finding: Finding


@dataclass(frozen=True, slots=True)
class OperationFinished:
    result: OperationResult


@dataclass(frozen=True, slots=True)
class OperationSkipped:
    subject: Subject
    safety: str
    reason: Skip


@dataclass(frozen=True, slots=True)
class RunFinished:
    stop: StopReason
    finished_at: str
    duration_s: float
    message: str = ""  # why it stopped, when it did not complete


Event = RunStarted | OperationStarted | FindingObserved | OperationFinished | OperationSkipped | RunFinished


class Reporter(Protocol):
    def handle(self, event: Event) -> None: ...

    def close(self) -> None:
        """The run is over (finished, interrupted or failed): flush and release what it holds."""
