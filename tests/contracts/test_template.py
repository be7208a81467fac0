"""conformance.contracts.template: the contract `conformance init` writes loads to the derived one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from conformance.contracts import derive_contract, load_contract
from conformance.contracts.template import render_contract
from conformance.specs import load_spec
from tests.contracts.pets import pets, write_pets


def _render(tmp_path: Path, **top: object) -> tuple[str, Path]:
    spec = load_spec("pets", write_pets(tmp_path / "openapi.json", **top))
    text = render_contract(derive_contract(spec), spec, "openapi.json", "/src/openapi.json", date(2026, 1, 2))
    path = tmp_path / "pets.yaml"
    path.write_text(text, encoding="utf-8")
    return text, path


def test_the_written_contract_means_what_the_defaults_mean(tmp_path: Path) -> None:
    text, path = _render(tmp_path)
    assert text.startswith("# Pet Store: written by `conformance init` from /src/openapi.json on 2026-01-02.\n")
    loaded = load_contract(path)
    derived = derive_contract(load_spec("pets", tmp_path / "openapi.json"))
    assert (loaded.auth, loaded.base_url, loaded.error_convention) == (derived.auth, None, derived.error_convention)
    assert loaded.operations == derived.operations


def test_every_operation_is_listed_with_its_method_and_path(tmp_path: Path) -> None:
    document = pets()
    document["paths"]["/pets"]["delete"] = {"responses": {}}  # no operationId: named "DELETE /pets"
    text, path = _render(tmp_path, paths=document["paths"])
    assert "  # DELETE /pets\n  DELETE /pets: {safety: unsafe}\n" in text
    assert set(yaml.safe_load(text)["operations"]) == {"list_pets", "add_pet", "get_pet", "DELETE /pets"}
    assert load_contract(path).operations["DELETE /pets"].run_by_default is False


def test_titles_and_ids_that_need_quotes_are_quoted(tmp_path: Path) -> None:
    document = pets(info={"title": "Pets: the API", "version": "1"})
    document["paths"]["/pets"]["get"]["operationId"] = "#list: pets"
    text, path = _render(tmp_path, info=document["info"], paths=document["paths"])
    assert "title: 'Pets: the API'\n" in text
    assert load_contract(path).operations["#list: pets"].run_by_default is True


def test_an_absolute_server_and_no_security(tmp_path: Path) -> None:
    text, path = _render(tmp_path, servers=[{"url": "https://pets.example.test/v1"}], security=[])
    assert "base_url: https://pets.example.test/v1\n" in text
    assert "# auth: the spec requires no credentials\n" in text and "\nauth:" not in text
    contract = load_contract(path)
    assert (contract.base_url, contract.auth.scheme) == ("https://pets.example.test/v1", "none")
