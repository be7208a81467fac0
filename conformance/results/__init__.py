"""What a run did: its events, and the result they add up to. Plain data that reporters consume."""

from conformance.results.baseline import (
    Baseline,
    BaselineOperation,
    ChangeKind,
    Comparison,
    KnownFinding,
    Mark,
    ObservedChange,
    operation_key,
)
from conformance.results.collect import RunCollector
from conformance.results.compare import checked_operations, compare
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
from conformance.results.observed import FormatTally, Gaps, Observed, ObservedResponse, Scalar, enum_cap_note

__all__ = [
    "Baseline",
    "BaselineOperation",
    "ChangeKind",
    "Comparison",
    "Event",
    "FindingObserved",
    "FormatTally",
    "Gaps",
    "KnownFinding",
    "Mark",
    "Observed",
    "ObservedChange",
    "ObservedResponse",
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
    "Scalar",
    "Skip",
    "StopReason",
    "checked_operations",
    "compare",
    "enum_cap_note",
    "operation_key",
    "utc_now",
]
