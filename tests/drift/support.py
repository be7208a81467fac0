"""A small spec to edit as an API team would, and the diff of an edit as (rule, class) pairs."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, NamedTuple

from conformance.drift import Version, diff_findings
from conformance.findings import CODES, Finding
from conformance.specs import SpecSource
from conformance.specs.loader import build_spec

__all__ = ["BASE", "INFO", "B", "Case", "N", "P", "changes", "diff", "edited", "findings", "version"]

Document = dict[str, Any]
B, P, N, INFO = "breaking", "potentially breaking", "non-breaking", "informational"  # the classes
Edit = Callable[[Document], None]

_THING: Document = {
    "type": "object",
    "required": ["id", "status", "name"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "status": {"type": "string", "enum": ["queued", "running"]},
        "name": {"type": "string", "maxLength": 50, "pattern": "^[a-z]+$", "description": "What it is called."},
        "score": {"type": "number"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "owner": {"oneOf": [{"$ref": "#/components/schemas/User"}, {"$ref": "#/components/schemas/Team"}]},
    },
}
_NEW_THING: Document = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 50, "pattern": "^[a-z]+$"},
        "mode": {"type": "string", "enum": ["fast", "slow"], "default": "fast"},
        "count": {"type": "integer", "minimum": 0, "multipleOf": 2},
        "labels": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
        "meta": {"type": "object", "additionalProperties": True},
        "target": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
    },
}


def _json(schema: Document) -> Document:
    return {"content": {"application/json": {"schema": schema}}}


BASE: Document = {
    "openapi": "3.1.0",
    "info": {"title": "Things", "version": "1"},
    "security": [{"bearer": []}],
    "paths": {
        "/things": {
            "get": {
                "operationId": "listThings",
                "summary": "List things",
                "responses": {
                    "200": {
                        "description": "ok",
                        **_json({"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}),
                    }
                },
            },
            "post": {
                "operationId": "createThing",
                "requestBody": {"required": True, **_json({"$ref": "#/components/schemas/NewThing"})},
                "responses": {
                    "201": {"description": "created", **_json({"$ref": "#/components/schemas/Thing"})},
                    "422": {"description": "invalid", **_json({"$ref": "#/components/schemas/Error"})},
                },
            },
        },
        "/things/{thing_id}": {
            "get": {
                "operationId": "getThing",
                "parameters": [
                    {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "fields", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                ],
                "responses": {
                    "200": {"description": "ok", **_json({"$ref": "#/components/schemas/Thing"})},
                    "404": {"description": "missing", **_json({"$ref": "#/components/schemas/Error"})},
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Thing": _THING,
            "NewThing": _NEW_THING,
            "User": {"type": "object", "required": ["user_id"], "properties": {"user_id": {"type": "string"}}},
            "Team": {"type": "object", "required": ["team_id"], "properties": {"team_id": {"type": "string"}}},
            "Error": {"type": "object", "properties": {"detail": {"type": "string"}}},
        },
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    },
}


class Case(NamedTuple):
    """An edit (of :data:`BASE`, or of ``base``) and exactly the (rule, class) pairs its diff must give."""

    edit: Edit
    expected: set[tuple[str, str]]
    base: Document | None = None

    def diff(self) -> set[tuple[str, str]]:
        return diff(self.edit, BASE if self.base is None else self.base)


def edited(edit: Edit, base: Document = BASE) -> Document:
    document = copy.deepcopy(base)
    edit(document)
    return document


def version(document: Document, file: str) -> Version:
    return Version(file, build_spec("things", SpecSource(copy.deepcopy(document), f"file:///{file}", file)))


def findings(old: Document, new: Document) -> list[Finding]:
    found = diff_findings(version(old, "old.yml"), version(new, "new.yml"))
    return [finding for operation in found.values() for finding in operation]


def changes(old: Document, new: Document) -> set[tuple[str, str]]:
    """The diff as (rule, class) pairs."""
    return {(f.code, _class(f.code)) for f in findings(old, new)}


def diff(edit: Edit, base: Document = BASE) -> set[tuple[str, str]]:
    return changes(base, edited(edit, base))


def _class(code: str) -> str:
    change = CODES[code].change
    assert change is not None
    return change.value


def schema(document: Document, name: str) -> Document:
    found: Document = document["components"]["schemas"][name]
    return found
