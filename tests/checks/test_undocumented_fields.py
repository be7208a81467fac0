"""undocumented_field: keys a response carries that no applicable schema declares (a warning, not an error)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.checks import Severity
from conformance.contracts import Api
from tests.checks.support import UUID, bundled_api, custom_api, exchange, issues, json_response, run_checks

CLOSED = {"type": "object", "additionalProperties": False, "properties": {"a": {"type": "string"}}}


def _pointers(api: Api, body: Any) -> list[str]:
    return [i.pointer for i in issues(api, "getThing", exchange(200, body), "undocumented_field")]


def _api(catalog: dict[str, Api], schema: dict[str, Any], components: dict[str, Any] | None = None) -> Api:
    return custom_api(catalog["revring"], json_response(schema), components=components)


def test_extra_key_is_a_warning_with_its_pointer(catalog: dict[str, Api]) -> None:
    api = _api(catalog, {"type": "object", "properties": {"a": {"type": "string"}}})
    [issue] = issues(api, "getThing", exchange(200, {"a": "x", "extra": 1}), "undocumented_field")
    assert (issue.severity, issue.pointer) == (Severity.WARNING, "/extra")
    assert issue.message == "property 'extra' is not in the schema"


@pytest.mark.parametrize("extra", [True, {"type": "integer"}])
def test_additional_properties_allowed_means_nothing_is_undocumented(
    catalog: dict[str, Api], extra: bool | dict[str, Any]
) -> None:
    api = _api(catalog, {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": extra})
    assert _pointers(api, {"a": "x", "b": 1}) == []


def test_pattern_properties_allow_other_keys(catalog: dict[str, Api]) -> None:
    api = _api(catalog, {"type": "object", "properties": {}, "patternProperties": {"^x-": {}}})
    assert _pointers(api, {"x-trace": 1}) == []


def test_object_without_properties_is_open(catalog: dict[str, Api]) -> None:
    api = _api(catalog, {"type": "object", "properties": {"meta": {"type": "object"}}})
    assert _pointers(api, {"meta": {"anything": {"deep": 1}}}) == []


def test_closed_object_reports_extra_keys_as_undocumented_too(catalog: dict[str, Api]) -> None:
    api = _api(catalog, CLOSED)
    fired = run_checks(api, "getThing", exchange(200, {"a": "x", "b": 1}))
    assert [i.pointer for i in fired["undocumented_field"]] == ["/b"]
    assert "schema" in fired  # additionalProperties false is also a schema error


def test_anyof_branches_declare_the_union_of_their_properties(catalog: dict[str, Api]) -> None:
    schema = {
        "anyOf": [
            {"type": "object", "properties": {"a": {"type": "string"}}},
            {"type": "object", "properties": {"b": {"type": "string"}}},
        ]
    }
    api = _api(catalog, schema)
    assert _pointers(api, {"a": "x", "b": "y"}) == []
    assert _pointers(api, {"a": "x", "c": "z"}) == ["/c"]


def test_allof_parts_and_refs_declare_properties(catalog: dict[str, Api]) -> None:
    components = {"Base": {"type": "object", "properties": {"id": {"type": "string"}}}}
    schema = {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"name": {"type": "string"}}}]}
    api = _api(catalog, schema, components)
    assert _pointers(api, {"id": UUID, "name": "n"}) == []
    assert _pointers(api, {"id": UUID, "other": 1}) == ["/other"]


def test_branches_of_another_type_do_not_declare(catalog: dict[str, Api]) -> None:
    schema = {
        "anyOf": [
            {"type": "object", "properties": {"a": {"type": "string"}}},
            {"type": "array", "items": {"type": "object", "properties": {"b": {}}}},
        ]
    }
    assert _pointers(_api(catalog, schema), {"a": "x", "b": 1}) == ["/b"]


def test_nested_arrays_give_indexed_pointers(catalog: dict[str, Api]) -> None:
    item = {"type": "object", "properties": {"id": {"type": "string"}}}
    schema = {
        "type": "object",
        "properties": {
            "data": {"type": "array", "items": item},
            "grid": {"type": "array", "items": {"type": "array", "items": item}},
        },
    }
    body = {"data": [{"id": "1"}, {"id": "2", "extra": 1}], "grid": [[], [{"id": "3"}, {"x": 2}]]}
    assert _pointers(_api(catalog, schema), body) == ["/data/1/extra", "/grid/1/1/x"]


def test_extra_key_in_a_real_spec_list(catalog: dict[str, Api]) -> None:
    body = {
        "meta": {"total_pages": 1, "total_results": 1, "page_number": 1, "page_size": 20},
        "data": [
            {
                "run_id": UUID,
                "test_id": UUID,
                "status": "passed",
                "triggered_by": "api",
                "created_at": "2024-01-24T10:30:00Z",
                "extra": True,
            }
        ],
    }
    operation = "get_test_runs_for_test_public_assistants_tests__test_id__runs_get"
    fired = run_checks(catalog["telnyx"], operation, exchange(200, body))
    assert set(fired) == {"undocumented_field"}
    assert [i.pointer for i in fired["undocumented_field"]] == ["/data/0/extra"]


@pytest.mark.parametrize(("key", "token"), [("a/b", "a~1b"), ("m~n", "m~0n"), ("~/", "~0~1")])
def test_keys_are_escaped_in_pointers(catalog: dict[str, Api], key: str, token: str) -> None:
    schema = {"type": "object", "properties": {"outer": CLOSED}}
    assert _pointers(_api(catalog, schema), {"outer": {key: 1}}) == [f"/outer/{token}"]


def test_declared_keys_needing_escape_are_recognised(catalog: dict[str, Api]) -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"a/b": {"type": "object", "properties": {}}},
    }
    assert _pointers(_api(catalog, schema), {"a/b": {"c": 1}}) == ["/a~1b/c"]


@settings(max_examples=40, deadline=None)
@given(key=st.text(min_size=1, max_size=10).filter(lambda k: k != "a"))
def test_pointer_of_any_extra_key_decodes_back_to_it(key: str) -> None:
    [pointer] = _pointers(custom_api(bundled_api("revring"), json_response(CLOSED)), {"a": "x", key: 1})
    assert pointer.startswith("/")
    assert pointer[1:].replace("~1", "/").replace("~0", "~") == key
    assert pointer.count("/") == 1


def test_integer_valued_number_fits_an_integer_schema(catalog: dict[str, Api]) -> None:
    schema = {
        "type": "object",
        "properties": {"n": {"type": "integer"}, "obj": {"type": ["object", "null"], "properties": {}}},
    }
    api = _api(catalog, schema)
    assert _pointers(api, {"n": 2.0, "obj": {"x": 1}}) == ["/obj/x"]


def test_no_schema_no_undocumented_finding(catalog: dict[str, Api]) -> None:
    operation = "delete_assistant_test_public_assistants_tests__test_id__delete"
    assert issues(catalog["telnyx"], operation, exchange(200, {"extra": 1}), "undocumented_field") == []


def test_empty_additional_properties_schema_allows_other_keys(catalog: dict[str, Api]) -> None:
    api = _api(catalog, {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {}})
    assert _pointers(api, {"a": "x", "b": 1}) == []


def test_unconstrained_schema_in_a_real_spec_declares_nothing_undocumented(catalog: dict[str, Api]) -> None:
    case = {
        "id": UUID,
        "values": {"question": "q"},
        "output": None,
        "output_message": None,
        "history": None,
        "metadata": None,
    }
    body = {
        "test_run_id": "r",
        "test_run_name": "n",
        "test_run_description": "d",
        "test_cases": [case],
        "trace_test_cases": None,
    }
    assert issues(catalog["freeplay"], "post_create_with_test_cases", exchange(201, body), "undocumented_field") == []


def test_huge_integer_does_not_crash_the_walker(catalog: dict[str, Api]) -> None:
    api = _api(catalog, {"type": "object", "properties": {"n": {"type": "integer"}}})
    body = b'{"n": 1' + b"0" * 400 + b"}"
    assert issues(api, "getThing", exchange(200, body), "undocumented_field") == []


def test_message_names_the_property_not_its_escaped_token(catalog: dict[str, Api]) -> None:
    [issue] = issues(_api(catalog, CLOSED), "getThing", exchange(200, {"a/b": 1}), "undocumented_field")
    assert issue.message == "property 'a/b' is not in the schema"
