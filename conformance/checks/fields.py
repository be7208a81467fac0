"""Drift watch: properties a response carries that its schema does not declare."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance.checks.base import CheckedBody, Issue, Location, Severity, body_check
from conformance.specs.resolver import Resolver

__all__: list[str] = []

Path = tuple[str | int, ...]
_JSON_TYPES = {dict: "object", list: "array", str: "string", type(None): "null"}


@body_check("undocumented_field", applies=lambda scope: scope.documents_a_schema)
def undocumented_field(ctx: CheckedBody) -> Iterator[Issue]:
    if ctx.schema_pointer is None or not ctx.has_json:
        return
    walker = _Walker(ctx.validators.resolver)
    for tokens in walker.undeclared(ctx.json_body, {"$ref": ctx.schema_pointer}, ()):
        location = Location.at(tokens, "additionalProperties")
        yield Issue(Severity.WARNING, f"property {tokens[-1]!r} is not in the schema", location)


class _Walker:
    """Finds object keys that no applicable schema declares (where extra keys are not allowed for)."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver

    def undeclared(self, instance: Any, schema: Mapping[str, Any], path: Path) -> Iterator[Path]:
        """The path of every undeclared key, as tokens (integers are array indices)."""
        branches = self._applicable(schema, instance)
        if isinstance(instance, dict):
            yield from self._object(instance, branches, path)
        elif isinstance(instance, list):
            items = [b["items"] for b in branches if isinstance(b.get("items"), Mapping)]
            for index, value in enumerate(instance):
                if items:
                    yield from self.undeclared(value, {"anyOf": items}, (*path, index))

    def _object(self, instance: dict[str, Any], branches: list[Mapping[str, Any]], path: Path) -> Iterator[Path]:
        declared: dict[str, list[Mapping[str, Any]]] = {}
        for branch in branches:
            for name, prop in branch.get("properties", {}).items():
                declared.setdefault(name, []).append(prop)
        open_ended = any(_allows_any_key(branch) for branch in branches)
        for key, value in instance.items():
            if key in declared:
                yield from self.undeclared(value, {"anyOf": declared[key]}, (*path, key))
            elif not open_ended and branches:
                yield (*path, key)

    def _applicable(self, schema: Mapping[str, Any], instance: Any) -> list[Mapping[str, Any]]:
        """The schema and its allOf parts, plus the anyOf/oneOf branches of the instance's type."""
        schema = self._resolver.resolve(schema)
        found = [schema] if _type_fits(schema, instance) else []
        for part in schema.get("allOf", []):
            found.extend(self._applicable(part, instance))
        for part in schema.get("anyOf", []) + schema.get("oneOf", []):
            found.extend(self._applicable(part, instance))
        return found


def _allows_any_key(branch: Mapping[str, Any]) -> bool:
    """Whether the schema itself documents keys beyond its ``properties``."""
    extra = branch.get("additionalProperties")
    if extra is not None:
        return extra is not False  # true, or a schema for the other keys ({} included)
    if "patternProperties" in branch:
        return True
    composed = any(keyword in branch for keyword in ("allOf", "anyOf", "oneOf"))
    return "properties" not in branch and not composed  # {} or {"type": "object"}: anything goes


def _json_types(instance: Any) -> set[str]:
    if isinstance(instance, bool):
        return {"boolean"}
    if isinstance(instance, int):
        return {"integer", "number"}
    if isinstance(instance, float):
        return {"number", "integer"} if instance.is_integer() else {"number"}
    return {_JSON_TYPES.get(type(instance), "")}


def _type_fits(schema: Mapping[str, Any], instance: Any) -> bool:
    declared = schema.get("type")
    if declared is None:
        return True
    types = declared if isinstance(declared, list) else [declared]
    return bool(_json_types(instance) & set(types))
