"""Does a request conform to its operation? The answer is a list of violations.

The embedded mock uses it to reject invalid requests the way the API does, and the run uses
it to decide, from what was actually sent, whether a generated request is invalid (so that a
2xx answer to it is a finding). Parameters arrive as text: they are split as their style says
(``styles``), then coerced by their schema (``coercion``), as a server framework would; one
declared with ``content`` is its media type (JSON parsed), not a style. The
body is read as its Content-Type says, if the operation declares that type (``media_types``).
Every mistake here is a false finding against a server that follows its spec.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from jsonschema.exceptions import ValidationError

from conformance.specs.coercion import coerce, property_names, property_schema, shape_of
from conformance.specs.media_types import BodyError, MediaType, best_match, is_opaque, read_body
from conformance.specs.model import Operation, Parameter
from conformance.specs.schemas import SchemaValidators, missing_property
from conformance.specs.styles import Serialized, StyleError, from_pairs, from_text

__all__ = ["RequestParts", "Violation", "coerce", "match_path", "validate_request"]

Location = tuple[str | int, ...]
# FastAPI answers a body whose Content-Type it does not read with loc ["body"] (the bytes fail
# the model), and a missing body the same way: so does a Content-Type we cannot accept.
_BODY: Location = ("body",)


@dataclass(frozen=True, slots=True)
class RequestParts:
    path_params: Mapping[str, str]
    query: Sequence[tuple[str, str]] = ()  # decoded, in order, repeated keys kept
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""

    @classmethod
    def from_target(
        cls, operation: Operation, target: str, headers: Iterable[tuple[str, str]], body: bytes = b""
    ) -> RequestParts:
        """The parts of a request to ``target`` (``/path?query``, still percent-encoded)."""
        url = urlsplit(target)
        return cls(
            path_params=match_path(operation.path, url.path) or {},
            query=parse_qsl(url.query, keep_blank_values=True),
            headers={name.lower(): value for name, value in headers},
            body=body,
        )


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
    violations.extend(_check_body(operation, validators, request))
    return violations


def _check_parameter(parameter: Parameter, validators: SchemaValidators, request: RequestParts) -> list[Violation]:
    loc: Location = (parameter.location, parameter.name)
    try:
        value = _parameter_value(parameter, validators, request)
    except StyleError as exc:
        serialized_as = parameter.media_type or f"style {parameter.style!r}"
        return [Violation(loc, f"Not serialized as {serialized_as}: {exc}", "parameter_style")]
    if value is None:
        return [Violation(loc, "Field required", "missing")] if parameter.required else []
    return _schema_violations(validators, parameter.pointer, value, loc)


def _parameter_value(parameter: Parameter, validators: SchemaValidators, request: RequestParts) -> Any:
    """The parameter as sent, split by its style and coerced by its schema; None when absent."""
    if parameter.media_type is not None:
        return _content_value(parameter, request)
    schema = validators.resolve(parameter.pointer)
    shape, _ = shape_of(schema, validators)
    style, explode, name = parameter.style, parameter.explode, parameter.name
    serialized: Serialized | None = None
    if parameter.location == "query":
        keys = property_names(schema, validators) if shape == "object" else []
        serialized = from_pairs(style, explode, shape, name, request.query, keys)
    else:
        text = _text(parameter, request)
        serialized = None if text is None else from_text(style, explode, shape, name, text)
    return None if serialized is None else _typed(serialized, schema, validators)


def _content_value(parameter: Parameter, request: RequestParts) -> Any:
    """A parameter declared with ``content``: its text, parsed when its media type is JSON."""
    if parameter.location == "query":
        values = [value for key, value in request.query if key == parameter.name]
        text = values[-1] if values else None  # the last one, as for any scalar query parameter
    else:
        text = _text(parameter, request)
    media = MediaType.parse(parameter.media_type or "")
    if text is None or media is None or not media.is_json:
        return text
    try:
        return json.loads(text)
    except ValueError as exc:
        raise StyleError(f"not JSON ({exc})") from exc


def _text(parameter: Parameter, request: RequestParts) -> str | None:
    """A path, header or cookie parameter's text.

    A cookie name holds one value (servers keep the last), so a cookie array or object is one
    comma-separated value whatever ``explode`` says, as Schemathesis also sends it.
    """
    if parameter.location == "path":
        return request.path_params.get(parameter.name)
    if parameter.location == "header":
        return request.headers.get(parameter.name.lower())
    if parameter.location == "cookie":
        return _cookies(request.headers.get("cookie", "")).get(parameter.name)
    return None


def _typed(serialized: Serialized, schema: Mapping[str, Any], validators: SchemaValidators) -> Any:
    if isinstance(serialized, list):
        _, items = shape_of(schema, validators)
        return [coerce(text, items, validators) for text in serialized]
    if isinstance(serialized, dict):
        return {
            key: coerce(text, property_schema(schema, key, validators), validators) for key, text in serialized.items()
        }
    return coerce(serialized, schema, validators)


def _cookies(header: str) -> dict[str, str]:
    """The cookies, read as Starlette reads them: ``;``-separated, quotes dropped, the last one wins."""
    cookies = {}
    for chunk in header.split(";"):
        name, equals, value = chunk.partition("=")
        if equals and name.strip():
            cookies[name.strip()] = value.strip().removeprefix('"').removesuffix('"')
    return cookies


def _check_body(operation: Operation, validators: SchemaValidators, request: RequestParts) -> list[Violation]:
    declared = operation.request_media_types
    if not declared:
        return []
    if not request.body.strip():
        return [Violation(_BODY, "Field required", "missing")] if operation.request_body_required else []
    sent = MediaType.parse(request.headers.get("content-type", ""))
    chosen = best_match(sent, declared) if sent else None
    if sent is None or chosen is None:
        return [_unsupported(request.headers.get("content-type"), declared)]
    pointer = declared[chosen]
    if pointer is None:
        return []
    try:
        document = read_body(sent, request.body, validators.resolve(pointer), validators)
    except BodyError as exc:
        return [Violation(_BODY if exc.position is None else (*_BODY, exc.position), str(exc), exc.kind)]
    return [] if is_opaque(document) else _schema_violations(validators, pointer, document, _BODY)


def _unsupported(content_type: str | None, declared: Iterable[str]) -> Violation:
    expected = ", ".join(declared)
    if content_type is None:
        return Violation(_BODY, f"Content-Type header missing; expected one of: {expected}", "media_type")
    return Violation(_BODY, f"Unsupported media type {content_type!r}; expected one of: {expected}", "media_type")


def _schema_violations(validators: SchemaValidators, pointer: str, instance: Any, prefix: Location) -> list[Violation]:
    errors = validators.for_pointer(pointer).iter_errors(instance)
    return [_violation(error, prefix) for error in sorted(errors, key=lambda e: list(map(str, e.path)))]


def _violation(error: ValidationError, prefix: Location) -> Violation:
    loc: Location = prefix + tuple(error.absolute_path)
    if error.validator == "required":
        return Violation((*loc, missing_property(error)), "Field required", "missing")
    return Violation(loc, error.message, str(error.validator))
