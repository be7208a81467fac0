"""report.json: valid against its shipped JSON Schema, and the same text for the same run."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conformance.checks import CHECK_CODES, Severity
from conformance.contracts import Api
from conformance.reporting import REPORT_VERSION, render_json, report_document
from conformance.results import RunResult
from tests.conftest import run_sync
from tests.reporting.synthetic import (
    CHECKED,
    SKIP_REASON,
    error_and_warning,
    finding,
    group,
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
    document["operations"][0]["findings"][0]["check"] = "renamed_check"
    assert _errors(validator, document)


def test_schema_rejects_a_bad_timestamp(validator: Draft202012Validator) -> None:
    document = report_document(synthetic_result())
    document["header"]["started_at"] = "2025-01-02 03:04:05"
    assert _errors(validator, document)


def test_document_carries_header_run_and_summary() -> None:
    document = report_document(error_and_warning())
    assert document["report_version"] == REPORT_VERSION == 1
    assert document["header"] == {
        "tool": "conformance",
        "version": "0.1.0",
        "started_at": "2025-01-02T03:04:05Z",
        "finished_at": "2025-01-02T03:04:07Z",
        "duration_s": 2.5,
        "complete": True,
        "interrupted": False,
    }
    assert document["run"] == {"target": "https://api.test/v2", "seed": 7, "max_examples": 3, "fail_on": "error"}
    summary = document["summary"]
    assert (summary["requests"], summary["errors"], summary["warnings"]) == (6, 3, 1)
    assert (summary["operations_run"], summary["operations_skipped"]) == (1, 1)


def test_by_check_counts_every_code() -> None:
    by_check = report_document(error_and_warning())["summary"]["by_check"]
    assert list(by_check) == list(CHECK_CODES)
    assert by_check["required_field"] == {"error": 3, "warning": 0}
    assert by_check["undocumented_field"] == {"error": 0, "warning": 1}
    assert sum(c["error"] + c["warning"] for c in by_check.values()) == 4


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
    assert [(g["check"], g["severity"], g["count"]) for g in checked["findings"]] == [
        ("required_field", "error", 3),
        ("undocumented_field", "warning", 1),
    ]
    example = checked["findings"][0]["example"]
    assert example["pointer"] == "/run_id"
    assert example["status"] == 200
    assert example["request"]["headers"][1] == ["authorization", "[REDACTED]"]
    assert example["response"]["status"] == 200
    assert example["curl"].startswith("curl -X GET ")
    assert (skipped["skipped"], skipped["safety"], skipped["findings"]) == (SKIP_REASON, "costly", [])


def test_transport_finding_has_no_response() -> None:
    missing = replace(finding("transport", Severity.ERROR, "no response: ConnectError"), response=None, status=None)
    example = report_document(synthetic_result(group(missing)))["operations"][0]["findings"][0]["example"]
    assert (example["response"], example["status"]) == (None, None)


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
    result = synthetic_result(group(finding("schema", Severity.ERROR, "'ünïcode' is not of type 'integer'")))
    assert "'ünïcode'" in render_json(report_document(result))


def test_same_seed_gives_the_same_report_but_for_the_header(catalog: dict[str, Api]) -> None:
    first = report_document(revring_run(catalog))
    second = report_document(run_sync(catalog, ["revring"], max_examples=2, seed=0))
    first.pop("header"), second.pop("header")
    assert render_json(first) == render_json(second)
    assert first["summary"]["requests"] > 0
