"""Deterministic instances of a JSON Schema, for the mock's response bodies.

Hypothesis strategies are made for tests, not for answering requests: drawing one outside
a test is slow and not reproducible per call. This walks the schema with a seeded
``random.Random`` instead: real uuids, RFC 3339 timestamps, values from the enum, bounds
respected, documented examples preferred where they fit. Recursive schemas stop at a depth.
"""

from __future__ import annotations

import math
import random
import string
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from conformance.specs.documents import resolve_schema

__all__ = ["InstanceGenerator"]

_MAX_DEPTH = 5
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel")


class InstanceGenerator:
    def __init__(self, document: Mapping[str, Any], rng: random.Random) -> None:
        self._document = document
        self._rng = rng

    def generate(self, schema: Mapping[str, Any], depth: int = 0) -> Any:
        schema = self._resolve(schema)
        if "allOf" in schema:
            return self.generate(self._merge_all_of(schema), depth)
        branches = schema.get("anyOf") or schema.get("oneOf")
        if branches:
            return self.generate(self._pick_branch(branches, depth), depth)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return self._rng.choice(schema["enum"])
        kind = self._pick_type(schema, depth)
        return getattr(self, f"_{kind}")(schema, depth)

    def _resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        return resolve_schema(self._document, schema)

    def _merge_all_of(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            part = self._resolve(part)
            for key, value in part.items():
                if key == "properties":
                    merged["properties"] = {**merged.get("properties", {}), **value}
                elif key == "required":
                    merged["required"] = sorted(set(merged.get("required", [])) | set(value))
                else:
                    merged.setdefault(key, value)
        return merged

    def _pick_branch(self, branches: list[Any], depth: int) -> Mapping[str, Any]:
        concrete = [b for b in branches if self._resolve(b).get("type") != "null"]
        if not concrete or (depth >= _MAX_DEPTH and len(concrete) < len(branches)):
            return {"type": "null"}
        if depth >= _MAX_DEPTH:
            scalars = [b for b in concrete if self._resolve(b).get("type") not in ("object", "array")]
            concrete = scalars or concrete
        chosen: Mapping[str, Any] = self._rng.choice(concrete)
        return chosen

    def _pick_type(self, schema: Mapping[str, Any], depth: int) -> str:
        declared = schema.get("type")
        if isinstance(declared, list):
            concrete = [t for t in declared if t != "null"] or ["null"]
            declared = concrete[0]
        if declared is None:
            if "properties" in schema:
                return "object"
            return "string" if depth >= _MAX_DEPTH else self._rng.choice(["string", "object"])
        return str(declared)

    def _null(self, schema: Mapping[str, Any], depth: int) -> None:
        return None

    def _boolean(self, schema: Mapping[str, Any], depth: int) -> bool:
        return self._rng.random() < 0.5

    def _integer(self, schema: Mapping[str, Any], depth: int) -> int:
        low, high = _integer_range(schema)
        example = schema.get("example")
        if isinstance(example, int) and not isinstance(example, bool) and low <= example <= high:
            return example
        return self._rng.randint(low, high)

    def _number(self, schema: Mapping[str, Any], depth: int) -> float:
        low, high = _number_range(schema)
        # Strictly inside the range, so exclusive bounds hold too.
        return low + (high - low) * (0.1 + 0.8 * self._rng.random()) if high > low else low

    def _string(self, schema: Mapping[str, Any], depth: int) -> str:
        fmt = schema.get("format")
        if fmt == "uuid":
            return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))
        if fmt == "date-time":
            moment = _EPOCH + timedelta(seconds=self._rng.randrange(60 * 60 * 24 * 365))
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        if fmt == "date":
            return (_EPOCH + timedelta(days=self._rng.randrange(365))).strftime("%Y-%m-%d")
        example = schema.get("example")
        if isinstance(example, str) and _fits_length(example, schema):
            return example
        return self._word(schema)

    def _word(self, schema: Mapping[str, Any]) -> str:
        low = int(schema.get("minLength", 1))
        high = int(schema.get("maxLength", max(low, 24)))
        text = f"{self._rng.choice(_WORDS)}-{self._rng.randrange(1000)}"
        while len(text) < low:
            text += self._rng.choice(string.ascii_lowercase)
        return text[: max(high, 0)]

    def _array(self, schema: Mapping[str, Any], depth: int) -> list[Any]:
        low = int(schema.get("minItems", 0))
        high = int(schema.get("maxItems", low + 2))
        count = low if depth >= _MAX_DEPTH else self._rng.randint(low, max(low, min(high, low + 2)))
        return [self.generate(schema.get("items", {}), depth + 1) for _ in range(count)]

    def _object(self, schema: Mapping[str, Any], depth: int) -> dict[str, Any]:
        required = set(schema.get("required", []))
        result: dict[str, Any] = {}
        for name, prop in schema.get("properties", {}).items():
            if name in required or (depth < _MAX_DEPTH and self._rng.random() < 0.8):
                result[name] = self.generate(prop, depth + 1)
        for name in sorted(required - result.keys()):  # required, but not described
            result[name] = self.generate({}, _MAX_DEPTH)
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping) and extra and not schema.get("properties") and depth < _MAX_DEPTH:
            for index in range(self._rng.randint(0, 2)):
                result[f"key{index}"] = self.generate(extra, depth + 1)
        return result


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _number_range(schema: Mapping[str, Any]) -> tuple[float, float]:
    """Bounds as OpenAPI 3.1 writes them (exclusiveMinimum/Maximum are numbers)."""
    lows = [v for v in (_number(schema.get("minimum")), _number(schema.get("exclusiveMinimum"))) if v is not None]
    highs = [v for v in (_number(schema.get("maximum")), _number(schema.get("exclusiveMaximum"))) if v is not None]
    low, high = (max(lows) if lows else None), (min(highs) if highs else None)
    if low is None and high is None:
        return 0.0, 100.0
    if low is None:
        assert high is not None
        return high - 100.0, high
    return low, (low + 100.0 if high is None else high)


def _integer_range(schema: Mapping[str, Any]) -> tuple[int, int]:
    low, high = _number_range(schema)
    first = math.ceil(low) + (1 if _number(schema.get("exclusiveMinimum")) == math.ceil(low) else 0)
    last = math.floor(high) - (1 if _number(schema.get("exclusiveMaximum")) == math.floor(high) else 0)
    return first, max(first, last)


def _fits_length(text: str, schema: Mapping[str, Any]) -> bool:
    return int(schema.get("minLength", 0)) <= len(text) <= int(schema.get("maxLength", len(text)))
