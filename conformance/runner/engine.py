"""The run: generated requests go to a target, every response goes through every check.

specs + contracts -> generation -> transport -> checks -> findings -> events. The run is an
async iterator of events (``conformance.results.events``); reporters consume them as they come,
so a long run streams its findings and holds no more than its report.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import httpx

from conformance import __version__
from conformance.checks import CHECKS, CheckContext, Issue
from conformance.contracts import Api, Safety
from conformance.errors import GenerationFailed
from conformance.findings import (
    CODES,
    DocumentEvidence,
    ExchangeEvidence,
    Finding,
    Location,
    Severity,
    Subject,
    fingerprint_of,
)
from conformance.generation import PHASES, CaseGenerator, GeneratedCase, GenerationSettings
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
    Skip,
    StopReason,
)
from conformance.runner.selection import Selection, select_operations
from conformance.runner.targets import Target, live_target, mock_target
from conformance.specs import ApiSpec, Operation
from conformance.specs.requests import RequestParts, Violation, validate_request
from conformance.transport import Exchange, Redactor, curl_command, send

__all__ = ["RunOptions", "run", "spec_findings"]

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
    phases: frozenset[str] = frozenset(PHASES)

    @property
    def live(self) -> bool:
        return self.base_url is not None


@dataclass(slots=True)
class _Tally:
    """What the whole run sent and got back, to say why it stopped."""

    sent: int = 0
    answered: int = 0
    failed: int = 0  # requests with no response
    skips: Counter[str] = field(default_factory=Counter)

    @property
    def given_up(self) -> bool:
        return self.answered == 0 and self.failed >= _GIVE_UP_AFTER


async def run(catalog: dict[str, Api], options: RunOptions) -> AsyncGenerator[Event, None]:
    """Run every selected operation, yielding what happens as it happens.

    Raises ``UsageError`` before the first event when an ``--operation`` names nothing.
    """
    plans = [(catalog[name], _selections(catalog[name], options)) for name in options.apis]
    clock, tally = time.perf_counter(), _Tally()
    yield RunStarted(_info(options), operations=sum(len(selections) for _, selections in plans))
    seen: set[str] = set()
    for api, selections in plans:
        for finding in spec_findings(api.spec):
            yield FindingObserved(finding)
        async for event in _run_api(api, selections, _target(api, options), options, tally, seen):
            yield event
    stop, message = _stop(tally, options)
    yield RunFinished(stop, _now(), round(time.perf_counter() - clock, 3), message)


def spec_findings(spec: ApiSpec) -> list[Finding]:
    """The spec's own defects, as findings located in the spec."""
    findings = []
    for defect in spec.defects:
        operation = spec.find(defect.operation_id) if defect.operation_id else None
        subject = _subject(operation) if operation is not None else Subject(spec.name)
        location = Location(pointer=defect.pointer)
        evidence = DocumentEvidence(str(spec.source), defect.pointer)
        findings.append(Finding(defect.code, CODES[defect.code].severity, subject, location, defect.message, evidence))
    return findings


def _info(options: RunOptions) -> RunInfo:
    return RunInfo(
        tool_version=__version__,
        started_at=_now(),
        target=options.base_url or "embedded mock",
        apis=tuple(options.apis),
        seed=options.seed,
        max_examples=options.max_examples,
        fail_on=options.fail_on,
    )


def _stop(tally: _Tally, options: RunOptions) -> tuple[StopReason, str]:
    if tally.sent == 0:
        return StopReason.NOTHING_TESTED, _nothing_tested(tally.skips)
    if tally.answered == 0:
        target = options.base_url or "the embedded mock"
        return StopReason.UNREACHABLE, f"no response from {target}: every request failed at the transport"
    return StopReason.COMPLETED, ""


def _nothing_tested(skips: Counter[str]) -> str:
    """Why no request was sent, and what to do about it."""
    advice = {
        "costly": "every selected operation is costly: add --allow costly",
        "unsafe": "every selected operation is unsafe: add --allow unsafe",
        "not_run_by_default": "no selected operation runs by default against a live API: name them with --operation",
        "unreachable": "the target never answered",
        "unusable": "every selected operation is unusable because of defects in the spec (see the findings)",
    }
    if not skips:
        return "no operation was selected"
    if len(skips) == 1:
        (code,) = skips
        return advice.get(code, f"every selected operation was skipped ({code})")
    counts = ", ".join(f"{count} {code.replace('_', ' ')}" for code, count in sorted(skips.items()))
    return f"every selected operation was skipped ({counts}); see the report for each reason"


def _target(api: Api, options: RunOptions) -> Target:
    if options.base_url is None:
        return mock_target(api, options.seed)
    return live_target(api, options.base_url)


def _selections(api: Api, options: RunOptions) -> list[Selection]:
    return select_operations(api, options.operations, live=options.live, allowed=options.allow)


async def _run_api(
    api: Api, selections: list[Selection], target: Target, options: RunOptions, tally: _Tally, seen: set[str]
) -> AsyncIterator[Event]:
    """Each operation's events. A target that has not answered once after ``_GIVE_UP_AFTER``
    transport failures is given up: the remaining operations are skipped, not sent to a dead server.
    """
    settings = GenerationSettings(max_examples=options.max_examples, seed=options.seed, phases=options.phases)
    generator = CaseGenerator(api, settings)
    secrets = api.contract.auth.wire_forms(target.secret) if target.secret else ()
    redactor = Redactor(secrets, headers=[api.contract.auth.header])
    async with target.client() as client:
        for selection in selections:
            subject, safety = _subject(selection.operation), api.policy(selection.operation).safety.value
            reason = selection.skipped or (Skip("unreachable", "target unreachable") if tally.given_up else None)
            if reason is not None:
                tally.skips[reason.code] += 1
                yield OperationSkipped(subject, safety, reason)
                continue
            try:
                cases = generator.cases(selection.operation)
            except GenerationFailed as exc:
                tally.skips["unusable"] += 1
                yield OperationSkipped(subject, safety, Skip("unusable", str(exc)))
                continue
            yield OperationStarted(subject, safety)
            operation_run = _OperationRun(api, selection.operation, target, redactor, seen)
            for case in cases:
                for finding in await operation_run.send(client, case, tally):
                    yield FindingObserved(finding)
                await asyncio.sleep(0)  # in-process targets never suspend: let a cancellation in
                if tally.given_up:
                    break
            yield OperationFinished(operation_run.result(safety))


class _OperationRun:
    """Sends one operation's cases; keeps, per fingerprint, its count and smallest example."""

    def __init__(self, api: Api, operation: Operation, target: Target, redactor: Redactor, seen: set[str]) -> None:
        self.api, self.operation, self.target, self.redactor = api, operation, target, redactor
        self.subject = _subject(operation)
        self.seen = seen  # fingerprints met earlier in the run
        self.statuses: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.smallest: dict[str, Finding] = {}
        self.valid = self.invalid = 0
        self.started = time.perf_counter()

    async def send(self, client: httpx.AsyncClient, case: GeneratedCase, tally: _Tally) -> list[Finding]:
        """Send one case and check the answer; returns the findings seen for the first time."""
        request = _build_request(client, self.api, self.target, case)
        violations = validate_request(self.operation, self.api.validators, _parts(self.operation, case, request))
        exchange = await send(client, request, self.redactor)
        if violations:
            self.invalid += 1
        else:
            self.valid += 1
        tally.sent += 1
        if exchange.status is None:
            tally.failed += 1
            self.statuses["no response"] += 1
        else:
            tally.answered += 1
            self.statuses[str(exchange.status)] += 1
        return self._check(exchange, violations)

    def _check(self, exchange: Exchange, violations: list[Violation]) -> list[Finding]:
        context = CheckContext(self.api, self.operation, exchange, violations, self.target.secret is not None)
        new: list[Finding] = []
        for code, check in CHECKS.items():
            for issue in check(context):
                finding = self._keep(code, issue, exchange)
                if finding is not None and finding.fingerprint not in self.seen:
                    self.seen.add(finding.fingerprint)
                    new.append(finding)
        return new

    def _keep(self, code: str, issue: Issue, exchange: Exchange) -> Finding | None:
        """Count the finding; build it in full (redacted, with its curl) only if it is the smallest yet."""
        location = replace(
            issue.location,
            pointer=self.redactor.text(issue.location.pointer),
            template=self.redactor.text(issue.location.template),
        )
        fingerprint = fingerprint_of(self.subject, code, location)
        self.counts[fingerprint] += 1
        message = self.redactor.text(issue.message)
        smallest = self.smallest.get(fingerprint)
        if smallest is not None and smallest.size <= (exchange.request.size, len(message), message):
            return None
        evidence = ExchangeEvidence(exchange.request, exchange.response, curl_command(exchange.request))
        finding = Finding(code, issue.severity, self.subject, location, message, evidence)
        self.smallest[fingerprint] = finding
        return finding

    def result(self, safety: str) -> OperationResult:
        findings = [replace(finding, count=self.counts[fp]) for fp, finding in self.smallest.items()]
        findings.sort(key=lambda f: (f.severity.rank, f.code, f.location.identity, f.location.keyword))
        return OperationResult(
            subject=self.subject,
            safety=safety,
            valid_requests=self.valid,
            invalid_requests=self.invalid,
            statuses=dict(sorted(self.statuses.items())),
            findings=tuple(findings),
            duration_s=round(time.perf_counter() - self.started, 3),
        )


def _build_request(client: httpx.AsyncClient, api: Api, target: Target, case: GeneratedCase) -> httpx.Request:
    """The case as it goes on the wire: the target's base URL, and the secret where the contract puts it."""
    headers = httpx.Headers(case.headers)
    url = httpx.URL(target.base_url + case.target)
    if target.secret is not None:
        credentials = api.contract.auth.apply(target.secret)
        headers.update(credentials.headers)
        if credentials.cookies:
            pairs = [headers.get("cookie", ""), *(f"{name}={value}" for name, value in credentials.cookies.items())]
            headers["cookie"] = "; ".join(pair for pair in pairs if pair)
        if credentials.params:
            url = url.copy_merge_params(credentials.params)
    return client.build_request(case.method, url, headers=headers, content=case.body)


def _parts(operation: Operation, case: GeneratedCase, request: httpx.Request) -> RequestParts:
    return RequestParts.from_target(operation, case.target, request.headers.items(), request.content)


def _subject(operation: Operation) -> Subject:
    return Subject(operation.api, operation.method, operation.path, operation.operation_id)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
