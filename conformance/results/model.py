"""Findings and run results: plain, immutable data that every reporter reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from conformance.checks import Severity
from conformance.transport.records import RequestRecord, ResponseRecord

__all__ = [
    "Finding",
    "FindingGroup",
    "OperationRef",
    "OperationResult",
    "RequestRecord",
    "ResponseRecord",
    "RunResult",
    "Severity",
]


@dataclass(frozen=True, slots=True, order=True)
class OperationRef:
    api: str
    method: str
    path: str
    operation_id: str

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True, slots=True)
class Finding:
    operation: OperationRef
    check: str
    severity: Severity
    message: str
    pointer: str  # JSON pointer into the response body; "" for the whole body or none
    status: int | None
    request: RequestRecord
    response: ResponseRecord | None
    curl: str


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """Findings of one check and severity on one operation: their count and the smallest."""

    operation: OperationRef
    check: str
    severity: Severity
    count: int
    example: Finding


@dataclass(frozen=True, slots=True)
class OperationResult:
    operation: OperationRef
    safety: str
    valid_requests: int = 0
    invalid_requests: int = 0
    statuses: Mapping[str, int] = field(default_factory=dict)  # "201" -> count
    groups: tuple[FindingGroup, ...] = ()
    skipped: str | None = None  # why it did not run

    @property
    def requests(self) -> int:
        return self.valid_requests + self.invalid_requests

    def count(self, severity: Severity) -> int:
        return sum(group.count for group in self.groups if group.severity is severity)


@dataclass(frozen=True, slots=True)
class RunResult:
    tool_version: str
    started_at: str  # RFC 3339, the only timestamps of a report
    finished_at: str | None
    duration_s: float
    target: str  # "embedded mock" or the base URL
    seed: int
    max_examples: int
    operations: tuple[OperationResult, ...]
    interrupted: bool = False
    fail_on: Severity = Severity.ERROR

    @property
    def complete(self) -> bool:
        """False while the run goes on, and for good when it was interrupted."""
        return self.finished_at is not None

    @property
    def groups(self) -> tuple[FindingGroup, ...]:
        return tuple(group for result in self.operations for group in result.groups)

    @property
    def requests(self) -> int:
        return sum(result.requests for result in self.operations)

    def count(self, severity: Severity) -> int:
        return sum(result.count(severity) for result in self.operations)

    @property
    def failed(self) -> bool:
        """Whether the findings fail the run: errors, or warnings too with ``fail_on`` warning."""
        severities = (Severity.ERROR, Severity.WARNING) if self.fail_on is Severity.WARNING else (Severity.ERROR,)
        return any(self.count(severity) for severity in severities)
