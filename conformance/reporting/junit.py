"""junit.xml: one test case per operation and check, for CI. Errors fail; warnings are printed.

An operation's findings of other codes (its spec defects) get a test case each too; findings about
no operation (the spec as a whole) get one test case per code in a suite of their API.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from conformance.checks import CHECK_CODES

__all__ = ["render_junit"]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_junit(document: dict[str, Any]) -> str:
    suites = ET.Element("testsuites", name="conformance")
    findings = _by_operation(document["findings"])
    by_api: dict[str, list[dict[str, Any]]] = {}
    for operation in document["operations"]:
        by_api.setdefault(operation["api"], []).append(operation)
    for api in dict.fromkeys([*by_api, *(f["api"] for f in document["findings"])]):
        suite = ET.SubElement(suites, "testsuite", name=api)
        for operation in by_api.get(api, []):
            mine = findings.get(_key(operation), [])
            for code in (*CHECK_CODES, *sorted({f["code"] for f in mine} - set(CHECK_CODES))):
                _test_case(suite, operation, code, mine)
        ran = {_key(operation) for operation in by_api.get(api, [])}
        outside = [f for f in document["findings"] if f["api"] == api and _key(f) not in ran]
        _outside_operations(suite, api, outside)
        _count(suite)
    _count(suites)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _key(item: dict[str, Any]) -> tuple[str, str, str]:
    return item["api"], item["method"], item["path"]


def _by_operation(findings: Iterable[dict[str, Any]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for finding in findings:
        grouped.setdefault(_key(finding), []).append(finding)
    return grouped


def _test_case(suite: ET.Element, operation: dict[str, Any], code: str, findings: list[dict[str, Any]]) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"{operation['api']}.{operation['operation_id']}",
        name=f"{operation['method']} {operation['path']} [{code}]",
    )
    if operation["skipped"] is not None:
        ET.SubElement(case, "skipped", message=operation["skipped"]["message"])
        return
    if operation["stopped"] is not None:
        ET.SubElement(case, "system-err").text = f"stopped early: {operation['stopped']['message']}"
    _outcome(case, [f for f in findings if f["code"] == code])


def _outside_operations(suite: ET.Element, api: str, findings: list[dict[str, Any]]) -> None:
    for code in sorted({f["code"] for f in findings}):
        case = ET.SubElement(suite, "testcase", classname=f"{api}.spec", name=f"{api} [{code}]")
        _outcome(case, [f for f in findings if f["code"] == code])


def _outcome(case: ET.Element, findings: list[dict[str, Any]]) -> None:
    for finding in (f for f in findings if f["severity"] == "error"):
        failure = ET.SubElement(case, "failure", message=_headline(finding), type=finding["code"])
        failure.text = _details(finding)
    printed = [f for f in findings if f["severity"] != "error"]
    if printed:
        ET.SubElement(case, "system-out").text = "\n\n".join(
            f"{f['severity']}: {_headline(f)}\n{_details(f)}" for f in printed
        )


def _headline(finding: dict[str, Any]) -> str:
    return _xml_safe(f"{finding['count']}x {finding['message']}")


def _details(finding: dict[str, Any]) -> str:
    evidence = finding["evidence"]
    lines = [f"fingerprint: {finding['fingerprint']}", f"pointer: {finding['location']['pointer'] or '(whole)'}"]
    if evidence["kind"] == "exchange":
        lines += [f"status: {evidence['status']}", f"reproduce: {evidence['curl']}"]
    elif evidence["kind"] == "document":
        lines += [f"in: {evidence['file']} at {evidence['pointer']}"]
    return _xml_safe("\n".join(lines))


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters; a server's bytes may contain them."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    element.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    element.set("errors", "0")
