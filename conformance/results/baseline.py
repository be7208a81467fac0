"""A baseline (an earlier run's report) and how a run compares with it: new, known, fixed.

A finding is ``known`` when the baseline has its fingerprint, ``new`` otherwise. A baseline finding
that no longer occurs is ``fixed`` only when this run checked it: its operation ran (for a spec
defect, its API's spec was read). One of an operation that was skipped, not selected, or cut
short by an interrupt is ``not checked``: absence there proves nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from conformance.findings import Severity, Subject
from conformance.results.observed import Observed, Scalar

__all__ = [
    "Baseline",
    "BaselineOperation",
    "ChangeKind",
    "Comparison",
    "KnownFinding",
    "Mark",
    "ObservedChange",
    "OperationKey",
    "operation_key",
]

OperationKey = tuple[str, str]  # (api, "METHOD /path"): an operation as fingerprints see it


def operation_key(subject: Subject) -> OperationKey:
    return subject.api, subject.identity


class Mark(enum.Enum):
    NEW = "new"
    KNOWN = "known"


@dataclass(frozen=True, slots=True)
class KnownFinding:
    """A finding as a baseline report holds it: enough to name it when it is fixed."""

    fingerprint: str
    code: str
    severity: Severity
    subject: Subject
    message: str


@dataclass(frozen=True, slots=True)
class BaselineOperation:
    """What the baseline run did with one operation."""

    ran: bool
    statuses: Mapping[str, int] = field(default_factory=dict)
    observed: Observed | None = None  # None: the baseline report has no observations


@dataclass(frozen=True, slots=True)
class Baseline:
    file: str
    findings: tuple[KnownFinding, ...]
    operations: Mapping[OperationKey, BaselineOperation] = field(default_factory=dict)

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(finding.fingerprint for finding in self.findings)


class ChangeKind(enum.Enum):
    STATUS_FIRST_SEEN = "status seen for the first time"
    STATUS_MORE_FREQUENT = "status more frequent"
    ENUM_VALUE_FIRST_SEEN = "enum value seen for the first time"


@dataclass(frozen=True, slots=True)
class ObservedChange:
    """A change in what the target returns since the baseline: an observation, not a finding."""

    subject: Subject
    kind: ChangeKind
    status: str
    pointer: str = ""
    value: Scalar | None = None
    share_before: float = 0.0  # of the operation's responses, 0..1
    share_now: float = 0.0

    @property
    def message(self) -> str:
        if self.kind is ChangeKind.ENUM_VALUE_FIRST_SEEN:
            return f"{self.pointer} = {self.value!r} in a {self.status} response, never seen in the baseline"
        if self.kind is ChangeKind.STATUS_FIRST_SEEN:
            return f"status {self.status} ({self.share_now:.0%} of responses), never seen in the baseline"
        return f"status {self.status} rose from {self.share_before:.0%} to {self.share_now:.0%} of responses"


@dataclass(frozen=True, slots=True)
class Comparison:
    """This run against its baseline."""

    file: str
    marks: Mapping[str, Mark]  # each finding of this run by fingerprint
    fixed: tuple[KnownFinding, ...]  # baseline findings gone from operations this run checked
    not_checked: int  # baseline findings gone from operations this run did not check
    changes: tuple[ObservedChange, ...] = ()

    def mark(self, fingerprint: str) -> Mark:
        return self.marks.get(fingerprint, Mark.NEW)

    def count(self, mark: Mark) -> int:
        return sum(1 for kind in self.marks.values() if kind is mark)
