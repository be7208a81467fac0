"""junit.xml: one test case per operation and check, for CI. Errors fail; warnings are printed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from conformance.checks import CHECK_CODES

__all__ = ["render_junit"]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_junit(document: dict[str, Any]) -> str:
    suites = ET.Element("testsuites", name="conformance")
    by_api: dict[str, list[dict[str, Any]]] = {}
    for operation in document["operations"]:
        by_api.setdefault(operation["api"], []).append(operation)
    for api, operations in by_api.items():
        suite = ET.SubElement(suites, "testsuite", name=api)
        for operation in operations:
            for code in CHECK_CODES:
                _test_case(suite, operation, code)
        _count(suite)
    _count(suites)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _test_case(suite: ET.Element, operation: dict[str, Any], code: str) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"{operation['api']}.{operation['operation_id']}",
        name=f"{operation['method']} {operation['path']} [{code}]",
    )
    if operation["skipped"] is not None:
        ET.SubElement(case, "skipped", message=operation["skipped"])
        return
    groups = [g for g in operation["findings"] if g["check"] == code]
    errors = [g for g in groups if g["severity"] == "error"]
    for group in errors:
        failure = ET.SubElement(case, "failure", message=_headline(group), type=code)
        failure.text = _details(group)
    warnings = [g for g in groups if g["severity"] == "warning"]
    if warnings:
        ET.SubElement(case, "system-out").text = "\n\n".join(
            f"warning: {_headline(g)}\n{_details(g)}" for g in warnings
        )


def _headline(group: dict[str, Any]) -> str:
    return _xml_safe(f"{group['count']}x {group['example']['message']}")


def _details(group: dict[str, Any]) -> str:
    example = group["example"]
    lines = [
        f"status: {example['status']}",
        f"pointer: {example['pointer'] or '(body)'}",
        f"reproduce: {example['curl']}",
    ]
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
