"""Findings: a fingerprint that is stable across runs and seeds, and distinct for distinct findings."""

from __future__ import annotations

from dataclasses import replace

from conformance.findings import (
    DocumentEvidence,
    ExchangeEvidence,
    Finding,
    Location,
    Severity,
    Subject,
    fingerprint_of,
    pointer_from,
)
from conformance.transport import RequestRecord, ResponseRecord

SUBJECT = Subject("telnyx", "GET", "/runs/{id}", "get_run")


def _finding(location: Location, message: str = "m", code: str = "required_field") -> Finding:
    request = RequestRecord("GET", "http://x/runs/1", (), None)
    evidence = ExchangeEvidence(request, ResponseRecord(200, (), "{}"), "curl http://x/runs/1")
    return Finding(code, Severity.ERROR, SUBJECT, location, message, evidence)


def test_pointer_escapes_tokens() -> None:
    assert pointer_from(["data", 0, "a/b", "c~d"]) == "/data/0/a~1b/c~0d"
    assert pointer_from([]) == ""


def test_location_template_normalises_array_indices_only() -> None:
    location = Location.at(["data", 3, "items", "200"], "required", ["properties", "data"])
    assert (location.pointer, location.template) == ("/data/3/items/200", "/data/*/items/200")
    assert location.schema_path == "/properties/data"


def test_values_and_indices_of_one_run_do_not_change_the_fingerprint() -> None:
    first = _finding(Location.at(["runs", 0, "id"], "format"), "'abc' is not a 'uuid'")
    second = _finding(Location.at(["runs", 7, "id"], "format"), "'xyz' is not a 'uuid'")
    assert first.fingerprint == second.fingerprint


def test_distinct_pointers_codes_keywords_and_operations_are_distinct_findings() -> None:
    base = _finding(Location.at(["run_id"], "required"))
    others = [
        _finding(Location.at(["test_id"], "required")),
        _finding(Location.at(["run_id"], "type")),
        _finding(Location.at(["run_id"], "required"), code="schema"),
        replace(base, subject=replace(SUBJECT, path="/runs")),
        replace(base, subject=replace(SUBJECT, api="freeplay")),
    ]
    assert len({base.fingerprint, *(other.fingerprint for other in others)}) == 6


def test_a_renamed_operation_id_keeps_the_fingerprint_of_its_method_and_path() -> None:
    base = _finding(Location.at(["run_id"], "required"))
    assert replace(base, subject=replace(SUBJECT, operation_id="renamed")).fingerprint == base.fingerprint


def test_fingerprint_needs_no_evidence_and_ignores_count_and_severity() -> None:
    base = _finding(Location.at(["run_id"], "required"))
    assert fingerprint_of(SUBJECT, "required_field", base.location) == base.fingerprint
    assert replace(base, count=9, severity=Severity.WARNING).fingerprint == base.fingerprint
    document = replace(base, evidence=DocumentEvidence("spec.yml", "/paths"))
    assert document.fingerprint == base.fingerprint and len(base.fingerprint) == 16


def test_severities_rank_error_then_warning_then_info() -> None:
    from conformance.findings import Severity

    assert sorted(Severity, key=lambda severity: severity.rank) == [Severity.ERROR, Severity.WARNING, Severity.INFO]
