"""Our checks against our own mock, on real-world specs: a finding there is a bug of the tool.

``conformance run --spec FILE`` (no base URL) runs against the embedded mock serving that spec,
valid requests and malformed ones alike. The mock follows the spec, so no error may be found,
except where a check itself holds the API to more than the operation documents; each such
exception is named below by rule, with its reason, never skipped wholesale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main
from conformance.contracts import ErrorConvention
from conformance.specs import ApiSpec
from conformance.specs.loader import load_spec
from conformance.specs.resolver import Resolver
from tests.conftest import REALWORLD

_SPECS = {"phoenix": REALWORLD / "arize-phoenix" / "openapi.json", "langfuse": REALWORLD / "langfuse" / "openapi.yml"}


def _run(spec: Path, report_dir: Path) -> dict[str, Any]:
    argv = ["run", "--spec", str(spec), "--max-examples", "1", "--phases", "fuzzing,malformed"]
    main([*argv, "--report-dir", str(report_dir), "--quiet"])
    report: dict[str, Any] = json.loads((report_dir / "report.json").read_text("utf-8"))
    return report


def _documents_its_422_otherwise(spec: ApiSpec, finding: dict[str, Any]) -> bool:
    """``error_shape`` holds every 422 of a FastAPI API to ``{detail: [...]}``, even where the
    operation documents its 422 as ``text/plain`` or with another schema (Phoenix's
    ``POST /v1/chat/completions`` requires ``error``). The mock answers what the operation
    documents, so the check is at fault (conformance/checks/errors.py), not the mock."""
    operation = spec.find(f"{finding['method']} {finding['path']}")
    documented = operation.response_for(422) if operation is not None else None
    if finding["code"] != "error_shape" or documented is None:
        return False
    pointer = documented.schema_pointers.get("application/json")
    if pointer is None:
        return True
    return not ErrorConvention.FASTAPI.documented_by(spec.document, Resolver(spec.document).lookup(pointer))


@pytest.mark.parametrize("name", sorted(_SPECS))
def test_our_checks_find_no_error_in_our_mock(tmp_path: Path, name: str) -> None:
    report = _run(_SPECS[name], tmp_path)
    spec = load_spec(name, _SPECS[name])
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    unexplained = [
        (f["code"], f["method"], f["path"], f["message"]) for f in errors if not _documents_its_422_otherwise(spec, f)
    ]
    assert unexplained == []
    assert sum(op["requests"]["valid"] for op in report["operations"]) > 0
    assert sum(op["requests"]["invalid"] for op in report["operations"]) > 0
