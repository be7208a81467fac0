"""report.json: valid against its shipped JSON Schema, and the same text for the same run."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conformance.checks import CHECK_CODES
from conformance.contracts import Api
from conformance.findings import Severity
from conformance.reporting import REPORT_VERSION, render_json, report_document
from conformance.results import RunResult
from tests.conftest import run_sync
from tests.reporting.synthetic import (
    CHECKED,
    SKIP_REASON,
    SKIPPED,
    compared,
    error_and_warning,
    finding,
    revring_run,
    synthetic_result,
)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    text = resources.files("conformance.reporting").joinpath("report.schema.json").read_text("utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _errors(validator: Draft202012Validator, document: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_real_run_document_is_valid(validator: Draft202012Validator, catalog: dict[str, Api]) -> None:
    assert _errors(validator, report_document(revring_run(catalog))) == []


@pytest.mark.parametrize(
    "result",
    [
        error_and_warning(),
        synthetic_result(),
        synthetic_result(complete=False),
        synthetic_result(complete=False, interrupted=True),
    ],
    ids=["findings", "clean", "in-progress", "interrupted"],
)
def test_synthetic_documents_are_valid(validator: Draft202012Validator, result: RunResult) -> None:
    assert _errors(validator, report_document(result)) == []


def test_schema_rejects_an_unknown_check_code(validator: Draft202012Validator) -> None:
    document = report_document(error_and_warning())
    document["findings"][0]["code"] = "renamed_check"
    assert _errors(validator, document)


def test_schema_rejects_a_bad_timestamp(validator: Draft202012Validator) -> None:
    document = report_document(synthetic_result())
    document["header"]["started_at"] = "2025-01-02 03:04:05"
    assert _errors(validator, document)


def test_document_carries_header_run_and_summary() -> None:
    document = report_document(error_and_warning())
    assert document["report_version"] == REPORT_VERSION == 4
    assert document["header"] == {
        "tool": "conformance",
        "version": "0.1.0",
        "started_at": "2025-01-02T03:04:05Z",
        "finished_at": "2025-01-02T03:04:07Z",
        "duration_s": 2.5,
        "complete": True,
        "interrupted": False,
        "operation_durations_s": {f"telnyx GET {CHECKED.path}": 1.2, f"telnyx POST {SKIPPED.path}": 0.0},
    }
    assert document["run"] == {
        "command": "run",
        "target": "https://api.test/v2",
        "apis": ["telnyx"],
        "seed": 7,
        "max_examples": 3,
        "fail_on": "error",
        "shard": None,
    }
    summary = document["summary"]
    assert (summary["requests"], summary["errors"], summary["warnings"]) == (6, 3, 1)
    assert (summary["operations_run"], summary["operations_skipped"]) == (1, 1)


def test_by_check_counts_the_codes_that_occur() -> None:
    by_check = report_document(error_and_warning())["summary"]["by_check"]
    assert by_check == {
        "required_field": {"error": 3, "warning": 0, "info": 0},
        "undocumented_field": {"error": 0, "warning": 1, "info": 0},
    }


def test_operations_keep_their_order_findings_and_skip_reason() -> None:
    checked, skipped = report_document(error_and_warning())["operations"]
    assert (checked["api"], checked["method"], checked["path"], checked["operation_id"]) == (
        CHECKED.api,
        CHECKED.method,
        CHECKED.path,
        CHECKED.operation_id,
    )
    assert checked["requests"] == {"valid": 4, "invalid": 2}
    assert checked["statuses"] == {"200": 4, "422": 2}
    assert checked["skipped"] is None
    assert checked["checks"] == list(CHECK_CODES)
    assert skipped["checks"] == []
    assert (checked["errors"], checked["warnings"]) == (3, 1)
    assert (skipped["skipped"], skipped["safety"]) == ({"code": "costly", "message": SKIP_REASON.message}, "costly")
    assert (skipped["errors"], skipped["warnings"]) == (0, 0)


def test_findings_carry_identity_location_and_evidence() -> None:
    findings = report_document(error_and_warning())["findings"]
    assert [(f["code"], f["severity"], f["count"]) for f in findings] == [
        ("required_field", "error", 3),
        ("undocumented_field", "warning", 1),
    ]
    first = findings[0]
    assert (first["api"], first["operation_id"]) == (CHECKED.api, CHECKED.operation_id)
    assert first["location"]["pointer"] == "/run_id"
    assert first["fingerprint"] == error_and_warning().findings[0].fingerprint
    assert (first["category"], first["title"]) == ("response", "required field missing")
    evidence = first["evidence"]
    assert (evidence["kind"], evidence["status"]) == ("exchange", 200)
    assert evidence["request"]["headers"][1] == ["authorization", "[REDACTED]"]
    assert evidence["response"]["status"] == 200
    assert evidence["curl"].startswith("curl -X GET ")


def test_transport_finding_has_no_response() -> None:
    missing = finding("transport", Severity.ERROR, "no response: ConnectError", response=None)
    evidence = report_document(synthetic_result(missing))["findings"][0]["evidence"]
    assert (evidence["response"], evidence["status"]) == (None, None)


def _assert_keys_sorted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    assert keys == sorted(keys)
    return dict(pairs)


def test_render_json_sorts_keys_and_ends_with_a_newline() -> None:
    text = render_json(report_document(error_and_warning()))
    assert text.endswith("}\n")
    json.loads(text, object_pairs_hook=_assert_keys_sorted)


def test_render_json_is_deterministic() -> None:
    assert render_json(report_document(error_and_warning())) == render_json(report_document(error_and_warning()))


def test_render_json_keeps_non_ascii_text() -> None:
    result = synthetic_result(finding("schema", Severity.ERROR, "'ünïcode' is not of type 'integer'"))
    assert "'ünïcode'" in render_json(report_document(result))


def test_same_seed_gives_the_same_report_but_for_the_header(catalog: dict[str, Api]) -> None:
    first = report_document(revring_run(catalog))
    second = report_document(run_sync(catalog, ["revring"], max_examples=2, seed=0))
    first.pop("header"), second.pop("header")
    assert render_json(first) == render_json(second)
    assert first["summary"]["requests"] > 0


def test_a_compared_run_is_valid_and_marks_its_findings(validator: Draft202012Validator) -> None:
    document = report_document(compared())
    assert _errors(validator, document) == []
    assert [(f["code"], f["baseline"]) for f in document["findings"]] == [
        ("required_field", "known"),
        ("undocumented_field", "new"),
    ]
    assert document["summary"]["baseline"] == {
        "file": "nightly/report.json",
        "new": 1,
        "known": 1,
        "fixed": 1,
        "not_checked": 0,
        "new_errors": 0,
    }
    assert document["summary"]["failed"] is False and document["summary"]["verdict"] == "PASS"
    assert [(f["fingerprint"], f["code"], f["severity"]) for f in document["fixed"]] == [
        ("00000000000000f1", "enum_value", "error")
    ]
    (change,) = document["observed_changes"]
    assert (change["kind"], change["status"], change["share_now"]) == ("status seen for the first time", "422", 0.3333)


def test_operations_carry_what_was_observed(validator: Draft202012Validator) -> None:
    checked, skipped = report_document(compared())["operations"]
    assert skipped["observed"] is None
    observed = checked["observed"]
    assert observed["responses"]["200"]["formats"] == {"/run_id": {"format": "uuid", "seen": 4, "violated": 1}}
    assert observed["never_seen"] == {
        "statuses": ["404"],
        "fields": {"200": ["/detail_status"]},
        "enum_values": {"200": {"/status": ["failed", "passed"]}},
    }
    assert observed["undocumented"]["statuses"] == ["422"]


def test_without_a_baseline_nothing_is_marked() -> None:
    document = report_document(error_and_warning())
    assert {f["baseline"] for f in document["findings"]} == {None}
    assert (document["summary"]["baseline"], document["fixed"], document["observed_changes"]) == (None, [], [])
