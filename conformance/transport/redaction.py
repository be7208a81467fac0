"""Keeping secrets out of everything the tool shows or writes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

__all__ = ["REDACTED", "Redactor"]

REDACTED = "[REDACTED]"
_SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token"}
)


class Redactor:
    """Replaces secret values wherever they appear, and the values of credential headers."""

    def __init__(self, secrets: Iterable[str] = (), headers: Iterable[str] = ()) -> None:
        # Every form a secret takes on the wire or in a document; longest first, so a secret that
        # contains another is replaced whole.
        forms = {form for secret in secrets if secret for form in _forms(secret)}
        self._secrets = sorted(forms, key=len, reverse=True)
        self._headers = _SENSITIVE_HEADERS | {h.lower() for h in headers}

    def text(self, value: str) -> str:
        for secret in self._secrets:
            value = value.replace(secret, REDACTED)
        return value

    def headers(self, pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        return tuple((name, REDACTED if name.lower() in self._headers else self.text(value)) for name, value in pairs)


def _forms(secret: str) -> set[str]:
    """The secret as written, percent-encoded, JSON-escaped and as a JSON pointer token."""
    return {
        secret,
        quote(secret, safe=""),
        quote_plus(secret),
        json.dumps(secret)[1:-1],
        json.dumps(secret)[1:-1].replace("/", "\\/"),
        secret.replace("~", "~0").replace("/", "~1"),
        repr(secret)[1:-1],
    }
