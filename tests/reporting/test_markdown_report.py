"""report.md: the verdict, a table of operations, and each finding with a command that reproduces it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conformance.contracts import Api
from conformance.findings import ExchangeEvidence, Severity
from conformance.reporting import render_markdown, report_document
from conformance.results import Baseline, KnownFinding, RunResult, StopReason, compare
from tests.reporting.synthetic import (
    CHECKED,
    FIXED,
    SKIP_REASON,
    SKIPPED,
    compared,
    error_and_warning,
    examples_result,
    finding,
    revring_run,
    synthetic_result,
)


def _markdown(result: RunResult) -> str:
    return render_markdown(report_document(result))


def _title(text: str) -> str:
    return text.splitlines()[0]


def test_errors_fail() -> None:
    assert _title(_markdown(error_and_warning())) == "# Conformance report: FAIL"


def test_warnings_alone_pass() -> None:
    result = synthetic_result(finding("undocumented_field", Severity.WARNING, "property 'x' is not in the schema"))
    assert _title(_markdown(result)) == "# Conformance report: PASS"


def test_real_mock_run_verdict_matches_its_errors(catalog: dict[str, Api]) -> None:
    result = revring_run(catalog)
    verdict = "FAIL" if result.count(Severity.ERROR) else "PASS"
    assert _title(_markdown(result)) == f"# Conformance report: {verdict}"


def test_interrupted_run_says_so() -> None:
    assert _title(_markdown(synthetic_result(complete=False, interrupted=True))) == (
        "# Conformance report: PASS (incomplete: interrupted)"
    )


def test_running_run_says_in_progress() -> None:
    assert _title(_markdown(synthetic_result(complete=False))) == "# Conformance report: PASS (in progress)"


def test_summary_line_and_counts() -> None:
    text = _markdown(error_and_warning())
    assert "Target **https://api.test/v2**, seed 7, max examples 3; 6 requests to 1 operations (1 skipped)" in text
    assert "**3 errors, 1 warnings.**" in text


def test_operation_rows() -> None:
    text = _markdown(error_and_warning())
    assert f"| telnyx | `GET {CHECKED.path}` | safe | 4/2 | 200x4, 422x2 | 3 | 1 |" in text
    assert f"| telnyx | `POST {SKIPPED.path}` | costly | skipped: {SKIP_REASON.message} | | | |" in text


def test_findings_name_check_pointer_and_curl() -> None:
    text = _markdown(error_and_warning())
    errors, warnings = text.split("## Errors")[1].split("## Warnings")
    assert f"### `required_field` on telnyx `GET {CHECKED.path}` (3x)" in errors
    assert "'run_id' is a required property at `/run_id`. _Strict clients" in errors
    assert "Status 200; to reproduce:" in errors
    assert "```sh\ncurl -X GET https://api.test/v2/ai/assistants/tests/1/runs/2" in errors
    assert "`undocumented_field`" in warnings and "`required_field`" not in warnings


def test_no_findings_no_sections() -> None:
    text = _markdown(synthetic_result())
    assert "## Errors" not in text and "## Warnings" not in text


def test_long_reproduction_is_clipped() -> None:
    body = "\n".join(f"line {n}" for n in range(30))
    result = synthetic_result(finding("schema", Severity.ERROR, "bad", body=body))
    evidence = result.findings[0].evidence
    assert isinstance(evidence, ExchangeEvidence)
    curl = evidence.curl
    total = len(curl.splitlines())
    assert total > 20
    text = _markdown(result)
    assert f"# ... {total - 20} more lines\n```" in text
    assert "line 29" not in text


def test_short_reproduction_is_whole() -> None:
    body = "\n".join(f"line {n}" for n in range(5))
    text = _markdown(synthetic_result(finding("schema", Severity.ERROR, "bad", body=body)))
    assert "line 4'\n```" in text
    assert "more lines" not in text


def test_warnings_fail_with_fail_on_warning() -> None:
    result = synthetic_result(finding("undocumented_field", Severity.WARNING, "property 'x' is not in the schema"))
    result = replace(result, info=replace(result.info, fail_on=Severity.WARNING))
    assert _title(_markdown(result)) == "# Conformance report: FAIL"


def test_a_run_that_tested_nothing_says_so() -> None:
    result = replace(
        synthetic_result(),
        operations=synthetic_result().operations[1:],
        stop=StopReason.NOTHING_TESTED,
        stop_message="every selected operation is costly: add --allow costly",
    )
    text = _markdown(result)
    assert _title(text) == "# Conformance report: NOTHING TESTED"
    assert "**Nothing tested**: every selected operation is costly: add --allow costly." in text


def test_info_findings_are_notes_and_pass_even_with_fail_on_warning() -> None:
    result = synthetic_result(finding("undocumented_field", Severity.INFO, "a new optional field"))
    result = replace(result, info=replace(result.info, fail_on=Severity.WARNING))
    text = _markdown(result)
    assert _title(text) == "# Conformance report: PASS"
    assert "## Notes" in text and "## Warnings" not in text and "a new optional field" in text


def test_an_examples_report_counts_examples_and_shows_each_one(catalog: dict[str, Api], specs_root: Path) -> None:
    text = _markdown(examples_result(catalog, specs_root))
    assert _title(text) == "# Examples report: FAIL"
    assert "Nothing tested" not in text and "requests" not in text
    assert "| API | operation | examples | errors | warnings |" in text
    assert "| telnyx | `POST /ai/assistants/tests/{test_id}/runs` | request x2, 201 x8 | 0 | 0 |" in text
    assert "| telnyx | `#/components/schemas/TestRunResponse` | component x4 | 0 | 0 |" in text
    section = text.split("## Errors", 1)[1]
    assert "In `specs/telnyx/docs/002_33ea8541e6db1c64.yaml` at `/examples/0/value`." in section
    assert '```json\n{"name": "<string>"}\n```' in section


def test_against_a_baseline_new_errors_come_first_and_fixed_ones_are_listed() -> None:
    run_id = finding("required_field", Severity.ERROR, "'run_id' is a required property", "/run_id")
    status = finding("required_field", Severity.ERROR, "'status' is a required property", "/status")
    result = synthetic_result(run_id, status)
    known = KnownFinding(run_id.fingerprint, run_id.code, run_id.severity, run_id.subject, run_id.message)
    result = replace(result, comparison=compare(Baseline("nightly/report.json", (known, FIXED)), result))
    text = _markdown(result)
    assert text.index("'status' is a required property") < text.index("'run_id' is a required property")
    assert "### `required_field` on telnyx `GET /ai/assistants/tests/{test_id}/runs/{run_id}` (1x) **new**" in text
    assert "(1x) **known**" in text
    assert "Against the baseline `nightly/report.json`: **1 new** (1 errors), 1 known, 1 fixed, 0 not checked" in text
    fixed = text[text.index("## Fixed since the baseline") :].splitlines()
    assert fixed[2] == (
        "- `enum_value` (error) on telnyx `GET /ai/assistants/tests/{test_id}/runs/{run_id}`: "
        "'cancelled' is not one of the enum"
    )


def test_observations_and_changes_have_their_sections() -> None:
    text = _markdown(compared())
    changes = text[text.index("## Returned differently since the baseline") :]
    assert "- status seen for the first time: telnyx `GET " in changes
    assert "status 422 (33% of responses), never seen in the baseline" in changes
    observed = text[text.index("## Observed responses") :]
    assert "- documented, never seen: statuses 404" in observed
    assert "- documented, never seen: fields of 200: `/detail_status`" in observed
    assert "- documented, never seen: values of `/status` in 200: 'failed', 'passed'" in observed
    assert "- seen, not documented: statuses 422" in observed
    assert "- format `uuid` broken at `/run_id` in 200: 1 of 4 values" in observed
    assert "## Observed responses" not in _markdown(error_and_warning())
