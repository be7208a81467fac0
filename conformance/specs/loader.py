"""Loading any OpenAPI 3.0 or 3.1 document, file or URL, into one self-contained 3.1 :class:`ApiSpec`.

    source (file | URL) -> parsed -> external $refs bundled -> checked against the OpenAPI schema
    -> 3.0 upgraded to 3.1 -> Schema Objects and defaults checked -> operations, defects

Only a document that is not OpenAPI 3.x at all, or one no tool can walk to its end (a ``$ref``
cycle with no structure, see ``conformance.specs.cycles``), is a :class:`SpecError`. Everything wrong inside
one is a :class:`SpecDefect`: a duplicate operationId renames the later operation, and an
operation that reaches a dangling ``$ref`` or an unusable schema is marked ``unusable``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from conformance.errors import SpecError
from conformance.specs.bundle import bundle_external_refs
from conformance.specs.cycles import check_in_place_cycles
from conformance.specs.model import ApiSpec, Operation, SpecDefect, read_operations
from conformance.specs.openapi30 import is_openapi30, plain_tree, upgrade_to_31
from conformance.specs.reach import Reach, dangling_refs
from conformance.specs.resolver import Resolver
from conformance.specs.sources import SpecSource, read_source
from conformance.specs.structure import SpecObject, walk_document
from conformance.specs.validation import broken_schemas, invalid_defaults, openapi_schema_defects

__all__ = ["build_spec", "load_spec", "load_spec_source"]


def load_spec(api: str, path: Path) -> ApiSpec:
    """The spec in the file at ``path``."""
    return load_spec_source(api, path)


def load_spec_source(api: str, source: str | Path) -> ApiSpec:
    """The spec at a file path or an ``http(s)://`` URL."""
    return build_spec(api, read_source(source))


def build_spec(api: str, source: SpecSource) -> ApiSpec:
    """The spec of a document already read; its relative ``$ref``s resolve against ``source.uri``."""
    _check_version(source)
    try:
        document: dict[str, Any] = plain_tree(source.document)
    except RecursionError as exc:
        raise SpecError(source.label, "nested too deeply (a recursive YAML alias?)") from exc
    unresolved = bundle_external_refs(document, source.uri)
    defects = openapi_schema_defects(document)
    if is_openapi30(document):
        upgrade_to_31(document)
    resolver = Resolver(document)
    objects = list(walk_document(document))
    check_in_place_cycles(objects, resolver, source.label)
    broken = broken_schemas(objects)
    defects += [
        SpecDefect("spec_invalid", pointer, message)
        for pointer, message in broken.items()
        if not _covered(pointer, defects)
    ]
    defects += invalid_defaults(objects, resolver, broken)
    operations, duplicates = _unique_ids(tuple(read_operations(api, document)))
    if not operations:
        raise SpecError(source.label, "no operations: 'paths' has no get, put, post, ... to check", key="paths")
    reach = Reach(resolver, broken, unresolved)
    operations, unreachable = _mark_unusable(operations, document, reach)
    defects = _attach_operations(defects, operations) + duplicates + unreachable
    defects += _unreached_dangling(objects, reach, unreachable)
    return ApiSpec(api, source.path, document, operations, tuple(defects))


def _check_version(source: SpecSource) -> None:
    document = source.document
    if "swagger" in document and "openapi" not in document:
        raise SpecError(
            source.label, f"Swagger {document['swagger']} is not supported; OpenAPI 3.0 and 3.1 are", key="swagger"
        )
    version = str(document.get("openapi", ""))
    if not version:
        raise SpecError(source.label, "not an OpenAPI document (no 'openapi' version)", key="openapi")
    if not version.startswith(("3.0", "3.1")):
        raise SpecError(source.label, f"OpenAPI {version} is not supported; 3.0 and 3.1 are", key="openapi")


def _unique_ids(operations: tuple[Operation, ...]) -> tuple[tuple[Operation, ...], list[SpecDefect]]:
    """Operations with unique ids: a later one that reuses an id is known by its label instead."""
    seen: dict[str, str] = {}
    unique, defects = [], []
    for operation in operations:
        if operation.operation_id in seen:
            first = seen[operation.operation_id]
            message = f"operationId {operation.operation_id!r} is also used by {first}; this one is {operation.label!r}"
            defects.append(
                SpecDefect("duplicate_operation_id", f"{operation.pointer}/operationId", message, operation.label)
            )
            operation = replace(operation, operation_id=operation.label)
        seen[operation.operation_id] = operation.label
        unique.append(operation)
    return tuple(unique), defects


def _mark_unusable(
    operations: tuple[Operation, ...], document: dict[str, Any], reach: Reach
) -> tuple[tuple[Operation, ...], list[SpecDefect]]:
    marked, defects = [], []
    for operation in operations:
        problems = reach.problems(_roots(operation, document))
        for problem in problems:
            if problem.code == "unresolved_ref":
                defects.append(SpecDefect(problem.code, problem.pointer, problem.message, operation.operation_id))
        if problems:
            operation = replace(operation, unusable=f"{problems[0].message} (at {problems[0].pointer})")
        marked.append(operation)
    return tuple(marked), defects


def _roots(operation: Operation, document: dict[str, Any]) -> list[tuple[str, str, Any]]:
    pointer = operation.pointer
    roots: list[tuple[str, str, Any]] = [("operation", pointer, operation.definition)]
    shared = document["paths"][operation.path].get("parameters")
    for index, parameter in enumerate(shared if isinstance(shared, list) else ()):
        roots.append(("parameter", f"{pointer.rpartition('/')[0]}/parameters/{index}", parameter))
    return roots


def _covered(pointer: str, defects: list[SpecDefect]) -> bool:
    return any(pointer == d.pointer or pointer.startswith(d.pointer + "/") for d in defects)


def _attach_operations(defects: list[SpecDefect], operations: tuple[Operation, ...]) -> list[SpecDefect]:
    """Defects inside an operation object name that operation."""
    owners = {operation.pointer: operation.operation_id for operation in operations}
    return [replace(defect, operation_id=_owner(defect.pointer, owners)) for defect in defects]


def _owner(pointer: str, owners: dict[str, str]) -> str | None:
    parts = pointer.split("/")
    return owners.get("/".join(parts[:4])) if len(parts) >= 4 and parts[1] == "paths" else None


def _unreached_dangling(objects: list[SpecObject], reach: Reach, reported: list[SpecDefect]) -> list[SpecDefect]:
    known = {defect.pointer for defect in reported}
    return [
        SpecDefect("unresolved_ref", pointer, reach.why(ref))
        for pointer, ref in dangling_refs(objects, reach)
        if pointer not in known
    ]
