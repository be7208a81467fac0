"""Request text read as the types its schema allows, the way a server framework reads it.

Parameters, form fields and multipart text parts all arrive as text; FastAPI (pydantic) and
openapi-core both coerce them by the declared schema before validating. Hand-written
because those coercers come bound to their own models (pydantic fields, openapi-core's
``SchemaPath``), while we hold bare JSON Schemas inside a ``SchemaValidators`` registry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from conformance.specs.schemas import SchemaValidators

__all__ = ["Shape", "coerce", "property_names", "property_schema", "shape_of"]

Shape = Literal["array", "object", "primitive"]
Schema = Mapping[str, Any]

_INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only, matched whole (no trailing newline)
_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_BRANCHES = ("anyOf", "oneOf", "allOf")


def coerce(text: str, schema: Schema, validators: SchemaValidators) -> Any:
    """Read parameter text as a type of the schema that accepts it, else keep the text.

    Numbers and booleans are tried before strings, as a server framework reads ``5`` for
    ``anyOf: [{type: string, enum: [x, y]}, {type: integer}]``: the text is a string only when
    it is nothing else the schema allows.
    """
    for kind in sorted(_types(schema, validators), key=lambda kind: kind == "string"):
        if kind == "integer" and _INTEGER.fullmatch(text):
            return int(text)
        if kind == "number" and _NUMBER.fullmatch(text):
            return float(text)
        if kind == "boolean" and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if kind == "string":
            return text
    return text


def shape_of(schema: Schema, validators: SchemaValidators) -> tuple[Shape, Schema]:
    """Array (with its item schema), object (with its own schema) or primitive; branches count too.

    FastAPI writes ``list[int] | None`` as an ``anyOf`` of an array and null: the first branch
    that is an array or an object decides how the parameter text is split.
    """
    schema = _resolved(schema, validators)
    kinds = _declared(schema)
    if "array" in kinds:
        items: Schema = schema.get("items", {})
        return "array", items
    if "object" in kinds or "properties" in schema:
        return "object", schema
    for branch in _branches(schema):
        shape, found = shape_of(branch, validators)
        if shape != "primitive":
            return shape, found
    return "primitive", schema


def property_schema(schema: Schema, name: str, validators: SchemaValidators) -> Schema:
    """The schema of property ``name`` of an object schema (``{}`` when it declares none)."""
    schema = _resolved(schema, validators)
    properties: Schema = schema.get("properties", {})
    if name in properties:
        found: Schema = properties[name]
        return found
    for branch in _branches(schema):
        found = property_schema(branch, name, validators)
        if found:
            return found
    extra = schema.get("additionalProperties")
    return extra if isinstance(extra, Mapping) else {}


def property_names(schema: Schema, validators: SchemaValidators) -> list[str]:
    """Every property an object schema declares, its branches' included."""
    schema = _resolved(schema, validators)
    names = list(schema.get("properties", {}))
    for branch in _branches(schema):
        names += [name for name in property_names(branch, validators) if name not in names]
    return names


def _types(schema: Schema, validators: SchemaValidators) -> list[str]:
    schema = _resolved(schema, validators)
    declared = _declared(schema)
    if declared:
        return declared
    return [kind for branch in _branches(schema) for kind in _types(branch, validators)]


def _declared(schema: Schema) -> list[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [str(t) for t in declared]
    return []


def _branches(schema: Schema) -> list[Schema]:
    return [branch for keyword in _BRANCHES for branch in schema.get(keyword, []) if isinstance(branch, Mapping)]


def _resolved(schema: Schema, validators: SchemaValidators) -> Schema:
    if "$ref" in schema:
        found: Schema = validators.resolve(schema["$ref"])
        return found
    return schema
