"""The finding codes are a public interface: users filter and baseline by them. Never rename one."""

from __future__ import annotations

import json
from importlib import resources

from conformance.findings import CODES, Category, ChangeClass, Severity, describe

PUBLIC_CODES = (
    "behaves_like_neither_spec",
    "behaves_like_new_spec",
    "behaves_like_old_spec",
    "content_type",
    "description_changed",
    "duplicate_operation_id",
    "enum_value",
    "error_location",
    "error_shape",
    "example_changed",
    "example_placeholder",
    "format_date_time",
    "format_uuid",
    "invalid_request_accepted",
    "new_optional_request_parameter",
    "new_optional_request_property",
    "new_required_request_parameter",
    "new_required_request_property",
    "operation_added",
    "operation_deprecated",
    "operation_id_changed",
    "operation_removed",
    "operation_renamed",
    "operation_security_loosened",
    "operation_security_tightened",
    "path_parameter_renamed",
    "path_removed",
    "request_additional_properties_closed",
    "request_body_added_optional",
    "request_body_added_required",
    "request_body_became_optional",
    "request_body_became_required",
    "request_body_removed",
    "request_bound_loosened",
    "request_bound_tightened",
    "request_default_changed",
    "request_enum_value_added",
    "request_enum_value_removed",
    "request_format_changed",
    "request_media_type_added",
    "request_media_type_removed",
    "request_parameter_became_optional",
    "request_parameter_became_required",
    "request_parameter_removed",
    "request_pattern_changed",
    "request_property_became_optional",
    "request_property_became_required",
    "request_property_removed",
    "request_type_narrowed",
    "request_type_widened",
    "request_union_branch_added",
    "request_union_branch_removed",
    "required_field",
    "response_bound_loosened",
    "response_bound_tightened",
    "response_enum_value_added",
    "response_enum_value_removed",
    "response_error_status_added",
    "response_error_status_removed",
    "response_format_added",
    "response_format_changed",
    "response_media_type_added",
    "response_media_type_removed",
    "response_optional_property_removed",
    "response_pattern_changed",
    "response_property_added",
    "response_property_became_nullable",
    "response_property_became_optional",
    "response_property_became_required",
    "response_required_property_removed",
    "response_success_status_added",
    "response_success_status_removed",
    "response_type_changed",
    "response_type_narrowed",
    "response_union_branch_added",
    "response_union_branch_removed",
    "schema",
    "security_scheme_added",
    "security_scheme_changed",
    "security_scheme_removed",
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


def test_spec_change_codes_have_a_class_that_gives_their_severity() -> None:
    changes = {code: entry for code, entry in CODES.items() if entry.category is Category.SPEC_CHANGE}
    assert len(changes) >= 60
    for entry in changes.values():
        assert entry.change is not None and entry.severity is entry.change.severity
    assert CODES["response_enum_value_added"].change is ChangeClass.BREAKING
    assert CODES["request_enum_value_added"].change is ChangeClass.NON_BREAKING
    assert CODES["request_pattern_changed"].severity is Severity.WARNING
    assert CODES["description_changed"].change is ChangeClass.INFORMATIONAL
    assert all(entry.change is None for entry in CODES.values() if entry.category is not Category.SPEC_CHANGE)


def test_describe_names_a_spec_changes_class() -> None:
    assert "category: spec change; default severity: error; change: breaking" in describe("path_removed")
