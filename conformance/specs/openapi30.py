"""OpenAPI 3.0 documents rewritten with OpenAPI 3.1 semantics, so the rest of the tool knows one dialect.

Only Schema Objects change (found by :func:`walk_document`, never by key names):

- ``nullable: true`` adds ``"null"`` to ``type`` (and ``None`` to an ``enum``); with no ``type``,
  or beside a ``$ref`` or ``allOf``, the schema becomes ``anyOf: [schema, {type: "null"}]``;
- boolean ``exclusiveMinimum``/``exclusiveMaximum`` become the numeric form, replacing
  ``minimum``/``maximum``;
- ``example`` is also given as ``examples: [example]``.

``openapi`` becomes ``3.1.0``; the version the document had is kept in ``info`` under
:data:`ORIGINAL_VERSION_KEY`. YAML anchors make one object appear in many places; the
document is made a plain tree first (:func:`plain_tree`), so each place is rewritten exactly once.
"""

from __future__ import annotations

from typing import Any

from conformance.specs.structure import walk_document

__all__ = ["ORIGINAL_VERSION_KEY", "is_openapi30", "plain_tree", "upgrade_to_31"]

ORIGINAL_VERSION_KEY = "x-conformance-original-openapi"
_WRAP_BESIDE = ("$ref", "allOf")


def is_openapi30(document: dict[str, Any]) -> bool:
    return str(document.get("openapi", "")).startswith("3.0")


def upgrade_to_31(upgraded: dict[str, Any]) -> dict[str, Any]:
    """``upgraded``, a 3.0 document, rewritten in place as 3.1; first make it a :func:`plain_tree`."""
    schemas = [node for kind, _, node in walk_document(upgraded) if kind == "schema"]
    for schema in schemas:
        _upgrade_schema(schema)
    info = upgraded.get("info")
    upgraded["info"] = {**(info if isinstance(info, dict) else {}), ORIGINAL_VERSION_KEY: str(upgraded["openapi"])}
    upgraded["openapi"] = "3.1.0"
    return upgraded


def plain_tree(node: Any) -> Any:
    """A copy of ``node`` in which no dict or list is shared (YAML aliases become copies)."""
    if isinstance(node, dict):
        return {key: plain_tree(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain_tree(value) for value in node]
    return node


def _upgrade_schema(schema: dict[str, Any]) -> None:
    if "example" in schema and "examples" not in schema:
        schema["examples"] = [schema["example"]]
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(schema.get(bound), bool):
            _upgrade_bound(schema, bound, limit)
    if "nullable" in schema:
        _upgrade_nullable(schema)


def _upgrade_bound(schema: dict[str, Any], bound: str, limit: str) -> None:
    exclusive = schema.pop(bound)
    if exclusive and limit in schema:
        schema[bound] = schema.pop(limit)


def _upgrade_nullable(schema: dict[str, Any]) -> None:
    nullable = schema.pop("nullable")
    if nullable is not True:
        return
    written = schema.get("type")
    if written is None or any(key in schema for key in _WRAP_BESIDE):
        rest = dict(schema)
        schema.clear()
        schema["anyOf"] = [rest, {"type": "null"}]
        return
    types = list(written) if isinstance(written, list) else [written]
    schema["type"] = [*types, "null"] if "null" not in types else types
    if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
