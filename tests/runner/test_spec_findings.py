"""A spec's own defects are findings of the run, located in the spec; the rest of the spec runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main

ITEM = {"type": "object", "properties": {"id": {"type": "string"}}}
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Broken", "version": "1"},
    "paths": {
        "/items": {
            "get": {
                "operationId": "listItems",
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": ITEM}}}},
            }
        },
        "/things": {
            "get": {
                "operationId": "listItems",
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": ITEM}}}},
            }
        },
        "/broken": {
            "get": {
                "operationId": "broken",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Gone"}}},
                    }
                },
            }
        },
    },
}


def test_defects_are_findings_and_the_rest_of_the_spec_runs(tmp_path: Path) -> None:
    spec = tmp_path / "broken.json"
    spec.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    reports = tmp_path / "reports"
    code = main(["run", "--spec", str(spec), "--max-examples", "1", "--report-dir", str(reports), "--quiet"])
    report = json.loads((reports / "report.json").read_text("utf-8"))
    assert code == 1  # a $ref that points nowhere is an error of the spec
    by_code = {f["code"]: f for f in report["findings"]}
    assert set(by_code) == {"duplicate_operation_id", "unresolved_ref"}
    duplicate = by_code["duplicate_operation_id"]
    assert duplicate["severity"] == "warning" and duplicate["location"]["pointer"].startswith("/paths/~1things/get")
    assert duplicate["evidence"] == {
        "kind": "document",
        "file": str(spec),
        "pointer": duplicate["location"]["pointer"],
        "excerpt": None,
    }
    assert by_code["unresolved_ref"]["severity"] == "error" and by_code["unresolved_ref"]["path"] == "/broken"
    operations = {op["path"]: op for op in report["operations"]}
    assert operations["/broken"]["skipped"]["code"] == "unusable"
    assert operations["/items"]["requests"]["valid"] > 0 and operations["/things"]["requests"]["valid"] > 0
    assert operations["/things"]["operation_id"] == "GET /things"  # the later duplicate goes by its label
    ndjson = [json.loads(line)["code"] for line in (reports / "findings.ndjson").read_text("utf-8").splitlines()]
    assert sorted(ndjson) == ["duplicate_operation_id", "unresolved_ref"]


def test_a_cycle_of_refs_with_no_structure_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No value can be checked against A (conformance.specs.cycles): the spec is refused, not run in part.
    document = json.loads(json.dumps(DOCUMENT))
    document["components"] = {
        "schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}
    }
    document["paths"]["/broken"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/A"
    }
    spec = tmp_path / "cycle.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    reports = tmp_path / "reports"
    assert main(["run", "--spec", str(spec), "--max-examples", "1", "--report-dir", str(reports), "--quiet"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"conformance: error: {spec}: /components/schemas/A: $ref cycle with no structure (")
    assert not reports.exists()  # refused before anything ran
