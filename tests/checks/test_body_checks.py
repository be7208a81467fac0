"""Body checks: each planted fault gives findings of its own code only, at the right pointer."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.checks import Severity
from conformance.checks.base import location_of
from conformance.contracts import Api
from tests.checks.support import UUID, bundled_api, custom_api, exchange, issues, json_response, run_checks

TELNYX_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
REVRING_START = "startTestSuiteRun"
FREEPLAY_CREATE = "post_create_with_test_cases"

CONFORMING_RUN: dict[str, Any] = {
    "run_id": "987fcdeb-51a2-43d1-b456-426614174000",
    "test_id": "123e4567-e89b-12d3-a456-426614174000",
    "status": "passed",
    "triggered_by": "cron",
    "created_at": "2024-01-24T10:30:00Z",
    "completed_at": "2024-01-24T10:31:00+01:00",
    "detail_status": [{"name": "Response Time", "status": "passed"}],
    "logs": "ok",
}


def planted(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    body = copy.deepcopy(CONFORMING_RUN)
    change(body)
    return body


def test_conforming_run_gives_no_issue_from_any_check(catalog: dict[str, Api]) -> None:
    assert run_checks(catalog["telnyx"], TELNYX_RUN, exchange(200, CONFORMING_RUN)) == {}


FAULTS: list[tuple[str, Callable[[dict[str, Any]], None], str, Severity, str]] = [
    ("missing run_id", lambda b: b.pop("run_id"), "required_field", Severity.ERROR, "/run_id"),
    (
        "nested missing status",
        lambda b: b["detail_status"][0].pop("status"),
        "required_field",
        Severity.ERROR,
        "/detail_status/0/status",
    ),
    ("unknown status", lambda b: b.update(status="cancelled"), "enum_value", Severity.ERROR, "/status"),
    (
        "nested unknown status",
        lambda b: b["detail_status"][0].update(status="skipped"),
        "enum_value",
        Severity.ERROR,
        "/detail_status/0/status",
    ),
    (
        "uuid without hyphens",
        lambda b: b.update(run_id=UUID.replace("-", "")),
        "format_uuid",
        Severity.ERROR,
        "/run_id",
    ),
    (
        "date-time with a space",
        lambda b: b.update(created_at="2024-01-24 10:30:00"),
        "format_date_time",
        Severity.ERROR,
        "/created_at",
    ),
    (
        "date-time without offset",
        lambda b: b.update(created_at="2024-01-24T10:30:00"),
        "format_date_time",
        Severity.ERROR,
        "/created_at",
    ),
    ("integer for a string", lambda b: b.update(triggered_by=7), "schema", Severity.ERROR, "/triggered_by"),
    ("extra property", lambda b: b.update(extra=1), "undocumented_field", Severity.WARNING, "/extra"),
    (
        "nested extra property",
        lambda b: b["detail_status"][0].update(score=3),
        "undocumented_field",
        Severity.WARNING,
        "/detail_status/0/score",
    ),
]


@pytest.mark.parametrize(("change", "code", "severity", "pointer"), [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_planted_fault_fires_only_its_own_check(
    catalog: dict[str, Api], change: Callable[[dict[str, Any]], None], code: str, severity: Severity, pointer: str
) -> None:
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(200, planted(change)))
    assert set(fired) == {code}
    assert [(i.severity, i.pointer) for i in fired[code]] == [(severity, pointer)]


def test_required_field_message_names_the_missing_property(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(200, planted(lambda b: b.pop("run_id"))), "required_field")
    assert issue.message == "'run_id' is a required property"


def test_format_message_names_value_and_format(catalog: dict[str, Api]) -> None:
    body = planted(lambda b: b.update(run_id="nope"))
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(200, body), "format_uuid")
    assert "'nope'" in issue.message and "uuid" in issue.message


def test_two_faults_give_one_issue_each(catalog: dict[str, Api]) -> None:
    body = planted(lambda b: (b.pop("test_id"), b.update(status="cancelled")))
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(200, body))
    assert {code: [i.pointer for i in found] for code, found in fired.items()} == {
        "required_field": ["/test_id"],
        "enum_value": ["/status"],
    }


def test_body_checks_use_json_with_a_charset_parameter(catalog: dict[str, Api]) -> None:
    body = planted(lambda b: b.pop("run_id"))
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(200, body, "application/json; charset=utf-8"))
    assert set(fired) == {"required_field"}


def test_body_checks_skip_a_body_that_is_not_json(catalog: dict[str, Api]) -> None:
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(200, b"{not json"))
    assert set(fired) == {"content_type"}


def test_body_checks_skip_an_undocumented_media_type(catalog: dict[str, Api]) -> None:
    body = planted(lambda b: b.pop("run_id"))
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(200, body, "text/plain"))
    assert set(fired) == {"content_type"}


# RevRing: enums reconstructed from one example are marked x-enum-incomplete.

CONFORMING_REVRING: dict[str, Any] = {
    "data": {
        "id": UUID,
        "testSuiteId": UUID,
        "name": "nightly",
        "status": "queued",
        "totalTests": 1,
        "createdAt": "2025-01-01T00:00:00Z",
        "attempts": [{"id": UUID, "result": "pass", "transcript": [{"role": "agent", "anything": 1}]}],
    }
}


def test_conforming_revring_run_gives_no_issue(catalog: dict[str, Api]) -> None:
    assert run_checks(catalog["revring"], REVRING_START, exchange(201, CONFORMING_REVRING)) == {}


def test_value_outside_an_incomplete_enum_is_a_warning(catalog: dict[str, Api]) -> None:
    body = copy.deepcopy(CONFORMING_REVRING)
    body["data"]["status"] = "running"
    fired = run_checks(catalog["revring"], REVRING_START, exchange(201, body))
    assert set(fired) == {"enum_value"}
    [issue] = fired["enum_value"]
    assert (issue.severity, issue.pointer) == (Severity.WARNING, "/data/status")
    assert "incomplete" in issue.message


def test_nested_value_outside_an_incomplete_enum_is_a_warning(catalog: dict[str, Api]) -> None:
    body = copy.deepcopy(CONFORMING_REVRING)
    body["data"]["attempts"][0]["result"] = "fail"
    [issue] = issues(catalog["revring"], REVRING_START, exchange(201, body), "enum_value")
    assert (issue.severity, issue.pointer) == (Severity.WARNING, "/data/attempts/0/result")


def test_complete_enum_violation_does_not_mention_incompleteness(catalog: dict[str, Api]) -> None:
    body = planted(lambda b: b.update(status="cancelled"))
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(200, body), "enum_value")
    assert "incomplete" not in issue.message


def test_missing_envelope_is_a_required_field(catalog: dict[str, Api]) -> None:
    fired = run_checks(catalog["revring"], REVRING_START, exchange(201, {}))
    assert {code: [i.pointer for i in found] for code, found in fired.items()} == {"required_field": ["/data"]}


# Freeplay: FastAPI's Optional[...] is anyOf [..., {type: null}].

CONFORMING_FREEPLAY: dict[str, Any] = {
    "test_run_id": "run-1",
    "test_run_name": "name",
    "test_run_description": "description",
    "test_cases": None,
    "trace_test_cases": None,
}


def test_null_in_a_nullable_anyof_is_fine(catalog: dict[str, Api]) -> None:
    assert run_checks(catalog["freeplay"], FREEPLAY_CREATE, exchange(201, CONFORMING_FREEPLAY)) == {}


def test_wrong_type_in_a_nullable_anyof_is_a_schema_error(catalog: dict[str, Api]) -> None:
    body = {**CONFORMING_FREEPLAY, "test_cases": "not a list"}
    fired = run_checks(catalog["freeplay"], FREEPLAY_CREATE, exchange(201, body))
    assert set(fired) == {"schema"}
    [issue] = fired["schema"]
    assert (issue.severity, issue.pointer) == (Severity.ERROR, "/test_cases")


LEAVES_BUG = (
    "BUG conformance/checks/base.py _leaves: best_match(error.context) ranks a branch's 'type' mismatch (such as "
    "the null of Optional[...]) first, so _leaves stops at the anyOf: the finding is 'schema' at the anyOf instead "
    "of the specific code (format_uuid, required_field, ...) at the leaf"
)


def test_required_inside_the_chosen_anyof_branch_is_reported_at_its_leaf(catalog: dict[str, Api]) -> None:
    case = {"id": UUID, "values": None, "output": None, "output_message": None, "history": None}  # no metadata
    body = {**CONFORMING_FREEPLAY, "test_cases": [case]}
    fired = run_checks(catalog["freeplay"], FREEPLAY_CREATE, exchange(201, body))
    assert {code: [i.pointer for i in found] for code, found in fired.items()} == {
        "required_field": ["/test_cases/0/metadata"]
    }


def _media_reference_api(catalog: dict[str, Api]) -> Api:
    """Freeplay's own DownloadedMediaReference, whose asset_id is anyOf [uuid string, null], as a 200 body."""
    freeplay = catalog["freeplay"]
    return custom_api(
        freeplay,
        json_response({"$ref": "#/components/schemas/DownloadedMediaReference"}),
        components=freeplay.spec.document["components"]["schemas"],
    )


MEDIA = {"base64Data": "AA==", "contentType": "audio/wav", "media_type": "audio"}


@pytest.mark.parametrize("asset_id", [None, UUID])
def test_nullable_uuid_accepts_null_and_a_uuid(catalog: dict[str, Api], asset_id: str | None) -> None:
    assert run_checks(_media_reference_api(catalog), "getThing", exchange(200, {**MEDIA, "asset_id": asset_id})) == {}


def test_wrong_type_in_a_nullable_uuid_is_a_schema_error(catalog: dict[str, Api]) -> None:
    fired = run_checks(_media_reference_api(catalog), "getThing", exchange(200, {**MEDIA, "asset_id": 5}))
    assert {code: [i.pointer for i in found] for code, found in fired.items()} == {"schema": ["/asset_id"]}


def test_bad_uuid_in_a_nullable_uuid_is_a_format_uuid_finding(catalog: dict[str, Api]) -> None:
    fired = run_checks(_media_reference_api(catalog), "getThing", exchange(200, {**MEDIA, "asset_id": "not-a-uuid"}))
    assert {code: [i.pointer for i in found] for code, found in fired.items()} == {"format_uuid": ["/asset_id"]}


# Pointers of required properties whose names need escaping or quoting.


def _required_api(name: str) -> Api:
    schema = {"type": "object", "required": [name], "properties": {name: {"type": "string"}}}
    return custom_api(bundled_api("revring"), json_response(schema))


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@pytest.mark.parametrize("name", ["plain", "a/b", "m~n", "with space", "ünï"])
def test_missing_required_property_pointer_is_its_escaped_name(name: str) -> None:
    [issue] = issues(_required_api(name), "getThing", exchange(200, {}), "required_field")
    assert issue.pointer == "/" + _escape(name)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["it's", "a\\b"]) | st.text(min_size=1, max_size=8))
def test_missing_required_property_pointer_for_any_name(name: str) -> None:
    [issue] = issues(_required_api(name), "getThing", exchange(200, {}), "required_field")
    assert issue.pointer == "/" + _escape(name)


def test_pointer_of_an_error_at_the_root_is_empty(catalog: dict[str, Api]) -> None:
    validator = catalog["telnyx"].validators.for_pointer("#/components/schemas/TestStatus")
    errors = list(validator.iter_errors(3))
    assert errors
    assert {location_of(error).pointer for error in errors} == {""}


def _anyof_api(catalog: dict[str, Api], *branches: dict[str, Any]) -> Api:
    schema = {"type": "object", "properties": {"item": {"anyOf": list(branches)}}}
    return custom_api(catalog["revring"], json_response(schema))


def test_anyof_of_objects_reports_one_leaf_of_a_branch(catalog: dict[str, Api]) -> None:
    api = _anyof_api(
        catalog,
        {"type": "object", "required": ["id"]},
        {"type": "object", "required": ["name"]},
    )
    fired = run_checks(api, "getThing", exchange(200, {"item": {}}))
    assert set(fired) == {"required_field"}
    [issue] = fired["required_field"]
    assert issue.pointer in ("/item/id", "/item/name")


def test_anyof_with_a_branch_of_another_type_reports_the_leaf_of_the_fitting_branch(catalog: dict[str, Api]) -> None:
    api = _anyof_api(catalog, {"type": "object", "required": ["id"]}, {"type": "string"})
    fired = run_checks(api, "getThing", exchange(200, {"item": {}}))
    assert {code: [i.pointer for i in found] for code, found in fired.items()} == {"required_field": ["/item/id"]}
