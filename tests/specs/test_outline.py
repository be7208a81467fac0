"""A response schema's outline: its fields as pointer templates, optional or not, enums and formats."""

from __future__ import annotations

from typing import Any

from conformance.specs.outline import FieldDoc, outline
from conformance.specs.resolver import Resolver

RUN = {
    "type": "object",
    "required": ["id", "status"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "status": {"$ref": "#/components/schemas/Status"},
        "tags": {"type": "array", "items": {"enum": ["a", "b"]}},
        "meta": {"type": "object"},
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}},
    },
    "additionalProperties": False,
}


def _document(**schemas: Any) -> dict[str, Any]:
    return {"components": {"schemas": {"Run": RUN, "Status": {"enum": ["queued", "passed"]}, **schemas}}}


def test_fields_enums_formats_and_open_objects() -> None:
    found = outline(Resolver(_document()), "/components/schemas/Run")
    assert found.fields["/id"] == FieldDoc(optional=False, enum=None, format="uuid")
    assert found.fields["/status"] == FieldDoc(optional=False, enum=("queued", "passed"))
    assert found.fields["/tags/*"].enum == ("a", "b")
    assert found.fields["/meta"].optional is True
    assert "/meta" in found.open and "" not in found.open  # {type: object} takes any key; Run does not


def test_a_recursive_schema_ends_within_its_bounds() -> None:
    found = outline(Resolver(_document()), "/components/schemas/Run")
    assert "/children/*/children/*/status" in found.fields
    assert len(found.fields) <= 500


def test_composition_declares_the_fields_of_every_part() -> None:
    either = {
        "allOf": [
            {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "x"}}},
            {"oneOf": [{"properties": {"kind": {"const": "y"}, "left": {"type": "integer"}}}]},
        ]
    }
    found = outline(Resolver(_document(Either=either)), "/components/schemas/Either")
    assert found.fields["/kind"] == FieldDoc(optional=False, enum=("x", "y"))  # required by one part
    assert found.fields["/left"].optional is True


def test_many_self_references_stop_at_the_visit_cap() -> None:
    tree = {"type": "object", "properties": {name: {"$ref": "#/components/schemas/Tree"} for name in "abcd"}}
    found = outline(Resolver(_document(Tree=tree)), "/components/schemas/Tree")
    assert found.capped is True
    assert len(found.fields) <= 500
