"""conformance.contracts.loader: contracts validated against their schema and bound to their specs."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance._bundled import contracts_dir
from conformance.contracts import Api, ErrorConvention, Safety, load_api, load_catalog, load_contract
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


def test_title_defaults_to_api_name_and_base_url_loses_trailing_slash(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda raw: raw.update(base_url="https://example.test/v2/") or raw.pop("title"))
    contract = load_contract(path)
    assert contract.title == "telnyx"
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


def test_missing_required_key(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw.pop("base_url")))
    assert error.key == "base_url"


def test_bad_base_url(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw.update(base_url="api.telnyx.com")))
    assert error.key == "base_url"


def test_empty_path_parameter_example(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, lambda raw: raw["path_parameters"].update(test_id="")))
    assert error.key == "path_parameters.test_id"


def test_operation_of_the_spec_without_entry(tmp_path: Path) -> None:
    operation = "delete_assistant_test_public_assistants_tests__test_id__delete"
    error = _error(_write(tmp_path, lambda raw: raw["operations"].pop(operation)))
    assert error.key == "operations"
    assert operation in str(error)


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
