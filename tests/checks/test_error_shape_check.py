"""error_shape: a 422 from an API whose contract names FastAPI's convention must follow it."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.checks import Severity
from conformance.contracts import Api, ErrorConvention
from tests.checks.support import exchange, issues, run_checks

TELNYX_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
GOOD_422 = {"detail": [{"loc": ["body", "name"], "msg": "x", "type": "missing"}]}


def test_contract_conventions(catalog: dict[str, Api]) -> None:
    conventions = {name: api.contract.error_convention for name, api in catalog.items()}
    assert conventions == {
        "freeplay": ErrorConvention.UNKNOWN,
        "revring": ErrorConvention.UNKNOWN,
        "telnyx": ErrorConvention.FASTAPI,
    }


def test_conforming_422_gives_no_issue(catalog: dict[str, Api]) -> None:
    assert run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, GOOD_422)) == {}


def test_integer_locations_follow_the_convention(catalog: dict[str, Api]) -> None:
    body = {"detail": [{"loc": ["body", "rubric", 0, "name"], "msg": "x", "type": "missing"}]}
    assert run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, body)) == {}


def test_newer_fastapi_input_key_is_only_undocumented(catalog: dict[str, Api]) -> None:
    body = {"detail": [{"loc": ["body"], "msg": "x", "type": "missing", "input": None}]}
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, body))
    assert {code: [(i.severity, i.pointer) for i in found] for code, found in fired.items()} == {
        "undocumented_field": [(Severity.WARNING, "/detail/0/input")]
    }


def test_empty_object_breaks_the_convention_but_not_the_spec(catalog: dict[str, Api]) -> None:
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, {}))
    assert set(fired) == {"error_shape"}  # the spec's HTTPValidationError leaves detail optional
    [issue] = fired["error_shape"]
    assert (issue.severity, issue.pointer) == (Severity.ERROR, "/detail")
    assert "'detail' is a required property" in issue.message


def test_empty_detail_list_breaks_the_convention(catalog: dict[str, Api]) -> None:
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, {"detail": []}))
    assert set(fired) == {"error_shape"}
    assert [i.pointer for i in fired["error_shape"]] == ["/detail"]


def test_detail_item_without_msg_breaks_convention_and_spec(catalog: dict[str, Api]) -> None:
    body = {"detail": [{"loc": ["body"], "type": "missing"}]}
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(422, body))
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
