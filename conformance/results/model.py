"""What a run did, as plain immutable data: operations with their figures, findings, why it stopped."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from conformance.findings import Finding, Severity, Subject
from conformance.results.baseline import Comparison, Mark
from conformance.results.observed import Observed

__all__ = ["OperationResult", "RunInfo", "RunResult", "Skip", "StopReason", "utc_now"]


def utc_now() -> str:
    """Now, as the reports write timestamps (RFC 3339, UTC, seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class StopReason(enum.Enum):
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"  # Ctrl-C or SIGTERM
    UNREACHABLE = "unreachable"  # requests were sent, not one got a response
    NOTHING_TESTED = "nothing tested"  # no request was sent: every selected operation was skipped
    FAILED = "failed"  # the tool itself stopped on an error (the message says which)
    BUDGET_SPENT = "budget spent"  # --max-requests reached: complete as far as it went, with a note


@dataclass(frozen=True, slots=True)
class Skip:
    """Why an operation did not run, or stopped early: a stable code and a sentence saying what to do about it."""

    # skipped: "not_run_by_default", "unsafe", "costly", "unreachable", "unusable", "no_cases", "budget";
    # stopped: "budget", "rate_limited", "circuit_breaker"
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a run was asked to do; fixed when it starts."""

    tool_version: str
    started_at: str  # RFC 3339, with finished_at the only timestamps of a report
    target: str  # "embedded mock" or the base URL
    apis: tuple[str, ...]
    seed: int
    max_examples: int
    fail_on: Severity = Severity.ERROR
    command: str = "run"  # what produced the report: "run", "diff", "examples"...
    shard: str | None = None  # "K/N" for one machine's share of a run (run --shard); None for a whole run


@dataclass(frozen=True, slots=True)
class OperationResult:
    """One operation's figures; its findings are the run's, found by subject."""

    subject: Subject
    safety: str
    valid_requests: int = 0
    invalid_requests: int = 0
    # "201" -> count, "no response" -> count; for ``examples``, examples by the part they illustrate
    statuses: Mapping[str, int] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()  # one per fingerprint, with its count and smallest example
    skipped: Skip | None = None
    duration_s: float = 0.0
    checks: tuple[str, ...] = ()  # the check codes that applied to it (conformance.checks.applicable_checks)
    observed: Observed | None = None  # what its responses held; None when it did not run
    stopped: Skip | None = None  # it ran, then stopped before its last case: budget, rate limit, circuit breaker

    @property
    def requests(self) -> int:
        return self.valid_requests + self.invalid_requests


@dataclass(frozen=True, slots=True)
class RunResult:
    info: RunInfo
    operations: tuple[OperationResult, ...]  # their findings live in ``findings``
    findings: tuple[Finding, ...]  # every finding of the run, in report order
    finished_at: str | None = None
    duration_s: float = 0.0
    stop: StopReason | None = None  # None while the run goes on
    stop_message: str = ""
    comparison: Comparison | None = None  # against the baseline, when one was given

    @property
    def complete(self) -> bool:
        return self.stop is not None and self.stop not in (StopReason.INTERRUPTED, StopReason.FAILED)

    @property
    def interrupted(self) -> bool:
        return self.stop is StopReason.INTERRUPTED

    @property
    def requests(self) -> int:
        return sum(result.requests for result in self.operations)

    @property
    def tested(self) -> bool:
        return self.requests > 0

    def count(self, severity: Severity) -> int:
        return sum(finding.count for finding in self.findings if finding.severity is severity)

    @property
    def failed(self) -> bool:
        """Whether the findings fail the run: errors, or warnings too with ``fail_on`` warning; with a
        baseline, only new ones (known ones are shown, and do not fail)."""
        failing = (Severity.ERROR, Severity.WARNING) if self.info.fail_on is Severity.WARNING else (Severity.ERROR,)
        return any(finding.severity in failing and self.is_new(finding) for finding in self.findings)

    def is_new(self, finding: Finding) -> bool:
        """Not in the baseline; every finding is new when there is no baseline."""
        return self.comparison is None or self.comparison.mark(finding.fingerprint) is Mark.NEW

    @property
    def verdict(self) -> str:
        """PASS, FAIL, NOTHING TESTED, or the state of a run that did not complete."""
        if self.stop is StopReason.NOTHING_TESTED:
            return "NOTHING TESTED"
        outcome = "FAIL" if self.failed else "PASS"
        if self.stop is None:
            return f"{outcome} (in progress)"
        if self.stop is StopReason.INTERRUPTED:
            return f"{outcome} (incomplete: interrupted)"
        if self.stop is StopReason.UNREACHABLE:
            return "FAIL (target unreachable)"
        if self.stop is StopReason.FAILED:
            return f"{outcome} (incomplete: {self.stop_message or 'the run failed'})"
        if self.stop is StopReason.BUDGET_SPENT:
            return f"{outcome} (stopped at its request budget)"
        return outcome
