"""Requests and responses as they may be shown: secrets redacted, bodies truncated, values clipped."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QUOTE_LIMIT", "RequestRecord", "ResponseRecord", "clip"]

QUOTE_LIMIT = 300  # characters of any one value a finding or a report field quotes


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """A request as it may be shown: secrets redacted, body truncated."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: str | None

    @property
    def size(self) -> int:
        return len(self.url) + len(self.body or "")


@dataclass(frozen=True, slots=True)
class ResponseRecord:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: str | None


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` in at most about ``limit`` characters: its head and its tail, and how much is left out.

    The tail is kept because a message often ends with what it means: ``'xxx...' is not of type
    'integer'``. Clip after redacting, so no part of a secret is left behind by the cut.
    """
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 3
    return f"{text[:head]}... [{len(text) - head - tail} characters] ...{text[-tail:]}"
