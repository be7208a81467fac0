"""The objects of an OpenAPI document by kind: every Schema Object, Parameter, Response...

:func:`walk` follows the structure OpenAPI defines (paths → operations → parameters → schema,
components → schemas → properties → ...), never a ``$ref``, and yields each object with its
kind and JSON pointer. Other modules ask it where the Schema Objects are instead of guessing
from key names, so an example value that happens to hold a ``"schema"`` key is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance.errors import SpecError
from conformance.specs.documents import escape_token

__all__ = ["COMPONENT_SECTIONS", "HTTP_METHODS", "SpecObject", "walk", "walk_document"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# kind -> the components section that holds objects of that kind
COMPONENT_SECTIONS = {
    "schema": "schemas",
    "response": "responses",
    "parameter": "parameters",
    "requestBody": "requestBodies",
    "header": "headers",
    "callback": "callbacks",
    "pathItem": "pathItems",
    "example": "examples",
    "link": "links",
    "securityScheme": "securitySchemes",
}
_SCHEMA_ONE = (
    "additionalProperties", "items", "not", "contains", "if", "then", "else", "propertyNames",
    "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema",
)  # fmt: skip
_SCHEMA_LIST = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
_SCHEMA_MAP = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_MAX_DEPTH = 256

SpecObject = tuple[str, str, dict[str, Any]]  # (kind, JSON pointer, the object)


def walk_document(document: Mapping[str, Any]) -> Iterator[SpecObject]:
    """Every object of ``document`` with its kind, parents before children."""
    yield from _map_of(document.get("paths"), "pathItem", "/paths")
    yield from _map_of(document.get("webhooks"), "pathItem", "/webhooks")
    components = document.get("components")
    if isinstance(components, Mapping):
        for kind, section in COMPONENT_SECTIONS.items():
            yield from _map_of(components.get(section), kind, f"/components/{section}")


def walk(node: Any, kind: str, pointer: str, depth: int = 0) -> Iterator[SpecObject]:
    """``node`` (an object of ``kind`` at ``pointer``) and every object inside it."""
    if not isinstance(node, dict):
        return
    if depth > _MAX_DEPTH:
        raise SpecError(pointer, f"nested more than {_MAX_DEPTH} levels deep (a recursive YAML alias?)")
    yield kind, pointer, node
    if "$ref" in node and kind != "schema":
        return
    for child_kind, child_pointer, child in _children(node, kind, pointer):
        yield from walk(child, child_kind, child_pointer, depth + 1)


def _map_of(node: Any, kind: str, pointer: str, depth: int = 0) -> Iterator[SpecObject]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if not str(key).startswith("x-"):
                yield from walk(value, kind, f"{pointer}/{escape_token(str(key))}", depth)


def _list_of(node: Any, kind: str, pointer: str) -> Iterator[tuple[str, str, Any]]:
    if isinstance(node, list):
        for index, value in enumerate(node):
            yield kind, f"{pointer}/{index}", value


def _entries(node: Any, kind: str, pointer: str) -> Iterator[tuple[str, str, Any]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield kind, f"{pointer}/{escape_token(str(key))}", value


def _children(node: dict[str, Any], kind: str, pointer: str) -> Iterator[tuple[str, str, Any]]:
    if kind == "schema":
        yield from _schema_children(node, pointer)
        return
    if kind == "callback":
        yield from (entry for entry in _entries(node, "pathItem", pointer) if entry[1].rpartition("/")[2][:2] != "x-")
        return
    for key, child_kind in _CHILDREN.get(kind, ()):
        if key not in node:
            continue
        child_pointer = f"{pointer}/{escape_token(key)}"
        if key == "parameters":
            yield from _list_of(node[key], child_kind, child_pointer)
        elif child_kind in ("schema", "requestBody"):
            yield child_kind, child_pointer, node[key]
        else:
            yield from _entries(node[key], child_kind, child_pointer)
    if kind == "pathItem":
        for method in HTTP_METHODS:
            if method in node:
                yield "operation", f"{pointer}/{method}", node[method]


_CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "pathItem": (("parameters", "parameter"),),
    "operation": (
        ("parameters", "parameter"),
        ("requestBody", "requestBody"),
        ("responses", "response"),
        ("callbacks", "callback"),
    ),
    "callback": (),
    "parameter": (("schema", "schema"), ("content", "mediaType")),
    "header": (("schema", "schema"), ("content", "mediaType")),
    "requestBody": (("content", "mediaType"),),
    "response": (("headers", "header"), ("content", "mediaType")),
    "mediaType": (("schema", "schema"), ("encoding", "encoding")),
    "encoding": (("headers", "header"),),
}


def _schema_children(node: dict[str, Any], pointer: str) -> Iterator[tuple[str, str, Any]]:
    for key, value in node.items():
        shape = _SCHEMA_KEYWORDS.get(key)
        if shape is None:
            continue
        if shape == "list" and isinstance(value, list):
            yield from _list_of(value, "schema", f"{pointer}/{key}")
        elif shape == "map":
            yield from _entries(value, "schema", f"{pointer}/{escape_token(key)}")
        elif shape != "map" and isinstance(value, dict):
            yield "schema", f"{pointer}/{escape_token(key)}", value


_SCHEMA_KEYWORDS = {
    **dict.fromkeys(_SCHEMA_ONE, "one"),
    **dict.fromkeys(_SCHEMA_LIST, "list"),
    **dict.fromkeys(_SCHEMA_MAP, "map"),
}
