"""``conformance merge``: the reports of a run's shards, read back as the one run they add up to.

The shards' reports (``run --shard K/N``) are checked to be the N shares of one run, then replayed
as that run's events: its operations dealt back in run order (``conformance.runner.shards`` deals
them like cards), each API's spec findings before its operations, and one end that says how the
whole run stopped. The events go to the same reporters as a run's, so the merged report.json,
junit.xml, report.md, report.html, findings.ndjson and history line are those one unsharded run
would have written: same findings, same verdict, same exit code.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from conformance.errors import InputError, UsageError
from conformance.findings import CODES, Category, Finding
from conformance.reporting.reading import ReadRun, read_report
from conformance.results import (
    Event,
    FindingObserved,
    OperationFinished,
    OperationResult,
    OperationSkipped,
    OperationStarted,
    RunFinished,
    RunInfo,
    RunStarted,
    StopReason,
)

__all__ = ["merge_events", "read_shards"]

_SAME_RUN = ("tool_version", "target", "apis", "seed", "max_examples", "fail_on")


def read_shards(paths: Sequence[Path]) -> list[ReadRun]:
    """Every shard's report, in shard order; refused unless they are all N shares of one run."""
    if not paths:
        raise UsageError("merge: give the report folders (or report.json files) of the shards")
    shards = [read_report(path) for path in paths]
    for shard in shards:
        if shard.info.command != "run" or shard.info.shard is None:
            raise InputError(shard.file, "not the report of a shard (run --shard K/N)", key="/run/shard")
    first = shards[0]
    for shard in shards[1:]:
        for name in _SAME_RUN:
            if getattr(shard.info, name) != getattr(first.info, name):
                mine, theirs = getattr(shard.info, name), getattr(first.info, name)
                raise InputError(shard.file, f"a shard of another run: its {name} is {mine!r}, not {theirs!r}")
    return _in_order(shards)


def _in_order(shards: list[ReadRun]) -> list[ReadRun]:
    by_index: dict[int, ReadRun] = {}
    counts = set()
    for shard in shards:
        index, count = (int(part) for part in str(shard.info.shard).split("/"))
        counts.add(count)
        if index in by_index:
            raise InputError(shard.file, f"shard {index}/{count} given twice (also {by_index[index].file})")
        by_index[index] = shard
    if len(counts) != 1:
        raise UsageError(f"merge: shards of different splits ({', '.join(f'/{n}' for n in sorted(counts))})")
    (count,) = counts
    missing = [f"{index}/{count}" for index in range(1, count + 1) if index not in by_index]
    if missing:
        raise UsageError(f"merge: shard {', '.join(missing)} missing: a merged report needs every shard")
    return [by_index[index] for index in range(1, count + 1)]


async def merge_events(shards: Sequence[ReadRun]) -> AsyncGenerator[Event, None]:
    """The events of the run the shards add up to, as that run would have yielded them."""
    operations = list(_dealt_back(shards))
    yield RunStarted(_info(shards), operations=len(operations))
    spec_findings = _spec_findings(shards)
    for operation in operations:
        for finding in spec_findings.pop(operation.subject.api, []):
            yield FindingObserved(finding)
        for event in _operation_events(operation):
            yield event
    for findings in spec_findings.values():  # APIs with no operation in the run
        for finding in findings:
            yield FindingObserved(finding)
    stop, message = _stop(shards, operations)
    finished_at = max(shard.finished_at or shard.info.started_at for shard in shards)
    yield RunFinished(stop, finished_at, max(shard.duration_s for shard in shards), message)


def _dealt_back(shards: Sequence[ReadRun]) -> Iterator[OperationResult]:
    """Operations in run order: the first of each shard in turn, then the second of each..."""
    for round_ in range(max(len(shard.operations) for shard in shards)):
        for shard in shards:
            if round_ < len(shard.operations):
                yield shard.operations[round_]


def _info(shards: Sequence[ReadRun]) -> RunInfo:
    started = min(shard.info.started_at for shard in shards)
    return replace(shards[0].info, started_at=started, shard=None)


def _is_spec(finding: Finding) -> bool:
    code = CODES.get(finding.code)
    return code is not None and code.category is Category.SPEC


def _spec_findings(shards: Sequence[ReadRun]) -> dict[str, list[Finding]]:
    """The spec's own findings (the first shard reports them), by API."""
    by_api: dict[str, list[Finding]] = {}
    for shard in shards:
        for finding in shard.findings:
            if _is_spec(finding):
                by_api.setdefault(finding.subject.api, []).append(finding)
    return by_api


def _operation_events(operation: OperationResult) -> Iterator[Event]:
    if operation.skipped is not None:
        yield OperationSkipped(operation.subject, operation.safety, operation.skipped)
        return
    yield OperationStarted(operation.subject, operation.safety)
    findings = tuple(finding for finding in operation.findings if not _is_spec(finding))
    for finding in findings:
        yield FindingObserved(finding)
    yield OperationFinished(replace(operation, findings=findings))


def _stop(shards: Sequence[ReadRun], operations: Sequence[OperationResult]) -> tuple[StopReason, str]:
    """How the whole run stopped: the worst of its shards, as one run would have said it."""
    stops = {shard.info.shard: shard.stop for shard in shards}
    for worst in (StopReason.FAILED, StopReason.INTERRUPTED, None):
        named = [str(name) for name, stop in stops.items() if stop is worst]
        if named:
            reason = "did not finish" if worst is None else worst.value
            return StopReason.FAILED if worst is StopReason.FAILED else StopReason.INTERRUPTED, (
                f"shard {', '.join(named)} {reason}: the merged run is incomplete"
            )
    if all(stop is StopReason.UNREACHABLE for stop in stops.values()):
        return StopReason.UNREACHABLE, shards[0].stop_message
    if not any(operation.requests for operation in operations):
        messages = {shard.stop_message for shard in shards if shard.stop is StopReason.NOTHING_TESTED}
        return StopReason.NOTHING_TESTED, "; ".join(sorted(messages)) or "no operation was selected"
    spent = [str(name) for name, stop in stops.items() if stop is StopReason.BUDGET_SPENT]
    if spent:
        return StopReason.BUDGET_SPENT, f"shard {', '.join(spent)} stopped at its request budget"
    return StopReason.COMPLETED, ""
