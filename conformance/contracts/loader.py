"""Loading contracts: an overlay, validated against the shipped JSON Schema, on defaults derived from the spec.

Every key but ``api`` and ``spec`` is optional; what a contract does not say takes the value
:func:`~conformance.contracts.defaults.derive_contract` derives from the spec. All problems of
a contract are reported at once, in one :class:`ContractError`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance.contracts.conventions import ErrorConvention
from conformance.contracts.defaults import DEFAULT_AUTH_ENV, derive_contract
from conformance.contracts.model import Api, Auth, Contract, OperationPolicy, Safety
from conformance.errors import ContractError
from conformance.specs import ApiSpec, SchemaValidators, load_spec
from conformance.specs.documents import load_document
from conformance.specs.schemas import error_key

__all__ = ["bind", "load_api", "load_catalog", "load_contract", "overlay"]

Problem = tuple[str, str]  # (key, problem)


def load_catalog(contracts_dir: Path, auth_env: str = DEFAULT_AUTH_ENV) -> dict[str, Api]:
    """Every contract in ``contracts_dir`` bound to its spec, by API name, sorted."""
    apis: dict[str, Api] = {}
    for path in sorted(contracts_dir.glob("*.yaml")):
        api = load_api(path, auth_env)
        if api.name in apis:
            defined = apis[api.name].contract.source
            where = defined.name if defined else "the spec"
            raise ContractError(path, f"api {api.name!r} is also defined in {where}", key="api")
        apis[api.name] = api
    if not apis:
        raise ContractError(contracts_dir, "no contract (*.yaml) found")
    return dict(sorted(apis.items()))


def load_api(contract_path: Path, auth_env: str = DEFAULT_AUTH_ENV) -> Api:
    """The contract at ``contract_path`` over the defaults of the spec it names, bound to that spec."""
    raw = load_document(contract_path, ContractError)
    problems = _schema_problems(raw)
    spec_path = _spec_path(contract_path, raw, problems)
    spec = None if spec_path is None else load_spec(str(raw["api"]), spec_path)
    if spec is not None:
        problems += _spec_problems(raw, spec)
    if problems:
        raise _contract_error(contract_path, problems)
    assert spec is not None  # a contract without problems names a spec that loads
    contract = overlay(derive_contract(spec, auth_env=auth_env), raw, contract_path)
    return bind(contract, spec)


def load_contract(path: Path, auth_env: str = DEFAULT_AUTH_ENV) -> Contract:
    return load_api(path, auth_env).contract


def bind(contract: Contract, spec: ApiSpec) -> Api:
    return Api(contract=contract, spec=spec, validators=SchemaValidators(contract.api, spec.document))


def overlay(defaults: Contract, raw: Mapping[str, Any], source: Path) -> Contract:
    """``defaults`` with every value ``raw`` (a valid contract document) gives in their place."""
    base_url = raw.get("base_url")
    convention = raw.get("errors", {}).get("convention")
    return dataclasses.replace(
        defaults,
        title=raw.get("title", defaults.title),
        source=source,
        base_url=base_url.rstrip("/") if base_url else defaults.base_url,
        auth=_auth(defaults.auth, raw.get("auth", {})),
        error_convention=ErrorConvention.named(convention) if convention else defaults.error_convention,
        operations={**defaults.operations, **_policies(defaults.operations, raw.get("operations", {}))},
        path_parameters={**defaults.path_parameters, **raw.get("path_parameters", {})},
    )


def _auth(derived: Auth, given: Mapping[str, Any]) -> Auth:
    env = given.get("env", derived.env)
    if "scheme" not in given:
        return dataclasses.replace(derived, env=env)
    return Auth(given["scheme"], env, given.get("header", "Authorization"), given.get("parameter", ""))


def _policies(derived: Mapping[str, OperationPolicy], given: Mapping[str, Any]) -> dict[str, OperationPolicy]:
    policies = {}
    for name, entry in given.items():
        safety = Safety(entry["safety"]) if "safety" in entry else derived[name].safety
        run_by_default = entry.get("run_by_default", safety is Safety.SAFE)
        policies[name] = OperationPolicy(safety, run_by_default, entry.get("note", ""))
    return policies


def _schema_problems(raw: dict[str, Any]) -> list[Problem]:
    errors = sorted(_validator().iter_errors(raw), key=lambda error: list(map(str, error.absolute_path)))
    problems = []
    for error in errors:
        best = best_match([error]) or error
        problems.append((error_key(best), best.message))
    return problems


def _spec_path(contract_path: Path, raw: dict[str, Any], problems: list[Problem]) -> Path | None:
    """The spec file the contract names, or None (with a problem added) when there is none to load."""
    if not isinstance(raw.get("spec"), str) or not isinstance(raw.get("api"), str) or not raw["spec"]:
        return None
    spec_path: Path = (contract_path.parent / raw["spec"]).resolve()
    if not spec_path.is_file():
        problems.append(("spec", f"no such file: {raw['spec']}"))
        return None
    return spec_path


def _spec_problems(raw: dict[str, Any], spec: ApiSpec) -> list[Problem]:
    """Operations and path parameters the contract names that the spec does not have."""
    problems: list[Problem] = []
    operations = raw.get("operations")
    if isinstance(operations, dict):
        known = {op.operation_id for op in spec.operations}
        for name in sorted(set(operations) - known):
            problems.append((f"operations.{name}", "not an operationId of the spec"))
    parameters = raw.get("path_parameters")
    if isinstance(parameters, dict):
        known = {p.name for op in spec.operations for p in op.parameters if p.location == "path"}
        for name in sorted(set(parameters) - known):
            problems.append((f"path_parameters.{name}", "no operation has this path parameter"))
    return problems


def _contract_error(path: Path, problems: list[Problem]) -> ContractError:
    if len(problems) == 1:
        [(key, problem)] = problems
        return ContractError(path, problem, key=key)
    lines = "".join(f"\n  {key}: {problem}" for key, problem in problems)
    return ContractError(path, f"{len(problems)} problems:{lines}")


@cache
def _validator() -> Draft202012Validator:
    text = resources.files("conformance.contracts").joinpath("contract.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))
