"""Operations read from a document: responses and request bodies behind a ``$ref`` are followed."""

from __future__ import annotations

from typing import Any

from conformance.specs.model import read_operations
from conformance.specs.schemas import SchemaValidators

RUN = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/runs": {
            "post": {
                "operationId": "create",
                "requestBody": {"$ref": "#/components/requestBodies/NewRun"},
                "responses": {
                    "201": {"$ref": "#/components/responses/Run"},
                    "404": {"$ref": "#/components/responses/Gone"},
                    "422": {"description": "inline", "content": {"text/plain": {"schema": {"type": "string"}}}},
                },
            }
        }
    },
    "components": {
        "schemas": {"Run": RUN},
        "requestBodies": {
            "NewRun": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}},
            }
        },
        "responses": {
            "Run": {"$ref": "#/components/responses/RunAgain"},
            "RunAgain": {"description": "a run", "content": {"application/json": {"schema": RUN}}},
        },
    },
}


def _operation() -> Any:
    [operation] = read_operations("t", DOCUMENT)
    return operation


def test_a_response_behind_a_ref_chain_is_documented_where_it_lives() -> None:
    documented = _operation().response_for(201)
    assert documented is not None and documented.media_types == ("application/json",)
    pointer = documented.schema_pointers["application/json"]
    assert pointer == "#/components/responses/RunAgain/content/application~1json/schema"
    validator = SchemaValidators("t", DOCUMENT).for_pointer(pointer)
    assert validator.is_valid({"id": "r1"}) and not validator.is_valid({})


def test_a_dangling_response_ref_documents_nothing() -> None:
    documented = _operation().response_for(404)
    assert documented is not None and documented.media_types == () and documented.schema_pointers == {}


def test_inline_responses_keep_their_own_pointer() -> None:
    documented = _operation().response_for(422)
    assert documented is not None
    assert documented.schema_pointers == {"text/plain": "#/paths/~1runs/post/responses/422/content/text~1plain/schema"}


def test_a_request_body_behind_a_ref_is_followed() -> None:
    operation = _operation()
    assert operation.request_body_required is True
    assert operation.request_media_types == {
        "application/json": "#/components/requestBodies/NewRun/content/application~1json/schema"
    }
    assert operation.responses["201"]["description"] == "a run"


def test_header_parameters_openapi_says_to_ignore_are_ignored() -> None:
    headers = [{"name": name, "in": "header", "schema": {"enum": ["x"]}} for name in ("Accept", "content-type")]
    headers.append({"name": "X-Trace", "in": "header", "schema": {"type": "string"}})
    document = {"openapi": "3.1.0", "paths": {"/a": {"get": {"parameters": headers, "responses": {}}}}}
    [operation] = read_operations("t", document)
    assert [parameter.name for parameter in operation.parameters] == ["X-Trace"]
