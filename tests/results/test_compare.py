"""A run against its baseline: new and known by fingerprint, fixed only where the run checked,
only new findings fail, and what the target returns differently."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conformance.findings import Finding, Severity, Subject
from conformance.results import (
    Baseline,
    BaselineOperation,
    ChangeKind,
    KnownFinding,
    Mark,
    Observed,
    ObservedResponse,
    RunCollector,
    RunResult,
    compare,
    enum_cap_note,
    operation_key,
)
from tests.reporting.synthetic import CHECKED, SKIPPED, events_of, finding, synthetic_result

MISSING_RUN_ID = finding("required_field", Severity.ERROR, "'run_id' is a required property", "/run_id")
EXTRA = finding("undocumented_field", Severity.WARNING, "property 'extra' is not in the schema", "/extra")
MISSING_STATUS = finding("required_field", Severity.ERROR, "'status' is a required property", "/status")


def known(item: Finding, subject: Subject | None = None) -> KnownFinding:
    subject = subject or item.subject
    fingerprint = replace(item, subject=subject).fingerprint
    return KnownFinding(fingerprint, item.code, item.severity, subject, item.message)


def baseline(*findings: KnownFinding, **operations: BaselineOperation) -> Baseline:
    ops = {operation_key(CHECKED): operations["checked"]} if "checked" in operations else {}
    return Baseline("old/report.json", findings, ops)


def test_findings_are_new_or_known_by_fingerprint() -> None:
    result = synthetic_result(MISSING_RUN_ID, EXTRA)
    comparison = compare(baseline(known(MISSING_RUN_ID)), result)
    assert comparison.mark(MISSING_RUN_ID.fingerprint) is Mark.KNOWN
    assert comparison.mark(EXTRA.fingerprint) is Mark.NEW
    assert (comparison.count(Mark.NEW), comparison.count(Mark.KNOWN)) == (1, 1)


def test_a_gone_finding_of_an_operation_that_ran_is_fixed() -> None:
    comparison = compare(baseline(known(MISSING_RUN_ID), known(MISSING_STATUS)), synthetic_result(MISSING_RUN_ID))
    assert [f.fingerprint for f in comparison.fixed] == [MISSING_STATUS.fingerprint]
    assert comparison.not_checked == 0


def test_a_gone_finding_of_a_skipped_or_unselected_operation_is_not_checked() -> None:
    on_skipped = known(MISSING_RUN_ID, SKIPPED)
    elsewhere = known(MISSING_RUN_ID, Subject("telnyx", "GET", "/not/selected", "other"))
    comparison = compare(baseline(on_skipped, elsewhere), synthetic_result())
    assert comparison.fixed == ()
    assert comparison.not_checked == 2


def test_the_operation_an_interrupted_run_stopped_in_fixes_nothing() -> None:
    result = synthetic_result(interrupted=True)
    result = replace(result, operations=tuple(reversed(result.operations)))  # the checked one came last
    comparison = compare(baseline(known(MISSING_STATUS)), result)
    assert (comparison.fixed, comparison.not_checked) == ((), 1)


def test_a_gone_spec_defect_is_fixed_when_its_api_ran_even_on_a_skipped_operation() -> None:
    defect = KnownFinding("0123456789abcdef", "unresolved_ref", Severity.ERROR, SKIPPED, "$ref points nowhere")
    assert [f.code for f in compare(baseline(defect), synthetic_result()).fixed] == ["unresolved_ref"]


def test_known_errors_do_not_fail_the_run_new_ones_do() -> None:
    collector = RunCollector(baseline(known(MISSING_RUN_ID)))
    for event in events_of(synthetic_result(MISSING_RUN_ID)):
        collector.handle(event)
    result = collector.result()
    assert (result.failed, result.verdict) == (False, "PASS")
    assert synthetic_result(MISSING_RUN_ID).failed  # without a baseline, the same error fails
    collector = RunCollector(baseline(known(EXTRA)))
    for event in events_of(synthetic_result(MISSING_RUN_ID)):
        collector.handle(event)
    assert collector.result().failed


def test_new_warnings_fail_only_with_fail_on_warning() -> None:
    result = synthetic_result(MISSING_RUN_ID, EXTRA)
    result = replace(result, comparison=compare(baseline(known(MISSING_RUN_ID)), result))
    assert result.failed is False
    strict = replace(result, info=replace(result.info, fail_on=Severity.WARNING))
    assert strict.failed is True


def _with_statuses(result: RunResult, statuses: dict[str, int], observed: Observed | None = None) -> RunResult:
    checked = replace(result.operations[0], statuses=statuses, observed=observed)
    return replace(result, operations=(checked, *result.operations[1:]))


@pytest.mark.parametrize(
    ("before", "now", "kind"),
    [
        ({"200": 95, "404": 5}, {"200": 90, "404": 10}, ChangeKind.STATUS_MORE_FREQUENT),  # 5% -> 10%
        ({"200": 99, "404": 1}, {"200": 98, "404": 2}, None),  # doubled, but by 1 point only
        ({"200": 80, "404": 20}, {"200": 70, "404": 30}, None),  # 10 points, but not twice as often
        ({"200": 100}, {"200": 99, "503": 1}, ChangeKind.STATUS_FIRST_SEEN),
    ],
)
def test_statuses_seen_for_the_first_time_or_more_often(
    before: dict[str, int], now: dict[str, int], kind: ChangeKind | None
) -> None:
    result = _with_statuses(synthetic_result(), now)
    comparison = compare(baseline(checked=BaselineOperation(True, before)), result)
    assert [change.kind for change in comparison.changes] == ([kind] if kind else [])


def test_no_status_change_against_an_operation_the_baseline_did_not_run() -> None:
    result = _with_statuses(synthetic_result(), {"200": 1, "500": 1})
    assert compare(baseline(checked=BaselineOperation(False, {})), result).changes == ()


def _enums(*values: str | int | bool) -> Observed:
    return Observed(responses=(ObservedResponse("200", enum_values={"/status": tuple(values)}),))


def test_an_enum_value_seen_for_the_first_time() -> None:
    result = _with_statuses(synthetic_result(), {"200": 3}, _enums("queued", "cancelled", 1))
    before = BaselineOperation(True, {"200": 3}, _enums("queued", True))
    changes = compare(baseline(checked=before), result).changes
    assert [(c.kind, c.pointer, c.value) for c in changes] == [
        (ChangeKind.ENUM_VALUE_FIRST_SEEN, "/status", "cancelled"),
        (ChangeKind.ENUM_VALUE_FIRST_SEEN, "/status", 1),  # 1 is not True
    ]
    assert changes[0].message == "/status = 'cancelled' in a 200 response, never seen in the baseline"


def test_no_enum_change_where_the_baseline_stopped_counting_values() -> None:
    result = _with_statuses(synthetic_result(), {"200": 3}, _enums("queued", "cancelled"))
    capped = replace(_enums("queued"), capped=(enum_cap_note("200", "/status"),))
    assert compare(baseline(checked=BaselineOperation(True, {"200": 3}, capped)), result).changes == ()
