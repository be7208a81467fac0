"""conformance.specs.resolver: the one $ref resolver."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.errors import SpecError, UnresolvedReference
from conformance.specs.resolver import Resolver

DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "Id": {"type": "string", "format": "uuid"},
            "Alias": {"$ref": "#/components/schemas/AliasOfAlias"},
            "AliasOfAlias": {"$ref": "#/components/schemas/Id"},
            "Wrapped": {"$ref": "#/components/schemas/Id", "format": "email"},
            "Loop": {"$ref": "#/components/schemas/Loop"},
            "Dangling": {"$ref": "#/components/schemas/Nope"},
        }
    },
}


def test_lookup_follows_components() -> None:
    document = {"components": {"schemas": {"Run": {"type": "object"}}}}
    assert Resolver(document).lookup("#/components/schemas/Run") == {"type": "object"}
    assert Resolver(document).lookup("/components/schemas/Run") == {"type": "object"}


def test_lookup_unescapes_slash_and_tilde() -> None:
    document = {"paths": {"/a/{id}": {"get": {"x~y": 1}}}}
    assert Resolver(document).lookup("#/paths/~1a~1{id}/get/x~0y") == 1


def test_lookup_unescapes_in_rfc6901_order() -> None:
    # "~01" is "~1" literally (unescape ~1 first, then ~0), never "/".
    assert Resolver({"~1": "tilde-one", "/": "slash"}).lookup("#/~01") == "tilde-one"


def test_lookup_indexes_lists() -> None:
    document = {"parameters": [{"name": "a"}, {"name": "b"}]}
    assert Resolver(document).lookup("#/parameters/1/name") == "b"


def test_lookup_root() -> None:
    document = {"a": 1}
    assert Resolver(document).lookup("#") is document
    assert Resolver(document).lookup("#/") is document


@pytest.mark.parametrize("pointer", ["#/a/b", "#/a/0", "#/list/9", "#/list/x", "other.yaml#/a"])
def test_lookup_of_nothing_is_an_unresolved_reference(pointer: str) -> None:
    with pytest.raises(UnresolvedReference) as caught:
        Resolver({"a": {}, "list": [1]}).lookup(pointer)
    assert isinstance(caught.value, SpecError) and isinstance(caught.value, LookupError)
    assert pointer in str(caught.value) and "\n" not in str(caught.value)


def test_resolve_at_follows_a_ref_chain() -> None:
    assert Resolver(DOCUMENT).resolve_at("#/components/schemas/Alias") == {"type": "string", "format": "uuid"}


def test_keywords_beside_a_ref_win_over_the_target() -> None:
    assert Resolver(DOCUMENT).resolve_at("#/components/schemas/Wrapped") == {"type": "string", "format": "email"}


def test_a_ref_cycle_is_an_error_not_a_hang() -> None:
    with pytest.raises(UnresolvedReference, match="cycle"):
        Resolver(DOCUMENT).resolve_at("#/components/schemas/Loop")


def test_a_dangling_ref_in_a_chain_is_an_error() -> None:
    with pytest.raises(UnresolvedReference, match="points nowhere"):
        Resolver(DOCUMENT).resolve({"$ref": "#/components/schemas/Dangling"})


def test_a_bare_ref_resolves_to_the_target_object_itself() -> None:
    target = DOCUMENT["components"]["schemas"]["Id"]
    assert Resolver(DOCUMENT).resolve_at("#/components/schemas/Alias") is target


def test_keywords_beside_a_ref_apply_with_the_target() -> None:
    document = {
        "components": {"schemas": {"A": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}}}
    }
    schema = {"$ref": "#/components/schemas/A", "required": ["b"], "properties": {"b": {"type": "integer"}}}
    resolved = Resolver(document).resolve(schema)
    assert resolved["required"] == ["a", "b"] and set(resolved["properties"]) == {"a", "b"}
    assert resolved["type"] == "object"
