"""conformance.specs.openapi30: OpenAPI 3.0 Schema Objects rewritten with 3.1 semantics."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conformance.specs.openapi30 import plain_tree, upgrade_to_31


def _upgraded(schema: dict[str, Any]) -> Any:
    document = {"openapi": "3.0.3", "info": {}, "paths": {}, "components": {"schemas": {"S": schema}}}
    return upgrade_to_31(plain_tree(document))["components"]["schemas"]["S"]


@pytest.mark.parametrize(
    ("written", "upgraded"),
    [
        ({"type": "string", "nullable": True}, {"type": ["string", "null"]}),
        ({"type": "string", "nullable": False}, {"type": "string"}),
        ({"type": "string", "enum": ["a"], "nullable": True}, {"type": ["string", "null"], "enum": ["a", None]}),
        ({"nullable": True, "description": "d"}, {"anyOf": [{"description": "d"}, {"type": "null"}]}),
        ({"$ref": "#/T", "nullable": True}, {"anyOf": [{"$ref": "#/T"}, {"type": "null"}]}),
        ({"allOf": [{"type": "object"}], "nullable": True}, {"anyOf": [{"allOf": [{"type": "object"}]}, {"type": "null"}]}),  # noqa: E501
        ({"type": "integer", "minimum": 1, "exclusiveMinimum": True}, {"type": "integer", "exclusiveMinimum": 1}),
        ({"type": "integer", "maximum": 9, "exclusiveMaximum": True}, {"type": "integer", "exclusiveMaximum": 9}),
        ({"type": "integer", "minimum": 1, "exclusiveMinimum": False}, {"type": "integer", "minimum": 1}),
        ({"type": "string", "example": "x"}, {"type": "string", "example": "x", "examples": ["x"]}),
    ],
    ids=["nullable", "not-nullable", "nullable-enum", "nullable-untyped", "nullable-ref", "nullable-allOf",
         "exclusiveMinimum", "exclusiveMaximum", "exclusive-false", "example"],
)  # fmt: skip
def test_each_30_keyword_becomes_31(written: dict[str, Any], upgraded: dict[str, Any]) -> None:
    assert _upgraded(written) == upgraded


def test_nested_schemas_are_upgraded_but_examples_are_not() -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string", "nullable": True}},
        "items": {"type": "integer", "nullable": True},
        "additionalProperties": {"oneOf": [{"type": "number", "nullable": True}]},
        "example": {"a": {"nullable": True}},
    }
    upgraded = _upgraded(schema)
    assert upgraded["properties"]["a"]["type"] == ["string", "null"]
    assert upgraded["items"]["type"] == ["integer", "null"]
    assert upgraded["additionalProperties"]["oneOf"][0]["type"] == ["number", "null"]
    assert upgraded["example"] == {"a": {"nullable": True}}


def test_parameter_and_media_type_schemas_are_upgraded() -> None:
    nullable = {"type": "string", "nullable": True}
    operation = {
        "parameters": [{"name": "q", "in": "query", "schema": dict(nullable)}],
        "requestBody": {"content": {"application/json": {"schema": dict(nullable)}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": dict(nullable)}}}},
    }
    document = upgrade_to_31(plain_tree({"openapi": "3.0.0", "info": {}, "paths": {"/a": {"get": operation}}}))
    get = document["paths"]["/a"]["get"]
    assert get["parameters"][0]["schema"]["type"] == ["string", "null"]
    assert get["requestBody"]["content"]["application/json"]["schema"]["type"] == ["string", "null"]
    assert get["responses"]["200"]["content"]["application/json"]["schema"]["type"] == ["string", "null"]


def test_version_is_31_and_the_original_is_kept() -> None:
    document = upgrade_to_31(plain_tree({"openapi": "3.0.1", "info": {"title": "t"}, "paths": {}}))
    assert document["openapi"] == "3.1.0"
    assert document["info"] == {"title": "t", "x-conformance-original-openapi": "3.0.1"}


def test_yaml_aliases_are_upgraded_once_each() -> None:
    text = """
openapi: 3.0.1
info: {}
paths: {}
components:
  schemas:
    A: &shared {type: string, nullable: true}
    B: *shared
    C: {type: object, properties: {x: *shared, y: *shared}}
"""
    original = yaml.safe_load(text)
    schemas = upgrade_to_31(plain_tree(original))["components"]["schemas"]
    assert schemas["A"] == schemas["B"] == schemas["C"]["properties"]["y"] == {"type": ["string", "null"]}
    assert schemas["A"] is not schemas["B"]
    assert original["components"]["schemas"]["A"] == {"type": "string", "nullable": True}  # the source is untouched
