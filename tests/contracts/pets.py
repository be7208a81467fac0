"""A small FastAPI-style spec for tests: bearer auth, a 422 HTTPValidationError, a relative server."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

_INVALID = {
    "description": "invalid",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}},
}


def _ok(schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": "ok", "content": {"application/json": {"schema": schema}}}


_PET = {"$ref": "#/components/schemas/Pet"}
PETS: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Pet Store", "version": "1"},
    "servers": [{"url": "/v1"}],
    "security": [{"bearer": []}],
    "paths": {
        "/pets": {
            "get": {
                "operationId": "list_pets",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
                "responses": {"200": _ok({"type": "array", "items": _PET}), "422": _INVALID},
            },
            "post": {
                "operationId": "add_pet",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}},
                },
                "responses": {"201": _ok(_PET), "422": _INVALID},
            },
        },
        "/pets/{pet_id}": {
            "get": {
                "operationId": "get_pet",
                "parameters": [
                    {"name": "pet_id", "in": "path", "required": True, "schema": {"type": "string", "example": "p1"}}
                ],
                "responses": {"200": _ok(_PET), "422": _INVALID},
            }
        },
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "NewPet": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
            "Pet": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
            },
            "HTTPValidationError": {
                "type": "object",
                "properties": {"detail": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}},
            },
            "ValidationError": {
                "type": "object",
                "required": ["loc", "msg", "type"],
                "properties": {
                    "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
}


def pets(**top: Any) -> dict[str, Any]:
    """A copy of :data:`PETS` with top-level keys replaced."""
    return {**copy.deepcopy(PETS), **top}


def write_pets(path: Path, **top: Any) -> Path:
    path.write_text(json.dumps(pets(**top), indent=2), encoding="utf-8")
    return path
