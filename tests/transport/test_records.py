"""clip: no value quoted in a finding or a report grows with what a server sends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conformance.transport import QUOTE_LIMIT, clip


def test_a_short_value_is_kept_as_it_is() -> None:
    assert clip("x" * QUOTE_LIMIT) == "x" * QUOTE_LIMIT


def test_a_long_value_keeps_its_head_and_tail_and_says_how_much_is_left_out() -> None:
    message = "'" + "a" * 10_000_000 + "' is not of type 'integer'"
    clipped = clip(message)
    assert clipped.startswith("'aaa") and clipped.endswith("' is not of type 'integer'")
    assert f"... [{len(message) - 300} characters] ..." in clipped


@given(st.text(), st.integers(min_value=3, max_value=500))
def test_a_clipped_value_is_bounded(text: str, limit: int) -> None:
    clipped = clip(text, limit)
    assert len(clipped) <= limit + 40
    assert clipped == text or len(text) > limit
