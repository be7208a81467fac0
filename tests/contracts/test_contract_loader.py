"""conformance.contracts.loader: contracts validated against their schema and bound to their specs."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance._bundled import contracts_dir
from conformance.contracts import (
    Api,
    ErrorConvention,
    OperationPolicy,
    Safety,
    load_api,
    load_catalog,
    load_contract,
)
from conformance.errors import ContractError, SpecError

TELNYX_OPERATIONS = 11  # specs/lock.yaml: the telnyx subset has 11 operations


def test_shipped_catalog_loads() -> None:
    catalog = load_catalog(contracts_dir())
    assert list(catalog) == ["freeplay", "revring", "telnyx"]
    for name, api in catalog.items():
        assert api.name == name
        assert api.spec.name == name
        assert api.contract.spec_path.is_file()
        # every operation of the spec has a policy
        assert {op.operation_id for op in api.spec.operations} == set(api.contract.operations)


def test_revring_authenticates_with_x_api_key(catalog: dict[str, Api]) -> None:
    auth = catalog["revring"].contract.auth
    assert (auth.scheme, auth.header, auth.env) == ("header", "x-api-key", "REVRING_API_KEY")
    assert auth.headers("s3cret") == {"x-api-key": "s3cret"}


def test_bearer_contracts_use_authorization(catalog: dict[str, Api]) -> None:
    for name in ("telnyx", "freeplay"):
        auth = catalog[name].contract.auth
        assert auth.scheme == "bearer"
        assert auth.headers("tok") == {"Authorization": "Bearer tok"}


def test_error_conventions(catalog: dict[str, Api]) -> None:
    assert catalog["telnyx"].contract.error_convention is ErrorConvention.FASTAPI
    assert catalog["freeplay"].contract.error_convention is ErrorConvention.UNKNOWN
    assert catalog["revring"].contract.error_convention is ErrorConvention.UNKNOWN


def test_base_urls(catalog: dict[str, Api]) -> None:
    assert catalog["telnyx"].contract.base_url == "https://api.telnyx.com/v2"
    assert catalog["freeplay"].contract.base_url == "https://app.freeplay.ai"
    assert catalog["revring"].contract.base_url == "https://api.revring.ai"


def test_run_by_default_follows_safety(catalog: dict[str, Api]) -> None:
    telnyx = catalog["telnyx"]
    assert len(telnyx.spec.operations) == TELNYX_OPERATIONS
    for operation in telnyx.spec.operations:
        policy = telnyx.policy(operation)
        assert policy.run_by_default is (policy.safety is Safety.SAFE)
    costly = [op.operation_id for op in telnyx.spec.operations if telnyx.policy(op).safety is Safety.COSTLY]
    assert sorted(costly) == [
        "trigger_test_run_public_assistants_tests__test_id__runs_post",
        "trigger_test_suite_runs_public_assistants_tests_test_suites__suite_name__runs_post",
    ]


def test_path_parameter_examples(catalog: dict[str, Api]) -> None:
    assert catalog["telnyx"].contract.path_parameters["test_id"] == "123e4567-e89b-12d3-a456-426614174000"
    assert catalog["revring"].contract.path_parameters == {"id": "3c90c3cc-0d44-4b50-8888-8dd25736052a"}


def test_title_defaults_to_the_spec_title_and_base_url_loses_trailing_slash(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda raw: raw.update(base_url="https://example.test/v2/") or raw.pop("title"))
    contract = load_contract(path)
    assert contract.title == "Telnyx API"
    assert contract.base_url == "https://example.test/v2"


def test_explicit_run_by_default_wins(tmp_path: Path) -> None:
    operation = "trigger_test_run_public_assistants_tests__test_id__runs_post"
    path = _write(tmp_path, lambda raw: raw["operations"][operation].update(run_by_default=True))
    assert load_contract(path).operations[operation].run_by_default is True


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ContractError) as caught:
        load_catalog(tmp_path)
    assert str(tmp_path) in str(caught.value)


# Broken contracts: a copy of contracts/telnyx.yaml, with its spec path made absolute, then changed.


def _raw() -> dict[str, Any]:
    source = contracts_dir() / "telnyx.yaml"
    raw: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    raw["spec"] = str((source.parent / raw["spec"]).resolve())
    return raw


def _write(tmp_path: Path, change: Callable[[dict[str, Any]], Any], name: str = "telnyx.yaml") -> Path:
    raw = _raw()
    change(raw)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def _error(path: Path) -> ContractError:
    with pytest.raises(ContractError) as caught:
        load_api(path)
    message = str(caught.value)
    assert path.name in message
    assert "\n" not in message
    return caught.value


def test_unchanged_copy_loads(tmp_path: Path) -> None:
    api = load_api(_write(tmp_path, lambda raw: None))
    assert api.name == "telnyx"
    assert len(api.spec.operations) == TELNYX_OPERATIONS


def test_unknown_top_level_key(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw.update(retries=3)))
    assert error.key == "(top level)"
    assert "retries" in str(error)


def test_unknown_nested_key(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw["auth"].update(token="x")))
    assert error.key == "auth"
    assert "token" in str(error)


def test_bad_safety_enum(tmp_path: Path) -> None:
    operation = "get_assistant_tests_public_assistants_tests_get"
    error = _error(_write(tmp_path, lambda raw: raw["operations"][operation].update(safety="harmless")))
    assert error.key == f"operations.{operation}.safety"
    assert "harmless" in str(error)


def test_header_scheme_needs_a_header(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw["auth"].update(scheme="header")))
    assert error.key == "auth.header"
    assert "'header' is a required property" in str(error)


@pytest.mark.parametrize("scheme", ["query", "cookie"])
def test_query_and_cookie_schemes_need_a_parameter(tmp_path: Path, scheme: str) -> None:
    error = _error(_write(tmp_path, lambda raw: raw["auth"].update(scheme=scheme)))
    assert error.key == "auth.parameter"


def test_missing_required_key(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw.pop("spec")))
    assert error.key == "spec"


def test_bad_base_url(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw.update(base_url="api.telnyx.com")))
    assert error.key == "base_url"


def test_empty_path_parameter_example(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw["path_parameters"].update(test_id="")))
    assert error.key == "path_parameters.test_id"


def test_operation_of_the_spec_without_entry_takes_its_default(tmp_path: Path) -> None:
    operation = "delete_assistant_test_public_assistants_tests__test_id__delete"
    contract = load_contract(_write(tmp_path, lambda raw: raw["operations"].pop(operation)))
    assert contract.operations[operation] == OperationPolicy(Safety.UNSAFE, run_by_default=False)


def test_stale_operation_id(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw["operations"].update(removed_operation={"safety": "safe"})))
    assert error.key == "operations.removed_operation"


def test_unknown_path_parameter(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw["path_parameters"].update(assistant_id="a1")))
    assert error.key == "path_parameters.assistant_id"


def test_spec_file_missing(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw.update(spec="nowhere/spec.yml")))
    assert error.key == "spec"
    assert "nowhere/spec.yml" in str(error)


def test_spec_path_is_relative_to_the_contract(tmp_path: Path, specs_root: Path) -> None:
    (tmp_path / "specs").mkdir()
    shutil.copy(specs_root / "telnyx" / "ai_assistants_tests.yml", tmp_path / "specs" / "t.yml")
    (tmp_path / "contracts").mkdir()
    path = _write(tmp_path / "contracts", lambda raw: raw.update(spec="../specs/t.yml"))
    assert load_contract(path).spec_path == (tmp_path / "specs" / "t.yml").resolve()


def test_invalid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("api: telnyx\noperations: {a: [\n", encoding="utf-8")
    error = _error(path)
    assert error.key.startswith("line ")


def test_top_level_list(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- api: telnyx\n", encoding="utf-8")
    _error(path)


def test_broken_contract_in_a_catalog_fails_the_catalog(tmp_path: Path) -> None:
    _write(tmp_path, lambda raw: None)
    assert list(load_catalog(tmp_path)) == ["telnyx"]
    (tmp_path / "zzz.yaml").write_text("api: zzz\n", encoding="utf-8")
    with pytest.raises(ContractError, match=r"zzz\.yaml"):
        load_catalog(tmp_path)


def test_invalid_spec_is_a_spec_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yml"
    spec.write_text("swagger: '2.0'\npaths: {/a: {get: {responses: {}}}}\n", encoding="utf-8")
    path = _write(tmp_path, lambda raw: raw.update(spec=str(spec)))
    with pytest.raises(SpecError) as caught:
        load_api(path)
    assert not isinstance(caught.value, ContractError)
    assert caught.value.key == "swagger"


def test_contract_schema_is_a_valid_json_schema() -> None:
    import json
    from importlib import resources

    from jsonschema import Draft202012Validator

    text = resources.files("conformance.contracts").joinpath("contract.schema.json").read_text("utf-8")
    Draft202012Validator.check_schema(json.loads(text))
    for source in contracts_dir().glob("*.yaml"):
        assert Draft202012Validator(json.loads(text)).is_valid(yaml.safe_load(source.read_text("utf-8"))), source


def test_two_contracts_naming_the_same_api_are_refused(tmp_path: Path) -> None:
    contracts = tmp_path / "contracts"
    shutil.copytree(contracts_dir(), contracts)
    shutil.copytree(contracts_dir().parent / "specs", tmp_path / "specs")
    (contracts / "telnyx-copy.yaml").write_text((contracts / "telnyx.yaml").read_text())
    with pytest.raises(ContractError) as caught:
        load_catalog(contracts)
    assert caught.value.key == "api"
    message = str(caught.value)
    assert "telnyx-copy.yaml" in message and "telnyx.yaml" in message and "is also defined in" in message


# The overlay: a contract says only what differs from the defaults derived from the spec.

TELNYX_POST = "create_assistant_test_public_assistants_tests_post"
TELNYX_GET = "get_assistant_tests_public_assistants_tests_get"


def _overlay(tmp_path: Path, **keys: Any) -> Path:
    spec = str(contracts_dir().parent / "specs" / "telnyx" / "ai_assistants_tests.yml")
    path = tmp_path / "telnyx.yaml"
    path.write_text(yaml.safe_dump({"api": "telnyx", "spec": spec, **keys}, sort_keys=False), encoding="utf-8")
    return path


def test_api_and_spec_alone_make_a_contract(tmp_path: Path) -> None:
    contract = load_contract(_overlay(tmp_path))
    assert contract.base_url == "https://api.telnyx.com/v2"
    assert (contract.auth.scheme, contract.auth.env) == ("bearer", "CONFORMANCE_TOKEN")
    assert contract.error_convention is ErrorConvention.FASTAPI
    assert len(contract.operations) == TELNYX_OPERATIONS
    assert contract.operations[TELNYX_POST] == OperationPolicy(Safety.UNSAFE, run_by_default=False)
    assert contract.operations[TELNYX_GET] == OperationPolicy(Safety.SAFE, run_by_default=True)


def test_an_overlay_that_sets_one_operation_keeps_every_other_default(tmp_path: Path) -> None:
    contract = load_contract(_overlay(tmp_path, operations={TELNYX_GET: {"safety": "costly", "note": "bills"}}))
    assert contract.operations[TELNYX_GET] == OperationPolicy(Safety.COSTLY, run_by_default=False, note="bills")
    assert contract.operations[TELNYX_POST] == OperationPolicy(Safety.UNSAFE, run_by_default=False)


def test_an_operation_may_give_just_run_by_default_or_just_a_note(tmp_path: Path) -> None:
    operations = {TELNYX_POST: {"run_by_default": True}, TELNYX_GET: {"note": "lists tests"}}
    contract = load_contract(_overlay(tmp_path, operations=operations))
    assert contract.operations[TELNYX_POST] == OperationPolicy(Safety.UNSAFE, run_by_default=True)
    assert contract.operations[TELNYX_GET] == OperationPolicy(Safety.SAFE, run_by_default=True, note="lists tests")


def test_auth_env_alone_keeps_the_derived_scheme(tmp_path: Path) -> None:
    auth = load_contract(_overlay(tmp_path, auth={"env": "MY_TOKEN"})).auth
    assert (auth.scheme, auth.env) == ("bearer", "MY_TOKEN")


def test_a_given_scheme_replaces_the_derived_one(tmp_path: Path) -> None:
    auth = load_contract(_overlay(tmp_path, auth={"scheme": "query", "parameter": "api_key"})).auth
    assert (auth.scheme, auth.parameter, auth.env) == ("query", "api_key", "CONFORMANCE_TOKEN")


def test_the_auth_env_default_is_a_parameter(tmp_path: Path) -> None:
    assert load_contract(_overlay(tmp_path), auth_env="OTHER").auth.env == "OTHER"


def test_errors_convention_overrides_the_derived_one(tmp_path: Path) -> None:
    contract = load_contract(_overlay(tmp_path, errors={"convention": "unknown"}))
    assert contract.error_convention is ErrorConvention.UNKNOWN


def test_every_problem_of_a_contract_is_reported_at_once(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        base_url="api.telnyx.com",
        operations={"gone_one": {"safety": "safe"}, "gone_two": {"note": "x"}, TELNYX_GET: {"safety": "harmless"}},
        path_parameters={"assistant_id": "a1"},
    )
    with pytest.raises(ContractError) as caught:
        load_api(path)
    first, *rest = str(caught.value).splitlines()
    assert first == f"{path}: 5 problems:"
    problems = {line.strip().partition(": ")[0] for line in rest}
    assert problems == {
        "base_url",
        "operations.gone_one",
        "operations.gone_two",
        f"operations.{TELNYX_GET}.safety",
        "path_parameters.assistant_id",
    }
    assert "harmless" in str(caught.value)


def test_a_missing_spec_and_a_schema_error_are_reported_together(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("api: x\nspec: nowhere.yml\nauth: {scheme: digest}\n", encoding="utf-8")
    with pytest.raises(ContractError) as caught:
        load_api(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: 2 problems:")
    assert "auth.scheme: 'digest' is not one of" in message and "spec: no such file: nowhere.yml" in message
