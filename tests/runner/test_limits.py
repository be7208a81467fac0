"""Budgets, pacing, Retry-After, the circuit breaker and retries, against a chaos server on 127.0.0.1.

The server counts (and times) every request that reaches it; the run's own result says why each
operation stopped.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from conformance.contracts import Api, OperationPolicy, Safety
from conformance.contracts.catalog import spec_catalog
from conformance.findings import Severity
from conformance.results import RunCollector, RunResult, StopReason
from conformance.runner import RunOptions, drive, run
from conformance.runner.limits import Limits, parse_rate, retry_after
from conformance.transport import ReadLimits
from tests.apps.chaos import ChaosServer, chaos_server, chaos_spec


def chaos_api(tmp_path: Path, document: dict[str, Any]) -> Api:
    path = tmp_path / "chaos.json"
    path.write_text(json.dumps(document))
    [api] = spec_catalog(str(path)).values()
    return api


def run_against(server: ChaosServer, api: Api, limits: Limits, max_examples: int = 20) -> RunResult:
    options = RunOptions(
        apis=[api.name], base_url=server.base_url, max_examples=max_examples, limits=limits, allow=frozenset(Safety)
    )
    collector = RunCollector()
    asyncio.run(drive(run({api.name: api}, options), [collector]))
    return collector.result()


def stopped(result: RunResult) -> dict[str, str | None]:
    return {op.subject.path: None if op.stopped is None else op.stopped.code for op in result.operations}


@pytest.mark.parametrize(("text", "per_second"), [("10", 10.0), ("10/s", 10.0), ("600/m", 10.0), ("0.5", 0.5)])
def test_rates_are_read_per_second_or_per_minute(text: str, per_second: float) -> None:
    assert parse_rate(text) == per_second


@pytest.mark.parametrize("text", ["0", "fast", "10/d", "-1", ""])
def test_a_rate_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="expected a rate"):
        parse_rate(text)


def test_retry_after_is_seconds_or_an_http_date() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert retry_after("7", now) == 7.0
    assert retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert retry_after("soon", now) is None


def test_the_run_budget_stops_at_exactly_n_requests_and_says_so(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/ok", "/also-ok"], query=True))
    with chaos_server() as server:
        result = run_against(server, api, Limits(max_requests=7))
        assert len(server.received) == 7
    assert result.stop is StopReason.BUDGET_SPENT and result.complete
    assert "budget of 7 requests (--max-requests)" in result.stop_message
    assert result.verdict.endswith("(stopped at its request budget)")
    first, second = result.operations
    assert first.requests == 7 and first.stopped is not None and first.stopped.code == "budget"
    assert second.skipped is not None and second.skipped.code == "budget"


def test_a_budget_the_run_does_not_reach_cuts_nothing(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/ok"]))
    with chaos_server() as server:
        result = run_against(server, api, Limits(max_requests=1000))
    assert result.stop is StopReason.COMPLETED and stopped(result) == {"/ok": None}


def test_the_per_operation_budget_stops_each_operation_at_n(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/ok", "/also-ok"], query=True))
    with chaos_server() as server:
        result = run_against(server, api, Limits(max_requests_per_operation=3))
        assert (server.count("/ok"), server.count("/also-ok")) == (3, 3)
    assert stopped(result) == {"/ok": "budget", "/also-ok": "budget"}
    assert result.stop is StopReason.COMPLETED


def test_the_circuit_breaker_stops_an_operation_after_5_failing_answers(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/server-error", "/ok"], query=True))
    with chaos_server() as server:
        result = run_against(server, api, Limits())
        assert server.count("/server-error") == 5
        assert server.count("/ok") > 5  # the next operation runs as usual
    assert stopped(result) == {"/server-error": "circuit_breaker", "/ok": None}
    breaker = result.operations[0].stopped
    assert (
        breaker is not None and breaker.message == "stopped after 5 failing answers in a row (500 x5): circuit breaker"
    )


def test_a_circuit_breaker_of_0_never_trips(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/server-error"], query=True))
    with chaos_server() as server:
        result = run_against(server, api, Limits(breaker=0), max_examples=5)
        assert server.count("/server-error") == result.requests > 5
    assert stopped(result) == {"/server-error": None}


def test_retry_after_is_honoured_and_a_429_is_no_finding(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/rate-limited"], query=True))
    with chaos_server() as server:
        result = run_against(server, api, Limits(max_requests_per_operation=3))
        times = [request.at for request in server.received]
    assert len(times) == 3
    assert all(later - earlier >= 0.95 for earlier, later in itertools.pairwise(times))  # Retry-After: 1
    assert result.findings == ()  # an undocumented 429 is not a status_code finding, nor a rejection
    assert result.operations[0].statuses == {"429": 3}


def test_a_retry_after_past_the_cap_stops_the_operation(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/rate-limited-long", "/ok"]))
    with chaos_server() as server:
        result = run_against(server, api, Limits(max_retry_after_s=5))
        assert server.count("/rate-limited-long") == 1
    assert stopped(result) == {"/rate-limited-long": "rate_limited", "/ok": None}
    limited = result.operations[0].stopped
    assert (
        limited is not None and "asked to wait 3600 s (Retry-After), more than --max-retry-after 5" in limited.message
    )


def test_the_rate_limit_paces_requests(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/ok"], query=True))
    with chaos_server() as server:
        run_against(server, api, Limits(max_requests=6, rate_per_s=10))
        times = [request.at for request in server.received]
    assert len(times) == 6
    assert times[-1] - times[0] >= 0.45  # five intervals of 0.1 s


def test_idempotent_requests_that_fail_in_transport_are_retried_twice(tmp_path: Path) -> None:
    # /ok first: a target that never answered is given up after 5 failures, whatever the method.
    api = chaos_api(tmp_path, chaos_spec(["/ok", "/close", "/reset"], methods=("get", "post")))
    with chaos_server() as server:
        result = run_against(server, api, Limits(breaker=0), max_examples=1)
        by_method = {(r.method, r.path) for r in server.received}
        counts = {key: sum(1 for r in server.received if (r.method, r.path) == key) for key in by_method}
    requests = {(op.subject.method, op.subject.path): op.requests for op in result.operations}
    for (method, path), sent in requests.items():
        retried = method == "GET" and path != "/ok"
        assert sent > 0 and counts[(method, path)] == sent * (3 if retried else 1), (method, path)
    assert {finding.code for finding in result.findings} == {"transport"}


def test_a_costly_operation_is_never_retried(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/close"]))
    costly = {name: OperationPolicy(Safety.COSTLY, True) for name in api.contract.operations}
    api = replace(api, contract=replace(api.contract, operations=costly))
    with chaos_server() as server:
        result = run_against(server, api, Limits(breaker=0), max_examples=1)
        assert server.count("/close") == result.requests


def test_one_deadline_covers_the_whole_request(tmp_path: Path) -> None:
    api = chaos_api(tmp_path, chaos_spec(["/drip"]))
    limits = Limits(max_requests=1, read=ReadLimits(timeout_s=1.0))
    with chaos_server() as server:
        result = run_against(server, api, limits)
    [finding] = result.findings
    assert finding.code == "transport" and finding.severity is Severity.ERROR
    assert finding.message == "no response: no whole response within 1 s (--timeout)"
    assert 1.0 <= result.operations[0].duration_s < 3.0
