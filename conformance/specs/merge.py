"""``allOf`` folded into one schema: what the mock generates from, and what a spec diff compares.

Merging is recursive through ``$ref`` and nested ``allOf``: ``required`` is the union, bounds
take the tightest, ``type`` and ``enum`` the intersection, and a property (or ``items``) that
two parts describe becomes the ``allOf`` of both, merged in turn when it is generated.
What cannot be folded (two different ``pattern``s or ``oneOf``s) keeps the first; the mock
validates what it built before serving it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["flatten", "merge"]

Resolve = Callable[[Mapping[str, Any]], Mapping[str, Any]]

_LOWER = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains"})
_UPPER = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"})
_BY_NAME = frozenset({"properties", "patternProperties", "dependentSchemas"})
_SUBSCHEMA = frozenset({"items", "additionalProperties", "unevaluatedProperties", "contains", "propertyNames"})


def flatten(resolve: Resolve, schema: Any) -> Mapping[str, Any]:
    """``schema`` with its ``$ref`` followed and its ``allOf`` merged in, recursively."""
    if isinstance(schema, bool):
        return {} if schema else {"not": {}}
    resolved = resolve(schema)
    if "allOf" not in resolved:
        return resolved
    merged: Mapping[str, Any] = {key: value for key, value in resolved.items() if key != "allOf"}
    for part in resolved["allOf"]:
        merged = merge(merged, flatten(resolve, part))
    return merged


def merge(first: Mapping[str, Any], second: Mapping[str, Any]) -> dict[str, Any]:
    """A schema for what both ``first`` and ``second`` accept (as far as this can say it)."""
    merged = dict(first)
    for key, value in second.items():
        merged[key] = _combine(key, merged[key], value) if key in merged else value
    return merged


def _combine(key: str, first: Any, second: Any) -> Any:
    if key in _LOWER or key in _UPPER:
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (first, second)):
            return first
        return max(first, second) if key in _LOWER else min(first, second)
    if key == "required":
        return list(first) + [name for name in second if name not in first]
    if key in _BY_NAME:
        return {**first, **second, **{name: {"allOf": [first[name], second[name]]} for name in first if name in second}}
    if key in _SUBSCHEMA:
        return _both(first, second)
    if key == "type":
        return _common_types(first, second)
    if key == "enum":
        return [value for value in first if value in second] or first
    if key == "uniqueItems":
        return bool(first or second)
    if key == "multipleOf" and all(isinstance(v, int) for v in (first, second)):
        return math.lcm(first, second)
    if key == "not":
        return {"anyOf": [first, second]}
    return first


def _both(first: Any, second: Any) -> Any:
    if first is False or second is False:
        return False
    if first is True or first == {}:
        return second
    if second is True or second == {}:
        return first
    return {"allOf": [first, second]}


def _common_types(first: Any, second: Any) -> Any:
    ones = {first} if isinstance(first, str) else set(first)
    others = {second} if isinstance(second, str) else set(second)
    common = ones & others
    if ("number" in ones and "integer" in others) or ("integer" in ones and "number" in others):
        common.add("integer")
    if not common:
        return first
    return common.pop() if len(common) == 1 else sorted(common)
