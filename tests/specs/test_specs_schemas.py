"""conformance.specs.schemas: validators for pointers into one OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.specs.schemas import SchemaValidators

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "components": {
        "schemas": {
            "Run": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"$ref": "#/components/schemas/Id"},
                    "at": {"type": "string", "format": "date-time"},
                },
            },
            "Id": {"type": "string", "format": "uuid"},
            "Alias": {"$ref": "#/components/schemas/AliasOfAlias"},
            "AliasOfAlias": {"$ref": "#/components/schemas/Id"},
            "Email": {"type": "string", "format": "email"},
            "Wrapped": {"$ref": "#/components/schemas/Id", "description": "has a sibling"},
            "a/b": {"type": "integer"},
        }
    },
}


@pytest.fixture()
def validators() -> SchemaValidators:
    return SchemaValidators("demo", DOCUMENT)


def test_validator_follows_refs_across_the_document(validators: SchemaValidators) -> None:
    validator = validators.for_pointer("#/components/schemas/Run")
    assert validator.is_valid({"id": "123e4567-e89b-12d3-a456-426614174000"})
    assert not validator.is_valid({})
    assert not validator.is_valid({"id": 5})


def test_validators_are_cached_per_pointer(validators: SchemaValidators) -> None:
    first = validators.for_pointer("#/components/schemas/Run")
    assert validators.for_pointer("#/components/schemas/Run") is first
    assert validators.for_pointer("#/components/schemas/Id") is not first


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("123e4567-e89b-12d3-a456-426614174000", True),
        ("123E4567-E89B-12D3-A456-426614174000", True),
        ("not-a-uuid", False),
        ("123e4567e89b12d3a456426614174000", False),  # jsonschema wants the hyphenated form
    ],
)
def test_uuid_format_is_checked(validators: SchemaValidators, value: str, valid: bool) -> None:
    assert validators.for_pointer("#/components/schemas/Id").is_valid(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024-01-24T10:30:00Z", True),
        ("2024-01-24T10:30:00.123+02:00", True),
        ("2024-01-24T10:30:00", False),  # RFC 3339 needs the offset
        ("2024-01-24", False),
        ("yesterday", False),
    ],
)
def test_date_time_format_is_checked(validators: SchemaValidators, value: str, valid: bool) -> None:
    assert (
        validators.for_pointer("#/components/schemas/Run").is_valid(
            {"id": "123e4567-e89b-12d3-a456-426614174000", "at": value}
        )
        is valid
    )


def test_unchecked_formats_are_annotations(validators: SchemaValidators) -> None:
    assert validators.for_pointer("#/components/schemas/Email").is_valid("not an email")


def test_transitional_resolve_delegates_to_the_resolver(validators: SchemaValidators) -> None:
    assert validators.resolve("#/components/schemas/Alias") == {"type": "string", "format": "uuid"}
    assert validators.resolve("#/components/schemas/Wrapped") == validators.resolver.resolve_at(
        "#/components/schemas/Wrapped"
    )


def test_escaped_pointer_resolves(validators: SchemaValidators) -> None:
    assert validators.resolver.resolve_at("#/components/schemas/a~1b") == {"type": "integer"}
    assert validators.for_pointer("#/components/schemas/a~1b").is_valid(3)
    assert not validators.for_pointer("#/components/schemas/a~1b").is_valid("3")


def test_each_api_has_its_own_uri() -> None:
    assert SchemaValidators("one", DOCUMENT).uri != SchemaValidators("two", DOCUMENT).uri
