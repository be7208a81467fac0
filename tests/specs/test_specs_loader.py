"""conformance.specs.loader and .model: reading an OpenAPI 3.1 document into operations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.errors import SpecError
from conformance.specs import load_spec
from conformance.specs.model import Operation, SpecDefect, escape_pointer, read_operations
from conformance.specs.resolver import Resolver


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


def test_openapi_30_is_upgraded_to_31(tmp_path: Path) -> None:
    spec = load_spec("demo", _write(tmp_path, {**_document(), "openapi": "3.0.3"}))
    assert spec.document["openapi"] == "3.1.0"
    assert spec.document["info"]["x-conformance-original-openapi"] == "3.0.3"
    assert spec.defects == ()


@pytest.mark.parametrize(
    ("document", "key", "problem"),
    [
        ({"swagger": "2.0", "paths": {}}, "swagger", "Swagger 2.0 is not supported"),
        ({"openapi": "4.0.0", "paths": {}}, "openapi", "OpenAPI 4.0.0 is not supported"),
    ],
)
def test_other_versions_are_a_spec_error(tmp_path: Path, document: dict[str, Any], key: str, problem: str) -> None:
    path = _write(tmp_path, document)
    with pytest.raises(SpecError) as caught:
        load_spec("demo", path)
    assert caught.value.key == key
    assert problem in str(caught.value) and str(path) in str(caught.value)


def test_a_list_at_the_top_level_is_a_spec_error(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SpecError, match="not an OpenAPI document: the top level is an array"):
        load_spec("demo", path)


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


def test_a_broken_path_item_is_a_defect_and_the_rest_loads(tmp_path: Path) -> None:
    spec = load_spec("demo", _write(tmp_path, _document({"/a": ["get"], "/b": {"get": _op()}})))
    assert [op.label for op in spec.operations] == ["GET /b"]
    assert [(d.code, d.pointer) for d in spec.defects] == [("spec_invalid", "/paths/~1a")]


def test_duplicate_operation_id_is_a_defect_and_the_later_one_is_renamed(tmp_path: Path) -> None:
    document = _document({"/a": {"get": _op(operationId="same")}, "/b": {"post": _op(operationId="same")}})
    spec = load_spec("demo", _write(tmp_path, document))
    assert [op.operation_id for op in spec.operations] == ["same", "POST /b"]
    (defect,) = spec.defects
    assert defect == SpecDefect(
        "duplicate_operation_id",
        "/paths/~1b/post/operationId",
        "operationId 'same' is also used by GET /a; this one is 'POST /b'",
        "POST /b",
    )
    assert spec.find("POST /b") is spec.operations[1]


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
    assert Resolver(document).lookup(limit.pointer) == {"maximum": 5}
    assert get.parameters[0].required is True  # path parameters are required by default
    assert [(p.location, p.name) for p in delete.parameters] == [("path", "id"), ("query", "limit")]
    assert delete.parameters[1].required is False
    assert Resolver(document).lookup(delete.parameters[1].pointer) == {"type": "integer"}


def test_parameter_ref_is_followed_and_pointer_kept() -> None:
    document = _document(
        {"/a": {"get": _op(parameters=[{"$ref": "#/components/parameters/Page"}])}},
        components={"parameters": {"Page": {"name": "page", "in": "query", "schema": {"type": "integer"}}}},
    )
    (operation,) = read_operations("t", document)
    (parameter,) = operation.parameters
    assert parameter.name == "page"
    assert parameter.pointer == "#/components/parameters/Page/schema"
    assert Resolver(document).lookup(parameter.pointer) == {"type": "integer"}


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
    assert Resolver(document).lookup(documented.schema_pointers["application/json"]) == schema
    empty = operation.response_for(204)
    assert empty is not None
    assert empty.media_types == ()
    assert dict(empty.schema_pointers) == {}


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
    assert Resolver(document).lookup(pointer) == body
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
    ("change", "pointer", "problem"),
    [
        (lambda d: d["paths"]["/a"].update(get=None), "/paths/~1a/get", "null is not of type"),
        (lambda d: d["paths"]["/a"]["get"].update(parameters=[{"name": "x"}]), "/paths/~1a/get/parameters/0", '"in"'),
        (lambda d: d["paths"]["/a"]["get"].update(responses="oops"), "/paths/~1a/get/responses", "not of type"),
    ],
    ids=["null-operation", "parameter-without-in", "responses-not-a-mapping"],
)
def test_a_malformed_spec_is_a_defect_with_its_pointer(tmp_path: Path, change: Any, pointer: str, problem: str) -> None:
    document = _document({"/a": {"get": _op()}, "/b": {"get": _op(operationId="b")}})
    change(document)
    spec = load_spec("demo", _write(tmp_path, document))
    assert spec.find("b") is not None
    defects = [d for d in spec.defects if d.pointer == pointer]
    assert defects and all(d.code == "spec_invalid" for d in defects), spec.defects
    assert problem in defects[0].message and "\n" not in defects[0].message


def test_no_operation_at_all_is_a_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="no operations") as caught:
        load_spec("demo", _write(tmp_path, _document({"/a": {"get": None}})))
    assert caught.value.key == "paths"


def test_a_dangling_ref_sets_its_operation_aside_and_the_rest_runs(tmp_path: Path) -> None:
    broken = _op({"200": {"$ref": "#/components/responses/Nope"}}, operationId="broken")
    shared = {"schema": {"$ref": "#/components/schemas/Missing"}}
    document = _document(
        {"/a": {"get": broken, "post": _op(operationId="fine")}, "/c": {"get": _op(operationId="alsoFine")}},
        components={"schemas": {"Unused": {"properties": {"x": shared["schema"]}}}},
    )
    spec = load_spec("demo", _write(tmp_path, document))
    assert [(op.operation_id, op.unusable is None) for op in spec.operations] == [
        ("broken", False),
        ("fine", True),
        ("alsoFine", True),
    ]
    assert "#/components/responses/Nope" in str(spec.find("broken").unusable)  # type: ignore[union-attr]
    assert [(d.code, d.pointer, d.operation_id) for d in spec.defects] == [
        ("unresolved_ref", "/paths/~1a/get/responses/200/$ref", "broken"),
        ("unresolved_ref", "/components/schemas/Unused/properties/x/$ref", None),
    ]


def test_an_invalid_schema_sets_its_operations_aside(tmp_path: Path) -> None:
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bad"}}}}
    document = _document(
        {"/a": {"post": _op(requestBody=body, operationId="bad"), "get": _op(operationId="good")}},
        components={"schemas": {"Bad": {"type": "foo"}}},
    )
    spec = load_spec("demo", _write(tmp_path, document))
    assert spec.find("good").unusable is None  # type: ignore[union-attr]
    assert "not a valid JSON Schema" in str(spec.find("bad").unusable)  # type: ignore[union-attr]
    assert [(d.code, d.pointer) for d in spec.defects] == [("spec_invalid", "/components/schemas/Bad")]


def test_an_invalid_default_is_a_defect_but_not_a_reason_to_skip(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer", "default": None}}}
    parameters = [{"name": "q", "in": "query", "schema": {"type": "string", "default": 3}}]
    body = {"content": {"application/json": {"schema": schema}}}
    spec = load_spec(
        "demo", _write(tmp_path, _document({"/a": {"post": _op(requestBody=body, parameters=parameters)}}))
    )
    assert spec.operations[0].unusable is None
    assert [(d.code, d.pointer, d.operation_id) for d in spec.defects] == [
        ("spec_invalid", "/paths/~1a/post/parameters/0/schema/default", "POST /a"),
        (
            "spec_invalid",
            "/paths/~1a/post/requestBody/content/application~1json/schema/properties/n/default",
            "POST /a",
        ),
    ]
