"""conformance.specs.bundle: external $refs (files, URLs) bundled into one self-contained document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from conformance.specs import load_spec
from conformance.specs.resolver import Resolver

BODY = "#/paths/~1pets/post/requestBody/content/application~1json/schema"


def _spec(tmp_path: Path, schema: dict[str, Any], **extra: Any) -> Path:
    body = {"content": {"application/json": {"schema": schema}}}
    operation = {"operationId": "addPet", "requestBody": body, "responses": {"200": {"description": "ok"}}}
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/pets": {"post": operation}}}
    path = tmp_path / "api" / "openapi.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({**document, **extra}), encoding="utf-8")
    return path


def _write(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")


def test_a_relative_file_ref_is_bundled_under_components(tmp_path: Path) -> None:
    _write(
        tmp_path / "api" / "schemas" / "pet.json",
        {"type": "object", "properties": {"tag": {"$ref": "#/$defs/Tag"}}, "$defs": {"Tag": {"type": "string"}}},
    )
    spec = load_spec("t", _spec(tmp_path, {"$ref": "schemas/pet.json"}))
    assert spec.defects == ()
    assert spec.operations[0].unusable is None
    resolver = Resolver(spec.document)
    body = resolver.lookup(BODY)
    assert body == {"$ref": "#/components/schemas/pet"}
    assert resolver.resolve_at(BODY)["type"] == "object"
    assert resolver.resolve_at("#/components/schemas/pet/properties/tag") == {"type": "string"}
    assert all(not ref.startswith(("schemas", "file:")) for ref in _refs(spec.document))


def test_files_referring_to_each_other_in_a_cycle_are_bundled_once(tmp_path: Path) -> None:
    _write(tmp_path / "api" / "a.json", {"type": "object", "properties": {"b": {"$ref": "b.json"}}})
    _write(
        tmp_path / "api" / "b.json",
        {"type": "object", "properties": {"a": {"$ref": "a.json"}, "pet": {"$ref": "#/x"}}, "x": {"type": "integer"}},
    )
    spec = load_spec("t", _spec(tmp_path, {"$ref": "a.json"}))
    assert sorted(spec.document["components"]["schemas"]) == ["a", "b", "b_x"]
    assert spec.document["components"]["schemas"]["b"]["properties"]["a"] == {"$ref": "#/components/schemas/a"}
    assert spec.defects == ()


def test_a_ref_back_into_the_main_document_becomes_local(tmp_path: Path) -> None:
    _write(tmp_path / "api" / "pet.json", {"$ref": "openapi.yaml#/components/schemas/Name"})
    spec = load_spec("t", _spec(tmp_path, {"$ref": "pet.json"}, components={"schemas": {"Name": {"type": "string"}}}))
    assert spec.document["components"]["schemas"]["pet"] == {"$ref": "#/components/schemas/Name"}
    assert Resolver(spec.document).resolve_at(BODY) == {"type": "string"}


def test_a_path_item_in_another_file_is_bundled_in_place(tmp_path: Path) -> None:
    _write(
        tmp_path / "api" / "paths" / "things.json",
        {"get": {"operationId": "things", "responses": {"200": {"$ref": "../responses.json#/Ok"}}}},
    )
    _write(tmp_path / "api" / "responses.json", {"Ok": {"description": "ok"}})
    path = _spec(tmp_path, {"type": "object"})
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["paths"]["/things"] = {"$ref": "paths/things.json"}
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    spec = load_spec("t", path)
    things = spec.find("things")
    assert things is not None and things.unusable is None
    assert things.definition["responses"]["200"] == {"$ref": "#/components/responses/responses_Ok"}
    assert spec.defects == ()


def test_a_missing_file_sets_the_operation_aside_with_a_clear_reason(tmp_path: Path) -> None:
    spec = load_spec("t", _spec(tmp_path, {"$ref": "missing.json"}))
    (operation,) = spec.operations
    assert operation.unusable is not None and "missing.json" in operation.unusable
    (defect,) = spec.defects
    assert defect.code == "unresolved_ref"
    assert defect.operation_id == "addPet"
    assert defect.pointer == BODY[1:] + "/$ref"
    assert "cannot read" in defect.message and "\n" not in defect.message


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []
