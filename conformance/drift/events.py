"""A spec diff as findings, and as the events every reporter of a run already reads.

Each change is a finding of its rule's code, about the operation it is in (the new version's,
or the old one's when it is gone), located at the field it touches, with a pointer into each
version as evidence. The events go breaking changes first, so a console shows them first; each
operation touched then finishes with its findings.
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator
from dataclasses import replace

from conformance import __version__
from conformance.drift.changes import Change
from conformance.drift.operations import operation_changes
from conformance.drift.pair import SpecPair
from conformance.drift.security import scheme_changes
from conformance.drift.versions import Version
from conformance.findings import CODES, ChangeClass, Finding, Location, SpecChangeEvidence, Subject, pointer_from
from conformance.results import (
    Event,
    FindingObserved,
    OperationFinished,
    OperationResult,
    RunFinished,
    RunInfo,
    RunStarted,
    StopReason,
    utc_now,
)

__all__ = ["diff_events", "diff_findings"]


def diff_findings(old: Version, new: Version) -> dict[Subject, tuple[Finding, ...]]:
    """Every change from ``old`` to ``new`` as findings, by operation (the API itself for its schemes)."""
    api = new.spec.name
    pair = SpecPair(old.spec, new.spec)
    found: dict[Subject, tuple[Finding, ...]] = {}
    schemes = [_finding(Subject(api), change, old, new) for change in scheme_changes(old.spec, new.spec)]
    if schemes:
        found[Subject(api)] = _counted(schemes)
    for touched in operation_changes(pair):
        operation = touched.operation
        subject = Subject(api, operation.method, operation.path, operation.operation_id)
        found[subject] = _counted([_finding(subject, change, old, new) for change in touched.changes])
    return found


async def diff_events(old: Version, new: Version) -> AsyncGenerator[Event, None]:
    started, started_at = time.perf_counter(), utc_now()
    found = diff_findings(old, new)
    target = f"{old.file} → {new.file}"
    info = RunInfo(__version__, started_at, target, (new.spec.name,), seed=0, max_examples=0, command="diff")
    yield RunStarted(info, operations=sum(1 for subject in found if subject.method))
    in_order = [(index, finding) for index, findings in enumerate(found.values()) for finding in findings]
    for _, finding in sorted(in_order, key=lambda entry: (_class_rank(entry[1]), entry[0])):
        yield FindingObserved(finding)
    for subject, findings in found.items():
        if subject.method:
            yield OperationFinished(OperationResult(subject, safety="", findings=findings))
    yield RunFinished(StopReason.COMPLETED, utc_now(), round(time.perf_counter() - started, 3))


def _class_rank(finding: Finding) -> int:
    """Breaking first, then potentially breaking, non-breaking, informational."""
    change = CODES[finding.code].change
    return list(ChangeClass).index(change) if change is not None else len(ChangeClass)


def _finding(subject: Subject, change: Change, old: Version, new: Version) -> Finding:
    entry = CODES[change.rule]
    location = Location(pointer=pointer_from(change.where), keyword=change.keyword, response=change.response)
    message = f"{change.context}: {change.detail}" if change.context else change.detail
    evidence = SpecChangeEvidence(old.file, change.old, new.file, change.new)
    return Finding(change.rule, entry.severity, subject, location, message, evidence)


def _counted(findings: list[Finding]) -> tuple[Finding, ...]:
    """One finding per fingerprint (a change made in two media types is one change, seen twice)."""
    kept: dict[str, Finding] = {}
    for finding in findings:
        known = kept.get(finding.fingerprint)
        kept[finding.fingerprint] = finding if known is None else replace(known, count=known.count + 1)
    return tuple(kept.values())
