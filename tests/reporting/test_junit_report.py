"""junit.xml: a test case per operation and check that applies; errors fail, transport and unfinished runs
are errors, warnings are printed, skips skip; valid against Jenkins' junit-10.xsd."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import xmlschema

from conformance.checks import CHECK_CODES
from conformance.contracts import Api
from conformance.findings import DocumentEvidence, Finding, Location, Severity, Subject
from conformance.reporting import render_junit, report_document
from conformance.results import Baseline, RunResult, StopReason, compare
from tests.conftest import run_sync
from tests.reporting.synthetic import (
    CHECKED,
    SKIP_REASON,
    SKIPPED,
    compared,
    error_and_warning,
    examples_result,
    finding,
    revring_run,
    synthetic_result,
)

XSD = Path(__file__).with_name("junit-10.xsd")
XSD_SHA256 = "a1a816f58d1bf95ebabf371994df0b9246dee66ea9572fbec4f9296f1b2c0ff6"  # VENDORED.md


@cache
def _schema() -> xmlschema.XMLSchema:
    assert hashlib.sha256(XSD.read_bytes()).hexdigest() == XSD_SHA256
    return xmlschema.XMLSchema(XSD)


def _valid(text: str) -> ET.Element:
    _schema().validate(text)
    return ET.fromstring(text)


def _parse(result: RunResult) -> ET.Element:
    text = render_junit(report_document(result))
    assert text.startswith("<?xml")
    return _valid(text)


def _cases(root: ET.Element, ref_operation_id: str) -> dict[str, ET.Element]:
    cases = [c for c in root.iter("testcase") if c.get("classname") == f"telnyx.{ref_operation_id}"]
    return {c.get("name", "").rsplit("[", 1)[1].rstrip("]"): c for c in cases}


def test_one_test_case_per_operation_and_check_that_applied() -> None:
    root = _parse(error_and_warning())
    assert root.tag == "testsuites" and root.get("name") == "conformance"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "telnyx"
    cases = suite.findall("testcase")
    assert len(cases) == len(CHECK_CODES) + 1  # the checked operation's checks, and the skipped one
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


def test_a_skipped_operation_is_one_skipped_case() -> None:
    root = _parse(error_and_warning())
    [case] = [c for c in root.iter("testcase") if c.get("classname") == f"telnyx.{SKIPPED.operation_id}"]
    assert case.get("name") == f"POST {SKIPPED.path}"
    [child] = list(case)
    assert child.tag == "skipped" and child.get("message") == SKIP_REASON.message


def test_counts_on_suites() -> None:
    root = _parse(error_and_warning())
    expected = {"tests": str(len(CHECK_CODES) + 1), "failures": "1", "errors": "0"}
    for element in (root, root.find("testsuite")):
        assert element is not None
        assert {key: element.get(key) for key in expected} == expected
    suite = root.find("testsuite")
    assert suite is not None and suite.get("skipped") == "1"


def test_times_and_timestamp() -> None:
    root = _parse(error_and_warning())
    assert root.get("time") == "2.500"
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("timestamp"), suite.get("time")) == ("2025-01-02T03:04:05Z", "1.200")
    checked = _cases(root, CHECKED.operation_id).values()
    assert sum(float(case.get("time", "")) for case in checked) == pytest.approx(1.2, abs=0.01)


def test_only_the_checks_that_applied_get_a_case() -> None:
    result = error_and_warning()
    applied = ("required_field", "status_code")
    operations = tuple(replace(op, checks=applied) if op.skipped is None else op for op in result.operations)
    cases = _cases(_parse(replace(result, operations=operations)), CHECKED.operation_id)
    assert set(cases) == {"required_field", "status_code", "undocumented_field"}  # and the one with a finding
    assert cases["undocumented_field"].find("system-out") is not None


def test_a_report_without_checks_gets_every_check() -> None:
    document = report_document(error_and_warning())
    for operation in document["operations"]:
        del operation["checks"]
    del document["header"]["operation_durations_s"]
    root = _valid(render_junit(document))
    assert set(_cases(root, CHECKED.operation_id)) == set(CHECK_CODES)


def test_a_transport_failure_is_an_error_not_a_failure() -> None:
    result = synthetic_result(finding("transport", Severity.ERROR, "no response: ConnectError", response=None))
    root = _parse(result)
    case = _cases(root, CHECKED.operation_id)["transport"]
    error = case.find("error")
    assert error is not None and error.get("type") == "transport" and case.find("failure") is None
    assert (root.get("errors"), root.get("failures")) == ("1", "0")


@pytest.mark.parametrize(
    ("result", "state"),
    [
        (synthetic_result(interrupted=True), "interrupted"),
        (synthetic_result(complete=False), "in progress"),
        (replace(synthetic_result(), stop=StopReason.FAILED, stop_message="KeyError: x"), "failed"),
        (replace(synthetic_result(), stop=StopReason.NOTHING_TESTED), "nothing tested"),
    ],
)
def test_a_run_that_did_not_finish_is_an_error(result: RunResult, state: str) -> None:
    root = _parse(result)
    [case] = [c for c in root.iter("testcase") if c.get("classname") == "conformance.run"]
    assert case.get("name") == f"run [{state}]"
    error = case.find("error")
    assert error is not None and error.get("type") == state
    assert root.get("errors") == "1"


def test_a_finished_run_has_no_run_case() -> None:
    root = _parse(error_and_warning())
    assert [c for c in root.iter("testcase") if c.get("classname") == "conformance.run"] == []


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


def test_real_run_has_a_case_per_operation_and_check_that_applied(catalog: dict[str, Api]) -> None:
    result = revring_run(catalog)
    root = _valid(render_junit(report_document(result)))
    assert [s.get("name") for s in root.findall("testsuite")] == ["revring"]
    assert len(list(root.iter("testcase"))) == sum(len(op.checks) for op in result.operations)
    names = {c.get("name", "").rsplit(" [", 1)[1] for c in root.iter("testcase")}
    assert not names & {"error_shape]", "error_location]"}  # RevRing has no FastAPI error convention
    error_pairs = {(f.subject.operation_id, f.code) for f in result.findings if f.severity.value == "error"}
    assert root.get("failures") == str(len(error_pairs))


def test_a_fastapi_api_gets_its_convention_cases(catalog: dict[str, Api]) -> None:
    document = report_document(run_sync(catalog, ["telnyx"], max_examples=1))
    root = _valid(render_junit(document))
    names = [c.get("name", "") for c in root.iter("testcase")]
    assert any(name.endswith("[error_shape]") for name in names)
    assert len(names) < len(document["operations"]) * len(CHECK_CODES)  # not every check applies everywhere


def test_one_suite_per_api_in_order_of_appearance(catalog: dict[str, Api]) -> None:
    mixed = error_and_warning()
    revring = revring_run(catalog).operations
    mixed = replace(mixed, operations=revring + mixed.operations)
    root = _parse(mixed)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["revring", "telnyx"]
    revring_cases = sum(len(op.checks) for op in revring)
    assert [s.get("tests") for s in suites] == [str(revring_cases), str(len(CHECK_CODES) + 1)]
    assert root.get("tests") == str(revring_cases + len(CHECK_CODES) + 1)


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


def test_an_examples_check_has_a_case_per_code_found_or_one_passing_case(
    catalog: dict[str, Api], specs_root: Path
) -> None:
    root = _parse(examples_result(catalog, specs_root))
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    run_case = cases[("telnyx.get_test_run_public_assistants_tests__test_id__runs__run_id__get", _GET_RUN)]
    assert len(run_case.findall("failure")) == 2
    assert ("telnyx.#/components/schemas/TestRunResponse", "#/components/schemas/TestRunResponse [examples]") in cases
    assert ("revring.startTestSuiteRun", "POST /v1/test-suites/{id}/runs [examples]") in cases
    assert not any("[status_code]" in (name or "") for _, name in cases)
    assert root.get("tests") == "10" and root.get("failures") == "1"


_GET_RUN = "GET /ai/assistants/tests/{test_id}/runs/{run_id} [required_field]"


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
