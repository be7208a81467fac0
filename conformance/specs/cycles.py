"""Schemas that apply themselves to the same value: a ``$ref`` cycle with no structure in it.

``A: {$ref: B}, B: {$ref: A}``, or ``A: {allOf: [{$ref: A}]}``: checking a value against ``A``
means checking the same value against ``A`` again, forever. JSON Schema says such a schema's
behaviour is undefined (Core 2020-12, "Guarding Against Infinite Recursion"); validators recurse
until Python gives up, generators loop. So it is refused when the spec is read, naming the cycle.

A cycle through a keyword that descends into a part of the value (``properties``, ``items``...)
has structure: a tree of nodes whose children are nodes is finite for every finite value, and
valid. Only the keywords that apply to the value itself (``$ref``, ``allOf``, ``anyOf``,
``oneOf``, ``not``, ``if``/``then``/``else``, ``dependentSchemas``) can close a cycle here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance.errors import SpecError, UnresolvedReference
from conformance.specs.resolver import Resolver
from conformance.specs.structure import SpecObject

__all__ = ["check_in_place_cycles"]

_IN_PLACE_ONE = ("not", "if", "then", "else")
_IN_PLACE_LIST = ("allOf", "anyOf", "oneOf")


def check_in_place_cycles(objects: list[SpecObject], resolver: Resolver, label: str) -> None:
    """Raise ``SpecError`` at the first Schema Object that reaches itself through in-place keywords only."""
    pointers = {id(node): pointer for kind, pointer, node in objects if kind == "schema"}
    done: set[int] = set()
    for kind, _, node in objects:
        if kind == "schema" and id(node) not in done:
            cycle = _cycle_from(node, resolver, done)
            if cycle:
                path = " -> ".join(pointers.get(id(step), "(a schema)") for step in cycle)
                problem = f"$ref cycle with no structure ({path}): a value would be checked against it forever"
                raise SpecError(label, problem, key=pointers.get(id(cycle[0]), ""))


def _cycle_from(start: Mapping[str, Any], resolver: Resolver, done: set[int]) -> list[Mapping[str, Any]]:
    """A cycle reachable from ``start`` through in-place keywords (its nodes, the first repeated last); or []."""
    path: list[Mapping[str, Any]] = [start]
    on_path = {id(start)}
    pending: list[Iterator[Mapping[str, Any]]] = [_in_place(start, resolver)]
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
            finished = path.pop()
            on_path.discard(id(finished))
            done.add(id(finished))
            continue
        if id(child) in on_path:
            return [*path[[id(step) for step in path].index(id(child)) :], child]
        if id(child) not in done:
            path.append(child)
            on_path.add(id(child))
            pending.append(_in_place(child, resolver))
    return []


def _in_place(schema: Mapping[str, Any], resolver: Resolver) -> Iterator[Mapping[str, Any]]:
    """The subschemas that apply to the very value ``schema`` applies to."""
    ref = schema.get("$ref")
    if isinstance(ref, str):
        try:
            target = resolver.lookup(ref)
        except UnresolvedReference:  # reported as a defect elsewhere
            target = None
        if isinstance(target, Mapping):
            yield target
    for keyword in _IN_PLACE_ONE:
        if isinstance(schema.get(keyword), Mapping):
            yield schema[keyword]
    for keyword in _IN_PLACE_LIST:
        branches = schema.get(keyword)
        yield from (branch for branch in branches if isinstance(branch, Mapping)) if isinstance(branches, list) else ()
    dependent = schema.get("dependentSchemas")
    if isinstance(dependent, Mapping):
        yield from (sub for sub in dependent.values() if isinstance(sub, Mapping))
