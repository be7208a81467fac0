"""The mock answers only what each operation documents: statuses, media types and bodies."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from conformance.contracts import Api, ErrorConvention
from conformance.mock import create_app
from conformance.specs import ApiSpec, SchemaValidators
from conformance.specs.model import read_operations

_INVALID = "/things?limit=0"  # limit has minimum 1
_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
_TEXT = {"text/plain": {"schema": {"type": "string"}}}


def api_of(
    catalog: dict[str, Api],
    responses: dict[str, Any],
    *,
    convention: ErrorConvention = ErrorConvention.FASTAPI,
    security: list[Any] | None = None,
    method: str = "get",
) -> Api:
    """An API with one operation on /things (a ``limit`` query parameter), documenting ``responses``."""
    operation: dict[str, Any] = {
        "operationId": "things",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
        "responses": responses,
    }
    if security is not None:
        operation["security"] = security
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "things", "version": "1"},
        "paths": {"/things": {method: operation}},
        "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "x-key"}}},
    }
    spec = ApiSpec("things", Path("things.json"), document, tuple(read_operations("things", document)))
    base = catalog["telnyx"].contract
    contract = replace(base, api="things", error_convention=convention, operations={})
    return Api(contract, spec, SchemaValidators("things", document))


def get(api: Api, url: str = "/things", method: str = "GET", headers: Any = None) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(api))
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            return await client.request(method, url, headers=headers)

    return asyncio.run(go())


def ok(content: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": "ok", **({"content": content} if content is not None else {})}


def json_of(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0]


# Rejections


def test_a_rejection_fitting_the_documented_schema_is_the_conventions(catalog: dict[str, Api]) -> None:
    detail = {"type": "object", "properties": {"detail": {"type": "array"}}}
    api = api_of(catalog, {"200": ok(), "422": ok(json_of(detail))})
    response = get(api, _INVALID)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_a_rejection_documented_with_another_schema_follows_it(catalog: dict[str, Api]) -> None:
    api = api_of(catalog, {"200": ok(), "422": ok(json_of(_ERROR))})
    response = get(api, _INVALID)
    assert response.status_code == 422
    pointer = "#/paths/~1things/get/responses/422/content/application~1json/schema"
    assert api.validators.for_pointer(pointer).is_valid(response.json())
    assert "detail" not in response.json()


def test_a_rejection_documented_as_text_is_text(catalog: dict[str, Api]) -> None:
    response = get(api_of(catalog, {"200": ok(), "422": ok(_TEXT)}), _INVALID)
    assert (response.status_code, media(response)) == (422, "text/plain")
    assert response.text == "query.limit: 0 is less than the minimum of 1"


@pytest.mark.parametrize(
    ("documented", "status"),
    [
        (["400", "404"], 400),
        (["404", "409"], 409),
        (["403", "404"], 422),  # none that means "invalid": the convention's
        (["4XX"], 422),
        (["default"], 422),
    ],
)
def test_the_rejection_status_is_one_the_operation_documents(
    catalog: dict[str, Api], documented: list[str], status: int
) -> None:
    responses = {"200": ok(), **{key: ok(json_of(_ERROR)) for key in documented}}
    response = get(api_of(catalog, responses), _INVALID)
    assert response.status_code == status


def test_without_a_convention_the_rejection_prefers_a_documented_422(catalog: dict[str, Api]) -> None:
    responses = {"200": ok(), "422": ok(json_of({"type": "object"}))}
    response = get(api_of(catalog, responses, convention=ErrorConvention.UNKNOWN), _INVALID)
    assert response.status_code == 422
    assert response.json()["details"][0]["loc"] == ["query", "limit"]


def test_an_undocumented_rejection_stays_the_conventions(catalog: dict[str, Api]) -> None:
    response = get(api_of(catalog, {"200": ok(), "403": ok(_TEXT)}), _INVALID)
    assert (response.status_code, media(response)) == (422, "application/json")
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


# Success bodies in their documented media type


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({"text/csv": {"schema": {"type": "string"}}}, "text/csv"),
        ({"text/plain": {}}, "text/plain"),
        ({"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}, "application/octet-stream"),
        ({"application/x-ndjson": {"schema": {"type": "object", "required": ["a"]}}}, "application/x-ndjson"),
        ({"text/*": {"schema": {"type": "string"}}}, "text/plain"),
        ({"image/*": {}}, "image/octet-stream"),
    ],
)
def test_a_non_json_success_is_answered_in_its_media_type(
    catalog: dict[str, Api], content: dict[str, Any], expected: str
) -> None:
    response = get(api_of(catalog, {"200": ok(content)}))
    assert (response.status_code, media(response)) == (200, expected)
    assert response.content


def test_a_text_body_fits_its_schema(catalog: dict[str, Api]) -> None:
    schema = {"type": "string", "pattern": "^id,name\\n"}
    response = get(api_of(catalog, {"200": ok({"text/csv": {"schema": schema}})}))
    assert response.text.startswith("id,name\n")


def test_a_text_body_never_reads_as_json_that_breaks_its_schema(catalog: dict[str, Api]) -> None:
    # "123" is a string of digits, but the checks would read it as the number 123
    response = get(api_of(catalog, {"200": ok({"text/plain": {"schema": {"type": "string", "pattern": "^[0-9]+$"}}})}))
    assert response.status_code == 200
    assert response.text.startswith('"') and response.text.strip('"').isdigit()


def test_an_object_under_ndjson_is_a_line_of_json(catalog: dict[str, Api]) -> None:
    schema = {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}}
    response = get(api_of(catalog, {"200": ok({"application/x-ndjson": {"schema": schema}})}))
    assert isinstance(response.json()["a"], int) and "\n" not in response.text


def test_a_json_like_media_type_is_json(catalog: dict[str, Api]) -> None:
    schema = {"type": "object", "required": ["a"], "properties": {"a": {"const": 1}}}
    response = get(api_of(catalog, {"200": ok({"application/problem+json": {"schema": schema}})}))
    assert (media(response), response.json()) == ("application/problem+json", {"a": 1})


def test_json_is_preferred_when_a_response_also_documents_text(catalog: dict[str, Api]) -> None:
    response = get(api_of(catalog, {"200": ok({**_TEXT, **json_of({"const": 5})})}))
    assert (media(response), response.json()) == ("application/json", 5)


def test_a_text_example_that_fits_is_served(catalog: dict[str, Api]) -> None:
    content = {"text/csv": {"schema": {"type": "string"}, "example": "id\n1\n"}}
    response = get(api_of(catalog, {"200": ok(content)}))
    assert response.text == "id\n1\n"


def test_a_response_without_content_has_no_body_and_no_content_type(catalog: dict[str, Api]) -> None:
    response = get(api_of(catalog, {"204": ok()}))
    assert response.status_code == 204 and response.content == b""
    assert "content-type" not in response.headers


def test_head_gets_the_documented_content_type_and_no_body(catalog: dict[str, Api]) -> None:
    response = get(api_of(catalog, {"200": ok({"text/csv": {"schema": {"type": "string"}}})}), method="HEAD")
    assert (response.status_code, media(response), response.content) == (200, "text/csv", b"")


# The 401


def test_a_documented_401_schema_is_followed(catalog: dict[str, Api]) -> None:
    api = api_of(catalog, {"200": ok(), "401": ok(json_of(_ERROR))}, security=[{"key": []}])
    response = get(api)
    assert response.status_code == 401 and isinstance(response.json()["error"], str)


def test_a_documented_401_the_convention_fits_gets_the_conventions_body(catalog: dict[str, Api]) -> None:
    api = api_of(catalog, {"200": ok(), "401": ok(json_of({"type": "object"}))}, security=[{"key": []}])
    assert get(api).json() == {"detail": "Not authenticated"}


def test_a_401_documented_as_text_is_text(catalog: dict[str, Api]) -> None:
    response = get(api_of(catalog, {"200": ok(), "401": ok(_TEXT)}, security=[{"key": []}]))
    assert (response.status_code, media(response), response.text) == (401, "text/plain", "not authenticated")


def test_an_undocumented_401_is_the_conventions(catalog: dict[str, Api]) -> None:
    response = get(api_of(catalog, {"200": ok()}, security=[{"key": []}], convention=ErrorConvention.UNKNOWN))
    assert (response.status_code, response.json()) == (401, {"error": "unauthorized"})


# Bodies the generator must build, and specs with broken parts


def test_a_nullable_body_may_be_null(catalog: dict[str, Api]) -> None:
    # anyOf [object, null]: a null body is valid, not a failure to build one
    schema = {"anyOf": [{"type": "object", "required": ["a"]}, {"type": "null"}]}
    api = api_of(catalog, {"200": ok(json_of(schema))})
    bodies = [get(api, f"/things?limit={n}") for n in range(1, 9)]
    assert all(response.status_code == 200 for response in bodies)


def test_null_is_served_when_it_is_the_only_valid_body(catalog: dict[str, Api]) -> None:
    response = get(api_of(catalog, {"200": ok(json_of({"type": "null"}))}))
    assert (response.status_code, response.content) == (200, b"null")


def test_an_operation_with_a_dangling_ref_answers_500_and_the_others_work(catalog: dict[str, Api]) -> None:
    api = api_of(catalog, {"200": ok(json_of({"$ref": "#/components/schemas/Missing"}))})
    document = dict(api.spec.document)
    document["paths"] = {**document["paths"], "/fine": {"get": {"operationId": "fine", "responses": {"204": ok()}}}}
    spec = ApiSpec("things", Path("things.json"), document, tuple(read_operations("things", document)))
    broken = Api(api.contract, spec, SchemaValidators("things", document))
    response = get(broken)
    assert response.status_code == 500
    assert response.json()["error"] == "mock_unusable_operation"
    assert "Missing" in response.json()["message"]
    assert get(broken, "/fine").status_code == 204


def test_an_operation_the_loader_marks_unusable_answers_500_naming_why(catalog: dict[str, Api]) -> None:
    api = api_of(catalog, {"200": ok()})
    operation = replace(api.spec.operations[0], unusable="$ref #/x points nowhere")
    spec = replace(api.spec, operations=(operation,))
    response = get(Api(api.contract, spec, api.validators))
    assert response.status_code == 500 and "$ref #/x points nowhere" in response.json()["message"]
