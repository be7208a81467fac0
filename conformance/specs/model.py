"""An OpenAPI document as the rest of the tool sees it: an API with its operations."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.errors import UnresolvedReference
from conformance.specs.documents import escape_token
from conformance.specs.resolver import Resolver
from conformance.specs.structure import HTTP_METHODS

__all__ = ["DEFECT_CODES", "ApiSpec", "DocumentedResponse", "Operation", "Parameter", "SpecDefect", "escape_pointer"]

# The codes of a spec's own defects: a public interface, never renamed.
DEFECT_CODES = (
    "duplicate_operation_id",  # a later operation reuses an operationId; it is known by "METHOD /path"
    "spec_invalid",  # the document breaks the OpenAPI schema, or a schema or default is invalid
    "unresolved_ref",  # a $ref points nowhere (or to a document that could not be retrieved)
)
_PATH_TEMPLATE = re.compile(r"{([^}/]+)}")


def escape_pointer(*tokens: str) -> str:
    """A JSON pointer (``#/a/b~1c``) made of raw tokens."""
    return "#/" + "/".join(escape_token(token) for token in tokens)


@dataclass(frozen=True, slots=True)
class SpecDefect:
    """Something wrong with the spec itself: data for the report, never a crash."""

    code: str  # one of DEFECT_CODES
    pointer: str  # JSON pointer into the document as loaded, e.g. /paths/~1a/get/operationId
    message: str  # one line
    operation_id: str | None = None  # the operation it concerns, if one


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    location: str  # path, query, header or cookie
    required: bool
    schema: Mapping[str, Any]
    pointer: str  # where its schema lives in the document
    style: str = "form"
    explode: bool = True
    media_type: str | None = None  # declared with ``content``: the value is this media type, not a style

    @property
    def definition_pointer(self) -> str:
        """Where the Parameter Object itself lives."""
        suffix = f"/content/{escape_token(self.media_type)}/schema" if self.media_type is not None else "/schema"
        return self.pointer.removesuffix(suffix)


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
    unusable: str | None = field(default=None, compare=False)  # why no request can be made for it
    # Response and request body objects with their $ref (components/responses, requestBodies)
    # followed: key -> (the JSON pointer of the object, the object).
    referenced: Mapping[str, tuple[str, Mapping[str, Any]]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pointer(self) -> str:
        """The JSON pointer of the operation object (``/paths/~1a/get``)."""
        return escape_pointer("paths", self.path, self.method.lower())[1:]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def responses(self) -> Mapping[str, Any]:
        """Each documented response by its key, a ``$ref`` to ``components/responses`` followed."""
        written: Mapping[str, Any] = self.definition.get("responses", {})
        return {key: self._object(("responses", key), value)[1] for key, value in written.items()}

    def _object(self, where: tuple[str, ...], written: Any) -> tuple[str, Mapping[str, Any]]:
        """A response or request body object and its pointer, its ``$ref`` followed when read."""
        found = self.referenced.get("/".join(where))
        if found is not None:
            return found
        pointer = escape_pointer("paths", self.path, self.method.lower(), *where)
        return pointer, written if isinstance(written, Mapping) else {}

    @property
    def documented_statuses(self) -> tuple[str, ...]:
        return tuple(sorted(self.responses))

    @property
    def documented_responses(self) -> tuple[DocumentedResponse, ...]:
        """Every documented response, in the order written."""
        return tuple(self._documented(key) for key in self.responses)

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
        pointer, body = self._object(("requestBody",), self.definition.get("requestBody", {}))
        content = body.get("content") or {}
        return {
            media: f"{pointer}/content/{escape_token(media)}/schema" if "schema" in entry else None
            for media, entry in content.items()
        }

    @property
    def request_body_required(self) -> bool:
        return bool(self._object(("requestBody",), self.definition.get("requestBody", {}))[1].get("required", False))

    def path_parameter_names(self) -> tuple[str, ...]:
        return tuple(_PATH_TEMPLATE.findall(self.path))

    def _documented(self, key: str) -> DocumentedResponse:
        pointer, response = self._object(("responses", key), self.definition.get("responses", {}).get(key))
        content = response.get("content") or {}
        pointers = {
            media: f"{pointer}/content/{escape_token(media)}/schema"
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
    defects: tuple[SpecDefect, ...] = field(default=(), repr=False, compare=False)

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
    """The operations under ``paths``, in document order; what is not an object is left out."""
    resolver = Resolver(document)
    paths = document.get("paths")
    for path, item in paths.items() if isinstance(paths, Mapping) else ():
        if not isinstance(item, Mapping):
            continue
        shared = item.get("parameters")
        for method in HTTP_METHODS:
            definition = item.get(method)
            if not isinstance(definition, Mapping):
                continue
            operation_id = definition.get("operationId")
            if not isinstance(operation_id, str) or not operation_id:
                operation_id = f"{method.upper()} {path}"
            parameters = _parameters(resolver, path, method, shared, definition)
            referenced = _referenced(resolver, definition)
            yield Operation(api, method.upper(), path, operation_id, definition, parameters, referenced=referenced)


def _referenced(resolver: Resolver, definition: Mapping[str, Any]) -> dict[str, tuple[str, Mapping[str, Any]]]:
    """The operation's response and request body objects written as a ``$ref``, followed."""
    written: dict[str, Any] = {"requestBody": definition.get("requestBody")}
    responses = definition.get("responses")
    if isinstance(responses, Mapping):
        written.update({f"responses/{key}": value for key, value in responses.items()})
    followed = {}
    for where, node in written.items():
        if isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            followed[where] = _follow(resolver, node)
    return followed


def _follow(resolver: Resolver, node: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    """Where a ``$ref`` chain of objects ends; an empty object where it points nowhere (a defect
    the loader reports)."""
    try:
        return resolver.follow(node)
    except UnresolvedReference as exc:
        return str(exc.path), {}


def _parameters(
    resolver: Resolver, path: str, method: str, shared: Any, definition: Mapping[str, Any]
) -> tuple[Parameter, ...]:
    found: dict[tuple[str, str], Parameter] = {}
    sources = [
        (("paths", path, "parameters"), shared),
        (("paths", path, method, "parameters"), definition.get("parameters")),
    ]
    for base, entries in sources:
        for index, entry in enumerate(entries if isinstance(entries, list) else ()):
            parameter = _parameter(resolver, escape_pointer(*base, str(index)), entry)
            if parameter is not None:
                found[(parameter.location, parameter.name)] = parameter
    return tuple(found.values())


def _parameter(resolver: Resolver, pointer: str, entry: Any) -> Parameter | None:
    """The parameter ``entry`` (at ``pointer``) describes, or None when it is broken (a defect of its own)."""
    if isinstance(entry, Mapping) and isinstance(entry.get("$ref"), str):
        pointer = entry["$ref"]
        try:
            entry = resolver.resolve(entry)
        except UnresolvedReference:
            return None
    if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str) or entry.get("in") not in _LOCATIONS:
        return None
    if entry["in"] == "header" and entry["name"].lower() in _IGNORED_HEADERS:
        return None  # OpenAPI: such a parameter definition "SHALL be ignored"
    style = entry.get("style", "simple" if entry["in"] in ("path", "header") else "form")
    media_type, schema_pointer, schema = _parameter_schema(entry, pointer)
    return Parameter(
        name=entry["name"],
        location=entry["in"],
        required=bool(entry.get("required", entry["in"] == "path")),
        schema=schema if isinstance(schema, Mapping) else {},
        pointer=schema_pointer,
        style=style,
        explode=bool(entry.get("explode", style == "form")),
        media_type=media_type,
    )


def _parameter_schema(entry: Mapping[str, Any], pointer: str) -> tuple[str | None, str, Any]:
    """(its media type, where its schema is, the schema): ``schema``, or the one entry of ``content``."""
    content = entry.get("content")
    if "schema" in entry or not isinstance(content, Mapping) or len(content) != 1:
        return None, f"{pointer}/schema", entry.get("schema", {})
    [(media_type, media)] = content.items()
    schema = media.get("schema", {}) if isinstance(media, Mapping) else {}
    return str(media_type), f"{pointer}/content/{escape_token(str(media_type))}/schema", schema


_LOCATIONS = ("path", "query", "header", "cookie")
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
