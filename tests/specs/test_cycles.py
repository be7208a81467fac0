"""conformance.specs.cycles: a $ref cycle with no structure is refused; one with structure is valid."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.errors import SpecError
from conformance.specs.cycles import check_in_place_cycles
from conformance.specs.resolver import Resolver
from conformance.specs.structure import walk_document


def _check(schemas: dict[str, Any]) -> None:
    document = {"openapi": "3.1.0", "paths": {}, "components": {"schemas": schemas}}
    check_in_place_cycles(list(walk_document(document)), Resolver(document), "spec.json")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


@pytest.mark.parametrize(
    ("schemas", "cycle"),
    [
        ({"A": _ref("A")}, "/components/schemas/A -> /components/schemas/A"),
        ({"A": _ref("B"), "B": _ref("A")}, "/components/schemas/A -> /components/schemas/B -> /components/schemas/A"),
        (
            {"A": {"allOf": [_ref("A")]}},
            "/components/schemas/A -> /components/schemas/A/allOf/0 -> /components/schemas/A",
        ),
        ({"A": {"anyOf": [{"type": "string"}, _ref("A")]}}, "/components/schemas/A/anyOf/1"),
        ({"A": {"not": _ref("B")}, "B": {"if": {"type": "object"}, "then": _ref("A")}}, "/components/schemas/B/then"),
        ({"A": {"dependentSchemas": {"k": _ref("A")}}}, "/components/schemas/A/dependentSchemas/k"),
    ],
    ids=["self", "two", "allOf", "anyOf", "not-then", "dependentSchemas"],
)
def test_a_cycle_through_keywords_that_apply_in_place_is_refused(schemas: dict[str, Any], cycle: str) -> None:
    with pytest.raises(SpecError, match="cycle with no structure") as raised:
        _check(schemas)
    assert raised.value.key == "/components/schemas/A" and cycle in raised.value.problem


@pytest.mark.parametrize(
    "schemas",
    [
        {"Node": {"type": "object", "properties": {"children": {"type": "array", "items": _ref("Node")}}}},
        {"A": {"allOf": [_ref("B")], "properties": {"b": _ref("B")}}, "B": {"properties": {"a": _ref("A")}}},
        {"A": {"anyOf": [{"type": "null"}, {"type": "object", "additionalProperties": _ref("A")}]}},
        {"A": {"allOf": [_ref("B"), _ref("B")]}, "B": {"type": "string"}},  # a diamond, not a cycle
        {"A": _ref("Missing")},  # dangling: a defect reported elsewhere
    ],
    ids=["tree", "mutual-with-properties", "map-of-itself", "diamond", "dangling"],
)
def test_a_cycle_with_structure_is_valid(schemas: dict[str, Any]) -> None:
    _check(schemas)
