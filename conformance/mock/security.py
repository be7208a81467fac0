"""Who may call an operation, as the spec's ``security`` says, not as the contract's auth does.

The mock answers 401 only where the API would: the operation's own ``security``, else the
document's, else none. A request passes when any one requirement object is met, every scheme
in it at once; an empty requirement (``{}``) or an empty list lets anonymous callers in. Only
presence and shape are checked (a bearer token, a decodable ``user:pass``, a non-empty key):
the mock has no accounts. A scheme the document does not declare, or ``mutualTLS`` (decided
below HTTP), is not checked, so a broken spec never turns into 401s against the caller.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Credentials", "SecurityPolicy", "policy_for"]


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a request presents: headers (names lowercased), query parameters and cookies."""

    headers: Mapping[str, str]
    query: Mapping[str, str]
    cookies: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class _Scheme:
    kind: str  # http, apiKey, oauth2, openIdConnect, mutualTLS, or "" when undeclared
    http_scheme: str = ""  # bearer, basic, ... (lowercased) for kind http
    location: str = ""  # header, query or cookie for kind apiKey
    name: str = ""  # the key's name for kind apiKey

    def satisfied_by(self, credentials: Credentials) -> bool:
        if self.kind == "apiKey":
            return _api_key(credentials, self.location, self.name)
        if self.kind == "http":
            return _authorization(credentials, self.http_scheme)
        if self.kind in ("oauth2", "openIdConnect"):
            return _authorization(credentials, "bearer")
        return True  # mutualTLS or undeclared: nothing the mock can check


@dataclass(frozen=True, slots=True)
class SecurityPolicy:
    """The alternatives of one operation; each alternative is the schemes needed together."""

    alternatives: tuple[tuple[_Scheme, ...], ...]

    @property
    def anonymous(self) -> bool:
        return not self.alternatives or any(not schemes for schemes in self.alternatives)

    def allows(self, credentials: Credentials) -> bool:
        if self.anonymous:
            return True
        return any(all(scheme.satisfied_by(credentials) for scheme in schemes) for schemes in self.alternatives)


def policy_for(document: Mapping[str, Any], operation: Mapping[str, Any]) -> SecurityPolicy:
    """The effective security of an operation object of ``document``."""
    requirements = operation.get("security", document.get("security")) or []
    declared = document.get("components", {}).get("securitySchemes", {}) or {}
    alternatives = tuple(
        tuple(_scheme(declared.get(name)) for name in sorted(requirement))
        for requirement in requirements
        if isinstance(requirement, Mapping)
    )
    return SecurityPolicy(alternatives)


def _scheme(definition: Any) -> _Scheme:
    if not isinstance(definition, Mapping):
        return _Scheme("")
    return _Scheme(
        kind=str(definition.get("type", "")),
        http_scheme=str(definition.get("scheme", "")).lower(),
        location=str(definition.get("in", "")),
        name=str(definition.get("name", "")),
    )


def _api_key(credentials: Credentials, location: str, name: str) -> bool:
    if location == "header":
        value = credentials.headers.get(name.lower(), "")
    elif location == "query":
        value = credentials.query.get(name, "")
    else:
        value = credentials.cookies.get(name, "")
    return bool(value.strip())


def _authorization(credentials: Credentials, http_scheme: str) -> bool:
    scheme, _, value = credentials.headers.get("authorization", "").strip().partition(" ")
    if scheme.lower() != http_scheme or not value.strip():
        return False
    return http_scheme != "basic" or _user_and_password(value.strip())


def _user_and_password(encoded: str) -> bool:
    try:
        decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return ":" in decoded
