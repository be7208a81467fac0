"""conformance.examples.check: an example goes through the response body checks, with their codes and pointers."""

from __future__ import annotations

from pathlib import Path

from conformance.examples.check import EXCERPT_CHARS
from conformance.findings import DocumentEvidence
from tests.examples.support import examine, run_spec, seen, write_spec

RUN_ID = "987fcdeb-51a2-43d1-b456-426614174000"
GET = "GET /runs/{run_id}"


def test_a_valid_example_gives_nothing(tmp_path: Path) -> None:
    example = {"id": RUN_ID, "status": "passed", "created_at": "2024-01-24T10:30:00Z", "attempts": 0}
    result = examine(run_spec(tmp_path, {"example": example}))
    assert result.findings == ()
    assert [op.statuses for op in result.operations] == [{"200": 1}]


def test_bad_enum_bad_uuid_and_missing_fields_give_their_codes_at_their_pointers(tmp_path: Path) -> None:
    example = {
        "id": "run-1",
        "status": "finished",
        "detail_status": [{"name": "tone"}, {"name": "speed", "status": "x"}],
    }
    result = examine(run_spec(tmp_path, {"example": example}))
    assert seen(result) == {
        ("format_uuid", "error", GET, "/id"),
        ("enum_value", "error", GET, "/status"),
        ("required_field", "error", GET, "/detail_status/0/status"),
        ("enum_value", "error", GET, "/detail_status/1/status"),
    }
    missing = next(f for f in result.findings if f.code == "required_field")
    assert missing.location.keyword == "required" and missing.location.response == "200"
    assert missing.evidence == DocumentEvidence(
        str(tmp_path / "spec.yaml"),
        "/paths/~1runs~1{run_id}/get/responses/200/content/application~1json/example",
        '{"name": "tone"}',
    )


def test_a_missing_required_field_is_named_by_its_pointer(tmp_path: Path) -> None:
    result = examine(run_spec(tmp_path, {"example": {"id": RUN_ID}}))
    assert seen(result) == {("required_field", "error", GET, "/status")}


def test_an_undeclared_property_is_drift_as_in_a_response(tmp_path: Path) -> None:
    result = examine(run_spec(tmp_path, {"example": {"id": RUN_ID, "status": "passed", "colour": "red"}}))
    assert seen(result) == {("undocumented_field", "warning", GET, "/colour")}


def test_placeholders_that_break_the_schema_are_warnings_not_defects(tmp_path: Path) -> None:
    example = {"id": "<string>", "status": "string", "created_at": "<string>", "attempts": 123}
    result = examine(run_spec(tmp_path, {"example": example}))
    assert seen(result) == {
        ("example_placeholder", "warning", GET, "/id"),
        ("example_placeholder", "warning", GET, "/status"),
        ("example_placeholder", "warning", GET, "/created_at"),
        ("example_placeholder", "warning", GET, "/attempts"),
    }
    status = next(f for f in result.findings if f.location.pointer == "/status")
    assert status.location.keyword == "enum"
    assert status.message.startswith('"string" is a placeholder, not a real value (')


def test_placeholder_values_that_fit_the_schema_are_not_reported(tmp_path: Path) -> None:
    example = {"id": "3c90c3cc-0d44-4b50-8888-8dd25736052a", "status": "passed", "attempts": 0}
    example["created_at"] = "2023-11-07T05:31:56Z"
    assert examine(run_spec(tmp_path, {"example": example})).findings == ()


def test_a_real_value_that_breaks_the_schema_stays_a_defect(tmp_path: Path) -> None:
    result = examine(run_spec(tmp_path, {"example": {"id": RUN_ID, "status": "passed", "attempts": 101}}))
    assert seen(result) == {("schema", "error", GET, "/attempts")}


def test_read_only_fields_may_be_left_out_of_a_request_example_only(tmp_path: Path) -> None:
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}, "example": {}}}}
    answer = {"description": "a run", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}}
    answer["content"]["application/json"]["example"] = {"status": "pending"}
    operation = {"operationId": "createRun", "requestBody": body, "responses": {"201": answer}}
    result = examine(write_spec(tmp_path, {"/runs": {"post": operation}}))
    assert seen(result) == {
        ("required_field", "error", "POST /runs", "/status"),  # the request's: status is not read-only
        ("required_field", "error", "POST /runs", "/id"),  # the response's: id is read-only, so it is sent back
    }
    assert {f.location.response for f in result.findings} == {"", "201"}


def test_the_excerpt_is_bounded(tmp_path: Path) -> None:
    example = {"id": RUN_ID, "status": "lost", "notes": ["x" * 50] * 40}
    (finding,) = [f for f in examine(run_spec(tmp_path, {"example": example})).findings if f.code == "enum_value"]
    assert isinstance(finding.evidence, DocumentEvidence) and finding.evidence.excerpt is not None
    assert len(finding.evidence.excerpt) == EXCERPT_CHARS and finding.evidence.excerpt.endswith("…")


def test_a_read_only_field_declared_in_an_all_of_part_may_be_left_out_of_a_request(tmp_path: Path) -> None:
    base = {"type": "object", "properties": {"id": {"type": "string", "readOnly": True}}}
    named = {"allOf": [{"$ref": "#/components/schemas/Base"}], "required": ["id", "name"]}
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Named"}, "example": {}}}}
    operation = {"requestBody": body, "responses": {"204": {"description": "none"}}}
    components = {"schemas": {"Base": base, "Named": named}}
    result = examine(write_spec(tmp_path, {"/things": {"post": operation}}, components))
    assert seen(result) == {("required_field", "error", "POST /things", "/name")}
