"""Specs written to a temporary folder and their examples checked as ``conformance examples --spec`` does."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from conformance.examples import check_examples, given_source
from conformance.findings import Finding
from conformance.results import RunCollector, RunResult
from conformance.runner import drive

__all__ = ["RUN", "Seen", "examine", "run_spec", "seen", "write_spec"]

Seen = tuple[str, str, str, str]  # (code, severity, subject: "METHOD /path" or component, pointer)

# A small API of test runs: a run has a uuid id (read-only), a status from an enum, a creation
# time, and per-criterion results that each need a name and a status.
RUN: dict[str, Any] = {
    "type": "object",
    "required": ["id", "status"],
    "properties": {
        "id": {"type": "string", "format": "uuid", "readOnly": True},
        "status": {"type": "string", "enum": ["pending", "passed", "failed"]},
        "created_at": {"type": "string", "format": "date-time"},
        "attempts": {"type": "integer", "minimum": 0, "maximum": 100},
        "detail_status": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "status"],
                "properties": {"name": {"type": "string"}, "status": {"type": "string", "enum": ["passed", "failed"]}},
            },
        },
    },
}


def write_spec(
    folder: Path,
    paths: Mapping[str, Any],
    components: Mapping[str, Any] | None = None,
    version: str = "3.1.0",
) -> Path:
    """A spec with ``paths`` and ``components`` (``Run`` added to its schemas), as a YAML file."""
    schemas = {"Run": copy.deepcopy(RUN), **dict((components or {}).get("schemas", {}))}
    document = {
        "openapi": version,
        "info": {"title": "Runs", "version": "1"},
        "paths": dict(paths),
        "components": {**dict(components or {}), "schemas": schemas},
    }
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def examine(spec: Path) -> RunResult:
    """Every example of the spec, checked and gathered as the reports see them."""
    collector = RunCollector()
    asyncio.run(drive(check_examples([given_source(str(spec))]), [collector]))
    return collector.result()


def seen(result: RunResult) -> set[Seen]:
    return {_seen(finding) for finding in result.findings}


def _seen(finding: Finding) -> Seen:
    subject = finding.subject.label or finding.subject.operation_id
    return (finding.code, finding.severity.value, subject, finding.location.pointer)


def run_spec(folder: Path, media: Mapping[str, Any], status: str = "200") -> Path:
    """A spec whose ``GET /runs/{run_id}`` answers a ``Run`` with the media type object ``media`` (plus its schema)."""
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}, **dict(media)}}
    operation = {"operationId": "getRun", "responses": {status: {"description": "a run", "content": content}}}
    return write_spec(folder, {"/runs/{run_id}": {"get": operation}})
