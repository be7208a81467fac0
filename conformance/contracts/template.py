"""The contract ``conformance init`` writes: every derived value, commented, ready to edit and commit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import yaml

from conformance.contracts.model import Contract
from conformance.specs import ApiSpec

__all__ = ["render_contract"]


def render_contract(contract: Contract, spec: ApiSpec, spec_ref: str, origin: str, today: date) -> str:
    """A contract file that loads to ``contract``; ``spec_ref`` is the spec's path relative to it."""
    lines = [
        f"# {' '.join(contract.title.split())}: written by `conformance init` from {origin} on {today.isoformat()}.",
        "# Every key but api and spec is optional: what this file does not say is derived from the spec.",
        f"api: {contract.api}",
        f"title: {_scalar(contract.title)}",
        f"spec: {_scalar(spec_ref)}",
        *_base_url(contract),
        *_auth(contract),
        f"# errors: {{convention: {contract.error_convention.name}}} is derived from the spec's 422 responses",
        "operations:",
        *_operations(contract, spec),
    ]
    return "\n".join(lines) + "\n"


def _base_url(contract: Contract) -> Iterator[str]:
    if contract.base_url is None:
        yield "# base_url: the spec names no absolute server; give one here, or --base-url on a live run"
    else:
        yield f"base_url: {_scalar(contract.base_url)}"


def _auth(contract: Contract) -> Iterator[str]:
    auth = contract.auth
    if auth.scheme == "none":
        yield "# auth: the spec requires no credentials"
        return
    where = {"header": f" in header {auth.header}", "query": f" in query parameter {auth.parameter}"}
    where["cookie"] = f" in cookie {auth.parameter}"
    yield f"# auth: {auth.scheme}{where.get(auth.scheme, '')}, derived from the spec's security schemes"
    yield "auth:"
    yield f"  env: {auth.env}  # the secret is read from this environment variable"


def _operations(contract: Contract, spec: ApiSpec) -> Iterator[str]:
    yield "  # safe: reads only (run live by default). unsafe: changes state. costly: spends money."
    for operation in spec.operations:
        policy = contract.operations[operation.operation_id]
        yield f"  # {operation.label}"
        yield f"  {_scalar(operation.operation_id)}: {{safety: {policy.safety.value}}}"


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar, quoted only when it must be."""
    text: str = yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True)
    return text.removesuffix("\n").removesuffix("\n...")
