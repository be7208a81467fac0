"""A generated request, as plain data: what to send, and what generation meant by it."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["PHASES", "GeneratedCase", "Intent"]

PHASES = ("coverage", "fuzzing", "malformed")  # what generation makes, in this order (engine.py)


class Intent(enum.Enum):
    VALID = "valid"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class GeneratedCase:
    """One request for one operation, ready for the wire but for the base URL and credentials.

    ``intent`` is what generation aimed at; whether the request really breaks the spec is
    decided on what is sent (``conformance.specs.requests``), because a case meant to be
    invalid can turn out valid once serialised (an unknown query parameter, say).
    """

    operation_id: str
    method: str
    target: str  # path and query string, relative to the base URL
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    intent: Intent
    phase: str  # "coverage", "fuzzing" or "malformed"
    reason: str

    @property
    def key(self) -> tuple[str, str, bytes | None, tuple[tuple[str, str], ...]]:
        return (self.method, self.target, self.body, self.headers)
