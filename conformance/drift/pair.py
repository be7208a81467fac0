"""Two versions of one spec, side by side: what every part of the diff reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from conformance.drift.changes import Change, Direction, edit_word
from conformance.drift.schemas import SchemaWalk
from conformance.drift.views import Raw, Views
from conformance.errors import UnresolvedReference
from conformance.findings import pointer_from
from conformance.specs import ApiSpec, Resolver

__all__ = ["SpecPair", "documentation", "placed"]


class SpecPair:
    """The old and the new version, each with its resolver, and a schema walk per direction."""

    def __init__(self, old: ApiSpec, new: ApiSpec) -> None:
        self.old, self.new = old, new
        self.old_resolver, self.new_resolver = Resolver(old.document), Resolver(new.document)
        old_views, new_views = Views(self.old_resolver), Views(self.new_resolver)
        self._walks = {direction: SchemaWalk(old_views, new_views, direction) for direction in Direction}

    def schemas(self, direction: Direction, old: Raw, new: Raw) -> tuple[Change, ...]:
        return self._walks[direction].compare(old, new)

    def old_schema(self, pointer: str | None) -> Raw:
        return _schema_at(self.old_resolver, pointer)

    def new_schema(self, pointer: str | None) -> Raw:
        return _schema_at(self.new_resolver, pointer)


def placed(changes: Iterable[Change], context: str, prefix: tuple[str, ...] = (), response: str = "") -> list[Change]:
    """Changes of a walk placed in the operation: the part they are in (which the message names, with
    the field below it), and the field path from the root of the request or response."""
    return [
        replace(
            change, detail=_sentence(context, change), context="", where=(*prefix, *change.where), response=response
        )
        for change in changes
    ]


def _sentence(context: str, change: Change) -> str:
    field = f" `{pointer_from(change.where)}`" if change.where else ""
    return f"{context}{field}: {change.detail}"


def documentation(before: tuple[str, Any], after: tuple[str, Any], context: str) -> Iterator[Change]:
    """Description and example changes of a parameter, body or response object (not of its schema)."""
    (old_pointer, old_object), (new_pointer, new_object) = before, after
    old_object = old_object if isinstance(old_object, Mapping) else {}
    new_object = new_object if isinstance(new_object, Mapping) else {}
    for keyword in ("summary", "description", "example", "examples"):
        if old_object.get(keyword) != new_object.get(keyword):
            rule = "example_changed" if keyword.startswith("example") else "description_changed"
            pointers = f"{old_pointer}/{keyword}", f"{new_pointer}/{keyword}"
            yield Change(
                rule,
                f"{keyword} {edit_word(keyword in old_object, keyword in new_object)}",
                *pointers,
                keyword=keyword,
                context=context,
            )


def _schema_at(resolver: Resolver, pointer: str | None) -> Raw:
    """The schema written at ``pointer`` (``#/...`` or ``/...``); an empty schema where there is none."""
    if pointer is None:
        return {}, ""
    plain = pointer.removeprefix("#")
    try:
        schema: Any = resolver.lookup(plain)
    except UnresolvedReference:
        return {}, plain
    return (schema if isinstance(schema, Mapping | bool) else {}), plain
