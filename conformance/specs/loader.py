"""Loading an OpenAPI 3.1 document into an :class:`ApiSpec`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance.errors import SpecError
from conformance.specs.documents import load_document, resolve_pointer
from conformance.specs.model import ApiSpec, read_operations
from conformance.specs.schemas import error_key

__all__ = ["load_spec"]


def load_spec(api: str, path: Path) -> ApiSpec:
    document = load_document(path, SpecError)
    _check_shape(path, document)
    operations = tuple(read_operations(api, document))
    seen: dict[str, str] = {}
    for operation in operations:
        if operation.operation_id in seen:
            problem = f"operationId {operation.operation_id!r} is used twice"
            raise SpecError(path, problem, key=f"paths.{operation.path}.{operation.method.lower()}")
        seen[operation.operation_id] = operation.label
    return ApiSpec(name=api, source=path, document=document, operations=operations)


def _check_shape(path: Path, document: dict[str, Any]) -> None:
    version = str(document.get("openapi", ""))
    if not version:
        raise SpecError(path, "not an OpenAPI document (no 'openapi' version)", key="openapi")
    if not version.startswith("3.1"):
        raise SpecError(path, f"OpenAPI {version} is not supported; 3.1 is", key="openapi")
    error = best_match(_shape_validator().iter_errors(document))
    if error is not None:
        key = error_key(error)
        raise SpecError(path, error.message, key=key)
    _check_refs(path, document)


def _check_refs(path: Path, document: dict[str, Any]) -> None:
    """Every local $ref must point at something, or generation and the mock would trip on it."""
    for location, ref in _refs(document, ()):
        try:
            resolve_pointer(document, ref)
        except (KeyError, IndexError, ValueError, TypeError) as exc:
            raise SpecError(path, f"$ref {ref!r} points nowhere", key=".".join(location)) from exc


def _refs(node: Any, location: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            yield location, ref
        for key, value in node.items():
            yield from _refs(value, (*location, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _refs(value, (*location, str(index)))


@cache
def _shape_validator() -> Draft202012Validator:
    text = resources.files("conformance.specs").joinpath("openapi_shape.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))
