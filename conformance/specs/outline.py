"""The outline of a response schema: every field it declares, as a pointer template, with what the
observed schema compares against (optional or not, its enum, its format).

A template is a JSON pointer with ``*`` for array items (``/data/*/status``), as finding
locations write it. Composition is read as "any of these": ``allOf``, ``anyOf`` and ``oneOf``
parts all declare fields at the same template. ``jsonschema`` validates instances but has no
such listing of a schema, hence this walk; it is bounded in depth and in fields, so recursive
schemas end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.specs.documents import escape_token
from conformance.specs.resolver import Resolver

__all__ = ["FieldDoc", "Outline", "outline"]

_MAX_DEPTH = 12  # nested schemas (composition included) below the root
_MAX_FIELDS = 500
_MAX_VISITS = 2000  # schemas walked: a recursive schema with several self-references ends here
_ANNOTATIONS = frozenset({"title", "description", "example", "examples", "default", "deprecated", "nullable"})
_COMPOSITION = ("allOf", "anyOf", "oneOf")


@dataclass(frozen=True, slots=True)
class FieldDoc:
    optional: bool = True
    enum: tuple[Any, ...] | None = None  # the values allowed, when the field is an enum (or const)
    format: str | None = None

    def merged(self, other: FieldDoc) -> FieldDoc:
        """The field as two parts of a composition declare it: required by either, values of both."""
        enum = self.enum if other.enum is None else (other.enum if self.enum is None else (*self.enum, *other.enum))
        return FieldDoc(self.optional and other.optional, enum, self.format or other.format)


@dataclass(frozen=True, slots=True)
class Outline:
    fields: Mapping[str, FieldDoc] = field(default_factory=dict)  # template -> what is declared there
    open: frozenset[str] = frozenset()  # templates of objects that take keys beyond those declared
    capped: bool = False  # the schema declares more than the outline holds


def outline(resolver: Resolver, pointer: str) -> Outline:
    """The outline of the schema at ``pointer`` in the document ``resolver`` reads."""
    walk = _Walk(resolver)
    walk.schema(resolver.resolve_at(pointer), (), optional=False, depth=0)
    return Outline(dict(walk.fields), frozenset(walk.open), walk.capped)


class _Walk:
    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.fields: dict[str, FieldDoc] = {}
        self.open: set[str] = set()
        self.capped = False
        self.visits = 0

    def schema(self, node: Any, tokens: tuple[str, ...], *, optional: bool, depth: int) -> None:
        if not isinstance(node, Mapping) or depth > _MAX_DEPTH:
            return
        self.visits += 1
        if self.visits > _MAX_VISITS:
            self.capped = True
            return
        schema = self.resolver.resolve(node)
        self._declare(tokens, schema, optional)
        for keyword in _COMPOSITION:
            for part in schema.get(keyword, ()) if isinstance(schema.get(keyword), list) else ():
                self.schema(part, tokens, optional=optional, depth=depth + 1)
        self._properties(schema, tokens, depth)
        for keyword in ("items", "prefixItems"):
            parts = schema.get(keyword)
            for part in parts if isinstance(parts, list) else [parts]:
                self.schema(part, (*tokens, "*"), optional=True, depth=depth + 1)

    def _properties(self, schema: Mapping[str, Any], tokens: tuple[str, ...], depth: int) -> None:
        properties = schema.get("properties")
        written = schema.get("required")
        required: list[Any] = written if isinstance(written, list) else []
        if isinstance(properties, Mapping):
            for name, part in properties.items():
                self.schema(part, (*tokens, name), optional=name not in required, depth=depth + 1)
        if _takes_other_keys(schema):
            self.open.add(_pointer(tokens))

    def _declare(self, tokens: tuple[str, ...], schema: Mapping[str, Any], optional: bool) -> None:
        if not tokens:
            return
        template = _pointer(tokens)
        if template not in self.fields and len(self.fields) >= _MAX_FIELDS:
            self.capped = True
            return
        doc = FieldDoc(optional, _enum(schema), schema.get("format") if isinstance(schema.get("format"), str) else None)
        known = self.fields.get(template)
        self.fields[template] = doc if known is None else known.merged(doc)


def _pointer(tokens: tuple[str, ...]) -> str:
    return "".join("/" + escape_token(token) for token in tokens)


def _enum(schema: Mapping[str, Any]) -> tuple[Any, ...] | None:
    if isinstance(schema.get("enum"), list):
        return tuple(schema["enum"])
    return (schema["const"],) if "const" in schema else None


def _takes_other_keys(schema: Mapping[str, Any]) -> bool:
    """Whether an object schema documents keys beyond its ``properties`` (``{}`` and bare objects do)."""
    extra = schema.get("additionalProperties")
    if extra is not None:
        return extra is not False
    if "patternProperties" in schema:
        return True
    types = schema.get("type")
    if types is None:
        return set(schema) <= _ANNOTATIONS  # {}: anything, objects with any keys included
    is_object = types == "object" or (isinstance(types, list) and "object" in types)
    return is_object and "properties" not in schema and not any(keyword in schema for keyword in _COMPOSITION)
