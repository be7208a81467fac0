"""Placeholder values that docs generators print where a spec gives no example.

Read from the docs pages this project vendors (``specs/*/docs``) and from the generators' own
defaults. A value is a placeholder when it is, whole:

- a word in angle brackets: ``"<string>"``, ``"<unknown>"``, ``"<api-key>"`` (Mintlify, ReadMe);
- the type's name as a string: ``"string"`` (Swagger UI, Redoc);
- the number ``123`` (Mintlify, for integers and numbers) or ``0`` (Swagger UI, Redoc);
- a generator's stock uuid or date-time: Mintlify's ``3c90c3cc-0d44-4b50-8888-8dd25736052a`` and
  ``2023-11-07T05:31:56Z``, Redoc's ``497f6eca-6276-4993-bfeb-53cbbbba6f08`` and
  ``2019-08-24T14:15:22Z``, Swagger UI's ``3fa85f64-5717-4562-b3fc-2c963f66afa6``.

``true`` and ``{}`` are printed too, but always fit a boolean or an object, so they never matter.

Only a value that breaks its schema is ever judged: there a placeholder is reported as
``example_placeholder`` (a warning) instead of ``enum_value``, ``format_*`` or ``schema``. A
value that fits its schema is never reported, whatever it is: ``0`` where ``0`` is valid, or
``"<string>"`` in a free-text field, says nothing about the API. The numbers and stock values
are ambiguous (a real example may be ``0``); where one breaks the schema it is still reported,
as the warning, so nothing is hidden.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["is_placeholder"]

_ANGLE_BRACKETS = re.compile(r"<[A-Za-z][A-Za-z0-9 _.:-]{0,40}>")
_STOCK_STRINGS = frozenset(
    {
        "string",
        "3c90c3cc-0d44-4b50-8888-8dd25736052a",
        "2023-11-07T05:31:56Z",
        "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        "2019-08-24T14:15:22Z",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    }
)
_STOCK_NUMBERS = (0, 123)


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` is one a docs generator prints in place of a real one."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return value in _STOCK_STRINGS or _ANGLE_BRACKETS.fullmatch(value) is not None
    if isinstance(value, int | float):
        return value in _STOCK_NUMBERS
    return False
