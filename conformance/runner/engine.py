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

import httpx

from conformance import __version__
from conformance.checks import CHECKS, CheckContext, Issue, Scope, applicable_checks
from conformance.contracts import Api, Safety
from conformance.findings import (
    CODES,
    DocumentEvidence,
    ExchangeEvidence,
    Finding,
    Location,
    Severity,
    Subject,
)
from conformance.generation import PHASES, CaseGenerator, GeneratedCase, GenerationSettings, Intent
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
    utc_now,
)
from conformance.runner.limits import IDEMPOTENT, Limits, OperationGuard, RunGuard
from conformance.runner.observing import Observer
from conformance.runner.selection import Selection, operation_cases, select_operations
from conformance.runner.shards import Shard, deal
from conformance.runner.targets import Target, live_target, mock_target
from conformance.specs import ApiSpec, Operation
from conformance.specs.requests import RequestParts, Violation, validate_request
from conformance.transport import QUOTE_LIMIT, Exchange, Redactor, clip, curl_command, send

__all__ = ["RunOptions", "operations_to_run", "run", "selected_operations", "spec_findings"]

_GIVE_UP_AFTER = 5  # consecutive transport failures, with no response yet, before a target is given up
_MAX_FINDINGS_PER_CODE = 100  # distinct fingerprints of one code on one operation
_MORE = f"more distinct findings of this code than the first {_MAX_FINDINGS_PER_CODE}, counted here"
Seen = tuple[str, Severity]


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
    limits: Limits = field(default_factory=Limits)
    shard: Shard | None = None  # this machine's share of the operations (--shard K/N); None: all
    mock_of: Api | None = None  # the API the embedded mock serves, when not the run's own (upgrade-check)

    @property
    def live(self) -> bool:
        return self.base_url is not None

    @property
    def generation(self) -> GenerationSettings:
        return GenerationSettings(max_examples=self.max_examples, seed=self.seed, phases=self.phases)


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
    plans = selected_operations(catalog, options)
    clock, tally, guard = time.perf_counter(), _Tally(), RunGuard(options.limits)
    yield RunStarted(_info(options), operations=sum(len(selections) for _, selections in plans))
    seen: set[Seen] = set()
    for api, selections in plans:
        if options.shard is None or options.shard.first:
            for finding in spec_findings(api.spec):
                yield FindingObserved(finding)
        async for event in _run_api(api, selections, _target(api, options), options, tally, guard, seen):
            yield event
    stop, message = _stop(tally, options, guard)
    if options.shard is not None and not any(selections for _, selections in plans):
        stop, message = (
            StopReason.COMPLETED,
            f"shard {options.shard}: no operation falls to it (more shards than operations)",
        )
    yield RunFinished(stop, utc_now(), round(time.perf_counter() - clock, 3), message)


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
        started_at=utc_now(),
        target=options.base_url or "embedded mock",
        apis=tuple(options.apis),
        seed=options.seed,
        max_examples=options.max_examples,
        fail_on=options.fail_on,
        shard=None if options.shard is None else str(options.shard),
    )


def _stop(tally: _Tally, options: RunOptions, guard: RunGuard) -> tuple[StopReason, str]:
    if tally.sent == 0:
        return StopReason.NOTHING_TESTED, _nothing_tested(tally.skips)
    if tally.answered == 0:
        target = options.base_url or "the embedded mock"
        return StopReason.UNREACHABLE, f"no response from {target}: every request failed at the transport"
    if guard.cut_short:
        return StopReason.BUDGET_SPENT, f"stopped after {guard.sent} requests: {guard.budget_skip.message}"
    return StopReason.COMPLETED, ""


def _nothing_tested(skips: Counter[str]) -> str:
    """Why no request was sent, and what to do about it."""
    advice = {
        "costly": "every selected operation is costly: add --allow costly",
        "unsafe": "every selected operation is unsafe: add --allow unsafe",
        "not_run_by_default": "no selected operation runs by default against a live API: name them with --operation",
        "unreachable": "the target never answered",
        "unusable": "no request can be made for any selected operation (see the findings and skip reasons)",
        "no_cases": "no request was generated for the selected operations: choose more --phases",
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
        return mock_target(options.mock_of or api, options.seed)
    return live_target(api, options.base_url, options.limits.read.timeout_s)


def selected_operations(catalog: dict[str, Api], options: RunOptions) -> list[tuple[Api, list[Selection]]]:
    """Each API of the run with its selected operations, this shard's share of them with ``--shard``."""
    return deal([(catalog[name], operations_to_run(catalog[name], options)) for name in options.apis], options.shard)


def operations_to_run(api: Api, options: RunOptions) -> list[Selection]:
    """The API's operations a run with these options selects, each with why it is skipped, if it is."""
    return select_operations(api, options.operations, live=options.live, allowed=options.allow)


async def _run_api(
    api: Api,
    selections: list[Selection],
    target: Target,
    options: RunOptions,
    tally: _Tally,
    guard: RunGuard,
    seen: set[Seen],
) -> AsyncIterator[Event]:
    """Each operation's events. A target that has not answered once after ``_GIVE_UP_AFTER``
    transport failures is given up: the remaining operations are skipped, not sent to a dead server.
    """
    generator = CaseGenerator(api, options.generation)
    auth = api.contract.auth
    secrets = auth.secret_parts(target.secret) if target.secret else ()
    redactor = Redactor(secrets, headers=auth.secret_names, names=auth.secret_names)
    async with target.client() as client:
        for selection in selections:
            subject, safety = _subject(selection.operation), api.policy(selection.operation).safety.value
            cases, reason = await _cases(generator, selection, tally, guard)
            if reason is not None:
                tally.skips[reason.code] += 1
                yield OperationSkipped(subject, safety, reason)
                continue
            yield OperationStarted(subject, safety)
            limiter = guard.operation(resend_safe=_resend_safe(api, selection.operation))
            operation_run = _OperationRun(api, selection.operation, target, redactor, seen, limiter)
            try:
                for case in cases:
                    if not limiter.allows_another():
                        break
                    for finding in await operation_run.send(client, case, tally):
                        yield FindingObserved(finding)
                    await asyncio.sleep(0)  # in-process targets never suspend: let a cancellation in
                    if tally.given_up or limiter.stopped:
                        break
            except (asyncio.CancelledError, KeyboardInterrupt):
                yield OperationFinished(operation_run.result(safety))  # what was done is kept, then stop
                raise
            yield OperationFinished(operation_run.result(safety))


async def _cases(
    generator: CaseGenerator, selection: Selection, tally: _Tally, guard: RunGuard
) -> tuple[list[GeneratedCase], Skip | None]:
    """The operation's requests, or why it is skipped: also when the target is gone or the budget spent."""
    if selection.skipped is None and tally.given_up:
        return [], Skip("unreachable", "target unreachable")
    if selection.skipped is None and guard.spent:
        guard.cut_short = True
        return [], guard.budget_skip
    return await operation_cases(generator, selection)


class _OperationRun:
    """Sends one operation's cases; keeps, per fingerprint, its count and its most telling example.

    Distinct fingerprints of one code are capped per operation (a server that echoes random keys
    would otherwise make new ones forever); past the cap they are counted under one "more" finding.
    """

    def __init__(
        self,
        api: Api,
        operation: Operation,
        target: Target,
        redactor: Redactor,
        seen: set[Seen],
        limiter: OperationGuard,
    ) -> None:
        self.api, self.operation, self.target, self.redactor = api, operation, target, redactor
        self.limiter = limiter
        self.subject = _subject(operation)
        self.seen = seen  # (fingerprint, severity) met earlier in the run
        self.statuses: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.kept: dict[str, Finding] = {}
        self.per_code: Counter[str] = Counter()
        self.valid = self.invalid = 0
        self.started = time.perf_counter()
        self.observer = Observer(operation, api.validators.resolver, redactor.text)

    async def send(self, client: httpx.AsyncClient, case: GeneratedCase, tally: _Tally) -> list[Finding]:
        """Send one case and check the answer; returns the findings seen for the first time."""
        request = _build_request(client, self.api, self.target, case)
        violations = validate_request(self.operation, self.api.validators, _parts(self.operation, case, request))
        read = self.limiter.limits.read
        exchange = await self.limiter.send(lambda deadline: send(client, request, self.redactor, read, deadline))
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
        return self._check(exchange, violations, case.intent is Intent.VALID)

    def _check(self, exchange: Exchange, violations: list[Violation], meant_valid: bool) -> list[Finding]:
        context = CheckContext(
            self.api, self.operation, exchange, violations, self.target.secret is not None, meant_valid
        )
        self.observer.record(context)
        response = context.documented.key if context.documented else str(exchange.status or "")
        new: list[Finding] = []
        for code, check in CHECKS.items():
            for issue in check(context):
                finding = self._keep(code, issue, context, response)
                if finding is not None and (finding.fingerprint, finding.severity) not in self.seen:
                    self.seen.add((finding.fingerprint, finding.severity))
                    new.append(finding)
        return new

    def _keep(self, code: str, issue: Issue, context: CheckContext, response: str) -> Finding | None:
        """Count the finding; keep it if it is the most severe, then the smallest, example yet."""
        finding = self._finding(code, issue, context, response)
        fingerprint = finding.fingerprint
        if fingerprint not in self.kept and self.per_code[code] >= _MAX_FINDINGS_PER_CODE:
            finding = replace(finding, location=Location(keyword="more", response=response), message=_MORE)
            fingerprint = finding.fingerprint
        if fingerprint not in self.kept:
            self.per_code[code] += 1
        self.counts[fingerprint] += 1
        kept = self.kept.get(fingerprint)
        if kept is not None and kept.rank <= finding.rank:
            return None
        self.kept[fingerprint] = finding
        return finding

    def _finding(self, code: str, issue: Issue, context: CheckContext, response: str) -> Finding:
        """The issue as a finding: redacted everywhere a server's or the request's text can reach,
        the one place every finding message passes. A message may quote the value it judged without
        its name: where that name says secret, the value goes too."""
        exchange, redact = context.exchange, self.redactor.text
        message = self.redactor.for_instance(context.json_body, issue.location.pointer).text(issue.message)
        location = replace(
            issue.location,
            pointer=redact(issue.location.pointer),
            template=redact(issue.location.template),
            keyword=redact(issue.location.keyword),
            response=response,
        )
        evidence = ExchangeEvidence(exchange.request, exchange.response, curl_command(exchange.request))
        return _clipped(Finding(code, issue.severity, self.subject, location, message, evidence))

    def result(self, safety: str) -> OperationResult:
        findings = sorted(
            (replace(finding, count=self.counts[fp]) for fp, finding in self.kept.items()), key=lambda f: f.sort_key
        )
        return OperationResult(
            subject=self.subject,
            safety=safety,
            valid_requests=self.valid,
            invalid_requests=self.invalid,
            statuses=dict(sorted(self.statuses.items())),
            findings=tuple(findings),
            duration_s=round(time.perf_counter() - self.started, 3),
            checks=applicable_checks(Scope(self.api, self.operation, self.valid, self.invalid)),
            observed=self.observer.result(),
            stopped=self.limiter.stopped,
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


def _clipped(finding: Finding) -> Finding:
    """The finding quoting at most ``clip``'s few hundred characters of any value a server sent
    (jsonschema's messages embed the whole instance; a key can be a megabyte long)."""
    location = finding.location
    if max(len(finding.message), len(location.pointer), len(location.template), len(location.keyword)) <= QUOTE_LIMIT:
        return finding
    pointer, template, keyword = clip(location.pointer), clip(location.template), clip(location.keyword)
    return replace(
        finding,
        location=replace(location, pointer=pointer, template=template, keyword=keyword),
        message=clip(finding.message),
    )


def _resend_safe(api: Api, operation: Operation) -> bool:
    """Whether a request that failed in transport may be sent again: idempotent, and not paid for per call."""
    return operation.method in IDEMPOTENT and api.policy(operation).safety is not Safety.COSTLY


def _parts(operation: Operation, case: GeneratedCase, request: httpx.Request) -> RequestParts:
    return RequestParts.from_target(operation, case.target, request.headers.items(), request.content)


def _subject(operation: Operation) -> Subject:
    return Subject(operation.api, operation.method, operation.path, operation.operation_id)
