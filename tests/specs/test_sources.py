"""conformance.specs.sources and load_spec_source: a spec from a file or from a URL, bounded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from conformance.errors import SpecError
from conformance.specs import load_spec_source, read_source, sources
from tests.servers import serve

DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"$ref": "parts/ok"}}}}},
}


async def _spec(request: Request) -> Response:
    return PlainTextResponse(yaml.safe_dump(DOCUMENT))  # YAML with no telling suffix: the content says


async def _ok(request: Request) -> Response:
    return PlainTextResponse(json.dumps({"description": "ok"}))


async def _big(request: Request) -> Response:
    return PlainTextResponse("a: " + "x" * 5000)


APP = Starlette(routes=[Route("/openapi", _spec), Route("/parts/ok", _ok), Route("/big", _big)])


def test_a_spec_from_a_url_loads_with_its_external_refs() -> None:
    with serve(APP) as base:
        spec = load_spec_source("t", f"{base}/openapi")
    assert spec.document["openapi"] == "3.1.0"
    assert spec.defects == ()
    (operation,) = spec.operations
    assert operation.unusable is None
    assert spec.document["components"]["responses"]["ok"] == {"description": "ok"}


def test_a_404_is_a_clean_spec_error() -> None:
    with serve(APP) as base, pytest.raises(SpecError) as caught:
        read_source(f"{base}/nothing")
    assert str(caught.value) == f"{base}/nothing: HTTP 404 Not Found"


def test_a_too_large_response_is_a_clean_spec_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_BYTES", 1024)
    with serve(APP) as base, pytest.raises(SpecError) as caught:
        read_source(f"{base}/big")
    assert str(caught.value) == f"{base}/big: response larger than 0 MB" or "larger than" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unreachable_url_is_a_clean_spec_error() -> None:
    from tests.servers import free_port

    url = f"http://127.0.0.1:{free_port()}/openapi.json"
    with pytest.raises(SpecError) as caught:
        read_source(url)
    assert str(caught.value).startswith(f"{url}: cannot fetch: ConnectError")
    assert "\n" not in str(caught.value)


def test_a_file_source_keeps_load_document_semantics(tmp_path: Path) -> None:
    path = tmp_path / "spec"
    path.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    source = read_source(path)
    assert source.document == DOCUMENT
    assert source.uri == path.resolve().as_uri()
    assert source.path == path.resolve()


def test_a_missing_file_is_a_clean_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="cannot read"):
        read_source(tmp_path / "nope.yaml")
