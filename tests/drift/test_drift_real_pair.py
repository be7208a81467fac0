"""The real pair: the vendored Telnyx spec and a next version edited as an API team would (examples/drift)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conformance.cli import main

ROOT = Path(__file__).parents[2]
NEXT = ROOT / "examples/drift/ai_assistants_tests.next.yml"
SCHEMA = json.loads((ROOT / "conformance/reporting/report.schema.json").read_text())

_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
_RUNS = "get_test_runs_for_test_public_assistants_tests__test_id__runs_get"
_TRIGGER = "trigger_test_run_public_assistants_tests__test_id__runs_post"
_SUITE_RUNS = "get_test_suite_runs_for_test_public_assistants_tests_test_suites__suite_name__runs_get"
_TRIGGER_SUITE = "trigger_test_suite_runs_public_assistants_tests_test_suites__suite_name__runs_post"
_LIST = "get_assistant_tests_public_assistants_tests_get"
_RUN_ITEMS = {_RUN: "", _TRIGGER: "", _RUNS: "/data/*", _SUITE_RUNS: "/data/*", _TRIGGER_SUITE: "/*"}

EXPECTED = {
    *((o, "response_required_property_removed", f"{p}/triggered_by", "breaking") for o, p in _RUN_ITEMS.items()),
    *((o, "response_property_added", f"{p}/trigger", "non-breaking") for o, p in _RUN_ITEMS.items()),
    *((o, "response_enum_value_added", f"{p}/status", "breaking") for o, p in _RUN_ITEMS.items()),
    *((o, "response_enum_value_added", f"{p}/detail_status/*/status", "breaking") for o, p in _RUN_ITEMS.items()),
    (_LIST, "new_required_request_parameter", "/query/assistant_id", "breaking"),
    (_LIST, "request_bound_tightened", "/query/page/size", "breaking"),
    (_LIST, "description_changed", "/query/page/size", "informational"),
    (
        "create_assistant_test_public_assistants_tests_post",
        "new_optional_request_property",
        "/body/labels",
        "non-breaking",
    ),
    (_RUN, "description_changed", "", "informational"),
    ("cancel_test_run_public_assistants_tests__test_id__runs__run_id__delete", "operation_added", "", "non-breaking"),
    (
        "fetch_test_suites_public_assistants_tests_test_suites_get",
        "response_error_status_removed",
        "",
        "potentially breaking",
    ),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    directory = tmp_path_factory.mktemp("diff")
    code = main(["diff", "telnyx", str(NEXT), "--project", str(ROOT), "--report-dir", str(directory), "--quiet"])
    return code, directory


def test_the_edited_spec_gives_exactly_its_changes_each_with_its_class(report: tuple[int, Path]) -> None:
    code, directory = report
    document = json.loads((directory / "report.json").read_text())
    Draft202012Validator(SCHEMA, format_checker=FormatChecker()).validate(document)
    found = {(f["operation_id"], f["code"], f["location"]["pointer"], f["change"]) for f in document["findings"]}
    assert found == EXPECTED
    assert code == 1 and document["run"]["command"] == "diff"
    assert document["run"]["target"] == f"specs/telnyx/ai_assistants_tests.yml → {NEXT}"


def test_each_change_points_into_both_versions(report: tuple[int, Path]) -> None:
    document = json.loads((report[1] / "report.json").read_text())
    [status] = [f for f in document["findings"] if f["operation_id"] == _RUN and f["location"]["pointer"] == "/status"]
    assert status["evidence"]["old"] == {
        "file": "specs/telnyx/ai_assistants_tests.yml",
        "pointer": "/components/schemas/TestStatus/enum",
    }
    assert status["evidence"]["new"] == {"file": str(NEXT), "pointer": "/components/schemas/TestStatus/enum"}
    assert status["message"] == 'response 200 `/status`: value "cancelled" added' and status["severity"] == "error"


def test_the_markdown_and_junit_reports_read_as_a_diff(report: tuple[int, Path]) -> None:
    markdown = (report[1] / "report.md").read_text()
    assert markdown.startswith("# Spec changes: breaking\n")
    assert "**17 breaking, 1 potentially breaking, 7 non-breaking, 2 informational.**" in markdown
    assert "## Breaking changes" in markdown and "requests" not in markdown
    suites = ET.fromstring((report[1] / "junit.xml").read_text())
    assert len(list(suites.iter("failure"))) == 17  # one test case per operation and rule, failing for each break
    assert all("[status_code]" not in case.get("name", "") for case in suites.iter("testcase"))


def test_the_console_shows_breaking_changes_first_and_counts_by_class(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "telnyx", str(NEXT), "--project", str(ROOT)]) == 1
    lines = capsys.readouterr().out.splitlines()
    order = ["breaking", "potentially breaking", "non-breaking", "informational"]
    classes = [next(c for c in order if line.startswith(f"  {c} ")) for line in lines[:-1]]
    assert len(classes) == 27 and classes == sorted(classes, key=order.index)
    assert lines[0].startswith("  breaking             telnyx GET /ai/assistants/tests  ")
    assert lines[-1].startswith("27 changes in ") and lines[-1].endswith(
        "s: 17 breaking, 1 potentially breaking, 7 non-breaking, 2 informational"
    )


def test_the_reverse_diff_is_breaking_too(capsys: pytest.CaptureFixture[str]) -> None:
    """Going back removes an operation and the new field: breaking the other way round."""
    assert main(["diff", str(NEXT), "telnyx", "--project", str(ROOT), "--quiet"]) == 1
    assert "changes in" in capsys.readouterr().out
