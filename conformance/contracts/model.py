"""What the spec alone does not say about an API."""

from __future__ import annotations

import base64
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named in annotations: the command line reads DEFAULT_AUTH_ENV without loading specs
    from conformance.contracts.conventions import ErrorConvention
    from conformance.specs import ApiSpec, Operation, SchemaValidators

__all__ = ["DEFAULT_AUTH_ENV", "Api", "Auth", "Contract", "Credentials", "OperationPolicy", "Safety"]

DEFAULT_AUTH_ENV = "CONFORMANCE_TOKEN"  # where the secret is read when a contract names no variable


class Safety(enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    COSTLY = "costly"


@dataclass(frozen=True, slots=True)
class Credentials:
    """Where a secret goes on a request: headers, query parameters and cookies to add."""

    headers: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, str] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Auth:
    """How a request carries the secret read from ``env``.

    Schemes: ``bearer`` (``Authorization: Bearer``), ``basic`` (the secret is ``user:password``,
    sent base64-encoded), ``header`` (the secret as the value of ``header``), ``query`` and
    ``cookie`` (the secret as the query parameter or cookie ``parameter``), ``none``.
    """

    scheme: str
    env: str
    header: str = "Authorization"  # the header that carries the secret (bearer, basic, header)
    parameter: str = ""  # the query parameter or cookie that carries it (query, cookie)

    def apply(self, secret: str) -> Credentials:
        if self.scheme == "bearer":
            return Credentials(headers={"Authorization": f"Bearer {secret}"})
        if self.scheme == "basic":
            return Credentials(headers={"Authorization": f"Basic {_base64(secret)}"})
        if self.scheme == "header":
            return Credentials(headers={self.header: secret})
        if self.scheme == "query":
            return Credentials(params={self.parameter: secret})
        if self.scheme == "cookie":
            return Credentials(cookies={self.parameter: secret})
        return Credentials()

    def headers(self, secret: str) -> dict[str, str]:
        """The headers part of :meth:`apply` (all there is for bearer, basic and header)."""
        return dict(self.apply(secret).headers)

    def secret_parts(self, secret: str) -> tuple[str, ...]:
        """What must never be shown: the secret, and for basic the password alone (after the first
        ``:``). Every encoding of them (base64 included) is the redactor's business."""
        password = secret.partition(":")[2] if self.scheme == "basic" else ""
        return (secret, password) if password else (secret,)

    @property
    def secret_names(self) -> tuple[str, ...]:
        """The header, query parameter or cookie whose value is the secret, whatever its name says."""
        return tuple(name for name in (self.header, self.parameter) if name)


def _base64(secret: str) -> str:
    return base64.b64encode(secret.encode()).decode("ascii")


@dataclass(frozen=True, slots=True)
class OperationPolicy:
    safety: Safety
    run_by_default: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class Contract:
    api: str
    title: str
    source: Path | None  # the contract file; None when every value is derived from the spec
    spec_path: Path
    base_url: str | None  # None: the spec names no absolute server (a live run needs --base-url)
    auth: Auth
    error_convention: ErrorConvention
    operations: Mapping[str, OperationPolicy] = field(compare=False)
    path_parameters: Mapping[str, str] = field(compare=False)


@dataclass(frozen=True, slots=True)
class Api:
    """A contract bound to the spec it names."""

    contract: Contract
    spec: ApiSpec
    validators: SchemaValidators = field(repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.contract.api

    def policy(self, operation: Operation) -> OperationPolicy:
        return self.contract.operations[operation.operation_id]
