"""Deterministic instances of a JSON Schema, for the mock's response bodies.

Hypothesis strategies are made for tests, not for answering requests: drawing one outside
a test is slow and not reproducible per call. This walks the schema with a seeded
``random.Random`` instead, aiming at an instance that validates: ``allOf`` merged first,
exactly one ``oneOf`` branch matched (checked against the others), ``not`` avoided, strings
from ``pattern`` and ``format``, numbers on ``multipleOf``, ``uniqueItems``, property counts
within bounds and extra keys only where the schema allows them; documented examples
preferred where they fit. Recursive schemas stop at a depth, and at a number of values: a
tree whose nodes have six child nodes is 9,000 values deep down to the depth alone, seconds to
validate for every answer. The mock still validates the result before serving it: this aims,
the validator decides.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Iterator, Mapping
from typing import Any

from conformance.mock import _subschemas
from conformance.mock._formats import formatted
from conformance.mock._numbers import as_number, integer_range, is_multiple, multiple_within, number_range
from conformance.mock._patterns import matching_string
from conformance.specs.merge import flatten, merge
from conformance.specs.resolver import Resolver

__all__ = ["InstanceGenerator"]

_MAX_DEPTH = 5
_MAX_VALUES = 200  # past this many values in one instance, only what is required is filled in
_LEFT_OUT = object()
_TRIES_PER_BRANCH = 3
_RETRIES = 64  # regenerations (for oneOf and not) one instance may spend
_WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel")
_OBJECT_WORDS = frozenset({"properties", "required", "additionalProperties", "patternProperties", "minProperties"})
_EXTRA_WORDS = frozenset({"additionalProperties", "patternProperties", "minProperties"})
_ARRAY_WORDS = frozenset({"items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"})
_STRING_WORDS = frozenset({"pattern", "minLength", "maxLength", "format"})
_TYPES = frozenset({"null", "boolean", "integer", "number", "string", "array", "object"})
_STRING_SHAPERS = frozenset({"pattern", "format", "example"})
_NUMBER_WORDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "string": (str,),
}


class InstanceGenerator:
    def __init__(self, document: Mapping[str, Any], rng: random.Random, resolver: Resolver | None = None) -> None:
        self._document = document
        self._resolver = resolver or Resolver(document)
        self._rng = rng
        self._retries = _RETRIES
        self._stuck = False  # a oneOf or not below found no instance; an optional part is then left out
        self._generous = False  # retrying a oneOf branch: fill optional parts, they tell branches apart
        self._values = 0

    def generate(self, schema: Any, depth: int = 0) -> Any:
        self._values += 1
        if self._values > _MAX_VALUES:  # as deep as it may go: required parts only, from here on
            depth = max(depth, _MAX_DEPTH)
        schema = flatten(self._resolve, schema)
        if "oneOf" in schema:
            return self._one_of(schema, depth)
        if "anyOf" in schema:
            return self._any_of(schema, depth)
        if "not" in schema:
            return self._avoiding(schema, depth)
        if "const" in schema:
            return copy.deepcopy(schema["const"])
        if "enum" in schema:
            return copy.deepcopy(self._rng.choice(_typed_values(schema)))
        kind = self._pick_type(schema, depth)
        return getattr(self, f"_{kind if kind in _TYPES else 'string'}")(schema, depth)

    def _resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        return self._resolver.resolve(schema)

    def _valid(self, subschema: Any, instance: Any) -> bool:
        return _subschemas.is_valid(self._document, subschema, instance)

    def _retry(self) -> bool:
        self._retries -= 1
        return self._retries >= 0

    # Composition

    def _one_of(self, schema: Mapping[str, Any], depth: int) -> Any:
        """An instance of one branch that no other branch accepts, trying branches in turn."""
        branches, base = schema["oneOf"], _without(schema, "oneOf")
        value: Any = None
        generous = self._generous
        for index in self._branch_order(branches, depth):
            others = [other for position, other in enumerate(branches) if position != index]
            for attempt in range(_TRIES_PER_BRANCH):
                self._generous = generous or attempt > 0
                value = self._optional(merge(base, flatten(self._resolve, branches[index])), depth)
                self._generous = generous
                if value is not _LEFT_OUT and not any(self._valid(other, value) for other in others):
                    return value
                if not self._retry():
                    break
        self._stuck = True
        return None if value is _LEFT_OUT else value

    def _any_of(self, schema: Mapping[str, Any], depth: int) -> Any:
        branches = schema["anyOf"]
        chosen = branches[self._branch_order(branches, depth)[0]]
        return self.generate(merge(_without(schema, "anyOf"), flatten(self._resolve, chosen)), depth)

    def _avoiding(self, schema: Mapping[str, Any], depth: int) -> Any:
        rest = _without(schema, "not")
        value = self.generate(rest, depth)
        while self._valid(schema["not"], value):
            if not self._retry():
                self._stuck = True
                break
            value = self.generate(rest, depth)
        return value

    def _optional(self, schema: Any, depth: int) -> Any:
        """An instance, or ``_LEFT_OUT`` when a part of it found none (the caller may omit it)."""
        outer, self._stuck = self._stuck, False
        value = self.generate(schema, depth)
        stuck, self._stuck = self._stuck, outer
        return _LEFT_OUT if stuck else value

    def _branch_order(self, branches: list[Any], depth: int) -> list[int]:
        """Branches in a seeded order; deep down, null first and scalars before containers."""
        order = list(range(len(branches)))
        self._rng.shuffle(order)
        if depth >= _MAX_DEPTH:
            order.sort(key=lambda index: _nesting(flatten(self._resolve, branches[index])))
        return order

    def _pick_type(self, schema: Mapping[str, Any], depth: int) -> str:
        declared = schema.get("type")
        if isinstance(declared, str):
            return declared
        types = list(declared or []) or _implied_types(schema, depth)
        if depth >= _MAX_DEPTH and "null" in types:
            return "null"
        concrete = [kind for kind in types if kind != "null"] or ["null"]
        if depth >= _MAX_DEPTH:
            concrete = [kind for kind in concrete if kind not in ("object", "array")] or concrete
        return str(self._rng.choice(concrete))

    # Scalars

    def _null(self, schema: Mapping[str, Any], depth: int) -> None:
        return None

    def _boolean(self, schema: Mapping[str, Any], depth: int) -> bool:
        return self._rng.random() < 0.5

    def _integer(self, schema: Mapping[str, Any], depth: int) -> int:
        low, high = integer_range(schema)
        example = schema.get("example")
        if isinstance(example, int) and not isinstance(example, bool) and low <= example <= high:
            return example if is_multiple(example, schema.get("multipleOf")) else self._integer_draw(schema, low, high)
        return self._integer_draw(schema, low, high)

    def _integer_draw(self, schema: Mapping[str, Any], low: int, high: int) -> int:
        if as_number(schema.get("multipleOf")):
            return int(multiple_within(schema, low, high, self._rng, integral=True))
        return self._rng.randint(low, high)

    def _number(self, schema: Mapping[str, Any], depth: int) -> float:
        low, high = number_range(schema)
        if as_number(schema.get("multipleOf")):
            return float(multiple_within(schema, low, high, self._rng, integral=False))
        # Strictly inside the range, so exclusive bounds hold too.
        return low + (high - low) * (0.1 + 0.8 * self._rng.random()) if high > low else low

    def _string(self, schema: Mapping[str, Any], depth: int) -> str:
        if not _STRING_SHAPERS & schema.keys():
            return self._word(schema)
        return next((text for text in self._strings(schema) if _fits_string(text, schema)), self._word(schema))

    def _strings(self, schema: Mapping[str, Any]) -> Iterator[str]:
        """Candidates, best first: the format, the example, a match of the pattern, a word."""
        fmt = schema.get("format")
        text = formatted(fmt, self._rng) if isinstance(fmt, str) else None
        if text is not None:
            yield text
        example = schema.get("example")
        if isinstance(example, str):
            yield example
        pattern = schema.get("pattern")
        if isinstance(pattern, str):
            low = int(schema.get("minLength", 0))
            high = schema.get("maxLength")
            text = matching_string(pattern, self._rng, low, int(high) if high is not None else None)
            if text is not None:
                yield text
        yield self._word(schema)

    def _word(self, schema: Mapping[str, Any]) -> str:
        low = int(schema.get("minLength", 1))
        high = int(schema.get("maxLength", max(low, 24)))
        text = f"{self._rng.choice(_WORDS)}-{self._rng.randrange(1000)}"
        while len(text) < low:
            text += self._rng.choice("abcdefghijklmnopqrstuvwxyz")
        return text[: max(high, 0)]

    # Containers

    def _array(self, schema: Mapping[str, Any], depth: int) -> list[Any]:
        low = int(schema.get("minItems", 0))
        high = int(schema.get("maxItems", low + 2))
        count = low if depth >= _MAX_DEPTH else self._rng.randint(low, max(low, min(high, low + 2)))
        if self._generous and depth < _MAX_DEPTH:
            count = max(count, min(high, 1))
        prefix, items = schema.get("prefixItems", []), schema.get("items", {})
        if items is False:
            count = min(count, len(prefix))
        values: list[Any] = []
        seen: set[str] = set()
        for _ in range(4 * count + 4):
            if len(values) >= count:
                break
            position = len(values)
            subschema = prefix[position] if position < len(prefix) else items
            value = self.generate(subschema, depth + 1) if position < low else self._optional(subschema, depth + 1)
            if value is _LEFT_OUT:
                break
            if schema.get("uniqueItems"):
                if _canonical(value) in seen:
                    continue
                seen.add(_canonical(value))
            values.append(value)
        return self._containing(schema, values, depth)

    def _containing(self, schema: Mapping[str, Any], values: list[Any], depth: int) -> list[Any]:
        contains = schema.get("contains")
        if contains is None or any(self._valid(contains, value) for value in values):
            return values
        extra = self.generate(contains, depth + 1)
        if len(values) >= int(schema.get("maxItems", len(values) + 1)):
            values = values[:-1]
        return [*values, extra]

    def _object(self, schema: Mapping[str, Any], depth: int) -> dict[str, Any]:
        properties: Mapping[str, Any] = schema.get("properties", {})
        required = list(schema.get("required", []))
        most = int(schema.get("maxProperties", len(properties) + len(required) + 3))
        result = {name: self._property(schema, name, depth) for name in required}
        optional = [name for name in properties if name not in result]
        for name in optional:
            if len(result) < most and depth < _MAX_DEPTH and (self._generous or self._rng.random() < 0.8):
                self._put(result, name, properties[name], depth)
        least = min(int(schema.get("minProperties", 0)), most)
        for name in optional if len(result) < least else ():
            if len(result) < least and name not in result:
                self._put(result, name, properties[name], depth)
        if _EXTRA_WORDS & schema.keys():
            self._add_extra_keys(schema, result, depth)
        for name, needed in schema.get("dependentRequired", {}).items():
            for other in needed if name in result else ():
                result.setdefault(other, self._property(schema, other, depth))
        return result

    def _put(self, result: dict[str, Any], name: str, schema: Any, depth: int) -> None:
        value = self._optional(schema, depth + 1)
        if value is not _LEFT_OUT:
            result[name] = value

    def _property(self, schema: Mapping[str, Any], name: str, depth: int) -> Any:
        """A value for ``name``: its property schema, else a matching pattern's, else the extras'."""
        if name in schema.get("properties", {}):
            return self.generate(schema["properties"][name], depth + 1)
        for pattern, subschema in schema.get("patternProperties", {}).items():
            if re.search(pattern, name):
                return self.generate(subschema, depth + 1)
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping) and extra:
            return self.generate(extra, depth + 1)
        return self.generate({}, _MAX_DEPTH)  # required, but not described

    def _add_extra_keys(self, schema: Mapping[str, Any], result: dict[str, Any], depth: int) -> None:
        """Keys beyond ``properties``: a map's entries, or what ``minProperties`` still needs."""
        extra = schema.get("additionalProperties")
        is_map = bool((isinstance(extra, Mapping) and extra) or schema.get("patternProperties"))
        is_map = is_map and not schema.get("properties")
        wanted = self._rng.randint(0, 2) if is_map and depth < _MAX_DEPTH else 0
        wanted = max(wanted, int(schema.get("minProperties", 0)) - len(result))
        wanted = min(wanted, int(schema.get("maxProperties", len(result) + wanted)) - len(result))
        for index in range(wanted):
            name = self._extra_name(schema, result, index)
            if name is None:
                return
            result[name] = self._property(schema, name, depth)

    def _extra_name(self, schema: Mapping[str, Any], taken: Mapping[str, Any], index: int) -> str | None:
        """A key the schema lets in beyond its properties, or None when it lets none in."""
        patterns = list(schema.get("patternProperties", {}))
        closed = schema.get("additionalProperties", schema.get("unevaluatedProperties")) is False
        known = set(taken) | set(schema.get("properties", {}))
        if not closed:
            for number in range(index, index + 16):
                name = f"key{number}"
                if name not in known and not any(re.search(pattern, name) for pattern in patterns):
                    return name
        for pattern in patterns:
            written = matching_string(pattern, self._rng)
            if written is not None and written not in known:
                return written
        return None


def _without(schema: Mapping[str, Any], keyword: str) -> dict[str, Any]:
    return {key: value for key, value in schema.items() if key != keyword}


def _nesting(schema: Mapping[str, Any]) -> int:
    """0 for a schema that allows null, 1 for scalars, 2 for containers or unknown."""
    declared = schema.get("type")
    types = {declared} if isinstance(declared, str) else set(declared or [])
    if "null" in types or schema.get("const", 0) is None:
        return 0
    return 1 if types and not types & {"object", "array"} else 2


def _implied_types(schema: Mapping[str, Any], depth: int) -> list[str]:
    """The type a schema without ``type`` describes, from its keywords."""
    for words, kind in ((_OBJECT_WORDS, "object"), (_ARRAY_WORDS, "array"), (_STRING_WORDS, "string")):
        if words & schema.keys():
            return [kind]
    if _NUMBER_WORDS & schema.keys():
        return ["number"]
    return ["string"] if depth >= _MAX_DEPTH else ["string", "object"]


def _typed_values(schema: Mapping[str, Any]) -> list[Any]:
    """The enum's values of the declared type (a 3.0-style nullable enum lists null too)."""
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    fitting = [value for value in schema["enum"] if not types or any(_is_type(value, kind) for kind in types)]
    return fitting or list(schema["enum"])


def _is_type(value: Any, kind: str) -> bool:
    if kind in ("integer", "number"):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return number and (kind == "number" or float(value).is_integer())
    return isinstance(value, _JSON_TYPES.get(kind, ()))


def _canonical(value: Any) -> str:
    """One text for instances JSON Schema calls equal (``1`` and ``1.0`` are; ``1`` and ``true`` are not)."""

    def normal(node: Any) -> Any:
        if isinstance(node, float) and node.is_integer():
            return int(node)
        if isinstance(node, list):
            return [normal(item) for item in node]
        if isinstance(node, dict):
            return {key: normal(item) for key, item in node.items()}
        return node

    return json.dumps(normal(value), sort_keys=True)


def _fits_string(text: str, schema: Mapping[str, Any]) -> bool:
    if not int(schema.get("minLength", 0)) <= len(text) <= int(schema.get("maxLength", len(text))):
        return False
    pattern = schema.get("pattern")
    return not isinstance(pattern, str) or _search(pattern, text)


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # a pattern Python cannot read: jsonschema cannot hold it against the text either
