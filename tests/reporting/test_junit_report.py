"""junit.xml: one test case per operation and check code; errors fail, warnings are printed, skips skip."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from conformance.checks import CHECK_CODES
from conformance.contracts import Api
from conformance.findings import DocumentEvidence, Finding, Location, Severity, Subject
from conformance.reporting import render_junit, report_document
from conformance.results import Baseline, RunResult, compare
from tests.reporting.synthetic import (
    CHECKED,
    SKIP_REASON,
    SKIPPED,
    compared,
    error_and_warning,
    finding,
    revring_run,
    synthetic_result,
)


def _parse(result: RunResult) -> ET.Element:
    text = render_junit(report_document(result))
    assert text.startswith("<?xml")
    return ET.fromstring(text)


def _cases(root: ET.Element, ref_operation_id: str) -> dict[str, ET.Element]:
    cases = [c for c in root.iter("testcase") if c.get("classname") == f"telnyx.{ref_operation_id}"]
    return {c.get("name", "").rsplit("[", 1)[1].rstrip("]"): c for c in cases}


def test_one_test_case_per_operation_and_check() -> None:
    root = _parse(error_and_warning())
    assert root.tag == "testsuites" and root.get("name") == "conformance"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "telnyx"
    cases = suite.findall("testcase")
    assert len(cases) == 2 * len(CHECK_CODES)
    names = {c.get("name") for c in cases}
    assert f"GET {CHECKED.path} [required_field]" in names
    assert len(names) == len(cases)


def test_only_error_groups_fail() -> None:
    root = _parse(error_and_warning())
    cases = _cases(root, CHECKED.operation_id)
    failing = {code for code, case in cases.items() if case.find("failure") is not None}
    assert failing == {"required_field"}
    failure = cases["required_field"].find("failure")
    assert failure is not None
    assert failure.get("type") == "required_field"
    assert failure.get("message") == "3x 'run_id' is a required property"
    assert failure.text is not None
    assert "pointer: /run_id" in failure.text
    assert "status: 200" in failure.text
    assert "reproduce: curl -X GET https://api.test/v2/ai/assistants/tests/1/runs/2" in failure.text


def test_warnings_go_in_system_out() -> None:
    cases = _cases(_parse(error_and_warning()), CHECKED.operation_id)
    out = cases["undocumented_field"].find("system-out")
    assert out is not None and out.text is not None
    assert out.text.startswith("warning: 1x property 'extra' is not in the schema")
    assert "pointer: /extra" in out.text
    assert cases["undocumented_field"].find("failure") is None
    assert cases["required_field"].find("system-out") is None


def test_checks_without_findings_pass() -> None:
    cases = _cases(_parse(error_and_warning()), CHECKED.operation_id)
    assert list(cases["schema"]) == []


def test_skipped_operation_skips_every_check() -> None:
    cases = _cases(_parse(error_and_warning()), SKIPPED.operation_id)
    assert set(cases) == set(CHECK_CODES)
    for case in cases.values():
        [child] = list(case)
        assert child.tag == "skipped" and child.get("message") == SKIP_REASON.message


def test_counts_on_suites() -> None:
    root = _parse(error_and_warning())
    expected = {"tests": str(2 * len(CHECK_CODES)), "failures": "1", "skipped": str(len(CHECK_CODES)), "errors": "0"}
    for element in (root, root.find("testsuite")):
        assert element is not None
        assert {key: element.get(key) for key in expected} == expected


def test_pointer_of_the_whole_body_is_shown_as_whole() -> None:
    result = synthetic_result(finding("required_field", Severity.ERROR, "missing"))
    failure = _cases(_parse(result), CHECKED.operation_id)["required_field"].find("failure")
    assert failure is not None and failure.text is not None
    assert "pointer: (whole)" in failure.text
    assert f"fingerprint: {result.findings[0].fingerprint}" in failure.text


def test_findings_about_no_operation_get_a_case_per_code() -> None:
    spec_defect = Finding(
        "duplicate_operation_id",
        Severity.WARNING,
        Subject("telnyx"),
        Location("/paths/~1a/get/operationId"),
        "operationId 'x' is used twice",
        DocumentEvidence("spec3.yml", "/paths/~1a/get/operationId"),
    )
    root = _parse(synthetic_result(spec_defect))
    [case] = [c for c in root.iter("testcase") if c.get("classname") == "telnyx.spec"]
    assert case.get("name") == "telnyx [duplicate_operation_id]"
    out = case.find("system-out")
    assert out is not None and out.text is not None and "in: spec3.yml at /paths/~1a/get/operationId" in out.text


def test_real_run_parses_with_a_case_per_operation_and_check(catalog: dict[str, Api]) -> None:
    result = revring_run(catalog)
    root = ET.fromstring(render_junit(report_document(result)))
    assert [s.get("name") for s in root.findall("testsuite")] == ["revring"]
    assert len(list(root.iter("testcase"))) == len(result.operations) * len(CHECK_CODES)
    error_pairs = {(f.subject.operation_id, f.code) for f in result.findings if f.severity.value == "error"}
    assert root.get("failures") == str(len(error_pairs))


def test_one_suite_per_api_in_order_of_appearance(catalog: dict[str, Api]) -> None:
    mixed = error_and_warning()
    mixed = replace(mixed, operations=revring_run(catalog).operations + mixed.operations)
    root = _parse(mixed)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["revring", "telnyx"]
    assert [s.get("tests") for s in suites] == [str(len(CHECK_CODES)), str(2 * len(CHECK_CODES))]
    assert root.get("tests") == str(3 * len(CHECK_CODES))


def test_spec_findings_of_an_operation_get_their_own_case() -> None:
    broken_ref = Finding(
        "unresolved_ref",
        Severity.ERROR,
        CHECKED,
        Location("/paths/~1runs/get/responses/200/content/application~1json/schema/$ref"),
        "$ref '#/components/schemas/Gone' points nowhere",
        DocumentEvidence("spec.yml", "/paths/~1runs/get/responses/200/content/application~1json/schema/$ref"),
    )
    root = _parse(synthetic_result(broken_ref))
    case = _cases(root, CHECKED.operation_id)["unresolved_ref"]
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "unresolved_ref"
    assert root.get("failures") == "1"


def test_against_a_baseline_a_known_error_is_printed_not_failed_and_new_ones_say_so() -> None:
    cases = _cases(_parse(compared()), CHECKED.operation_id)
    assert cases["required_field"].find("failure") is None
    out = cases["required_field"].find("system-out")
    assert out is not None and out.text is not None
    assert out.text.startswith("known error: 3x 'run_id' is a required property")
    warning = cases["undocumented_field"].find("system-out")
    assert warning is not None and warning.text is not None
    assert warning.text.startswith("warning: new: 1x property 'extra' is not in the schema")


def test_against_a_baseline_a_new_error_fails() -> None:
    result = error_and_warning()
    result = replace(result, comparison=compare(Baseline("nightly/report.json", ()), result))
    failure = _cases(_parse(result), CHECKED.operation_id)["required_field"].find("failure")
    assert failure is not None and failure.get("message") == "new: 3x 'run_id' is a required property"
