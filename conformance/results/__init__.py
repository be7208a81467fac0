"""What a run did: its events, and the result they add up to. Plain data that reporters consume."""

from conformance.results.collect import RunCollector
from conformance.results.events import (
    Event,
    FindingObserved,
    OperationFinished,
    OperationSkipped,
    OperationStarted,
    Reporter,
    RunFinished,
    RunStarted,
)
from conformance.results.model import OperationResult, RunInfo, RunResult, Skip, StopReason, utc_now

__all__ = [
    "Event",
    "FindingObserved",
    "OperationFinished",
    "OperationResult",
    "OperationSkipped",
    "OperationStarted",
    "Reporter",
    "RunCollector",
    "RunFinished",
    "RunInfo",
    "RunResult",
    "RunStarted",
    "Skip",
    "StopReason",
    "utc_now",
]
