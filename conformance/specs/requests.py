"""Does a request conform to its operation? The answer is a list of violations.

The embedded mock uses it to reject invalid requests the way the API does, and the run uses
it to decide, from what was actually sent, whether a generated request is invalid (so that a
2xx answer to it is a finding). Parameters arrive as text and are coerced by their schema
first, as a server framework would (FastAPI, for one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import unquote

from jsonschema.exceptions import ValidationError

from conformance.specs.model import Operation, Parameter
from conformance.specs.schemas import SchemaValidators, missing_property

__all__ = ["RequestParts", "Violation", "match_path", "validate_request"]

Location = tuple[str | int, ...]
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True, slots=True)
class RequestParts:
    path_params: Mapping[str, str]
    query: Sequence[tuple[str, str]] = ()
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""


@dataclass(frozen=True, slots=True)
class Violation:
    loc: Location  # FastAPI style: ("body", "rubric", 0, "name"), ("query", "page", "size")
    msg: str
    type: str


def match_path(template: str, path: str) -> dict[str, str] | None:
    """The (decoded) path parameters of ``path`` if it matches ``template`` (``/a/{id}``)."""
    parts = re.split(r"{([^}/]+)}", template)
    pattern = "".join(re.escape(part) if i % 2 == 0 else "([^/]+)" for i, part in enumerate(parts))
    found = re.fullmatch(pattern, path)
    if found is None:
        return None
    return {name: unquote(value) for name, value in zip(parts[1::2], found.groups(), strict=True)}


def validate_request(operation: Operation, validators: SchemaValidators, request: RequestParts) -> list[Violation]:
    violations: list[Violation] = []
    for parameter in operation.parameters:
        violations.extend(_check_parameter(parameter, validators, request))
    violations.extend(_check_body(operation, validators, request.body))
    return violations


def _check_parameter(parameter: Parameter, validators: SchemaValidators, request: RequestParts) -> list[Violation]:
    loc: Location = (parameter.location, parameter.name)
    value = _raw_value(parameter, validators, request)
    if value is None:
        return [Violation(loc, "Field required", "missing")] if parameter.required else []
    return _schema_violations(validators, parameter.pointer, value, loc)


def _raw_value(parameter: Parameter, validators: SchemaValidators, request: RequestParts) -> Any:
    schema = validators.resolve(parameter.pointer)
    if parameter.location == "path":
        text = request.path_params.get(parameter.name)
        return None if text is None else coerce(text, schema, validators)
    if parameter.location == "header":
        text = request.headers.get(parameter.name.lower())
        return None if text is None else coerce(text, schema, validators)
    if parameter.location == "cookie":
        text = _cookies(request.headers.get("cookie", "")).get(parameter.name)
        return None if text is None else coerce(text, schema, validators)
    if parameter.location != "query":
        return None
    if parameter.style == "deepObject":
        return _deep_object(parameter.name, schema, validators, request.query)
    values = [v for k, v in request.query if k == parameter.name]
    if not values:
        return None
    items = _array_items(schema, validators)
    if items is not None:
        return [coerce(v, items, validators) for v in values]
    return coerce(values[-1], schema, validators)


def _array_items(schema: Mapping[str, Any], validators: SchemaValidators) -> Mapping[str, Any] | None:
    """The item schema when the parameter is an array (also inside anyOf/oneOf, as FastAPI writes it)."""
    if "$ref" in schema:
        schema = validators.resolve(schema["$ref"])
    declared = schema.get("type")
    if declared == "array" or (isinstance(declared, list) and "array" in declared):
        items: Mapping[str, Any] = schema.get("items", {})
        return items
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        found = _array_items(branch, validators)
        if found is not None:
            return found
    return None


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _deep_object(
    name: str, schema: Mapping[str, Any], validators: SchemaValidators, query: Sequence[tuple[str, str]]
) -> dict[str, Any] | None:
    found: dict[str, Any] = {}
    properties = schema.get("properties", {})
    for key, text in query:
        if key.startswith(f"{name}[") and key.endswith("]"):
            prop = key[len(name) + 1 : -1]
            found[prop] = coerce(text, properties.get(prop, {}), validators)
    return found or None


def coerce(text: str, schema: Mapping[str, Any], validators: SchemaValidators) -> Any:
    """Read parameter text as the first type of the schema that accepts it, else keep the text."""
    for kind in _types(schema, validators):
        if kind == "integer" and _INTEGER.match(text):
            return int(text)
        if kind == "number" and _NUMBER.match(text):
            return float(text)
        if kind == "boolean" and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if kind == "string":
            return text
    return text


def _types(schema: Mapping[str, Any], validators: SchemaValidators) -> list[str]:
    if "$ref" in schema:
        schema = validators.resolve(schema["$ref"])
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [str(t) for t in declared]
    branches = schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", [])
    return [kind for branch in branches for kind in _types(branch, validators)]


def _check_body(operation: Operation, validators: SchemaValidators, body: bytes) -> list[Violation]:
    pointer = operation.request_body_pointer()
    if pointer is None:
        return []
    if not body.strip():
        if operation.request_body_required:
            return [Violation(("body",), "Field required", "missing")]
        return []
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        return [Violation(("body", 0), f"JSON decode error: {exc}", "json_invalid")]
    return _schema_violations(validators, pointer, document, ("body",))


def _schema_violations(validators: SchemaValidators, pointer: str, instance: Any, prefix: Location) -> list[Violation]:
    errors = validators.for_pointer(pointer).iter_errors(instance)
    return [_violation(error, prefix) for error in sorted(errors, key=lambda e: list(map(str, e.path)))]


def _violation(error: ValidationError, prefix: Location) -> Violation:
    loc: Location = prefix + tuple(error.absolute_path)
    if error.validator == "required":
        return Violation((*loc, missing_property(error)), "Field required", "missing")
    return Violation(loc, error.message, str(error.validator))
