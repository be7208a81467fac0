"""End to end: real servers on 127.0.0.1 with one planted drift each; the run names it by its code.

The faithful server is the embedded mock; each broken one is the mock with one kind of drift.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from typing import Any

import pytest

from conformance.contracts import Api
from conformance.findings import ExchangeEvidence, Finding, Severity
from conformance.mock import create_app
from conformance.results import RunCollector, RunResult, StopReason
from conformance.runner import RunOptions, drive, run
from conformance.specs import SchemaValidators
from tests.conftest import run_sync
from tests.servers import Mutation, drifted, free_port, json_drift, serve

TELNYX_GET_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
TELNYX_TRIGGER = "trigger_test_run_public_assistants_tests__test_id__runs_post"
TELNYX_SUITES = "fetch_test_suites_public_assistants_tests_test_suites_get"
REVRING_START = "startTestSuiteRun"
SECRETS = {"TELNYX_API_KEY": "tk-drift-secret", "REVRING_API_KEY": "rr-drift-secret", "FREEPLAY_API_KEY": "fp-secret"}


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)


def codes(result: RunResult, severity: Severity) -> set[str]:
    return {finding.code for finding in result.findings if finding.severity is severity}


def first(result: RunResult, code: str) -> Finding:
    return next(finding for finding in result.findings if finding.code == code)


def run_drifted(catalog: dict[str, Api], api: str, operation: str, mutation: Mutation) -> RunResult:
    with serve(drifted(create_app(catalog[api], seed=1), mutation)) as base_url:
        return run_sync(catalog, [api], base_url=base_url, operations=[operation], max_examples=2)


def set_field(name: str, value: Any) -> Callable[[Any], Any]:
    def change(body: Any) -> Any:
        return {**body, name: value}

    return change


def without(name: str) -> Callable[[Any], Any]:
    return lambda body: {k: v for k, v in body.items() if k != name}


def _get_run(method: str, path: str, status: int) -> bool:
    return method == "GET" and "/runs/" in path and status == 200


BODY_DRIFTS = [
    pytest.param(without("run_id"), "required_field", id="required_field"),
    pytest.param(set_field("status", "cancelled"), "enum_value", id="enum_value"),
    pytest.param(lambda b: {**b, "run_id": b["run_id"].replace("-", "")}, "format_uuid", id="format_uuid"),
    pytest.param(set_field("created_at", "2024-01-24 10:30:00"), "format_date_time", id="format_date_time"),
    pytest.param(set_field("triggered_by", 42), "schema", id="schema"),
]


@pytest.mark.parametrize(("change", "code"), BODY_DRIFTS)
def test_body_drift_is_reported_with_its_code(catalog: dict[str, Api], change: Any, code: str) -> None:
    result = run_drifted(catalog, "telnyx", TELNYX_GET_RUN, json_drift(_get_run, change))
    assert codes(result, Severity.ERROR) == {code}
    assert first(result, code).location.pointer.split("/")[1] in ("run_id", "status", "created_at", "triggered_by")


def test_undocumented_status_is_reported(catalog: dict[str, Api]) -> None:
    def mutate(method: str, path: str, status: int, headers: Any, body: bytes) -> Any:
        return (203 if status == 200 else status), headers, body

    result = run_drifted(catalog, "telnyx", TELNYX_SUITES, mutate)
    assert codes(result, Severity.ERROR) == {"status_code"}


def test_undocumented_content_type_is_reported(catalog: dict[str, Api]) -> None:
    def mutate(method: str, path: str, status: int, headers: Any, body: bytes) -> Any:
        kept = [(k, v) for k, v in headers if k.lower() != b"content-type"]
        return status, [*kept, (b"content-type", b"text/plain")], body

    result = run_drifted(catalog, "telnyx", TELNYX_SUITES, mutate)
    assert codes(result, Severity.ERROR) == {"content_type"}


def test_422_without_detail_breaks_the_error_convention(catalog: dict[str, Api]) -> None:
    mutation = json_drift(lambda m, p, s: s == 422, lambda body: {})
    result = run_drifted(catalog, "telnyx", TELNYX_TRIGGER, mutation)
    # The spec's own HTTPValidationError leaves detail optional, so only the convention is broken.
    assert codes(result, Severity.ERROR) == {"error_shape"}


def test_server_error_is_reported(catalog: dict[str, Api]) -> None:
    def mutate(method: str, path: str, status: int, headers: Any, body: bytes) -> Any:
        return 500, [(b"content-type", b"text/plain")], b"Internal Server Error"

    result = run_drifted(catalog, "revring", REVRING_START, mutate)
    assert codes(result, Severity.ERROR) == {"server_error"}


def test_undocumented_field_is_a_warning(catalog: dict[str, Api]) -> None:
    result = run_drifted(catalog, "telnyx", TELNYX_GET_RUN, json_drift(_get_run, set_field("cost_usd", 0.25)))
    assert codes(result, Severity.ERROR) == set()
    assert "undocumented_field" in codes(result, Severity.WARNING)
    assert first(result, "undocumented_field").location.pointer == "/cost_usd"


def test_unseen_value_of_an_incomplete_enum_is_a_warning(catalog: dict[str, Api]) -> None:
    def change(body: Any) -> Any:
        return {"data": {**body["data"], "status": "running"}}

    result = run_drifted(catalog, "revring", REVRING_START, json_drift(lambda m, p, s: s == 201, change))
    assert codes(result, Severity.ERROR) == set()
    assert "enum_value" in codes(result, Severity.WARNING)


def test_invalid_request_accepted_when_the_server_skips_a_limit(catalog: dict[str, Api]) -> None:
    # The server implements a spec without the 128-character limit on the run name.
    api = catalog["revring"]
    loosened = copy.deepcopy(dict(api.spec.document))
    del loosened["components"]["schemas"]["StartTestRunRequest"]["properties"]["name"]["maxLength"]
    lenient = Api(
        api.contract,
        api.spec.__class__(api.name, api.spec.source, loosened, api.spec.operations),
        SchemaValidators(api.name, loosened),
    )
    with serve(create_app(lenient, seed=1)) as base_url:
        result = run_sync(catalog, ["revring"], base_url=base_url, operations=[REVRING_START], max_examples=2)
    assert codes(result, Severity.ERROR) == {"invalid_request_accepted"}
    accepted = first(result, "invalid_request_accepted")
    assert "name" in accepted.message and accepted.location.pointer == "/body/name"
    assert isinstance(accepted.evidence, ExchangeEvidence) and accepted.evidence.status == 201


def test_unreachable_target_gives_transport_findings_and_stops(catalog: dict[str, Api]) -> None:
    collector = RunCollector()
    options = RunOptions(apis=["telnyx"], base_url=f"http://127.0.0.1:{free_port()}", max_examples=1)
    finished = asyncio.run(drive(run(catalog, options), [collector]))
    assert finished.stop is StopReason.UNREACHABLE
    final = collector.result()
    assert codes(final, Severity.ERROR) == {"transport"}
    ran = [op for op in final.operations if op.skipped is None]
    assert sum(op.requests for op in ran) == 5  # five failures in all, then it gives up on the target
    assert any(op.skipped is not None and op.skipped.code == "unreachable" for op in final.operations)


@pytest.mark.parametrize("api", ["telnyx", "freeplay", "revring"])
def test_faithful_server_gives_no_error(catalog: dict[str, Api], api: str) -> None:
    everything = [operation.operation_id for operation in catalog[api].spec.operations]
    with serve(create_app(catalog[api], seed=3)) as base_url:
        result = run_sync(catalog, [api], base_url=base_url, operations=everything, max_examples=3)
    assert all(op.requests > 0 for op in result.operations)
    assert codes(result, Severity.ERROR) == set()


def test_a_response_missing_two_required_fields_gives_two_findings(catalog: dict[str, Api]) -> None:
    change = without_all("run_id", "test_id")
    result = run_drifted(catalog, "telnyx", TELNYX_GET_RUN, json_drift(_get_run, change))
    missing = [f for f in result.findings if f.code == "required_field"]
    assert sorted(f.location.pointer for f in missing) == ["/run_id", "/test_id"]
    assert len({f.fingerprint for f in missing}) == 2
    assert all(f.count >= 1 and f.location.keyword == "required" for f in missing)


def test_fingerprints_are_the_same_across_seeds(catalog: dict[str, Api]) -> None:
    change = without_all("run_id")
    fingerprints = []
    for seed in (1, 2):
        with serve(drifted(create_app(catalog["telnyx"], seed=seed), json_drift(_get_run, change))) as base_url:
            result = run_sync(catalog, ["telnyx"], base_url=base_url, operations=[TELNYX_GET_RUN], seed=seed)
        fingerprints.append({(f.code, f.fingerprint) for f in result.findings if f.severity is Severity.ERROR})
    assert fingerprints[0] == fingerprints[1] != set()


def without_all(*names: str) -> Callable[[Any], Any]:
    return lambda body: {k: v for k, v in body.items() if k not in names}
