"""A run against its baseline: each finding new or known, the baseline's gone ones fixed or not
checked, and what the target returns that it did not return before.

"A status that became more frequent": its share of the operation's responses at least doubled
and rose by at least 5 points (3% -> 8%, not 1% -> 2%), both runs having run the operation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from conformance.findings import CODES, Category
from conformance.results.baseline import (
    Baseline,
    BaselineOperation,
    ChangeKind,
    Comparison,
    KnownFinding,
    Mark,
    ObservedChange,
    OperationKey,
    operation_key,
)
from conformance.results.model import OperationResult, RunResult
from conformance.results.observed import Observed, enum_cap_note

__all__ = ["checked_operations", "compare"]

_MORE_FREQUENT_FACTOR = 2.0
_MORE_FREQUENT_POINTS = 0.05
_NO_RESPONSE = "no response"


def compare(baseline: Baseline, result: RunResult) -> Comparison:
    known = baseline.fingerprints
    marks = {f.fingerprint: Mark.KNOWN if f.fingerprint in known else Mark.NEW for f in result.findings}
    checked = checked_operations(result)
    apis = _spec_read(result)
    gone = [finding for finding in baseline.findings if finding.fingerprint not in marks]
    fixed = tuple(finding for finding in gone if _checked(finding, checked, apis))
    changes = tuple(change for op in checked.values() for change in _changes(baseline, op))
    return Comparison(baseline.file, marks, fixed, len(gone) - len(fixed), changes)


def checked_operations(result: RunResult) -> dict[OperationKey, OperationResult]:
    """The operations this run actually checked: sent requests, and were not cut short.

    An interrupted or failed run reports the operation it stopped in last, with what it had done:
    that one is not taken as checked.
    """
    operations = list(result.operations)
    if not result.complete and operations and operations[-1].skipped is None:
        operations.pop()
    return {operation_key(op.subject): op for op in operations if op.skipped is None and op.requests > 0}


def _spec_read(result: RunResult) -> set[str]:
    """The APIs whose spec this run reported on: all of the run's, but a shard past the first reports
    no spec finding (``conformance.runner.shards``), so none of its spec findings counts as fixed."""
    if result.info.shard is not None and not result.info.shard.startswith("1/"):
        return set()
    return {operation.subject.api for operation in result.operations}


def _checked(finding: KnownFinding, checked: Mapping[OperationKey, OperationResult], apis: set[str]) -> bool:
    code = CODES.get(finding.code)
    if code is not None and code.category is Category.SPEC:
        return finding.subject.api in apis  # the spec is read whenever its API is in the run
    return operation_key(finding.subject) in checked


def _changes(baseline: Baseline, op: OperationResult) -> Iterator[ObservedChange]:
    before = baseline.operations.get(operation_key(op.subject))
    if before is None or not before.ran:
        return
    yield from _status_changes(op, before)
    if op.observed is not None and before.observed is not None:
        yield from _enum_changes(op, op.observed, before.observed)


def _shares(statuses: Mapping[str, int]) -> dict[str, float]:
    answered = {status: count for status, count in statuses.items() if status != _NO_RESPONSE}
    total = sum(answered.values())
    return {status: count / total for status, count in answered.items()} if total else {}


def _status_changes(op: OperationResult, before: BaselineOperation) -> Iterator[ObservedChange]:
    then, now = _shares(before.statuses), _shares(op.statuses)
    for status, share in sorted(now.items()):
        if status not in then:
            yield ObservedChange(op.subject, ChangeKind.STATUS_FIRST_SEEN, status, share_now=share)
        elif share >= _MORE_FREQUENT_FACTOR * then[status] and share - then[status] >= _MORE_FREQUENT_POINTS:
            kind = ChangeKind.STATUS_MORE_FREQUENT
            yield ObservedChange(op.subject, kind, status, share_before=then[status], share_now=share)


def _enum_changes(op: OperationResult, now: Observed, then: Observed) -> Iterator[ObservedChange]:
    for response in now.responses:
        earlier = then.response(response.status)
        if earlier is None:
            continue  # the whole status is new, and said so once
        for template, values in sorted(response.enum_values.items()):
            if template not in earlier.enum_values or enum_cap_note(response.status, template) in then.capped:
                continue  # the field is new, or the baseline stopped counting its values
            seen_before = {(type(value), value) for value in earlier.enum_values[template]}
            for value in values:
                if (type(value), value) not in seen_before:  # typed: True is not 1 here
                    kind = ChangeKind.ENUM_VALUE_FIRST_SEEN
                    yield ObservedChange(op.subject, kind, response.status, template, value)
