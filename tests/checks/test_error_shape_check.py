"""error_shape: a 422 from an API whose contract names FastAPI's convention must follow it."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.checks import Severity
from conformance.contracts import Api, ErrorConvention
from conformance.specs.requests import Violation
from tests.checks.support import custom_api, exchange, issues, json_response, run_checks

TELNYX_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
GOOD_422 = {"detail": [{"loc": ["body", "name"], "msg": "x", "type": "missing"}]}
# The invalid part of the request each 422 below answers (a 422 to a valid one is valid_request_rejected).
NAME_MISSING = [Violation(("body", "name"), "Field required", "missing")]
RUBRIC_NAME_MISSING = [Violation(("body", "rubric", 0, "name"), "Field required", "missing")]


def test_contract_conventions(catalog: dict[str, Api]) -> None:
    conventions = {name: api.contract.error_convention for name, api in catalog.items()}
    assert conventions == {
        "freeplay": ErrorConvention.UNKNOWN,
        "revring": ErrorConvention.UNKNOWN,
        "telnyx": ErrorConvention.FASTAPI,
    }


def test_conforming_422_gives_no_issue(catalog: dict[str, Api]) -> None:
    assert run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, GOOD_422), NAME_MISSING) == {}


def test_integer_locations_follow_the_convention(catalog: dict[str, Api]) -> None:
    body = {"detail": [{"loc": ["body", "rubric", 0, "name"], "msg": "x", "type": "missing"}]}
    assert run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, body), RUBRIC_NAME_MISSING) == {}


def test_newer_fastapi_input_key_is_only_undocumented(catalog: dict[str, Api]) -> None:
    body = {"detail": [{"loc": ["body"], "msg": "x", "type": "missing", "input": None}]}
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, body), NAME_MISSING)
    assert {code: [(i.severity, i.pointer) for i in found] for code, found in fired.items()} == {
        "undocumented_field": [(Severity.WARNING, "/detail/0/input")]
    }


def test_empty_object_breaks_the_convention_but_not_the_spec(catalog: dict[str, Api]) -> None:
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, {}), NAME_MISSING)
    assert set(fired) == {"error_shape"}  # the spec's HTTPValidationError leaves detail optional
    [issue] = fired["error_shape"]
    assert (issue.severity, issue.pointer) == (Severity.ERROR, "/detail")
    assert "'detail' is a required property" in issue.message


def test_empty_detail_list_breaks_the_convention(catalog: dict[str, Api]) -> None:
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, {"detail": []}), NAME_MISSING)
    assert set(fired) == {"error_shape"}
    assert [i.pointer for i in fired["error_shape"]] == ["/detail"]


def test_detail_item_without_msg_breaks_convention_and_spec(catalog: dict[str, Api]) -> None:
    body = {"detail": [{"loc": ["body"], "type": "missing"}]}
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, body), NAME_MISSING)
    # The spec's ValidationError requires msg too, so both checks see it, at the same place.
    assert {code: [(i.severity, i.pointer) for i in found] for code, found in fired.items()} == {
        "error_shape": [(Severity.ERROR, "/detail/0/msg")],
        "required_field": [(Severity.ERROR, "/detail/0/msg")],
    }


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"detail": "Not found"}, "/detail"),
        ({"detail": [{"loc": "body", "msg": "x", "type": "t"}]}, "/detail/0/loc"),
        ({"detail": [{"loc": [1.5], "msg": "x", "type": "t"}]}, "/detail/0/loc/0"),
    ],
)
def test_malformed_detail_breaks_the_convention(catalog: dict[str, Api], body: dict[str, Any], pointer: str) -> None:
    found = issues(catalog["telnyx"], TELNYX_RUN, exchange(422, body), "error_shape")
    assert [(i.severity, i.pointer) for i in found] == [(Severity.ERROR, pointer)]


@pytest.mark.parametrize(
    ("body", "content_type"), [(b"Unprocessable", "text/plain"), (b"", ""), (b"{oops", "application/json")]
)
def test_422_without_json_breaks_the_convention(catalog: dict[str, Api], body: bytes, content_type: str) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(422, body, content_type), "error_shape")
    assert issue.severity is Severity.ERROR
    assert "without a JSON body" in issue.message


@pytest.mark.parametrize("status", [400, 404, 200])
def test_other_statuses_are_not_checked_for_the_convention(catalog: dict[str, Api], status: int) -> None:
    assert issues(catalog["telnyx"], TELNYX_RUN, exchange(status, {}), "error_shape") == []


@pytest.mark.parametrize(("api", "operation"), [("freeplay", "get_get_test_runs"), ("revring", "startTestSuiteRun")])
def test_unknown_convention_is_not_checked(catalog: dict[str, Api], api: str, operation: str) -> None:
    for body in ({}, b"not json"):
        assert issues(catalog[api], operation, exchange(422, body), "error_shape") == []


# error_location: the 422 names the part of the request that was invalid


def _located(catalog: dict[str, Api], loc: list[Any], violations: list[Violation]) -> list[str]:
    body = {"detail": [{"loc": loc, "msg": "x", "type": "x"}]}
    return [
        i.message
        for i in issues(catalog["telnyx"], TELNYX_RUN, exchange(422, body), "error_location", violations=violations)
    ]


def test_a_422_naming_the_invalid_field_is_right(catalog: dict[str, Api]) -> None:
    assert _located(catalog, ["body", "name"], NAME_MISSING) == []
    assert _located(catalog, ["query", "page", "size"], [Violation(("query", "page", "size"), "x", "x")]) == []


def test_a_422_blaming_another_field_is_a_finding(catalog: dict[str, Api]) -> None:
    assert _located(catalog, ["body", "instructions"], NAME_MISSING) == [
        "422 blames body.instructions; the invalid part was body.name"
    ]


def test_a_422_blaming_the_body_for_a_bad_query_parameter_is_a_finding(catalog: dict[str, Api]) -> None:
    [message] = _located(catalog, ["body"], [Violation(("query", "limit"), "x", "x")])
    assert message == "422 blames body; the invalid part was query.limit"
    [issue] = issues(
        catalog["telnyx"],
        TELNYX_RUN,
        exchange(422, {"detail": [{"loc": ["body"], "msg": "x", "type": "x"}]}),
        "error_location",
        violations=[Violation(("query", "limit"), "x", "x")],
    )
    assert (issue.severity, issue.location.pointer, issue.location.keyword) == (Severity.ERROR, "/query/limit", "loc")


def test_a_position_or_a_bare_part_names_no_field_and_agrees(catalog: dict[str, Api]) -> None:
    malformed = [Violation(("body", 0), "JSON decode error", "json_invalid")]
    assert _located(catalog, ["body", 17], malformed) == []
    assert _located(catalog, ["body"], NAME_MISSING) == []


def test_error_location_needs_an_invalid_request_and_the_convention(catalog: dict[str, Api]) -> None:
    assert _located(catalog, ["body", "instructions"], []) == []
    body = {"detail": [{"loc": ["body", "other"], "msg": "x", "type": "x"}]}
    found = issues(
        catalog["revring"], "startTestSuiteRun", exchange(422, body), "error_location", violations=NAME_MISSING
    )
    assert found == []


def test_header_names_agree_in_any_case_and_with_underscores(catalog: dict[str, Api]) -> None:
    violation = [Violation(("header", "X-Request-Token"), "x", "x")]
    assert _located(catalog, ["header", "x-request-token"], violation) == []
    assert _located(catalog, ["header", "x_request_token"], violation) == []
    assert _located(catalog, ["header", "x-other"], violation) != []


def test_the_convention_does_not_apply_where_the_operation_documents_its_422_otherwise(catalog: dict[str, Api]) -> None:
    text = custom_api(catalog["telnyx"], {"422": {"description": "x", "content": {"text/plain": {"schema": {}}}}})
    assert (
        issues(text, "getThing", exchange(422, b"bad request", "text/plain"), "error_shape", violations=NAME_MISSING)
        == []
    )
    own = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
    other = custom_api(catalog["telnyx"], json_response(own, "422"))
    assert issues(other, "getThing", exchange(422, {"error": "bad"}), "error_shape", violations=NAME_MISSING) == []
    assert issues(other, "getThing", exchange(422, {"error": "bad"}), "error_location", violations=NAME_MISSING) == []
    undocumented = custom_api(catalog["telnyx"], json_response({"type": "object"}))
    assert issues(undocumented, "getThing", exchange(422, {}), "error_shape", violations=NAME_MISSING) != []


def test_a_422_documented_without_a_body_is_not_held_to_the_convention(catalog: dict[str, Api]) -> None:
    bodiless = custom_api(catalog["telnyx"], {"422": {"description": "invalid"}})
    assert issues(bodiless, "getThing", exchange(422, b"", ""), "error_shape", violations=NAME_MISSING) == []
