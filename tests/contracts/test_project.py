"""conformance.contracts.project and .catalog: project folders, init, and a catalog from a spec alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from conformance._bundled import contracts_dir
from conformance.contracts.catalog import project_catalog, spec_base_url, spec_catalog
from conformance.contracts.project import Project, find_project, init_project
from conformance.errors import SpecError, UsageError
from tests.contracts.pets import pets, write_pets
from tests.servers import serve


def test_the_working_directory_is_the_project_when_it_has_both_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_project().bundled and find_project().contracts == contracts_dir()
    (tmp_path / "specs").mkdir()
    assert find_project().bundled  # contracts/ missing
    (tmp_path / "contracts").mkdir()
    assert find_project() == Project(tmp_path / "specs", tmp_path / "contracts", bundled=False)


def test_an_explicit_project_must_have_both_folders(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no specs/ and contracts/ folders"):
        find_project(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "contracts").mkdir()
    assert find_project(tmp_path).description == f"{tmp_path / 'contracts'} (project folder)"


def test_init_then_the_project_catalog(tmp_path: Path) -> None:
    done = init_project(tmp_path, "pets", str(write_pets(tmp_path / "src.json")), auth_env="PETS_TOKEN")
    assert done.spec == tmp_path / "specs" / "pets" / "src.json" and done.operations == 3
    [api] = project_catalog(Project.at(tmp_path)).values()
    assert (api.name, api.contract.auth.env, api.contract.source) == ("pets", "PETS_TOKEN", done.contract)


def test_init_writes_nothing_for_a_spec_that_does_not_load(tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text("openapi: 3.0.3\npaths: {}\n")
    with pytest.raises(SpecError):
        init_project(tmp_path, "bad", str(source))
    assert not (tmp_path / "specs").exists() and not (tmp_path / "contracts").exists()


def test_spec_catalog_derives_everything(tmp_path: Path) -> None:
    source = str(write_pets(tmp_path / "pets.json"))
    catalog = spec_catalog(source, auth_env="PETS_TOKEN")
    [(name, api)] = catalog.items()
    assert name == "pet-store" and api.contract.source is None and api.contract.auth.env == "PETS_TOKEN"
    assert api.contract.operations["add_pet"].run_by_default is False
    assert spec_base_url(source, catalog) is None  # a file spec runs against the embedded mock


def test_init_from_a_url_records_it_and_derives_the_base_url_from_it(tmp_path: Path) -> None:
    site = Starlette(routes=[Route("/docs/openapi", lambda request: JSONResponse(pets()))])
    with serve(site) as origin:
        done = init_project(tmp_path, "pets", f"{origin}/docs/openapi")
    assert done.spec == tmp_path / "specs" / "pets" / "openapi.json"
    entry = yaml.safe_load((tmp_path / "specs" / "lock.yaml").read_text())["pets"]
    assert entry["source"] == {"url": f"{origin}/docs/openapi"} and entry["file"] == "pets/openapi.json"
    [api] = project_catalog(Project.at(tmp_path)).values()
    assert api.contract.base_url == f"{origin}/v1"  # the spec's relative server, on the spec's origin


def test_init_writes_no_user_password_or_query_of_the_url(tmp_path: Path) -> None:
    site = Starlette(routes=[Route("/openapi.json", lambda request: JSONResponse(pets()))])
    with serve(site) as origin:
        host = origin.removeprefix("http://")
        init_project(tmp_path, "pets", f"http://me:s3cret@{host}/openapi.json?token=t0ps3cret")
    written = [path.read_text() for path in (tmp_path / "specs" / "lock.yaml", tmp_path / "contracts" / "pets.yaml")]
    assert written[0] and written[1]
    assert not any("s3cret" in text or "t0ps3cret" in text or "me:" in text for text in written)
    entry = yaml.safe_load(written[0])["pets"]
    assert entry["source"] == {"url": f"{origin}/openapi.json"}


def test_init_force_replaces_the_spec_file_and_keeps_its_neighbours(tmp_path: Path) -> None:
    source = write_pets(tmp_path / "pets.json")
    init_project(tmp_path, "pets", str(source))
    neighbour = tmp_path / "specs" / "pets" / "other.yml"
    neighbour.write_text("kept: true\n")
    init_project(tmp_path, "pets", str(source), force=True)
    assert neighbour.read_text() == "kept: true\n"
