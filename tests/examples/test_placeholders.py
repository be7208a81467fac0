"""conformance.examples.placeholders: the values docs generators print where a spec gives no example."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.examples import is_placeholder


@pytest.mark.parametrize(
    "value",
    [
        "<string>",
        "<unknown>",
        "<api-key>",
        "string",
        123,
        0,
        0.0,
        "3c90c3cc-0d44-4b50-8888-8dd25736052a",
        "2023-11-07T05:31:56Z",
        "2019-08-24T14:15:22Z",
        "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    ],
)
def test_generator_values_are_placeholders(value: Any) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        None,
        {},
        [],
        "cron",
        "<b>bold</b>",
        "< string >",
        "Strings",
        1,
        124,
        -123,
        "123",
        "2024-01-24T10:30:00Z",
    ],
)
def test_real_looking_values_are_not(value: Any) -> None:
    assert not is_placeholder(value)
