"""A schema as the diff compares it: resolved, its ``allOf`` merged, with where each part is written.

A spec diff must not see how a schema is written, only what it means: a ``$ref`` inlined, a
component renamed, or a schema split into ``allOf`` parts with the same meaning change nothing.
So a :class:`SchemaView` is the conjunction of *pieces*: the schema with its ``$ref`` chain
followed (by the one :class:`Resolver`) and each ``allOf`` part, recursively. Keywords are merged
with :func:`conformance.specs.merge.merge` (tightest bound, common types and enum values); the
children (properties, items, ``oneOf``/``anyOf`` branches) are kept as written, with their JSON
pointers, so each version's evidence points at the place the change is written.

A ``oneOf``/``anyOf`` branch that only allows null (how OpenAPI 3.0's ``nullable`` beside a
``$ref`` reads in 3.1) is not a branch: it makes the schema nullable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.errors import UnresolvedReference
from conformance.specs.documents import escape_token
from conformance.specs.merge import merge
from conformance.specs.resolver import Resolver

__all__ = ["JSON_TYPES", "Raw", "SchemaView", "Views"]

Raw = tuple[Any, str]  # a schema as written (it may be a $ref, or a boolean) and its JSON pointer
JSON_TYPES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})
_UNIONS = ("oneOf", "anyOf")
_CHILDREN = frozenset({"allOf", *_UNIONS, "properties", "required", "items", "$ref"})
_ANNOTATIONS = frozenset({"description", "title", "examples", "example", "deprecated", "$comment"})
_MAX_PIECES = 64  # allOf nesting deeper than this is a cycle of allOf through $refs


@dataclass(frozen=True, slots=True)
class _Piece:
    schema: Mapping[str, Any]  # $ref followed, allOf taken out
    pointer: str
    nullable: bool = False  # a null-only union branch was taken out of it


@dataclass(frozen=True, slots=True)
class SchemaView:
    key: tuple[str, ...]  # the pointers of its pieces: the schema's identity in a walk
    pieces: tuple[_Piece, ...] = field(repr=False)
    keywords: Mapping[str, Any] = field(repr=False)  # every keyword but the children, merged
    origins: Mapping[str, str] = field(repr=False)  # keyword -> pointer of the piece that states it
    properties: Mapping[str, tuple[Raw, ...]] = field(repr=False)  # several when allOf parts both declare one
    required: frozenset[str]
    items: tuple[Raw, ...] = field(repr=False)
    branches: tuple[Raw, ...] = field(repr=False)  # oneOf or anyOf
    nullable: bool

    @property
    def pointer(self) -> str:
        return self.key[0] if self.key else ""

    def at(self, keyword: str) -> str:
        """Where ``keyword`` is written, or the schema itself when it is not."""
        origin = self.origins.get(keyword)
        return f"{origin}/{keyword}" if origin is not None else self.pointer

    def declared_types(self) -> frozenset[str] | None:
        """The types ``type`` allows (implied by ``properties`` or ``items`` when absent); None: any."""
        declared = self.keywords.get("type")
        if isinstance(declared, str):
            return frozenset({declared})
        if isinstance(declared, list):
            return frozenset(str(kind) for kind in declared)
        if self.properties or self.required:
            return frozenset({"object"})
        return frozenset({"array"}) if self.items else None


class Views:
    """Builds and caches the views of one version's schemas."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self._cache: dict[tuple[str, ...], SchemaView] = {}

    def view(self, raws: tuple[Raw, ...]) -> SchemaView:
        """The conjunction of ``raws`` (one schema, or the parts of a property several allOf parts declare)."""
        written = tuple(pointer for _, pointer in raws)
        found = self._cache.get(written)
        if found is None:
            found = self._cache[written] = _build(tuple(self._expand(raws)))
        return found

    def branch(self, parent: SchemaView, raw: Raw) -> SchemaView:
        """A ``oneOf``/``anyOf`` branch of ``parent``, with what the parent says beside the union."""
        written = (*parent.key, "|", raw[1])
        found = self._cache.get(written)
        if found is None:
            beside = tuple(_Piece(_without(p.schema, _UNIONS), p.pointer) for p in parent.pieces)
            found = self._cache[written] = _build((*self._expand((raw,)), *beside))
        return found

    def _expand(self, raws: tuple[Raw, ...]) -> Iterator[_Piece]:
        pending = list(reversed(raws))
        for _ in range(_MAX_PIECES):
            if not pending:
                return
            schema, pointer = self._resolved(*pending.pop())
            parts = schema.get("allOf")
            if isinstance(parts, list):
                pending.extend(reversed([(part, f"{pointer}/allOf/{i}") for i, part in enumerate(parts)]))
            piece, branch = _without_null_branches(_without(schema, ("allOf",)), pointer, self._resolver)
            yield piece
            if branch is not None:
                pending.append(branch)

    def _resolved(self, schema: Any, pointer: str) -> tuple[Mapping[str, Any], str]:
        if isinstance(schema, bool):
            return ({} if schema else {"not": {}}), pointer
        if not isinstance(schema, Mapping):
            return {}, pointer
        if not isinstance(schema.get("$ref"), str):
            return schema, pointer
        try:
            target, _ = self._resolver.follow(schema)
            return self._resolver.resolve(schema), target.removeprefix("#")
        except UnresolvedReference:  # the loader reports it as a defect of its own
            return {}, pointer


def _without(schema: Mapping[str, Any], keywords: tuple[str, ...]) -> Mapping[str, Any]:
    return (
        {key: value for key, value in schema.items() if key not in keywords}
        if set(keywords) & schema.keys()
        else schema
    )


def _without_null_branches(schema: Mapping[str, Any], pointer: str, resolver: Resolver) -> tuple[_Piece, Raw | None]:
    """The piece with its null-only union branches taken out, and the one branch left when only one is."""
    for keyword in _UNIONS:
        branches = schema.get(keyword)
        if not isinstance(branches, list):
            continue
        kept = [(b, f"{pointer}/{keyword}/{i}") for i, b in enumerate(branches) if not _null_only(b, resolver)]
        if len(kept) == len(branches):
            continue
        rest = _without(schema, (keyword,))
        if len(kept) == 1:
            return _Piece(rest, pointer, nullable=True), kept[0]
        return _Piece({**rest, keyword: [b for b, _ in kept]}, pointer, nullable=True), None
    return _Piece(schema, pointer), None


def _null_only(branch: Any, resolver: Resolver) -> bool:
    if not isinstance(branch, Mapping):
        return False
    try:
        branch = resolver.resolve(branch)
    except UnresolvedReference:
        return False
    return branch.get("type") in ("null", ["null"]) and branch.keys() <= {"type", *_ANNOTATIONS}


def _build(pieces: tuple[_Piece, ...]) -> SchemaView:
    keywords, origins = _keywords(pieces)
    required = frozenset(
        str(n) for p in pieces if isinstance(p.schema.get("required"), list) for n in p.schema["required"]
    )
    items = tuple(
        (p.schema["items"], f"{p.pointer}/items") for p in pieces if isinstance(p.schema.get("items"), Mapping | bool)
    )
    nullable = any(piece.nullable for piece in pieces)
    places = tuple(piece.pointer for piece in pieces)
    return SchemaView(
        places, pieces, keywords, origins, _properties(pieces), required, items, _branches(pieces), nullable
    )


def _keywords(pieces: tuple[_Piece, ...]) -> tuple[Mapping[str, Any], dict[str, str]]:
    """The pieces' keywords merged (``const`` read as a one-value ``enum``), and where each is written."""
    keywords: Mapping[str, Any] = {}
    origins: dict[str, str] = {}
    for piece in pieces:
        plain = {key: value for key, value in piece.schema.items() if key not in _CHILDREN}
        keywords = merge(keywords, plain)
        for key in plain:
            origins.setdefault(key, piece.pointer)
    if "const" in keywords and "enum" not in keywords:
        keywords = {**keywords, "enum": [keywords["const"]]}
        origins["enum"] = origins["const"]
    return keywords, origins


def _properties(pieces: tuple[_Piece, ...]) -> dict[str, tuple[Raw, ...]]:
    properties: dict[str, tuple[Raw, ...]] = {}
    for piece in pieces:
        written = piece.schema.get("properties")
        for name, child in written.items() if isinstance(written, Mapping) else ():
            properties[name] = (*properties.get(name, ()), (child, f"{piece.pointer}/properties/{escape_token(name)}"))
    return properties


def _branches(pieces: tuple[_Piece, ...]) -> tuple[Raw, ...]:
    """The first union's branches (two unions in one conjunction are rare; the first is compared)."""
    for piece in pieces:
        for keyword in _UNIONS:
            written = piece.schema.get(keyword)
            if isinstance(written, list):
                return tuple((branch, f"{piece.pointer}/{keyword}/{i}") for i, branch in enumerate(written))
    return ()
