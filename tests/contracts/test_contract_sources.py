"""conformance.contracts.sources: a spec given as a file path or a URL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from conformance.contracts.sources import api_name, is_url, load_source, read_source
from conformance.errors import SpecError
from tests.contracts.pets import pets, write_pets
from tests.servers import serve


@pytest.mark.parametrize(
    ("title", "fallback", "expected"),
    [
        ("Pet Store", "openapi", "pet-store"),
        ("  Telnyx API (v2) ", "x", "telnyx-api-v2"),
        ("3D Printing", "x", "api-3d-printing"),
        ("", "my_spec", "my_spec"),
        ("!!!", "???", "api"),
    ],
)
def test_api_name(title: str, fallback: str, expected: str) -> None:
    assert api_name({"info": {"title": title}}, fallback) == expected


def test_is_url() -> None:
    assert is_url("https://x.test/o.json") and is_url("http://127.0.0.1/o")
    assert not is_url("specs/o.json") and not is_url("file:///o.json")


def test_a_file_keeps_its_name_and_loads_under_its_title(tmp_path: Path) -> None:
    read = read_source(str(write_pets(tmp_path / "pets.json")))
    assert (read.file_name, read.url) == ("pets.json", None)
    spec = load_source(read)
    assert spec.name == "pet-store" and spec.source == tmp_path / "pets.json"
    assert load_source(read, "pets").name == "pets"


def _site(body: str, status: int = 200) -> Starlette:
    return Starlette(routes=[Route("/{name:path}", lambda request: PlainTextResponse(body, status_code=status))])


def test_a_url_is_fetched_and_named_after_its_path_or_its_content() -> None:
    with serve(_site(json.dumps(pets()))) as origin:
        named = read_source(f"{origin}/api/spec.json")
        bare = read_source(f"{origin}/openapi")
    assert (named.file_name, named.url) == ("spec.json", f"{origin}/api/spec.json")
    assert bare.file_name == "openapi.json" and json.loads(bare.data) == pets()
    assert load_source(bare).name == "pet-store"


def test_a_url_that_answers_an_error_is_a_spec_error() -> None:
    with serve(_site("gone", status=404)) as origin, pytest.raises(SpecError) as caught:
        read_source(f"{origin}/openapi.yaml")
    assert str(caught.value) == f"{origin}/openapi.yaml: HTTP 404 Not Found"


def test_an_invalid_document_from_a_url_names_the_url() -> None:
    with serve(_site("openapi: 3.0.0\npaths: {}\n")) as origin:
        read = read_source(f"{origin}/openapi.yaml")
    assert read.file_name == "openapi.yaml"
    with pytest.raises(SpecError) as caught:
        load_source(read)
    assert caught.value.path == f"{origin}/openapi.yaml" and caught.value.key == "paths"


def _files(files: dict[str, str]) -> Starlette:
    def answer(request: Any) -> PlainTextResponse:
        name = request.path_params["name"]
        return PlainTextResponse(files[name]) if name in files else PlainTextResponse("gone", status_code=404)

    return Starlette(routes=[Route("/{name:path}", answer)])


def test_a_remote_spec_resolves_its_relative_refs_against_its_url(tmp_path: Path) -> None:
    secret = tmp_path / "local.yaml"
    secret.write_text("Local: {type: string}\n")
    document = pets()
    schema = {"$ref": "schemas/pet.yaml#/Pet"}
    document["paths"]["/pets/{pet_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = schema
    files = {"api/openapi.json": json.dumps(document), "api/schemas/pet.yaml": "Pet: {type: object}\n"}
    with serve(_files(files)) as origin:
        spec = load_source(read_source(f"{origin}/api/openapi.json"))
        assert [d for d in spec.defects if d.code == "unresolved_ref"] == []
        document["components"]["schemas"]["Sneaky"] = {"$ref": secret.as_uri()}
        files["api/openapi.json"] = json.dumps(document)
        sneaky = load_source(read_source(f"{origin}/api/openapi.json"))
    assert any(d.code == "unresolved_ref" for d in sneaky.defects)  # a remote spec never reads local files
    assert "Local" not in json.dumps(sneaky.document)
