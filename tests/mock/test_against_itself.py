"""Our checks against our own mock, on real-world specs: a finding there is a bug of the tool.

``conformance run --spec FILE`` (no base URL) runs against the embedded mock serving that spec,
valid requests and malformed ones alike. The mock follows the spec, so no error may be found.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main
from tests.conftest import REALWORLD

_SPECS = {"phoenix": REALWORLD / "arize-phoenix" / "openapi.json", "langfuse": REALWORLD / "langfuse" / "openapi.yml"}


def _run(spec: Path, report_dir: Path) -> dict[str, Any]:
    argv = ["run", "--spec", str(spec), "--max-examples", "1", "--phases", "fuzzing,malformed"]
    main([*argv, "--report-dir", str(report_dir), "--quiet"])
    report: dict[str, Any] = json.loads((report_dir / "report.json").read_text("utf-8"))
    return report


@pytest.mark.parametrize("name", sorted(_SPECS))
def test_our_checks_find_no_error_in_our_mock(tmp_path: Path, name: str) -> None:
    report = _run(_SPECS[name], tmp_path)
    errors = [(f["code"], f["method"], f["path"], f["message"]) for f in report["findings"] if f["severity"] == "error"]
    assert errors == []
    assert sum(op["requests"]["valid"] for op in report["operations"]) > 0
    assert sum(op["requests"]["invalid"] for op in report["operations"]) > 0
