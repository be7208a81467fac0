"""conformance.specs.yaml_bounds: depth and expanded size are bounded before a YAML document is built."""

from __future__ import annotations

import pytest

from conformance.specs.yaml_bounds import MAX_DEPTH, MAX_VALUES, YamlTooLarge, check_yaml_bounds


def test_an_ordinary_document_with_aliases_passes() -> None:
    check_yaml_bounds("base: &base {type: string}\nname: *base\nlist: [*base, *base]\n")


def test_aliases_count_what_they_stand_for() -> None:
    nine = ", ".join(["*a"] * 9)
    # "*b" stands for 1 + 9 * (1 + 2) = 28 values: a list of enough of them passes the bound
    text = "a: &a [1, 2]\nb: &b [" + nine + "]\nc: [" + ", ".join(["*b"] * (MAX_VALUES // 28 + 1)) + "]\n"
    with pytest.raises(YamlTooLarge, match="aliases are expanded") as raised:
        check_yaml_bounds(text)
    assert raised.value.line == 3


def test_nesting_past_the_bound_names_its_line() -> None:
    check_yaml_bounds("x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    with pytest.raises(YamlTooLarge, match=f"nested more than {MAX_DEPTH} levels deep") as raised:
        check_yaml_bounds("a: 1\nx: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert raised.value.line == 2


def test_block_nesting_counts_too() -> None:
    text = "".join(" " * depth + "- \n" for depth in range(MAX_DEPTH + 5))
    with pytest.raises(YamlTooLarge, match="levels deep"):
        check_yaml_bounds(text)


def test_a_syntax_error_is_left_to_the_loader() -> None:
    check_yaml_bounds("a: [1, 2\nb: }")
