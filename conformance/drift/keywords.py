"""What changed in one schema's own keywords, from one version to the next, direction aside.

Each function compares one family of keywords of two :class:`SchemaView`s and yields
``(kind, keyword, detail)``: *what* happened ("tightened", "enum_values_added"...). Whether
that breaks a client depends on the direction, which :func:`conformance.drift.changes.rule_for`
decides. Children (properties, items, branches) are the walk's business, not this module's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from conformance.drift.changes import edit_word
from conformance.drift.views import JSON_TYPES, SchemaView

__all__ = ["KeywordChange", "documentation_changes", "nullability_changes", "value_changes"]

KeywordChange = tuple[str, str, str]  # (kind, keyword, detail)

_LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_DOCUMENTATION = ("description", "title")
_EXAMPLES = ("example", "examples")
_WRITTEN = {  # keyword -> the kinds of change when it is set, removed, changed
    "format": ("format_added", "format_removed", "format_changed"),
    "pattern": ("tightened", "loosened", "pattern_changed"),
}


def nullability_changes(old: frozenset[str] | None, new: frozenset[str] | None) -> Iterator[KeywordChange]:
    """null allowed or no longer allowed, given each version's types (None: any type)."""
    was, now = old is None or "null" in old, new is None or "null" in new
    if now and not was:
        yield "became_nullable", "type", "may now be null"
    elif was and not now:
        yield "became_not_nullable", "type", "may no longer be null"


def value_changes(
    old: SchemaView, new: SchemaView, old_types: frozenset[str] | None, new_types: frozenset[str] | None
) -> Iterator[KeywordChange]:
    """Changes to what values the schema allows: types, format, enum, bounds, pattern, extra properties, default."""
    yield from _types(old_types, new_types)
    yield from _written("format", old.keywords.get("format"), new.keywords.get("format"))
    yield from _enum(old.keywords.get("enum"), new.keywords.get("enum"))
    for keyword in (*_LOWER, *_UPPER):
        yield from _bound(keyword, _number(old.keywords.get(keyword)), _number(new.keywords.get(keyword)))
    yield from _multiple_of(_number(old.keywords.get("multipleOf")), _number(new.keywords.get("multipleOf")))
    yield from _flag("uniqueItems", old.keywords.get("uniqueItems") is True, new.keywords.get("uniqueItems") is True)
    yield from _written("pattern", old.keywords.get("pattern"), new.keywords.get("pattern"))
    yield from _additional(old.keywords.get("additionalProperties"), new.keywords.get("additionalProperties"))
    if old.keywords.get("default") != new.keywords.get("default"):
        yield (
            "default_changed",
            "default",
            f"default {_show(old.keywords.get('default'))} -> {_show(new.keywords.get('default'))}",
        )


def documentation_changes(old: SchemaView, new: SchemaView) -> Iterator[KeywordChange]:
    for keyword in _DOCUMENTATION:
        if old.keywords.get(keyword) != new.keywords.get(keyword):
            yield (
                "description_changed",
                keyword,
                f"{keyword} {edit_word(keyword in old.keywords, keyword in new.keywords)}",
            )
    if any(old.keywords.get(keyword) != new.keywords.get(keyword) for keyword in _EXAMPLES):
        keyword = "examples" if "examples" in old.keywords or "examples" in new.keywords else "example"
        yield "example_changed", keyword, "example changed"


def _types(old: frozenset[str] | None, new: frozenset[str] | None) -> Iterator[KeywordChange]:
    was, now = _widened(old) - {"null"}, _widened(new) - {"null"}
    if was == now:
        return
    detail = f"type {_type_text(old)} -> {_type_text(new)}"
    if now > was:
        yield "types_widened", "type", detail
    elif now < was:
        yield "types_narrowed", "type", detail
    else:
        yield "types_changed", "type", detail


def _widened(types: frozenset[str] | None) -> frozenset[str]:
    """The types as sets of values: any type for None, and every number covers the integers."""
    if types is None:
        return JSON_TYPES
    return types | {"integer"} if "number" in types else types


def _type_text(types: frozenset[str] | None) -> str:
    return "any" if types is None else "/".join(sorted(types - {"null"})) or "null"


def _enum(old: Any, new: Any) -> Iterator[KeywordChange]:
    was, now = _values(old), _values(new)
    if was == now:
        return
    if was is None:
        yield "enum_set", "enum", f"now limited to {_listed(now or {})}"
    elif now is None:
        yield "enum_dropped", "enum", f"no longer limited to {_listed(was)}"
    else:
        added = {key: value for key, value in now.items() if key not in was}
        removed = {key: value for key, value in was.items() if key not in now}
        if added:
            yield "enum_values_added", "enum", f"{_plural(added, 'value')} {_listed(added)} added"
        if removed:
            yield "enum_values_removed", "enum", f"{_plural(removed, 'value')} {_listed(removed)} removed"


def _values(enum: Any) -> dict[str, Any] | None:
    """An enum's values by their canonical text; null is left to the types (3.0's nullable lists it)."""
    if not isinstance(enum, list):
        return None
    return {_canonical(value): value for value in enum if value is not None}


def _bound(keyword: str, old: Fraction | None, new: Fraction | None) -> Iterator[KeywordChange]:
    if old == new:
        return
    if old is None:
        yield "tightened", keyword, f"{keyword} {_number_text(new)} set"
    elif new is None:
        yield "loosened", keyword, f"{keyword} {_number_text(old)} removed"
    else:
        raised = new > old
        verb = "raised" if raised else "lowered"
        kind = "tightened" if raised == (keyword in _LOWER) else "loosened"
        yield kind, keyword, f"{keyword} {verb} from {_number_text(old)} to {_number_text(new)}"


def _multiple_of(old: Fraction | None, new: Fraction | None) -> Iterator[KeywordChange]:
    if old == new:
        return
    # looser when every multiple of the old is a multiple of the new
    loosened = new is None or (old is not None and new != 0 and (old / new).denominator == 1)
    kind = "loosened" if loosened else "tightened"
    yield kind, "multipleOf", f"multipleOf {_number_text(old)} -> {_number_text(new)}"


def _flag(keyword: str, old: bool, new: bool) -> Iterator[KeywordChange]:
    if old != new:
        yield ("tightened" if new else "loosened"), keyword, f"{keyword} {'set' if new else 'removed'}"


def _written(keyword: str, old: Any, new: Any) -> Iterator[KeywordChange]:
    """A keyword whose value is compared as written (a format, a pattern): set, removed or changed."""
    if old == new:
        return
    added, removed, changed = _WRITTEN[keyword]
    if old is None:
        yield added, keyword, f"{keyword} {new!r} set"
    elif new is None:
        yield removed, keyword, f"{keyword} {old!r} removed"
    else:
        yield changed, keyword, f"{keyword} {old!r} -> {new!r}"


def _additional(old: Any, new: Any) -> Iterator[KeywordChange]:
    was, now = _closed(old), _closed(new)
    if now and not was:
        yield "closed", "additionalProperties", "no longer allows undeclared properties"
    elif was and not now:
        yield "opened", "additionalProperties", "now allows undeclared properties"


def _closed(value: Any) -> bool:
    return value is False or value == {"not": {}}


def _number(value: Any) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def _number_text(value: Fraction | None) -> str:
    if value is None:
        return "none"
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _show(value: Any) -> str:
    return "none" if value is None else json.dumps(value, default=str)[:80]


def _listed(values: dict[str, Any]) -> str:
    shown = [json.dumps(value, default=str) for value in values.values()]
    return ", ".join(shown[:10]) + (f" and {len(shown) - 10} more" if len(shown) > 10 else "")


def _plural(values: dict[str, Any], noun: str) -> str:
    return noun if len(values) == 1 else f"{noun}s"
