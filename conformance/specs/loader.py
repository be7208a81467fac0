"""Loading an OpenAPI 3.1 document into an :class:`ApiSpec`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conformance.errors import SpecError
from conformance.specs.documents import load_document
from conformance.specs.model import ApiSpec, read_operations

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
    paths = document.get("paths")
    if not isinstance(paths, dict) or not paths:
        raise SpecError(path, "must be a non-empty mapping", key="paths")
    for name, item in paths.items():
        if not isinstance(item, dict):
            raise SpecError(path, "must be a mapping", key=f"paths.{name}")
