"""The one ``$ref`` resolver: JSON pointers into an OpenAPI document, built on ``referencing``.

The whole document is one resource of a :class:`referencing.Registry` under a URN, so a
pointer such as ``#/components/schemas/Run`` is a lookup in it and a ``$ref`` inside a schema
with its own ``$id`` resolves against that ``$id``, as JSON Schema says. Following a ``$ref``
chain applies each reference's sibling keywords with its target's (properties merged, required
lists joined, any other sibling keyword winning), as OpenAPI 3.1 allows siblings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import referencing.exceptions
from referencing import Registry, Resource
from referencing._core import Resolved
from referencing._core import Resolver as _Resolver
from referencing.jsonschema import DRAFT202012

from conformance.errors import UnresolvedReference

__all__ = ["DOCUMENT_URI", "Resolver"]

DOCUMENT_URI = "urn:conformance:spec"
_MAX_HOPS = 64  # a longer $ref chain is a cycle


class Resolver:
    """Looks up pointers in ``document`` and follows ``$ref`` chains."""

    def __init__(self, document: Mapping[str, Any], uri: str = DOCUMENT_URI) -> None:
        self.uri = uri
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry().with_resource(uri, resource)
        self._root = self.registry.resolver(uri)
        # Lookups from the document's root, by reference: the document does not change, and
        # walking a pointer through referencing costs more than validating a small body.
        self._from_root: dict[str, Resolved[Any]] = {}

    def lookup(self, pointer: str) -> Any:
        """The node at ``pointer`` (``#/a/b``, ``/a/b`` or a ``$ref`` value), as written."""
        return self._lookup(self._root, pointer).contents

    def resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        """``schema`` with its ``$ref`` chain followed; keywords beside a ``$ref`` win over the target's."""
        return self._follow(schema, self._root)

    def follow(self, node: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
        """Where a chain of ``$ref``-only objects (a response, a request body) ends, and what is there."""
        pointer = ""
        for _ in range(_MAX_HOPS):
            ref = node.get("$ref")
            if not isinstance(ref, str):
                return pointer, node
            pointer = ref if ref.startswith("#") else "#" + ref
            target = self.lookup(ref)
            node = target if isinstance(target, Mapping) else {}
        raise UnresolvedReference(pointer, f"more than {_MAX_HOPS} references in a row (a cycle)")

    def resolve_at(self, pointer: str) -> Any:
        """The node at ``pointer``, its own ``$ref`` chain followed."""
        resolved = self._lookup(self._root, pointer)
        if not isinstance(resolved.contents, Mapping):
            return resolved.contents
        return self._follow(resolved.contents, resolved.resolver)

    def _follow(self, schema: Mapping[str, Any], resolver: _Resolver[Any]) -> Mapping[str, Any]:
        for _ in range(_MAX_HOPS):
            ref = schema.get("$ref")
            if not isinstance(ref, str):
                return schema
            resolved = self._lookup(resolver, ref)
            if not isinstance(resolved.contents, Mapping):
                raise UnresolvedReference(ref, "points at a value that is not an object")
            siblings = {key: value for key, value in schema.items() if key != "$ref"}
            # A bare $ref gives the target itself, so callers may compare by identity.
            schema = _beside(resolved.contents, siblings) if siblings else resolved.contents
            resolver = resolved.resolver
        raise UnresolvedReference(str(schema.get("$ref")), f"more than {_MAX_HOPS} references in a row (a cycle)")

    def _lookup(self, resolver: _Resolver[Any], pointer: str) -> Resolved[Any]:
        if resolver is self._root:
            found = self._from_root.get(pointer)
            if found is None:
                found = self._from_root[pointer] = self._walk(resolver, pointer)
            return found
        return self._walk(resolver, pointer)

    def _walk(self, resolver: _Resolver[Any], pointer: str) -> Resolved[Any]:
        reference = "#" + pointer if pointer.startswith("/") else pointer
        if reference in ("", "#/"):
            reference = "#"
        try:
            return resolver.lookup(reference)
        except referencing.exceptions.Unresolvable as exc:
            raise UnresolvedReference(pointer, _reason(exc)) from exc
        except (TypeError, ValueError, IndexError) as exc:  # a pointer through a scalar, a bad index
            raise UnresolvedReference(pointer, "points nowhere") from exc


def _beside(target: Mapping[str, Any], siblings: Mapping[str, Any]) -> dict[str, Any]:
    """A ``$ref``'s target with the keywords written beside it, both applying as JSON Schema says:
    ``properties`` are merged and ``required`` lists joined; any other sibling keyword wins."""
    merged = {**target, **siblings}
    for keyword in ("properties", "patternProperties"):
        if isinstance(target.get(keyword), Mapping) and isinstance(siblings.get(keyword), Mapping):
            merged[keyword] = {**target[keyword], **siblings[keyword]}
    if isinstance(target.get("required"), list) and isinstance(siblings.get("required"), list):
        merged["required"] = list(dict.fromkeys([*target["required"], *siblings["required"]]))
    return merged


def _reason(exc: referencing.exceptions.Unresolvable) -> str:
    if isinstance(exc, referencing.exceptions.PointerToNowhere):
        return "points nowhere"
    if isinstance(exc, referencing.exceptions.Unretrievable):
        return "refers to another document, which is not bundled"
    return "cannot be resolved"
