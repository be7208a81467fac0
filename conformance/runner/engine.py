"""The run: generated requests go to a target, every response goes through every check.

specs + contracts -> generation -> transport -> checks -> results; reporters get the
result after every operation, so an interrupted or killed run still leaves a report.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import httpx

from conformance import __version__
from conformance.checks import CHECKS, CheckContext, Issue, Severity
from conformance.contracts import Api, Safety
from conformance.errors import TargetUnreachable
from conformance.generation import CaseGenerator, GeneratedCase, GenerationSettings
from conformance.results import Finding, FindingGroup, OperationRef, OperationResult, RunResult
from conformance.runner.selection import Selection, select_operations
from conformance.runner.targets import Target, live_target, mock_target
from conformance.specs import Operation
from conformance.specs.requests import RequestParts, Violation, validate_request
from conformance.transport import Exchange, Redactor, curl_command, send

__all__ = ["RunOptions", "execute"]

_GIVE_UP_AFTER = 5  # consecutive transport failures, with no response yet, before a target is given up


@dataclass(frozen=True, slots=True)
class RunOptions:
    apis: Sequence[str]
    base_url: str | None = None
    operations: Sequence[str] = ()
    max_examples: int = 10
    seed: int = 0
    allow: frozenset[Safety] = field(default_factory=frozenset)
    fail_on: Severity = Severity.ERROR

    @property
    def live(self) -> bool:
        return self.base_url is not None


Progress = Callable[[RunResult], None]


async def execute(catalog: dict[str, Api], options: RunOptions, progress: Progress) -> RunResult:
    """Run every selected operation; ``progress`` sees the result after each one."""
    started, clock = _now(), time.perf_counter()
    result = RunResult(
        tool_version=__version__,
        started_at=started,
        finished_at=None,
        duration_s=0.0,
        target=options.base_url or "embedded mock",
        seed=options.seed,
        max_examples=options.max_examples,
        operations=(),
        fail_on=options.fail_on,
    )
    plans = [(catalog[name], _selections(catalog[name], options)) for name in options.apis]
    reached = attempted = 0
    try:
        for api, selections in plans:
            target = _target(api, options)
            async for outcome in _run_api(api, selections, target, options):
                operation_result, sent, answered = outcome
                attempted, reached = attempted + sent, reached + answered
                result = replace(result, operations=(*result.operations, operation_result))
                result = replace(result, duration_s=round(time.perf_counter() - clock, 3))
                progress(result)
    except (KeyboardInterrupt, asyncio.CancelledError):  # asyncio.run turns Ctrl-C into a cancellation
        result = replace(result, interrupted=True, duration_s=round(time.perf_counter() - clock, 3))
        progress(result)
        raise
    result = replace(result, finished_at=_now(), duration_s=round(time.perf_counter() - clock, 3))
    progress(result)
    if attempted and not reached:
        raise TargetUnreachable(f"no response from {result.target}: every request failed at the transport")
    return result


def _target(api: Api, options: RunOptions) -> Target:
    if options.base_url is None:
        return mock_target(api, options.seed)
    return live_target(api, options.base_url)


def _selections(api: Api, options: RunOptions) -> list[Selection]:
    return select_operations(api, options.operations, live=options.live, allowed=options.allow)


async def _run_api(
    api: Api, selections: list[Selection], target: Target, options: RunOptions
) -> AsyncIterator[tuple[OperationResult, int, int]]:
    """Each operation's result, with how many requests it sent and how many got an answer.

    A target that has not answered once after ``_GIVE_UP_AFTER`` transport failures is given
    up: the remaining operations are skipped rather than sent to a dead server.
    """
    generator = CaseGenerator(api, GenerationSettings(max_examples=options.max_examples, seed=options.seed))
    redactor = Redactor([target.secret or ""], headers=[api.contract.auth.header])
    answered = failed = 0
    async with target.client() as client:
        for selection in selections:
            policy = api.policy(selection.operation)
            given_up = answered == 0 and failed >= _GIVE_UP_AFTER
            reason = selection.skipped or ("target unreachable" if given_up else None)
            if reason is not None:
                yield OperationResult(_ref(selection.operation), policy.safety.value, skipped=reason), 0, 0
                continue
            runner = _OperationRun(api, selection.operation, target, redactor)
            for case in generator.cases(selection.operation):
                await runner.send(client, case)
                await asyncio.sleep(0)  # in-process targets never suspend: let a cancellation in
                if answered + runner.answered == 0 and failed + runner.failed >= _GIVE_UP_AFTER:
                    break
            answered, failed = answered + runner.answered, failed + runner.failed
            yield runner.result(policy.safety.value), runner.sent, runner.answered


class _OperationRun:
    """Sends one operation's cases and keeps, per kind of finding, its count and smallest example."""

    def __init__(self, api: Api, operation: Operation, target: Target, redactor: Redactor) -> None:
        self.api, self.operation, self.target, self.redactor = api, operation, target, redactor
        self.ref = _ref(operation)
        self.statuses: Counter[str] = Counter()
        self.counts: Counter[tuple[str, Severity]] = Counter()
        self.smallest: dict[tuple[str, Severity], Finding] = {}
        self.valid = self.invalid = self.answered = self.failed = 0

    @property
    def sent(self) -> int:
        return self.valid + self.invalid

    async def send(self, client: httpx.AsyncClient, case: GeneratedCase) -> None:
        request = _build_request(client, self.api, self.target, case)
        violations = validate_request(self.operation, self.api.validators, _parts(self.operation, case, request))
        exchange = await send(client, request, self.redactor)
        if violations:
            self.invalid += 1
        else:
            self.valid += 1
        if exchange.status is None:
            self.failed += 1
            self.statuses["no response"] += 1
        else:
            self.answered += 1
            self.statuses[str(exchange.status)] += 1
        self._check(exchange, violations)

    def _check(self, exchange: Exchange, violations: list[Violation]) -> None:
        context = CheckContext(self.api, self.operation, exchange, violations, self.target.secret is not None)
        for code, check in CHECKS.items():
            for issue in check(context):
                self._keep(code, issue, exchange)

    def _keep(self, code: str, issue: Issue, exchange: Exchange) -> None:
        """Count the finding; build it in full (redacted, with its curl) only if it is the smallest yet."""
        key = (code, issue.severity)
        self.counts[key] += 1
        message = self.redactor.text(issue.message)
        smallest = self.smallest.get(key)
        if smallest is not None and (smallest.request.size, smallest.message) <= (exchange.request.size, message):
            return
        self.smallest[key] = Finding(
            operation=self.ref,
            check=code,
            severity=issue.severity,
            message=message,
            pointer=self.redactor.text(issue.pointer),
            status=exchange.status,
            request=exchange.request,
            response=exchange.response,
            curl=curl_command(exchange.request),
        )

    def result(self, safety: str) -> OperationResult:
        groups = [
            FindingGroup(self.ref, code, severity, self.counts[(code, severity)], example)
            for (code, severity), example in self.smallest.items()
        ]
        groups.sort(key=lambda g: (g.severity.value != "error", g.check))
        return OperationResult(
            operation=self.ref,
            safety=safety,
            valid_requests=self.valid,
            invalid_requests=self.invalid,
            statuses=dict(sorted(self.statuses.items())),
            groups=tuple(groups),
        )


def _build_request(client: httpx.AsyncClient, api: Api, target: Target, case: GeneratedCase) -> httpx.Request:
    headers = dict(case.headers)
    if target.secret is not None:
        headers.update(api.contract.auth.headers(target.secret))
    return client.build_request(case.method, target.base_url + case.target, headers=headers, content=case.body)


def _parts(operation: Operation, case: GeneratedCase, request: httpx.Request) -> RequestParts:
    return RequestParts.from_target(operation, case.target, request.headers.items(), request.content)


def _ref(operation: Operation) -> OperationRef:
    return OperationRef(operation.api, operation.method, operation.path, operation.operation_id)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
