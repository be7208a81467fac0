"""conformance.mock._patterns: strings that match a regular expression, as jsonschema searches it."""

from __future__ import annotations

import random
import re

import pytest

from conformance.mock._patterns import matching_string

PATTERNS = [
    r"^[A-Z]{3}-[0-9]{4}$",
    r"^\+[1-9]\d{1,14}$",
    r"^(foo|bar)+baz?$",
    r"^(a)(b)?(?(2)c|d)\1$",
    r"^(?P<word>\w+)-(?P=word)$",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
    r"^(?=.*[A-Z])(?=.*\d).{8,}$",
    r"^\D\S\W\s$",
    r"^[\u4e00-\u9fff]{2}$",
    r"^(?:[01]\d|2[0-3]):[0-5]\d$",
    r"\bword\b",
    r"^$",
    r"^a*?b+?c{2,}?$",
    r"(?i)^[a-f0-9]{8}$",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_string_matches(pattern: str) -> None:
    rng = random.Random(0)
    for _ in range(100):
        text = matching_string(pattern, rng)
        assert text is not None and re.search(pattern, text)


def test_lengths_are_met_together_with_the_pattern() -> None:
    rng = random.Random(1)
    for _ in range(100):
        long = matching_string(r"^[a-z]+$", rng, min_length=30, max_length=32)
        short = matching_string(r"^[a-z]+$", rng, min_length=1, max_length=3)
        assert long is not None and 30 <= len(long) <= 32
        assert short is not None and 1 <= len(short) <= 3


def test_an_unanchored_pattern_is_padded_to_its_minimum_length() -> None:
    text = matching_string(r"[0-9]{2}", random.Random(2), min_length=12, max_length=12)
    assert text is not None and len(text) == 12 and re.search(r"[0-9]{2}", text)


def test_impossible_lengths_and_unreadable_patterns_give_none() -> None:
    assert matching_string(r"^[a-z]{5}$", random.Random(3), min_length=6) is None
    assert matching_string(r"\p{L}+", random.Random(3)) is None  # ECMA-262 only; Python's re cannot read it


def test_the_same_generator_state_gives_the_same_strings() -> None:
    first = [matching_string(PATTERNS[0], random.Random(seed)) for seed in range(20)]
    assert first == [matching_string(PATTERNS[0], random.Random(seed)) for seed in range(20)]
    assert len(set(first)) > 10
