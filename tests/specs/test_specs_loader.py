"""conformance.specs.loader and .model: reading an OpenAPI 3.1 document into operations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.errors import SpecError
from conformance.specs import load_spec
from conformance.specs.documents import resolve_pointer
from conformance.specs.model import Operation, escape_pointer, read_operations


def _write(tmp_path: Path, document: dict[str, Any], name: str = "spec.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _op(responses: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"responses": responses if responses is not None else {"200": {"description": "ok"}}, **extra}


def _document(paths: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": paths or {"/a": {"get": _op()}},
        **extra,
    }


def _operation(responses: dict[str, Any]) -> Operation:
    return next(read_operations("t", _document({"/a": {"get": _op(responses, operationId="a")}})))


def test_loads_a_minimal_document(tmp_path: Path) -> None:
    path = _write(tmp_path, _document({"/a": {"get": _op(operationId="getA")}, "/b": {"put": _op(), "delete": _op()}}))
    spec = load_spec("demo", path)
    assert spec.name == "demo"
    assert spec.source == path
    assert [(op.method, op.path, op.operation_id) for op in spec.operations] == [
        ("GET", "/a", "getA"),
        ("PUT", "/b", "PUT /b"),
        ("DELETE", "/b", "DELETE /b"),
    ]
    assert all(op.api == "demo" for op in spec.operations)


def test_openapi_30_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, {**_document(), "openapi": "3.0.3"})
    with pytest.raises(SpecError) as caught:
        load_spec("demo", path)
    assert caught.value.key == "openapi"
    assert "3.0.3" in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_openapi_version_is_rejected(tmp_path: Path) -> None:
    document = _document()
    del document["openapi"]
    with pytest.raises(SpecError) as caught:
        load_spec("demo", _write(tmp_path, document))
    assert caught.value.key == "openapi"
    assert "openapi" in str(caught.value)


@pytest.mark.parametrize("paths", [None, {}, []], ids=["absent", "empty", "list"])
def test_paths_must_be_a_non_empty_mapping(tmp_path: Path, paths: Any) -> None:
    document = _document()
    if paths is None:
        del document["paths"]
    else:
        document["paths"] = paths
    with pytest.raises(SpecError) as caught:
        load_spec("demo", _write(tmp_path, document))
    assert caught.value.key == "paths"


def test_path_item_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec("demo", _write(tmp_path, _document({"/a": ["get"]})))
    assert caught.value.key == "paths./a"


def test_duplicate_operation_id_is_rejected(tmp_path: Path) -> None:
    document = _document({"/a": {"get": _op(operationId="same")}, "/b": {"post": _op(operationId="same")}})
    with pytest.raises(SpecError) as caught:
        load_spec("demo", _write(tmp_path, document))
    assert "'same'" in str(caught.value)
    assert caught.value.key == "paths./b.post"


def test_invalid_yaml_spec_is_a_spec_error(tmp_path: Path) -> None:
    path = tmp_path / "spec.yml"
    path.write_text("openapi: 3.1.0\npaths: {\n", encoding="utf-8")
    with pytest.raises(SpecError, match="line"):
        load_spec("demo", path)


def test_path_level_parameters_are_merged_and_overridden() -> None:
    document = _document(
        {
            "/a/{id}": {
                "parameters": [
                    {"name": "id", "in": "path", "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                ],
                "get": _op(parameters=[{"name": "limit", "in": "query", "required": True, "schema": {"maximum": 5}}]),
                "delete": _op(),
            }
        }
    )
    get, delete = read_operations("t", document)
    assert [(p.location, p.name) for p in get.parameters] == [("path", "id"), ("query", "limit")]
    limit = get.parameters[1]
    assert limit.required is True
    assert limit.schema == {"maximum": 5}
    assert resolve_pointer(document, limit.pointer) == {"maximum": 5}
    assert get.parameters[0].required is True  # path parameters are required by default
    assert [(p.location, p.name) for p in delete.parameters] == [("path", "id"), ("query", "limit")]
    assert delete.parameters[1].required is False
    assert resolve_pointer(document, delete.parameters[1].pointer) == {"type": "integer"}


def test_parameter_ref_is_followed_and_pointer_kept() -> None:
    document = _document(
        {"/a": {"get": _op(parameters=[{"$ref": "#/components/parameters/Page"}])}},
        components={"parameters": {"Page": {"name": "page", "in": "query", "schema": {"type": "integer"}}}},
    )
    (operation,) = read_operations("t", document)
    (parameter,) = operation.parameters
    assert parameter.name == "page"
    assert parameter.pointer == "#/components/parameters/Page/schema"
    assert resolve_pointer(document, parameter.pointer) == {"type": "integer"}


def test_parameter_style_defaults_by_location() -> None:
    document = _document(
        {
            "/a/{id}": {
                "get": _op(
                    parameters=[
                        {"name": "id", "in": "path", "schema": {"type": "string"}},
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                        {"name": "page", "in": "query", "style": "deepObject", "schema": {"type": "object"}},
                    ]
                )
            }
        }
    )
    (operation,) = read_operations("t", document)
    styles = {p.name: (p.style, p.explode) for p in operation.parameters}
    assert styles["q"] == ("form", True)
    assert styles["page"] == ("deepObject", False)
    assert styles["id"][0] == "simple"
    assert styles["X-Trace"][0] == "simple"


def test_explode_defaults_to_false_for_implicit_simple_style() -> None:
    # OpenAPI 3.1, Parameter Object, explode: "When style is form, the default value is true.
    # For all other styles, the default value is false." A path parameter's default style is simple.
    document = _document({"/a/{id}": {"get": _op(parameters=[{"name": "id", "in": "path", "schema": {}}])}})
    (operation,) = read_operations("t", document)
    (parameter,) = operation.parameters
    assert parameter.style == "simple"
    assert parameter.explode is False


def test_response_for_prefers_exact_then_range_then_default() -> None:
    operation = _operation({"404": {"description": "a"}, "4XX": {"description": "b"}, "default": {"description": "c"}})
    assert operation.response_for(404).key == "404"  # type: ignore[union-attr]
    assert operation.response_for(422).key == "4XX"  # type: ignore[union-attr]
    assert operation.response_for(500).key == "default"  # type: ignore[union-attr]
    assert operation.response_for(200).key == "default"  # type: ignore[union-attr]


def test_response_for_is_none_when_nothing_matches() -> None:
    operation = _operation({"200": {"description": "ok"}, "4XX": {"description": "client"}})
    assert operation.response_for(500) is None
    assert operation.response_for(201) is None


def test_response_range_is_case_insensitive() -> None:
    operation = _operation({"5xx": {"description": "server"}})
    assert operation.response_for(503).key == "5xx"  # type: ignore[union-attr]


def test_documented_response_lists_media_types_and_schema_pointers() -> None:
    schema = {"type": "object"}
    responses = {
        "200": {"content": {"application/json": {"schema": schema}, "text/plain": {}}},
        "204": {"description": "nothing"},
    }
    document = _document({"/a/{id}": {"get": _op(responses, operationId="a")}})
    (operation,) = read_operations("t", document)
    documented = operation.response_for(200)
    assert documented is not None
    assert documented.media_types == ("application/json", "text/plain")
    assert set(documented.schema_pointers) == {"application/json"}
    assert resolve_pointer(document, documented.schema_pointers["application/json"]) == schema
    empty = operation.response_for(204)
    assert empty is not None
    assert empty.media_types == ()
    assert dict(empty.schema_pointers) == {}


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["200"], False),
        (["200", "201", "3XX"], False),
        (["200", "422"], True),
        (["200", "4XX"], True),
        (["503"], True),
        (["200", "default"], True),
    ],
)
def test_documents_errors(keys: list[str], expected: bool) -> None:
    assert _operation({key: {"description": key} for key in keys}).documents_errors is expected


def test_request_body_pointer_and_required() -> None:
    body = {"type": "object", "required": ["name"]}
    document = _document(
        {
            "/a/{id}": {
                "post": _op(requestBody={"required": True, "content": {"application/json": {"schema": body}}}),
                "put": _op(requestBody={"content": {"text/plain": {"schema": {"type": "string"}}}}),
                "get": _op(),
            }
        }
    )
    get, put, post = read_operations("t", document)
    pointer = post.request_body_pointer()
    assert pointer is not None
    assert resolve_pointer(document, pointer) == body
    assert post.request_body_required is True
    assert put.request_body_pointer() is None
    assert put.request_body_pointer("text/plain") is not None
    assert put.request_body_required is False
    assert get.request_body_pointer() is None


def test_path_parameter_names_in_order() -> None:
    operation = next(read_operations("t", _document({"/a/{x}/b/{y_2}": {"get": _op()}})))
    assert operation.path_parameter_names() == ("x", "y_2")


def test_escape_pointer_escapes_tilde_and_slash() -> None:
    assert escape_pointer("paths", "/a/{id}", "x~y") == "#/paths/~1a~1{id}/x~0y"


def test_find_by_operation_id_or_method_and_path(tmp_path: Path) -> None:
    spec = load_spec("demo", _write(tmp_path, _document({"/a": {"get": _op(operationId="getA"), "post": _op()}})))
    assert spec.find("getA") is spec.operations[0]
    assert spec.find("GET /a") is spec.operations[0]
    assert spec.find("post /a") is spec.operations[1]
    assert spec.find("DELETE /a") is None
    assert spec.find("nothing") is None


def test_vendored_specs_load(specs_root: Path) -> None:
    counts = {
        "telnyx": (specs_root / "telnyx" / "ai_assistants_tests.yml", 11),
        "freeplay": (specs_root / "freeplay" / "test_runs.json", 3),
        "revring": (specs_root / "revring" / "test_suite_runs.yml", 1),
    }
    for name, (path, expected) in counts.items():
        assert len(load_spec(name, path).operations) == expected, name


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (lambda d: d["paths"]["/a"].update(get=None), "paths./a.get", "is not of type 'object'"),
        (lambda d: d["paths"]["/a"]["get"].update(parameters=[{"name": "x"}]), "paths./a.get.parameters.0.in", "'in'"),
        (lambda d: d["paths"]["/a"]["get"].update(responses="oops"), "paths./a.get.responses", "not of type 'object'"),
        (
            lambda d: d["paths"]["/a"]["get"].update(responses={"200": {"$ref": "#/components/responses/Nope"}}),
            "paths./a.get.responses.200",
            "points nowhere",
        ),
    ],
    ids=["null-operation", "parameter-without-in", "responses-not-a-mapping", "dangling-ref"],
)
def test_a_malformed_spec_names_the_key(tmp_path: Path, change: Any, key: str, problem: str) -> None:
    document = _document()
    change(document)
    with pytest.raises(SpecError) as caught:
        load_spec("demo", _write(tmp_path, document))
    assert caught.value.key == key
    assert problem in str(caught.value) and "\n" not in str(caught.value)
