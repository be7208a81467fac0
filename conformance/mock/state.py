"""What the mock remembers: the resources its POSTs created, by schema and id."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from conformance.specs import Operation

__all__ = ["MockState"]

_MAX_REMEMBERED = 10_000


class MockState:
    def __init__(self) -> None:
        self._created: dict[tuple[str, str], Any] = {}
        self._calls: Counter[str] = Counter()

    def next_call(self, operation_id: str) -> int:
        self._calls[operation_id] += 1
        return self._calls[operation_id]

    def remember(self, schema: str, body: Any) -> None:
        if len(self._created) >= _MAX_REMEMBERED:
            self._created.pop(next(iter(self._created)))
        for identifier in _identifiers(body):
            self._created[(schema, identifier)] = body

    def recall(self, schema: str, path_params: Mapping[str, str], operation: Operation) -> Any:
        """The body a POST created, if the operation reads it by the id in its last path parameter."""
        if operation.method != "GET" or not operation.path.endswith("}"):
            return None
        last = operation.path_parameter_names()[-1]
        return self._created.get((schema, path_params.get(last, "")))


def _identifiers(body: Any) -> list[str]:
    """The string values of id fields at the top level and in a ``data`` envelope."""
    found: list[str] = []
    for level in (body, body.get("data") if isinstance(body, dict) else None):
        if isinstance(level, dict):
            found.extend(
                value
                for key, value in level.items()
                if isinstance(value, str) and (key == "id" or key.endswith(("_id", "Id")))
            )
    return found
