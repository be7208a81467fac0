"""upgrade-check: the diff, and which version of the spec the target follows, operation by operation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conformance.cli import main
from conformance.contracts import Api
from conformance.drift import load_versions
from conformance.mock import create_app
from conformance.runner import MOCK_SECRET
from conformance.upgrade import upgraded_api
from tests.conftest import ROOT
from tests.servers import serve

NEXT = ROOT / "examples" / "drift" / "ai_assistants_tests.next.yml"
CURRENT = ROOT / "specs" / "telnyx" / "ai_assistants_tests.yml"
SCHEMA = json.loads((ROOT / "conformance/reporting/report.schema.json").read_text("utf-8"))


def _check(tmp_path: Path, new_spec: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    argv = ["upgrade-check", "telnyx", "--new-spec", str(new_spec), "--max-examples", "3", "-q"]
    code = main([*argv, "--report-dir", str(tmp_path), *extra])
    report: dict[str, Any] = json.loads((tmp_path / "report.json").read_text("utf-8"))
    Draft202012Validator(SCHEMA, format_checker=FormatChecker()).validate(report)
    return code, report


def _verdicts(report: dict[str, Any]) -> dict[str, str]:
    return {f"{f['method']} {f['path']}": f["code"] for f in report["findings"] if f["category"] == "upgrade"}


def test_the_current_spec_against_itself_changes_nothing_and_passes(tmp_path: Path) -> None:
    code, report = _check(tmp_path, CURRENT)
    assert code == 0
    assert report["findings"] == [] or all(f["severity"] != "error" for f in report["findings"])
    assert _verdicts(report) == {}
    assert report["run"]["command"] == "upgrade-check"


def test_the_mock_of_the_current_spec_still_follows_it_and_the_upgrade_breaks(tmp_path: Path) -> None:
    code, report = _check(tmp_path, NEXT)
    assert code == 1
    verdicts = _verdicts(report)
    assert verdicts and set(verdicts.values()) == {"behaves_like_old_spec"}
    assert "GET /ai/assistants/tests/{test_id}/runs/{run_id}" in verdicts  # its status enum grew
    assert any(f["category"] == "spec change" and f["change"] == "breaking" for f in report["findings"])


def test_a_server_already_following_the_new_spec_is_told_apart(
    tmp_path: Path, catalog: dict[str, Api], monkeypatch: pytest.MonkeyPatch
) -> None:
    current = catalog["telnyx"]
    _, new = load_versions("telnyx", str(NEXT))
    monkeypatch.setenv(current.contract.auth.env, MOCK_SECRET)
    with serve(create_app(upgraded_api(current, new))) as base_url:
        code, report = _check(tmp_path, NEXT, "--base-url", base_url, "--allow", "unsafe")
    verdicts = _verdicts(report)
    assert verdicts and set(verdicts.values()) == {"behaves_like_new_spec"}
    assert not [f for f in report["findings"] if f["category"] in ("response", "request") and f["severity"] == "error"]
    assert code == 1  # the spec change itself still breaks clients built from the current spec


def test_a_new_spec_that_cannot_be_read_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["upgrade-check", "telnyx", "--new-spec", str(tmp_path / "missing.yml")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "missing.yml" in error
