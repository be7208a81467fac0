"""conformance.mock._numbers: bounds and multipleOf, exact as validators check them."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from conformance.mock._numbers import integer_range, is_multiple, multiple_within, number_range


@pytest.mark.parametrize("step", [0.1, 0.25, 0.01, 1e-05, 2.5e-07, 0.3])
def test_float_multiples_are_exact_both_ways(step: float) -> None:
    rng = random.Random(0)
    schema = {"multipleOf": step, "exclusiveMinimum": 0, "maximum": 3}
    for _ in range(50):
        value = multiple_within(schema, *number_range(schema), rng, integral=False)
        assert 0 < value <= 3
        assert is_multiple(value, step)  # jsonschema's way: an exact float quotient
        assert Decimal(repr(value)) % Decimal(repr(step)) == 0  # a decimal validator's way


def test_integer_multiples_respect_exclusive_bounds() -> None:
    rng = random.Random(1)
    schema = {"multipleOf": 5, "exclusiveMinimum": 10, "exclusiveMaximum": 30}
    values = {multiple_within(schema, *integer_range(schema), rng, integral=True) for _ in range(50)}
    assert values == {15, 20, 25}


def test_is_multiple_follows_jsonschema() -> None:
    assert not is_multiple(0.3, 0.1)  # 0.3 / 0.1 is 2.9999999999999996
    assert is_multiple(0.5, 0.1)
    assert is_multiple(12, 4) and not is_multiple(10, 4)
