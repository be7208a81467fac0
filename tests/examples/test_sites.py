"""conformance.examples.sites: every kind of example a spec holds is found, where it is written."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from conformance.examples import collect_sites, given_source
from conformance.findings import DocumentEvidence
from tests.examples.support import RUN, examine, run_spec, seen, write_spec

GET = "GET /runs/{run_id}"
RUN_ID = "987fcdeb-51a2-43d1-b456-426614174000"


def _evidence(result: Any, code: str) -> DocumentEvidence:
    (finding,) = [f for f in result.findings if f.code == code]
    assert isinstance(finding.evidence, DocumentEvidence)
    return finding.evidence


def test_named_examples_behind_a_ref_are_checked_where_their_value_is(tmp_path: Path) -> None:
    components = {
        "examples": {
            "Good": {"summary": "a run", "value": {"id": RUN_ID, "status": "passed"}},
            "Bad": {"value": {"id": RUN_ID, "status": "finished"}},
        }
    }
    media = {"examples": {"good": {"$ref": "#/components/examples/Good"}, "bad": {"$ref": "#/components/examples/Bad"}}}
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}, **media}}
    operation = {"operationId": "getRun", "responses": {"200": {"description": "a run", "content": content}}}
    result = examine(write_spec(tmp_path, {"/runs/{run_id}": {"get": operation}}, components))
    assert seen(result) == {("enum_value", "error", GET, "/status")}
    assert _evidence(result, "enum_value").pointer == "/components/examples/Bad/value"
    assert [op.statuses for op in result.operations] == [{"200": 2}]


def test_an_inline_named_example_and_an_external_value(tmp_path: Path) -> None:
    examples = {"inline": {"value": {"status": "passed"}}, "remote": {"externalValue": "https://example.com/run.json"}}
    result = examine(run_spec(tmp_path, {"examples": examples}))
    assert seen(result) == {("required_field", "error", GET, "/id")}
    assert _evidence(result, "required_field").pointer.endswith("/application~1json/examples/inline/value")
    assert [op.statuses for op in result.operations] == [{"200": 1, "not fetched": 1}]


def test_parameter_examples_are_checked_against_the_parameter_schema(tmp_path: Path) -> None:
    parameters = [
        {"name": "run_id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 50}, "example": "20"},
        {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}, "examples": {}},
    ]
    parameters[0]["example"] = "run-1"
    parameters[2]["examples"] = {"up": {"value": "asc"}, "sideways": {"value": "sideways"}}
    operation = {"operationId": "getRun", "parameters": parameters, "responses": {"204": {"description": "none"}}}
    result = examine(write_spec(tmp_path, {"/runs/{run_id}": {"get": operation}}))
    # "20", as text on the wire, is read as the integer the schema declares (and fits it)
    assert seen(result) == {
        ("format_uuid", "error", GET, "/path/run_id"),
        ("enum_value", "error", GET, "/query/order"),
    }
    assert _evidence(result, "format_uuid").pointer == "/paths/~1runs~1{run_id}/get/parameters/0/example"
    assert [op.statuses for op in result.operations] == [{"parameters": 4}]


def test_array_parameter_examples_as_values_are_checked_and_as_text_noted(tmp_path: Path) -> None:
    tags = {"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string", "maxLength": 3}}}
    tags["examples"] = {"list": {"value": ["ok", "toolong"]}, "text": {"value": "ok,toolong"}, "odd": "not an object"}
    operation = {"operationId": "listRuns", "parameters": [tags], "responses": {"204": {"description": "none"}}}
    result = examine(write_spec(tmp_path, {"/runs": {"get": operation}}))
    assert seen(result) == {("schema", "error", "GET /runs", "/query/tags/1")}
    assert [op.statuses for op in result.operations] == [{"parameters": 1, "serialised": 1}]


def test_path_level_parameter_examples_count_for_each_operation(tmp_path: Path) -> None:
    shared = [{"name": "run_id", "in": "path", "required": True, "schema": {"format": "uuid", "type": "string"}}]
    shared[0]["example"] = "run-1"
    item = {"parameters": shared}
    for method in ("get", "delete"):
        item[method] = {"operationId": f"{method}Run", "responses": {"204": {"description": "none"}}}
    result = examine(write_spec(tmp_path, {"/runs/{run_id}": item}))
    assert seen(result) == {
        ("format_uuid", "error", "GET /runs/{run_id}", "/path/run_id"),
        ("format_uuid", "error", "DELETE /runs/{run_id}", "/path/run_id"),
    }


def test_schema_examples_at_any_depth_name_their_component_and_property(tmp_path: Path) -> None:
    run = copy.deepcopy(RUN)
    run["properties"]["created_at"]["example"] = "yesterday"
    run["properties"]["detail_status"]["items"]["properties"]["status"]["examples"] = ["passed", "skipped"]
    criterion = {"type": "object", "properties": {"score": {"type": "integer"}}, "example": {"score": "high"}}
    components = {"schemas": {"Run": run, "Criterion": criterion}}
    result = examine(
        write_spec(tmp_path, {"/runs": {"get": {"responses": {"204": {"description": "none"}}}}}, components)
    )
    assert seen(result) == {
        ("format_date_time", "error", "#/components/schemas/Run", "/created_at"),
        ("enum_value", "error", "#/components/schemas/Run", "/detail_status/0/status"),
        ("schema", "error", "#/components/schemas/Criterion", "/score"),
    }
    enum = next(f for f in result.findings if f.code == "enum_value")
    assert isinstance(enum.evidence, DocumentEvidence)
    assert (
        enum.evidence.pointer == "/components/schemas/Run/properties/detail_status/items/properties/status/examples/1"
    )
    assert enum.location.template == "/detail_status/*/status"


def test_only_json_media_types_are_checked(tmp_path: Path) -> None:
    content = {"text/plain": {"schema": {"type": "integer"}, "example": "three"}}
    operation = {"responses": {"200": {"description": "a count", "content": content}}}
    spec = write_spec(tmp_path, {"/count": {"get": operation}})
    assert collect_sites(given_source(str(spec))) == []


def test_an_openapi_30_example_is_checked_once_where_it_is_written(tmp_path: Path) -> None:
    """3.0 ``example`` is also ``examples`` once loaded; ``nullable`` beside ``allOf`` wraps the schema."""
    named = {"type": "object", "properties": {"label": {"type": "string"}}}
    wrapped = {"nullable": True, "allOf": [named], "properties": {"score": {"type": "integer", "example": "high"}}}
    components = {"schemas": {"Named": named, "Scored": wrapped, "Note": {"type": "string", "nullable": True}}}
    components["schemas"]["Note"]["example"] = None
    spec = write_spec(
        tmp_path, {"/runs": {"get": {"responses": {"204": {"description": "none"}}}}}, components, "3.0.3"
    )
    result = examine(spec)
    assert seen(result) == {("schema", "error", "#/components/schemas/Scored", "/score")}
    assert _evidence(result, "schema").pointer == "/components/schemas/Scored/properties/score/example"
    assert sum(sum(op.statuses.values()) for op in result.operations) == 2


def test_examples_of_unusable_schemas_are_noted_not_checked(tmp_path: Path) -> None:
    """A dangling $ref or a pattern that does not compile checks nothing (the run reports the spec's defect)."""
    parameters = [
        {"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/Missing"}, "example": "x"},
        {"name": "p", "in": "query", "schema": {"type": "string", "pattern": "(["}, "example": "x"},
    ]
    gone = {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/Gone"}}, "required": ["c"]}
    content = {"application/json": {"schema": gone, "example": {"b": 1}}}
    operation = {"parameters": parameters, "responses": {"200": {"description": "ok", "content": content}}}
    result = examine(write_spec(tmp_path, {"/a": {"get": operation}}))
    assert result.findings == ()
    assert [op.statuses for op in result.operations] == [{"unusable schema": 3}]
