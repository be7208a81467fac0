"""An API's error convention as one object: how it rejects a request, and how to recognise it.

The mock rejects invalid requests with :meth:`ErrorConvention.rejection`, the checks validate
rejections against :attr:`ErrorConvention.error_schema`, and the derived defaults recognise the
convention in a spec with :meth:`ErrorConvention.documented_by`. What makes a convention is data
(a status, an envelope key, the fields of each item), so a new one is a new instance, not new ``if``s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from conformance.specs.resolver import Resolver

__all__ = ["NOT_REJECTIONS", "ErrorConvention"]

# Statuses that say something other than "the request is invalid": no or wrong credentials, an id
# that does not exist, a rate limit. A valid request may get them; a rejection never is one.
NOT_REJECTIONS = frozenset({401, 403, 404, 429})


@dataclass(frozen=True, slots=True)
class ErrorConvention:
    """``rejection_status`` and a body ``{envelope: [{item_fields...}, ...]}`` for an invalid request."""

    name: str
    rejection_status: int
    envelope: str
    item_fields: tuple[str, ...]
    unauthenticated: Mapping[str, Any] = field(compare=False)  # the 401 body
    item_types: Mapping[str, Any] = field(default_factory=dict, compare=False)  # each item field's schema

    FASTAPI: ClassVar[ErrorConvention]
    UNKNOWN: ClassVar[ErrorConvention]
    ALL: ClassVar[tuple[ErrorConvention, ...]]

    @classmethod
    def named(cls, name: str) -> ErrorConvention:
        """The convention called ``name`` (as written in a contract); ``KeyError`` when none is."""
        for convention in cls.ALL:
            if convention.name == name:
                return convention
        raise KeyError(name)

    @property
    def documented(self) -> bool:
        """Whether this convention is a promise the checks hold the API to."""
        return self is not ErrorConvention.UNKNOWN

    def rejection(self, details: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """The body of a rejected request; ``details`` are ``{loc, msg, type}`` items."""
        if self.documented:
            return {self.envelope: [{key: item[key] for key in self.item_fields} for item in details]}
        return {"error": "invalid request", self.envelope: list(details)}

    def error_schema(self) -> dict[str, Any]:
        """A JSON Schema every rejection must meet: the envelope lists at least one complete item."""
        item = {"type": "object", "required": list(self.item_fields), "properties": dict(self.item_types)}
        envelope = {"type": "array", "minItems": 1, "items": item}
        return {"type": "object", "required": [self.envelope], "properties": {self.envelope: envelope}}

    def documented_by(self, document: Mapping[str, Any], schema: Mapping[str, Any]) -> bool:
        """Whether ``schema`` (a documented rejection's, ``$ref`` followed) has this convention's shape."""
        if not self.documented:
            return False
        resolver = Resolver(document)
        envelope = _property(resolver, schema, self.envelope)
        if envelope is None or envelope.get("type") != "array":
            return False
        items = resolver.resolve(envelope.get("items", {}))
        return items.get("type", "object") == "object" and set(self.item_fields) <= set(items.get("properties", {}))


def _property(resolver: Resolver, schema: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    resolved = resolver.resolve(schema)
    if resolved.get("type", "object") != "object":
        return None
    found = resolved.get("properties", {}).get(name)
    return None if found is None else resolver.resolve(found)


ErrorConvention.FASTAPI = ErrorConvention(
    name="fastapi",
    rejection_status=422,
    envelope="detail",
    item_fields=("loc", "msg", "type"),
    unauthenticated={"detail": "Not authenticated"},
    item_types={
        "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
)
ErrorConvention.UNKNOWN = ErrorConvention(
    name="unknown",
    rejection_status=400,
    envelope="details",
    item_fields=("loc", "msg", "type"),
    unauthenticated={"error": "unauthorized"},
)
ErrorConvention.ALL = (ErrorConvention.FASTAPI, ErrorConvention.UNKNOWN)
