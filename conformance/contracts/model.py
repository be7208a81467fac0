"""What the spec alone does not say about an API."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from conformance.specs import ApiSpec, Operation, SchemaValidators

__all__ = ["Api", "Auth", "Contract", "ErrorConvention", "OperationPolicy", "Safety"]


class Safety(enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    COSTLY = "costly"


class ErrorConvention(enum.Enum):
    FASTAPI = "fastapi"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Auth:
    scheme: str  # "bearer" or "header"
    env: str
    header: str = "Authorization"

    def headers(self, secret: str) -> dict[str, str]:
        if self.scheme == "bearer":
            return {"Authorization": f"Bearer {secret}"}
        return {self.header: secret}


@dataclass(frozen=True, slots=True)
class OperationPolicy:
    safety: Safety
    run_by_default: bool


@dataclass(frozen=True, slots=True)
class Contract:
    api: str
    title: str
    source: Path
    spec_path: Path
    base_url: str
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
