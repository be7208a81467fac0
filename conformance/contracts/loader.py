"""Loading contracts, validating them against the shipped JSON Schema, binding them to specs."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance.contracts.model import (
    Api,
    Auth,
    Contract,
    ErrorConvention,
    OperationPolicy,
    Safety,
)
from conformance.errors import ContractError
from conformance.specs import SchemaValidators, load_spec
from conformance.specs.documents import load_document
from conformance.specs.schemas import error_key

__all__ = ["load_api", "load_catalog", "load_contract"]


def load_catalog(contracts_dir: Path) -> dict[str, Api]:
    """Every contract in ``contracts_dir`` bound to its spec, by API name, sorted."""
    apis: dict[str, Api] = {}
    for path in sorted(contracts_dir.glob("*.yaml")):
        api = load_api(path)
        if api.name in apis:
            raise ContractError(
                path, f"api {api.name!r} is also defined in {apis[api.name].contract.source.name}", key="api"
            )
        apis[api.name] = api
    if not apis:
        raise ContractError(contracts_dir, "no contract (*.yaml) found")
    return dict(sorted(apis.items()))


def load_api(contract_path: Path) -> Api:
    contract = load_contract(contract_path)
    spec = load_spec(contract.api, contract.spec_path)
    _check_operations(contract, set(op.operation_id for op in spec.operations))
    unknown = set(contract.path_parameters) - {
        p.name for op in spec.operations for p in op.parameters if p.location == "path"
    }
    if unknown:
        raise ContractError(
            contract_path, "no operation has this path parameter", key=f"path_parameters.{min(unknown)}"
        )
    return Api(contract=contract, spec=spec, validators=SchemaValidators(contract.api, spec.document))


def load_contract(path: Path) -> Contract:
    raw = load_document(path, ContractError)
    error = best_match(_validator().iter_errors(raw))
    if error is not None:
        key = error_key(error)
        raise ContractError(path, error.message, key=key)
    spec_path = (path.parent / raw["spec"]).resolve()
    if not spec_path.is_file():
        raise ContractError(path, f"no such file: {raw['spec']}", key="spec")
    return Contract(
        api=raw["api"],
        title=raw.get("title", raw["api"]),
        source=path,
        spec_path=spec_path,
        base_url=raw["base_url"].rstrip("/"),
        auth=Auth(
            scheme=raw["auth"]["scheme"],
            env=raw["auth"]["env"],
            header=raw["auth"].get("header", "Authorization"),
        ),
        error_convention=ErrorConvention(raw["errors"]["convention"]),
        operations={name: _policy(entry) for name, entry in raw["operations"].items()},
        path_parameters=dict(raw.get("path_parameters", {})),
    )


def _policy(entry: dict[str, Any]) -> OperationPolicy:
    safety = Safety(entry["safety"])
    return OperationPolicy(safety, entry.get("run_by_default", safety is Safety.SAFE))


def _check_operations(contract: Contract, in_spec: set[str]) -> None:
    missing = sorted(in_spec - set(contract.operations))
    if missing:
        problem = f"operation {missing[0]!r} of the spec has no entry (every operation needs a safety)"
        raise ContractError(contract.source, problem, key="operations")
    stale = sorted(set(contract.operations) - in_spec)
    if stale:
        raise ContractError(contract.source, "not an operationId of the spec", key=f"operations.{stale[0]}")


@cache
def _validator() -> Draft202012Validator:
    text = resources.files("conformance.contracts").joinpath("contract.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))
