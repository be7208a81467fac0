"""Requests and responses as they may be shown: secrets redacted, bodies truncated."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RequestRecord", "ResponseRecord"]


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
