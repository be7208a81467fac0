"""junit.xml: a test suite per API, a test case per operation and check that applies to it, for CI.
With a baseline, only new errors fail: known ones are printed as such.

A check **applies** to an operation when it could have found something there, given what the
operation's spec documents and what was sent to it (``conformance.checks.applicable_checks``, kept
in report.json as ``operations[].checks``): no check applies where nothing was sent; the body checks
only where a response schema is documented; ``content_type`` where any response is;
``error_shape`` only on an API with the FastAPI error convention, where the operation does not
document its 422 otherwise; ``error_location`` that, and invalid requests sent;
``invalid_request_accepted`` where invalid requests were sent; ``valid_request_rejected`` where
valid ones were. A finding of a code outside that list (a spec defect of the operation) gets its
case too; findings about no operation get one case per code in their API's suite; a skipped
operation is one skipped case.

Error findings fail their case; a ``transport`` finding (no response at all) is an ``<error>``, as
is a run that did not finish (interrupted, failed, still in progress or killed) or tested nothing:
a ``run [...]`` case in a ``conformance`` suite, so every CI test reporter (Jenkins, GitLab,
GitHub's) shows the run red. Warnings and notes are printed. Times: each suite has the run's start
as ``timestamp`` and its operations' durations as ``time``; an operation's duration is split evenly
over its cases, since every check reads every exchange. The output validates against Jenkins'
``junit-10.xsd`` (``tests/reporting/junit-10.xsd``), which has no ``skipped`` or ``timestamp``
on ``testsuites``: those live on each ``testsuite``.

A command other than ``run`` (``examples``, ``diff``) checks no exchange: an operation gets a test
case per code it has findings of, or one passing case named after the command.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from conformance.checks import CHECK_CODES
from conformance.reporting.document import operation_key

__all__ = ["render_junit"]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ERRORS = frozenset({"transport"})  # the check could not run: an error of the test, not a failed assertion
_UNFINISHED = {
    None: "the run has not finished (still going, or killed): this report holds only what was done",
    "interrupted": "the run was interrupted: this report holds only what was done",
    "failed": "the run stopped on an error of the tool",
    "nothing tested": "nothing was tested",
}


def render_junit(document: dict[str, Any]) -> str:
    header = document["header"]
    suites = ET.Element("testsuites", name="conformance", time=_seconds(header["duration_s"]))
    findings = _by_operation(document["findings"])
    durations: dict[str, float] = header.get("operation_durations_s", {})
    by_api: dict[str, list[dict[str, Any]]] = {}
    for operation in document["operations"]:
        by_api.setdefault(operation["api"], []).append(operation)
    command = document["run"]["command"]
    for api in dict.fromkeys([*by_api, *(f["api"] for f in document["findings"])]):
        suite = _suite(suites, api, header)
        spent = 0.0
        for operation in by_api.get(api, []):
            duration = durations.get(operation_key(*_key(operation)[:3]), 0.0)
            _operation_cases(suite, operation, findings.get(_key(operation), []), duration, command)
            spent += duration
        ran = {_key(operation) for operation in by_api.get(api, [])}
        _outside_operations(suite, api, [f for f in document["findings"] if f["api"] == api and _key(f) not in ran])
        suite.set("time", _seconds(spent))
    _unfinished_run(suites, document)
    for suite in suites.iter("testsuite"):
        _count(suite)
        suite.set("skipped", str(sum(1 for c in suite.iter("testcase") if c.find("skipped") is not None)))
    _count(suites)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _suite(suites: ET.Element, name: str, header: dict[str, Any]) -> ET.Element:
    return ET.SubElement(suites, "testsuite", name=name, timestamp=header["started_at"])


def _codes(command: str, operation: dict[str, Any], findings: list[dict[str, Any]]) -> list[str]:
    found = sorted({f["code"] for f in findings})
    if command != "run":
        return found or [command]
    applied = operation.get("checks", CHECK_CODES)  # reports from before "checks": every check
    return [*applied, *(code for code in found if code not in applied)]


def _key(item: dict[str, Any]) -> tuple[str, str, str, str]:
    return item["api"], item["method"], item["path"], "" if item["method"] else item["operation_id"]


def _by_operation(findings: Iterable[dict[str, Any]]) -> dict[tuple[str, str, str, str], list[dict[str, Any]]]:
    grouped: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for finding in findings:
        grouped.setdefault(_key(finding), []).append(finding)
    return grouped


def _operation_cases(
    suite: ET.Element, operation: dict[str, Any], findings: list[dict[str, Any]], took: float, command: str
) -> None:
    classname = f"{operation['api']}.{operation['operation_id']}"
    label = f"{operation['method']} {operation['path'] or operation['operation_id']}".lstrip()
    if operation["skipped"] is not None:
        case = ET.SubElement(suite, "testcase", classname=classname, name=label, time=_seconds(0))
        ET.SubElement(case, "skipped", message=_xml_safe(operation["skipped"]["message"]))
        return
    codes = _codes(command, operation, findings)
    each = took / len(codes) if codes else 0.0
    for code in codes:
        case = ET.SubElement(suite, "testcase", classname=classname, name=f"{label} [{code}]", time=_seconds(each))
        if operation.get("stopped"):
            ET.SubElement(case, "system-err").text = _xml_safe(f"stopped early: {operation['stopped']['message']}")
        _outcome(case, [f for f in findings if f["code"] == code])


def _outside_operations(suite: ET.Element, api: str, findings: list[dict[str, Any]]) -> None:
    for code in sorted({f["code"] for f in findings}):
        case = ET.SubElement(suite, "testcase", classname=f"{api}.spec", name=f"{api} [{code}]", time=_seconds(0))
        _outcome(case, [f for f in findings if f["code"] == code])


def _unfinished_run(suites: ET.Element, document: dict[str, Any]) -> None:
    summary = document["summary"]
    if summary["stop"] not in _UNFINISHED:
        return
    state = summary["stop"] or "in progress"
    suite = _suite(suites, "conformance", document["header"])
    suite.set("time", _seconds(0))
    case = ET.SubElement(suite, "testcase", classname="conformance.run", name=f"run [{state}]", time=_seconds(0))
    reason = _UNFINISHED[summary["stop"]]
    message = f"{reason}: {summary['stop_message']}" if summary["stop_message"] else reason
    ET.SubElement(case, "error", message=_xml_safe(message), type=state)


def _outcome(case: ET.Element, findings: list[dict[str, Any]]) -> None:
    failing = [f for f in findings if f["severity"] == "error" and f.get("baseline") != "known"]
    for finding in failing:
        tag = "error" if finding["code"] in _ERRORS else "failure"
        failure = ET.SubElement(case, tag, message=_headline(finding), type=finding["code"])
        failure.text = _details(finding)
    printed = [f for f in findings if f not in failing]
    if printed:
        ET.SubElement(case, "system-out").text = "\n\n".join(
            f"{_kind(f)}: {_headline(f)}\n{_details(f)}" for f in printed
        )


def _kind(finding: dict[str, Any]) -> str:
    return f"known {finding['severity']}" if finding.get("baseline") == "known" else finding["severity"]


def _headline(finding: dict[str, Any]) -> str:
    new = "new: " if finding.get("baseline") == "new" else ""
    return _xml_safe(f"{new}{finding['count']}x {finding['message']}")


def _details(finding: dict[str, Any]) -> str:
    evidence = finding["evidence"]
    lines = [f"fingerprint: {finding['fingerprint']}", f"pointer: {finding['location']['pointer'] or '(whole)'}"]
    if evidence["kind"] == "exchange":
        lines += [f"status: {evidence['status']}", f"reproduce: {evidence['curl']}"]
    elif evidence["kind"] == "document":
        lines += [f"in: {evidence['file']} at {evidence['pointer']}"]
    else:
        lines += [
            f"{side}: {evidence[side]['file']} at {evidence[side]['pointer'] or '(absent)'}" for side in ("old", "new")
        ]
    return _xml_safe("\n".join(lines))


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters; a server's bytes may contain them."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def _count(element: ET.Element) -> None:
    """A case with an ``<error>`` counts as an error, one with only ``<failure>``s as a failure."""
    cases = list(element.iter("testcase"))
    errors = sum(1 for c in cases if c.find("error") is not None)
    failures = sum(1 for c in cases if c.find("failure") is not None and c.find("error") is None)
    element.set("tests", str(len(cases)))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
