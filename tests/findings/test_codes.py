"""The finding codes are a public interface: users filter and baseline by them. Never rename one."""

from __future__ import annotations

import json
from importlib import resources

from conformance.findings import CODES, Category, Severity, describe

PUBLIC_CODES = (
    "content_type",
    "duplicate_operation_id",
    "enum_value",
    "error_location",
    "error_shape",
    "example_placeholder",
    "format_date_time",
    "format_uuid",
    "invalid_request_accepted",
    "required_field",
    "schema",
    "server_error",
    "spec_invalid",
    "status_code",
    "transport",
    "undocumented_field",
    "unresolved_ref",
    "valid_request_rejected",
)


def test_codes_are_exactly_the_public_list() -> None:
    assert tuple(sorted(CODES)) == PUBLIC_CODES


def test_report_schema_lists_the_same_codes() -> None:
    text = resources.files("conformance.reporting").joinpath("report.schema.json").read_text("utf-8")
    assert json.loads(text)["$defs"]["code"]["enum"] == list(PUBLIC_CODES)


def test_every_code_says_what_it_means_and_why_it_matters() -> None:
    for code, entry in CODES.items():
        assert entry.code == code
        assert entry.title and entry.meaning.endswith(".") and entry.why.endswith(".")
        assert isinstance(entry.severity, Severity) and isinstance(entry.category, Category)


def test_describe_gives_title_category_meaning_and_why() -> None:
    text = describe("valid_request_rejected")
    assert text.splitlines()[0] == "valid_request_rejected: valid request rejected"
    assert "category: request; default severity: error" in text
    assert "positive data acceptance" in text and "Why it matters:" in text
