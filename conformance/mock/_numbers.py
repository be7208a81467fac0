"""Numbers within JSON Schema's bounds and on its ``multipleOf``, exact as validators check them.

jsonschema (Python) accepts a float multiple when ``value / step`` is an exact integer; decimal
validators (jsonschema_rs, for one) when the decimal text is a multiple. A value
rounded to the step's own decimal places, then checked the Python way, satisfies both.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from typing import Any

__all__ = ["as_number", "integer_range", "is_multiple", "multiple_within", "number_range"]


def multiple_within(schema: Mapping[str, Any], low: float, high: float, rng: random.Random, integral: bool) -> Any:
    """A multiple of ``multipleOf`` within the bounds, exact as jsonschema checks it."""
    step = schema["multipleOf"]
    first, last = math.ceil(low / step), math.floor(high / step)
    last = max(first, last)
    tries = [rng.randint(first, last) for _ in range(8)] + list(range(first, min(last, first + 64) + 1))
    places = _decimal_places(step)
    for factor in tries:
        value = round(factor * step, places)  # 0.7, not 0.7000000000000001: decimal validators agree
        if integral and not float(value).is_integer():
            continue
        if is_multiple(value, step) and _within_bounds(value, schema):
            return int(value) if integral or isinstance(step, int) else value
    return 0


def as_number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def is_multiple(value: Any, step: Any) -> bool:
    """As jsonschema decides ``multipleOf``: an exact float quotient, or a zero remainder."""
    if as_number(step) is None or not step:
        return True
    if isinstance(step, float):
        quotient = value / step
        return math.isfinite(quotient) and int(quotient) == quotient
    return not value % step


def _decimal_places(step: Any) -> int:
    """Digits after the point in ``step`` as written (0.25 -> 2, 1e-05 -> 5, 3 -> 0)."""
    if isinstance(step, int):
        return 0
    mantissa, _, exponent = repr(float(step)).partition("e")
    digits = len(mantissa.partition(".")[2].rstrip("0"))
    return max(digits - int(exponent or 0), 0)


def _within_bounds(value: float, schema: Mapping[str, Any]) -> bool:
    def holds(name: str, low: bool, strict: bool) -> bool:
        bound = as_number(schema.get(name))
        if bound is None:
            return True
        if strict:
            return value > bound if low else value < bound
        return value >= bound if low else value <= bound

    return all(
        (
            holds("minimum", low=True, strict=False),
            holds("maximum", low=False, strict=False),
            holds("exclusiveMinimum", low=True, strict=True),
            holds("exclusiveMaximum", low=False, strict=True),
        )
    )


def number_range(schema: Mapping[str, Any]) -> tuple[float, float]:
    """Bounds as OpenAPI 3.1 writes them (exclusiveMinimum/Maximum are numbers)."""
    lows = [v for v in (as_number(schema.get("minimum")), as_number(schema.get("exclusiveMinimum"))) if v is not None]
    highs = [v for v in (as_number(schema.get("maximum")), as_number(schema.get("exclusiveMaximum"))) if v is not None]
    low, high = (max(lows) if lows else None), (min(highs) if highs else None)
    if low is None and high is None:
        return 0.0, 100.0
    if low is None:
        assert high is not None
        return high - 100.0, high
    return low, (low + 100.0 if high is None else high)


def integer_range(schema: Mapping[str, Any]) -> tuple[int, int]:
    low, high = number_range(schema)
    first = math.ceil(low) + (1 if as_number(schema.get("exclusiveMinimum")) == math.ceil(low) else 0)
    last = math.floor(high) - (1 if as_number(schema.get("exclusiveMaximum")) == math.floor(high) else 0)
    return first, max(first, last)
