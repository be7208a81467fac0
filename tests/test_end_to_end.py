"""End to end, as a user runs it: ``conformance run --spec URL`` against a real FastAPI service.

No contract file: the contract is derived from the spec the service publishes. Against the
faithful service there is no error; each planted drift is reported under its own code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main
from tests.apps.runs_service import DRIFTS, create_app
from tests.servers import serve


def _run(base_url: str, report_dir: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    argv = ["run", "--spec", f"{base_url}/openapi.json", "--base-url", base_url, "--allow", "unsafe"]
    code = main([*argv, "--max-examples", "5", "--report-dir", str(report_dir), "--quiet", *extra])
    return code, json.loads((report_dir / "report.json").read_text("utf-8"))


def test_the_faithful_service_gives_no_error_and_every_operation_runs(tmp_path: Path) -> None:
    with serve(create_app()) as base_url:
        code, report = _run(base_url, tmp_path)
    errors = [(f["code"], f["method"], f["path"], f["message"]) for f in report["findings"] if f["severity"] == "error"]
    assert errors == []
    assert code == 0
    assert len(report["operations"]) == 4
    assert all(op["skipped"] is None and op["requests"]["valid"] > 0 for op in report["operations"])
    assert all(op["requests"]["invalid"] > 0 for op in report["operations"] if op["method"] != "DELETE")


def test_without_base_url_a_url_spec_runs_against_its_own_origin(tmp_path: Path) -> None:
    with serve(create_app()) as base_url:
        argv = ["run", "--spec", f"{base_url}/openapi.json", "--max-examples", "1", "--quiet"]
        assert main([*argv, "--report-dir", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["run"]["target"] == base_url
    assert sum(op["requests"]["valid"] for op in report["operations"]) > 0  # the safe GETs ran


@pytest.mark.parametrize("drift", DRIFTS)
def test_planted_drift_is_reported_under_its_code(tmp_path: Path, drift: str) -> None:
    with serve(create_app(drift)) as base_url:
        code, report = _run(base_url, tmp_path)
    found = {f["code"] for f in report["findings"]}
    assert drift in found, sorted(found)
    assert code == 1 or drift in ("undocumented_field", "valid_request_rejected")
