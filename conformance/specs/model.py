"""An OpenAPI document as the rest of the tool sees it: an API with its operations."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.specs.documents import escape_token, resolve_pointer

__all__ = ["ApiSpec", "DocumentedResponse", "Operation", "Parameter", "escape_pointer"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PATH_TEMPLATE = re.compile(r"{([^}/]+)}")


def escape_pointer(*tokens: str) -> str:
    """A JSON pointer (``#/a/b~1c``) made of raw tokens."""
    return "#/" + "/".join(escape_token(token) for token in tokens)


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    location: str  # path, query, header or cookie
    required: bool
    schema: Mapping[str, Any]
    pointer: str  # where its schema lives in the document
    style: str = "form"
    explode: bool = True


@dataclass(frozen=True, slots=True)
class DocumentedResponse:
    key: str  # as written in the spec: "201", "4XX" or "default"
    media_types: tuple[str, ...]
    schema_pointers: Mapping[str, str]  # media type -> JSON pointer of its schema


@dataclass(frozen=True, slots=True)
class Operation:
    """One method on one path; ``definition`` is the operation object as written."""

    api: str
    method: str
    path: str
    operation_id: str
    definition: Mapping[str, Any] = field(repr=False, compare=False)
    parameters: tuple[Parameter, ...] = field(repr=False, compare=False)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def responses(self) -> Mapping[str, Any]:
        responses: Mapping[str, Any] = self.definition.get("responses", {})
        return responses

    @property
    def documented_statuses(self) -> tuple[str, ...]:
        return tuple(sorted(self.responses))

    @property
    def documents_errors(self) -> bool:
        return any(key[0] in "45" or key == "default" for key in self.responses)

    def response_for(self, status: int) -> DocumentedResponse | None:
        """The documented response for ``status``: exact code, then ``4XX``, then ``default``."""
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            for written in self.responses:
                if written.upper() == key.upper():
                    return self._documented(written)
        return None

    def request_body_pointer(self, media_type: str = "application/json") -> str | None:
        return self.request_media_types.get(media_type)

    @property
    def request_media_types(self) -> Mapping[str, str | None]:
        """Each media type (or range) the request body may have, as written, with its schema's pointer."""
        content = self.definition.get("requestBody", {}).get("content", {})
        return {
            media: escape_pointer("paths", self.path, self.method.lower(), "requestBody", "content", media, "schema")
            if "schema" in body
            else None
            for media, body in content.items()
        }

    @property
    def request_body_required(self) -> bool:
        return bool(self.definition.get("requestBody", {}).get("required", False))

    def path_parameter_names(self) -> tuple[str, ...]:
        return tuple(_PATH_TEMPLATE.findall(self.path))

    def _documented(self, key: str) -> DocumentedResponse:
        content = self.responses[key].get("content") or {}
        pointers = {
            media: escape_pointer("paths", self.path, self.method.lower(), "responses", key, "content", media, "schema")
            for media, body in content.items()
            if "schema" in body
        }
        return DocumentedResponse(key=key, media_types=tuple(content), schema_pointers=pointers)


@dataclass(frozen=True, slots=True)
class ApiSpec:
    """A vendored OpenAPI document and the operations read from it."""

    name: str
    source: Path
    document: Mapping[str, Any] = field(repr=False, compare=False)
    operations: tuple[Operation, ...] = field(repr=False, compare=False)

    def find(self, reference: str) -> Operation | None:
        """An operation by operationId or by ``"METHOD /path"``."""
        method, _, path = reference.partition(" ")
        for operation in self.operations:
            if reference == operation.operation_id:
                return operation
            if path and (method.upper(), path) == (operation.method, operation.path):
                return operation
        return None


def read_operations(api: str, document: Mapping[str, Any]) -> Iterator[Operation]:
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method not in item:
                continue
            definition = item[method]
            operation_id = definition.get("operationId") or f"{method.upper()} {path}"
            parameters = _parameters(document, path, method, shared, definition)
            yield Operation(api, method.upper(), path, operation_id, definition, parameters)


def _parameters(
    document: Mapping[str, Any], path: str, method: str, shared: list[Any], definition: Any
) -> tuple[Parameter, ...]:
    found: dict[tuple[str, str], Parameter] = {}
    sources = [("parameters", shared), (method, definition.get("parameters", []))]
    for owner, entries in sources:
        for index, entry in enumerate(entries):
            base = ("paths", path, "parameters") if owner == "parameters" else ("paths", path, method, "parameters")
            pointer = escape_pointer(*base, str(index), "schema")
            if "$ref" in entry:
                pointer = entry["$ref"] + "/schema"
                entry = resolve_pointer(document, entry["$ref"])
            style = entry.get("style", "simple" if entry["in"] in ("path", "header") else "form")
            parameter = Parameter(
                name=entry["name"],
                location=entry["in"],
                required=bool(entry.get("required", entry["in"] == "path")),
                schema=entry.get("schema", {}),
                pointer=pointer,
                style=style,
                explode=bool(entry.get("explode", style == "form")),
            )
            found[(parameter.location, parameter.name)] = parameter
    return tuple(found.values())
