"""Two versions of a schema walked side by side, in one direction, cycle-safe.

The walk compares what each version allows (:mod:`conformance.drift.keywords`), then its
properties, array items and ``oneOf``/``anyOf`` branches, pairwise. A property hidden in that
direction (``readOnly`` in a request, ``writeOnly`` in a response) is not compared.

Recursive schemas (a tree whose children are trees) end the walk where a pair of schema places
comes round again. Results are memoised per pair of places, so a schema used by many operations
is compared once; a result cut short by a cycle through an outer pair is not kept, since from
another starting point the same pair sees more.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from conformance.drift.changes import Change, Direction, rule_for
from conformance.drift.keywords import KeywordChange, documentation_changes, nullability_changes, value_changes
from conformance.drift.unions import branch_label, match_branches
from conformance.drift.views import Raw, SchemaView, Views

__all__ = ["SchemaWalk"]

_MAX_DEPTH = 64  # nested schemas deeper than this are not compared
_UNCUT = sys.maxsize
_Found = tuple[tuple[Change, ...], int]  # changes, and the lowest stack level a cycle in them went back to


class SchemaWalk:
    """Compares schemas of an old and a new version of one spec, in one direction."""

    def __init__(self, old: Views, new: Views, direction: Direction) -> None:
        self._old, self._new, self._direction = old, new, direction
        self._done: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Change, ...]] = {}
        self._stack: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}

    def compare(self, old: Raw, new: Raw) -> tuple[Change, ...]:
        """Every change from ``old`` to ``new``; each change's ``where`` is relative to them."""
        return self._pair(self._old.view((old,)), self._new.view((new,)))[0]

    def _pair(self, old: SchemaView, new: SchemaView) -> _Found:
        key = (old.key, new.key)
        if key in self._done:
            return self._done[key], _UNCUT
        if key in self._stack:
            return (), self._stack[key]
        if len(self._stack) >= _MAX_DEPTH:
            return (), 0
        level = self._stack[key] = len(self._stack)
        try:
            changes, low = self._compare(old, new)
        finally:
            del self._stack[key]
        if low < level:
            return changes, low
        self._done[key] = changes
        return changes, _UNCUT

    def _compare(self, old: SchemaView, new: SchemaView) -> _Found:
        old_declared, new_declared = _declared(old), _declared(new)
        # Most pairs say the same of themselves: then only their children can differ.
        same = old.keywords == new.keywords and old_declared == new_declared
        found: list[Change] = []
        if not same or old.branches or new.branches:
            old_types, new_types = self._types(old, self._old), self._types(new, self._new)
            found += self._keywords(old, new, nullability_changes(old_types, new_types))
        if not same:
            found += self._keywords(old, new, documentation_changes(old, new))
        if bool(old.branches) != bool(new.branches):  # wrapped in a union, or a union collapsed to one schema
            changes, low = self._unions(self._alternatives(old, self._old), self._alternatives(new, self._new))
            return (*found, *changes), low
        if not same:  # a union's branches answer for their own types: only what ``type`` says beside them counts
            found += self._keywords(old, new, value_changes(old, new, old_declared, new_declared))
        low = _UNCUT
        for part in (self._properties(old, new), self._items(old, new), self._branches(old, new)):
            changes, part_low = part
            found += changes
            low = min(low, part_low)
        return tuple(found), low

    def _keywords(self, old: SchemaView, new: SchemaView, changes: Iterator[KeywordChange]) -> Iterator[Change]:
        for kind, keyword, detail in changes:
            rule = rule_for(kind, self._direction)
            if rule is not None:
                yield Change(rule, detail, old.at(keyword), new.at(keyword), keyword=keyword)

    def _types(self, view: SchemaView, views: Views) -> frozenset[str] | None:
        """The types a value may have; a union without ``type`` allows its branches' types."""
        declared = view.declared_types()
        if declared is None and view.branches:
            declared = frozenset()
            for raw in view.branches:
                types = views.branch(view, raw).declared_types()
                if types is None:
                    declared = None
                    break
                declared |= types
        if declared is not None and view.nullable:
            declared |= {"null"}
        return declared

    def _properties(self, old: SchemaView, new: SchemaView) -> _Found:
        found: list[Change] = []
        low = _UNCUT
        for name in dict.fromkeys([*old.properties, *old.required, *new.properties, *new.required]):
            was, now = self._property(old, name, self._old), self._property(new, name, self._new)
            if was is None and now is None:
                continue
            if was is None or now is None:
                found.append(self._appeared(old, new, name, was, now))
                continue
            found += self._required(old, new, name)
            changes, part_low = self._pair(was, now)
            found += (change.below(name) for change in changes)
            low = min(low, part_low)
        return tuple(found), low

    def _property(self, parent: SchemaView, name: str, views: Views) -> SchemaView | None:
        if name not in parent.properties and name not in parent.required:
            return None
        view = views.view(parent.properties.get(name, ()))
        hidden = "readOnly" if self._direction is Direction.REQUEST else "writeOnly"
        return None if view.keywords.get(hidden) is True else view

    def _appeared(
        self, old: SchemaView, new: SchemaView, name: str, was: SchemaView | None, now: SchemaView | None
    ) -> Change:
        if was is None:
            required = name in new.required
            kind = "property_added_required" if required else "property_added_optional"
            detail = f"{'required' if required else 'optional'} property added"
            change = Change(_rule(kind, self._direction), detail, None, _place(now, new, name))
        else:
            required = name in old.required
            kind = "property_removed_required" if required else "property_removed_optional"
            detail = f"{'required' if required else 'optional'} property removed"
            change = Change(_rule(kind, self._direction), detail, _place(was, old, name), None)
        return Change(change.rule, change.detail, change.old, change.new, (name,), "properties")

    def _required(self, old: SchemaView, new: SchemaView, name: str) -> Iterator[Change]:
        was, now = name in old.required, name in new.required
        if was != now:
            kind = "became_required" if now else "became_optional"
            detail = "became required" if now else "became optional"
            yield Change(
                _rule(kind, self._direction), detail, old.at("required"), new.at("required"), (name,), "required"
            )

    def _items(self, old: SchemaView, new: SchemaView) -> _Found:
        if old.items and new.items:
            changes, low = self._pair(self._old.view(old.items), self._new.view(new.items))
            return tuple(change.below("*") for change in changes), low
        if old.items or new.items:
            kind, detail = (
                ("loosened", "items no longer constrained") if old.items else ("tightened", "items constrained")
            )
            rule = rule_for(kind, self._direction)
            if rule is not None:
                return (Change(rule, detail, old.at("items"), new.at("items"), keyword="items"),), _UNCUT
        return (), _UNCUT

    def _branches(self, old: SchemaView, new: SchemaView) -> _Found:
        if not old.branches:
            return (), _UNCUT
        return self._unions(self._alternatives(old, self._old), self._alternatives(new, self._new))

    def _alternatives(self, view: SchemaView, views: Views) -> list[SchemaView]:
        """A union's branches (each with what is said beside the union), or the schema alone."""
        return [views.branch(view, raw) for raw in view.branches] if view.branches else [view]

    def _unions(self, old: list[SchemaView], new: list[SchemaView]) -> _Found:
        pairs, removed, added = match_branches(old, new)
        found: list[Change] = []
        low = _UNCUT
        for was, now in pairs:
            changes, part_low = self._pair(was, now)
            found += changes
            low = min(low, part_low)
        for view in removed:
            detail = f"branch {branch_label(view)} removed"
            found.append(Change(_rule("branch_removed", self._direction), detail, view.pointer, None, keyword="oneOf"))
        for view in added:
            detail = f"branch {branch_label(view)} added"
            found.append(Change(_rule("branch_added", self._direction), detail, None, view.pointer, keyword="oneOf"))
        return tuple(found), low


def _declared(view: SchemaView) -> frozenset[str] | None:
    declared = view.declared_types()
    return declared | {"null"} if declared is not None and view.nullable else declared


def _rule(kind: str, direction: Direction) -> str:
    rule = rule_for(kind, direction)
    assert rule is not None, f"{kind} is a change in every direction"
    return rule


def _place(view: SchemaView | None, parent: SchemaView, name: str) -> str:
    """Where a property is written: its schema, or the ``required`` list that alone names it."""
    if view is not None and name in parent.properties:
        return parent.properties[name][0][1]
    return parent.at("required")
