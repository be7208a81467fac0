"""``conformance upgrade-check``: the spec diff and, operation by operation, which version the target follows.

Two runs go to the same target with the same seed: one checks its answers against the vendored
(current) spec, one against the new spec. An operation clean against one and not the other
follows that one; clean against neither follows neither. A transport failure decides nothing.
The report is the diff's findings, then the new-spec run (so its findings are what a run against
the new spec would show), with a verdict finding per operation where the two runs disagree.
Against the embedded mock, the mock serves the current spec: the target is the API as it is today.
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Mapping
from dataclasses import replace

from conformance import __version__
from conformance.contracts import Api, bind, derive_contract
from conformance.drift import diff_events
from conformance.drift.versions import Version
from conformance.findings import CODES, DocumentEvidence, Finding, Location, Severity
from conformance.results import (
    Event,
    FindingObserved,
    OperationFinished,
    OperationResult,
    RunCollector,
    RunFinished,
    RunInfo,
    RunStarted,
    utc_now,
)
from conformance.runner import RunOptions, drive, run

__all__ = ["upgrade_events", "upgraded_api"]

Key = tuple[str, str]  # method, path: how both versions name an operation


def upgraded_api(current: Api, new: Version) -> Api:
    """The new spec under the current contract: its auth, base URL and error convention, and the
    current safety of every operation that is still there (new ones get the derived safety)."""
    derived = derive_contract(new.spec, auth_env=current.contract.auth.env)
    kept = {name: policy for name, policy in current.contract.operations.items() if name in derived.operations}
    contract = replace(
        derived,
        title=current.contract.title,
        base_url=current.contract.base_url,
        auth=current.contract.auth,
        error_convention=current.contract.error_convention,
        operations={**derived.operations, **kept},
    )
    return bind(contract, new.spec)


async def upgrade_events(current: Api, old: Version, new: Version, options: RunOptions) -> AsyncGenerator[Event, None]:
    started, started_at = time.perf_counter(), utc_now()
    upgraded = upgraded_api(current, new)
    name = current.name
    options = replace(options, apis=[name], mock_of=current if options.base_url is None else None)
    today = await _errors_by_operation({name: current}, options)
    target = options.base_url or "embedded mock"
    info = RunInfo(
        __version__, started_at, target, (name,), options.seed, options.max_examples, command="upgrade-check"
    )
    yield RunStarted(info, operations=len(upgraded.spec.operations))
    async for event in diff_events(old, new):
        if isinstance(event, FindingObserved):
            yield event
    finished: RunFinished | None = None
    async for event in run({name: upgraded}, options):
        if isinstance(event, RunStarted):
            continue
        if isinstance(event, RunFinished):
            finished = event
            continue
        if isinstance(event, OperationFinished):
            verdict = _verdict(event.result, today, new.file)
            if verdict is not None:
                yield FindingObserved(verdict)
                event = OperationFinished(replace(event.result, findings=(*event.result.findings, verdict)))
        yield event
    assert finished is not None
    yield replace(finished, duration_s=round(time.perf_counter() - started, 3))


async def _errors_by_operation(catalog: Mapping[str, Api], options: RunOptions) -> dict[Key, int | None]:
    """Per operation of a run: its error findings, or None when it got no answer to judge."""
    collector = RunCollector()
    await drive(run(dict(catalog), options), [collector])
    result = collector.result()
    return {(op.subject.method, op.subject.path): _errors(op, result.findings) for op in result.operations}


def _errors(operation: OperationResult, findings: tuple[Finding, ...]) -> int | None:
    mine = [finding for finding in findings if finding.subject == operation.subject]
    if operation.skipped is not None or any(finding.code == "transport" for finding in mine):
        return None
    return sum(1 for finding in mine if finding.severity is Severity.ERROR)


def _verdict(result: OperationResult, today: Mapping[Key, int | None], new_file: str) -> Finding | None:
    """Which version the target follows here, when the two runs disagree about it."""
    now = _errors(result, result.findings)
    before = today.get((result.subject.method, result.subject.path))
    if now is None or before is None or (now == 0 and before == 0):
        return None
    if now == 0:
        code, message = (
            "behaves_like_new_spec",
            f"clean against the new spec; {_errors_text(before)} against the current",
        )
    elif before == 0:
        code, message = "behaves_like_old_spec", f"clean against the current spec; {_errors_text(now)} against the new"
    else:
        code = "behaves_like_neither_spec"
        message = f"{_errors_text(before)} against the current spec, {_errors_text(now)} against the new"
    evidence = DocumentEvidence(new_file, f"/paths/{_escape(result.subject.path)}/{result.subject.method.lower()}")
    return Finding(code, CODES[code].severity, result.subject, Location(), message, evidence)


def _errors_text(count: int) -> str:
    return f"{count} error finding{'s' if count != 1 else ''}"


def _escape(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")
