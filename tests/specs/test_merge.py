"""conformance.specs.merge: allOf folded into one schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.specs.merge import flatten, merge
from conformance.specs.resolver import Resolver

DOCUMENT = {
    "components": {
        "schemas": {
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Named": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"required": ["name"], "minProperties": 2}]},
        }
    }
}


def resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    return Resolver(DOCUMENT).resolve(schema)


def test_nested_refs_and_allofs_are_merged() -> None:
    merged = flatten(resolve, {"allOf": [{"$ref": "#/components/schemas/Named"}, {"minProperties": 3}]})
    assert merged["required"] == ["id", "name"]
    assert merged["properties"] == {"id": {"type": "string"}}
    assert merged["minProperties"] == 3
    assert "allOf" not in merged


def test_bounds_take_the_tightest() -> None:
    merged = merge({"minimum": 1, "maximum": 10, "maxLength": 5}, {"minimum": 3, "maximum": 20, "maxLength": 2})
    assert merged == {"minimum": 3, "maximum": 10, "maxLength": 2}


def test_types_and_enums_intersect() -> None:
    assert merge({"type": ["integer", "null"]}, {"type": "number"})["type"] == "integer"
    assert merge({"type": ["string", "null"]}, {"type": ["null", "string", "integer"]})["type"] == ["null", "string"]
    assert merge({"enum": [1, 2, 3]}, {"enum": [3, 2]})["enum"] == [2, 3]


def test_a_property_in_two_parts_needs_both() -> None:
    first, second = {"type": "integer"}, {"minimum": 2}
    merged = merge({"properties": {"n": first}}, {"properties": {"n": second, "m": {}}})
    assert merged["properties"] == {"n": {"allOf": [first, second]}, "m": {}}


def test_closed_objects_stay_closed_and_nots_add_up() -> None:
    assert merge({"additionalProperties": {"type": "string"}}, {"additionalProperties": False}) == {
        "additionalProperties": False
    }
    assert merge({"not": {"const": 1}}, {"not": {"const": 2}}) == {"not": {"anyOf": [{"const": 1}, {"const": 2}]}}
    assert merge({"multipleOf": 4}, {"multipleOf": 6}) == {"multipleOf": 12}
