"""conformance.specs.requests: does a request conform to its operation?"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from conformance.contracts import Api
from conformance.contracts.catalog import spec_catalog
from conformance.specs.model import Operation, read_operations
from conformance.specs.requests import RequestParts, Violation, coerce, match_path, validate_request
from conformance.specs.schemas import SchemaValidators

LIST_TESTS = "get_assistant_tests_public_assistants_tests_get"
CREATE_TEST = "create_assistant_test_public_assistants_tests_post"
GET_TEST = "get_assistant_test_public_assistants_tests__test_id__get"

VALID_TEST = {
    "name": "Customer Support Bot Test",
    "destination": "+15551234567",
    "instructions": "Act as a frustrated customer.",
    "rubric": [{"name": "Accuracy", "criteria": "Provides correct product information"}],
}


def _operation(api: Api, operation_id: str) -> Operation:
    operation = api.spec.find(operation_id)
    assert operation is not None, operation_id
    return operation


def _check(api: Api, operation_id: str, request: RequestParts) -> list[Violation]:
    return validate_request(_operation(api, operation_id), api.validators, request)


JSON = {"content-type": "application/json"}


def _body(api: Api, document: Any) -> list[Violation]:
    return _check(api, CREATE_TEST, RequestParts({}, headers=JSON, body=json.dumps(document).encode()))


@pytest.fixture()
def telnyx(catalog: dict[str, Api]) -> Api:
    return catalog["telnyx"]


@pytest.fixture()
def freeplay(catalog: dict[str, Api]) -> Api:
    return catalog["freeplay"]


# Query parameters


def test_deep_object_within_bounds_is_valid(telnyx: Api) -> None:
    assert _check(telnyx, LIST_TESTS, RequestParts({}, [("page[size]", "100"), ("page[number]", "1")])) == []


def test_deep_object_past_maximum(telnyx: Api) -> None:
    # spec: page.size has maximum 100
    violations = _check(telnyx, LIST_TESTS, RequestParts({}, [("page[size]", "500")]))
    assert [(v.loc, v.type) for v in violations] == [(("query", "page", "size"), "maximum")]


def test_deep_object_below_minimum(telnyx: Api) -> None:
    violations = _check(telnyx, LIST_TESTS, RequestParts({}, [("page[number]", "0")]))
    assert [(v.loc, v.type) for v in violations] == [(("query", "page", "number"), "minimum")]


def test_deep_object_wrong_type(telnyx: Api) -> None:
    violations = _check(telnyx, LIST_TESTS, RequestParts({}, [("page[size]", "abc")]))
    assert [(v.loc, v.type) for v in violations] == [(("query", "page", "size"), "type")]


def test_optional_query_parameters_may_be_absent(telnyx: Api) -> None:
    assert _check(telnyx, LIST_TESTS, RequestParts({})) == []


def test_anyof_integer_or_null_coerces_digits(freeplay: Api) -> None:
    operation = "get_get_test_runs"
    assert _check(freeplay, operation, RequestParts({"project_id": "p"}, [("page", "5")])) == []
    violations = _check(freeplay, operation, RequestParts({"project_id": "p"}, [("page", "five")]))
    assert [v.loc for v in violations] == [("query", "page")]


def test_query_text_null_is_not_json_null(freeplay: Api) -> None:
    # As FastAPI reads Optional[int] from a query string: "null" is text, not None.
    violations = _check(freeplay, "get_get_test_runs", RequestParts({"project_id": "p"}, [("page", "null")]))
    assert [v.loc for v in violations] == [("query", "page")]


def test_last_repeated_scalar_query_value_wins(freeplay: Api) -> None:
    request = RequestParts({"project_id": "p"}, [("page_size", "x"), ("page_size", "10")])
    assert _check(freeplay, "get_get_test_runs", request) == []


def test_missing_required_path_parameter(telnyx: Api) -> None:
    violations = _check(telnyx, GET_TEST, RequestParts({}))
    assert violations == [Violation(("path", "test_id"), "Field required", "missing")]


# Bodies


def test_valid_body_has_no_violations(telnyx: Api) -> None:
    assert _body(telnyx, VALID_TEST) == []


def test_missing_required_body_field(telnyx: Api) -> None:
    document = {k: v for k, v in VALID_TEST.items() if k != "name"}
    violations = _body(telnyx, document)
    assert [(v.loc, v.type, v.msg) for v in violations] == [(("body", "name"), "missing", "Field required")]


def test_missing_nested_field_has_full_location(telnyx: Api) -> None:
    document = {**VALID_TEST, "rubric": [{"name": "Accuracy"}]}
    violations = _body(telnyx, document)
    assert [(v.loc, v.type) for v in violations] == [(("body", "rubric", 0, "criteria"), "missing")]


def test_enum_violation_through_allof_ref(telnyx: Api) -> None:
    violations = _body(telnyx, {**VALID_TEST, "telnyx_conversation_channel": "fax"})
    assert [(v.loc, v.type) for v in violations] == [(("body", "telnyx_conversation_channel"), "enum")]


@pytest.mark.parametrize("channel", ["phone_call", "web_call", "sms_chat", "web_chat"])
def test_every_documented_channel_is_valid(telnyx: Api, channel: str) -> None:
    assert _body(telnyx, {**VALID_TEST, "telnyx_conversation_channel": channel}) == []


def test_several_violations_are_all_reported(telnyx: Api) -> None:
    violations = _body(telnyx, {**VALID_TEST, "name": "", "rubric": []})
    assert {(v.loc, v.type) for v in violations} == {(("body", "name"), "minLength"), (("body", "rubric"), "minItems")}


def test_malformed_json_body(telnyx: Api) -> None:
    violations = _check(telnyx, CREATE_TEST, RequestParts({}, headers=JSON, body=b'{"unterminated": '))
    assert [(v.loc, v.type) for v in violations] == [(("body", 0), "json_invalid")]


def test_non_utf8_body_is_json_invalid(telnyx: Api) -> None:
    violations = _check(telnyx, CREATE_TEST, RequestParts({}, headers=JSON, body=b'{"a": "\xc3\x28"}'))
    assert [v.type for v in violations] == ["json_invalid"]


def test_empty_required_body_is_missing(telnyx: Api) -> None:
    violations = _check(telnyx, CREATE_TEST, RequestParts({}, body=b"  "))
    assert violations == [Violation(("body",), "Field required", "missing")]


def test_empty_optional_body_is_fine(catalog: dict[str, Api]) -> None:
    # revring: the request body is optional (x-reconstructed in the spec)
    assert _check(catalog["revring"], "startTestSuiteRun", RequestParts({"id": "s"})) == []


def test_body_of_the_wrong_type(telnyx: Api) -> None:
    violations = _check(telnyx, CREATE_TEST, RequestParts({}, headers=JSON, body=b"[]"))
    assert [(v.loc, v.type) for v in violations] == [(("body",), "type")]


def test_operation_without_body_ignores_one(telnyx: Api) -> None:
    assert _check(telnyx, GET_TEST, RequestParts({"test_id": "x"}, body=b"not json")) == []


# match_path


def test_match_path_extracts_and_decodes() -> None:
    assert match_path("/ai/assistants/tests/{test_id}", "/ai/assistants/tests/a%2Fb%20c") == {"test_id": "a/b c"}


def test_match_path_several_parameters() -> None:
    template = "/ai/assistants/tests/{test_id}/runs/{run_id}"
    assert match_path(template, "/ai/assistants/tests/t1/runs/r2") == {"test_id": "t1", "run_id": "r2"}


def test_parameter_does_not_span_segments() -> None:
    assert match_path("/ai/assistants/tests/{test_id}", "/ai/assistants/tests/test-suites/x/runs") is None


def test_literal_template_must_match_exactly() -> None:
    assert match_path("/ai/assistants/tests/test-suites", "/ai/assistants/tests/test-suites") == {}
    assert match_path("/ai/assistants/tests/test-suites", "/ai/assistants/tests/test-suites/") is None
    assert match_path("/ai/assistants/tests", "/ai/assistants/tests/x") is None


def test_template_literals_are_not_regex() -> None:
    assert match_path("/a.b/{id}", "/aXb/1") is None
    assert match_path("/a.b/{id}", "/a.b/1") == {"id": "1"}


def test_empty_segment_does_not_match_a_parameter() -> None:
    assert match_path("/tests/{id}/runs", "/tests//runs") is None


# coerce


@pytest.fixture()
def bare() -> SchemaValidators:
    return SchemaValidators("bare", {"components": {"schemas": {"N": {"type": "integer"}}}})


@pytest.mark.parametrize(
    ("text", "schema", "expected"),
    [
        ("5", {"type": "integer"}, 5),
        ("-5", {"type": "integer"}, -5),
        ("5.5", {"type": "integer"}, "5.5"),
        ("5.5", {"type": "number"}, 5.5),
        ("1e3", {"type": "number"}, 1000.0),
        ("TRUE", {"type": "boolean"}, True),
        ("false", {"type": "boolean"}, False),
        ("yes", {"type": "boolean"}, "yes"),
        ("5", {"type": "string"}, "5"),
        ("5", {"type": ["string", "integer"]}, 5),  # a string only when it is nothing else allowed
        ("5", {"type": ["integer", "string"]}, 5),
        ("5", {"anyOf": [{"type": "integer"}, {"type": "null"}]}, 5),
        ("5", {"$ref": "#/components/schemas/N"}, 5),
        ("5", {}, "5"),
    ],
)
def test_coerce_reads_a_type_that_accepts_the_text(
    bare: SchemaValidators, text: str, schema: dict[str, Any], expected: Any
) -> None:
    result = coerce(text, schema, bare)
    assert result == expected
    assert type(result) is type(expected)


# Arrays in the query


def _array_operation(schema: dict[str, Any]) -> tuple[Operation, SchemaValidators]:
    document = {
        "openapi": "3.1.0",
        "paths": {"/x": {"get": {"parameters": [{"name": "ids", "in": "query", "schema": schema}], "responses": {}}}},
    }
    return next(read_operations("t", document)), SchemaValidators("t", document)


def test_repeated_query_values_form_an_array() -> None:
    operation, validators = _array_operation({"type": "array", "items": {"type": "integer"}, "maxItems": 2})
    assert validate_request(operation, validators, RequestParts({}, [("ids", "1"), ("ids", "2")])) == []
    too_many = RequestParts({}, [("ids", "1"), ("ids", "2"), ("ids", "3")])
    assert [v.type for v in validate_request(operation, validators, too_many)] == ["maxItems"]
    wrong = RequestParts({}, [("ids", "1"), ("ids", "x")])
    assert [v.loc for v in validate_request(operation, validators, wrong)] == [("query", "ids", 1)]


def test_optional_array_query_parameter_coerces_its_items() -> None:
    # FastAPI's `ids: list[int] | None = Query(None)` gives this schema; ?ids=1&ids=2 is valid there.
    operation, validators = _array_operation(
        {"anyOf": [{"type": "array", "items": {"type": "integer"}}, {"type": "null"}]}
    )
    assert validate_request(operation, validators, RequestParts({}, [("ids", "1"), ("ids", "2")])) == []


def test_cookie_parameters_are_read_from_the_cookie_header(telnyx: Api) -> None:
    document = {
        "openapi": "3.1.0",
        "paths": {
            "/s": {
                "get": {
                    "operationId": "withCookie",
                    "parameters": [{"name": "sid", "in": "cookie", "required": True, "schema": {"type": "integer"}}],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }
    [operation] = read_operations("c", document)
    validators = SchemaValidators("c", document)
    sent = RequestParts(path_params={}, headers={"cookie": "theme=dark; sid=42"})
    assert validate_request(operation, validators, sent) == []
    wrong = RequestParts(path_params={}, headers={"cookie": "sid=abc"})
    assert [v.loc for v in validate_request(operation, validators, wrong)] == [("cookie", "sid")]
    missing = RequestParts(path_params={}, headers={})
    assert [v.type for v in validate_request(operation, validators, missing)] == ["missing"]


# Request media types

INTS = {"type": "array", "items": {"type": "integer"}}
PET = {"type": "object", "properties": {"age": {"type": "integer"}, "tags": INTS}, "required": ["age"]}


def _body_operation(content: dict[str, Any], required: bool = True) -> tuple[Operation, SchemaValidators]:
    request_body = {"required": required, "content": content}
    document = {"openapi": "3.1.0", "paths": {"/x": {"post": {"requestBody": request_body, "responses": {}}}}}
    return next(read_operations("m", document)), SchemaValidators("m", document)


def _sent(
    content: dict[str, Any], content_type: str | None, body: bytes, required: bool = True
) -> list[tuple[Any, str]]:
    """(loc, type) of each violation when ``body`` is sent as ``content_type``."""
    operation, validators = _body_operation(content, required)
    headers = [] if content_type is None else [("Content-Type", content_type)]
    request = RequestParts.from_target(operation, "/x", headers, body)
    return [(v.loc, v.type) for v in validate_request(operation, validators, request)]


def test_json_media_type() -> None:
    content = {"application/json": {"schema": PET}}
    assert _sent(content, "application/json", b'{"age": 3}') == []
    assert _sent(content, "Application/JSON; charset=utf-8", b'{"age": 3}') == []
    assert _sent(content, "application/json", b'{"age": "3"}') == [(("body", "age"), "type")]
    assert _sent(content, "text/plain", b'{"age": 3}') == [(("body",), "media_type")]
    assert _sent(content, None, b'{"age": 3}') == [(("body",), "media_type")]


def test_json_suffix_media_type_only_when_declared() -> None:
    assert _sent({"application/json": {"schema": PET}}, "application/vnd.pet+json", b'{"age": 3}') == [
        (("body",), "media_type")
    ]
    declared = {"application/vnd.pet+json": {"schema": PET}}
    assert _sent(declared, "application/vnd.pet+json", b'{"age": 3}') == []
    assert _sent(declared, "application/vnd.pet+json", b'{"age": "x"}') == [(("body", "age"), "type")]
    assert _sent(declared, "application/json", b'{"age": 3}') == [(("body",), "media_type")]
    assert _sent({"application/*+json": {"schema": PET}}, "application/vnd.pet+json", b"{}") == [
        (("body", "age"), "missing")
    ]


def test_form_urlencoded_media_type() -> None:
    content = {"application/x-www-form-urlencoded": {"schema": PET}}
    assert _sent(content, "application/x-www-form-urlencoded", b"age=3&tags=1&tags=2") == []
    assert _sent(content, "application/x-www-form-urlencoded", b"age=old") == [(("body", "age"), "type")]
    assert _sent(content, "application/x-www-form-urlencoded", b"tags=x") == [
        (("body", "age"), "missing"),
        (("body", "tags", 0), "type"),
    ]
    assert _sent(content, "application/json", b'{"age": 3}') == [(("body",), "media_type")]
    assert _sent(content, None, b"age=3") == [(("body",), "media_type")]


UPLOAD = {
    "type": "object",
    "properties": {"age": {"type": "integer"}, "file": {"type": "string", "format": "binary"}},
    "required": ["age", "file"],
}


def _multipart(*parts: tuple[str, str | None, bytes]) -> bytes:
    chunks = []
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        chunks.append(f"--B\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(chunks) + b"--B--\r\n"


def test_multipart_media_type() -> None:
    content = {"multipart/form-data": {"schema": UPLOAD}}
    sent = "multipart/form-data; boundary=B"
    assert _sent(content, sent, _multipart(("age", None, b"3"), ("file", "a.bin", b"\x00\xff\x10"))) == []
    assert _sent(content, sent, _multipart(("age", None, b"old"), ("file", "a.bin", b"x"))) == [
        (("body", "age"), "type")
    ]
    assert _sent(content, sent, _multipart(("age", None, b"3"))) == [(("body", "file"), "missing")]
    assert _sent(content, "multipart/form-data", _multipart(("age", None, b"3"))) == [(("body",), "multipart_invalid")]
    assert _sent(content, "application/x-www-form-urlencoded", b"age=3") == [(("body",), "media_type")]
    assert _sent(content, None, _multipart(("age", None, b"3"))) == [(("body",), "media_type")]


def test_text_plain_media_type() -> None:
    content = {"text/plain": {"schema": {"type": "string", "maxLength": 5}}}
    assert _sent(content, "text/plain", b"hello") == []
    assert _sent(content, "text/plain; charset=utf-8", b"hello!") == [(("body",), "maxLength")]
    assert _sent(content, "text/plain", b"\xff") == [(("body",), "text_invalid")]
    assert _sent(content, "application/json", b'"hello"') == [(("body",), "media_type")]
    assert _sent(content, None, b"hello") == [(("body",), "media_type")]


def test_media_type_ranges() -> None:
    assert _sent({"*/*": {"schema": {}}}, "application/octet-stream", b"\x00") == []
    assert _sent({"*/*": {}}, None, b"\x00") == [(("body",), "media_type")]
    images = {"image/*": {"schema": {"type": "string", "format": "binary"}}}
    assert _sent(images, "image/png", b"\x89PNG") == []
    assert _sent(images, "text/plain", b"png") == [(("body",), "media_type")]


def test_the_most_specific_declared_type_is_used() -> None:
    content = {"*/*": {"schema": {"type": "string"}}, "application/json": {"schema": PET}}
    assert _sent(content, "application/json", b'{"age": 3}') == []
    assert _sent(content, "application/json", b"{}") == [(("body", "age"), "missing")]
    charset = {"text/plain": {"schema": {"type": "string"}}, "text/plain; charset=ascii": {"schema": {"maxLength": 1}}}
    assert _sent(charset, "text/plain; charset=ASCII", b"ab") == [(("body",), "maxLength")]
    assert _sent(charset, "text/plain", b"ab") == []


def test_absent_body() -> None:
    content = {"application/json": {"schema": PET}}
    assert _sent(content, None, b"") == [(("body",), "missing")]
    assert _sent(content, "application/json", b"") == [(("body",), "missing")]
    assert _sent(content, None, b"", required=False) == []


def test_request_media_types_lists_schema_pointers() -> None:
    operation, _ = _body_operation({"application/json": {"schema": PET}, "*/*": {}})
    assert operation.request_media_types == {
        "application/json": "#/paths/~1x/post/requestBody/content/application~1json/schema",
        "*/*": None,
    }
    assert operation.request_body_pointer() == operation.request_media_types["application/json"]
    assert operation.request_body_pointer("*/*") is None


def test_from_target_reads_path_query_and_headers() -> None:
    document = {"openapi": "3.1.0", "paths": {"/t/{id}": {"get": {"responses": {}}}}}
    (operation,) = read_operations("f", document)
    parts = RequestParts.from_target(operation, "/t/a%2Fb?x=1&x=2&y=", [("X-Key", "v")], b"z")
    assert parts == RequestParts({"id": "a/b"}, [("x", "1"), ("x", "2"), ("y", "")], {"x-key": "v"}, b"z")


def test_a_number_the_schema_allows_beside_a_string_enum_is_read_as_a_number(telnyx: Api) -> None:
    schema = {"anyOf": [{"type": "string", "enum": ["x", "y"]}, {"type": "integer"}]}
    assert coerce("5", schema, telnyx.validators) == 5
    assert coerce("x", schema, telnyx.validators) == "x"


def test_only_ascii_digits_make_a_number(telnyx: Api) -> None:
    assert coerce("\u0661", {"type": "integer"}, telnyx.validators) == "\u0661"
    assert coerce("7\n", {"type": "integer"}, telnyx.validators) == "7\n"
    assert coerce("-7", {"type": "integer"}, telnyx.validators) == -7


@pytest.fixture(scope="module")
def content_parameters() -> Api:
    [api] = spec_catalog(str(Path(__file__).parent / "hostile" / "content_parameter.yaml")).values()
    return api


def _search(api: Api, target: str, headers: dict[str, str] | None = None) -> list[Violation]:
    operation = api.spec.operations[0]
    return validate_request(
        operation, api.validators, RequestParts.from_target(operation, target, (headers or {}).items())
    )


def test_a_parameter_declared_with_content_is_read_as_its_media_type(content_parameters: Api) -> None:
    [filter_parameter, trace] = content_parameters.spec.operations[0].parameters
    assert filter_parameter.media_type == "application/json"
    assert filter_parameter.pointer == "#/paths/~1search/get/parameters/0/content/application~1json/schema"
    assert filter_parameter.definition_pointer == "#/paths/~1search/get/parameters/0"
    assert trace.location == "header" and trace.media_type == "application/json"
    good = "/search?filter=" + quote(json.dumps({"name": "a", "limit": 5}))
    assert _search(content_parameters, good, {"X-Trace": '{"id": 7}'}) == []


def test_a_content_parameter_that_breaks_its_schema_or_is_not_json(content_parameters: Api) -> None:
    [violation] = _search(content_parameters, "/search?filter=" + quote(json.dumps({"limit": 5})))
    assert violation.loc == ("query", "filter", "name") and violation.type == "missing"
    [violation] = _search(content_parameters, "/search?filter=%7Bname")
    assert violation.type == "parameter_style" and violation.msg.startswith(
        "Not serialized as application/json: not JSON"
    )
    [violation] = _search(content_parameters, "/search")
    assert violation.loc == ("query", "filter") and violation.type == "missing"
