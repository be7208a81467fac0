"""conformance.mock._subschemas: validity against one subschema, its $refs read in the document."""

from __future__ import annotations

from conformance.mock._subschemas import is_valid

DOCUMENT = {"components": {"schemas": {"Id": {"type": "string", "format": "uuid"}}}}


def test_local_refs_resolve_in_the_document_and_checked_formats_count() -> None:
    branch = {"type": "object", "required": ["id"], "properties": {"id": {"$ref": "#/components/schemas/Id"}}}
    assert is_valid(DOCUMENT, branch, {"id": "3c90c3cc-0d44-4b50-8888-8dd25736052a"})
    assert not is_valid(DOCUMENT, branch, {"id": "not-a-uuid"})
    assert not is_valid(DOCUMENT, branch, {})


def test_boolean_schemas() -> None:
    assert is_valid(DOCUMENT, True, 1)
    assert not is_valid(DOCUMENT, False, 1)


def test_a_cached_validator_is_not_reused_for_another_document() -> None:
    branch = {"$ref": "#/components/schemas/Id"}
    other = {"components": {"schemas": {"Id": {"type": "integer"}}}}
    assert is_valid(DOCUMENT, branch, "3c90c3cc-0d44-4b50-8888-8dd25736052a")
    assert is_valid(other, branch, 7)
    assert not is_valid(other, branch, "3c90c3cc-0d44-4b50-8888-8dd25736052a")
