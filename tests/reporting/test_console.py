"""The console: findings as plain lines in a CI log, a progress bar on a terminal, quiet when asked."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from conformance.contracts import Api
from conformance.findings import DocumentEvidence, Subject
from conformance.reporting import ConsoleReporter
from conformance.results import FindingObserved, RunFinished, StopReason
from tests.reporting.synthetic import error_and_warning, events_of, examples_events, synthetic_result


class _Log(io.StringIO):
    """A CI log: not a terminal, and it counts flushes."""

    def __init__(self) -> None:
        super().__init__()
        self.flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def _play(console: ConsoleReporter, events: list[object]) -> None:
    for event in events:
        console.handle(event)  # type: ignore[arg-type]
    console.close()


def test_plain_lines_flushed_one_by_one_in_a_ci_log() -> None:
    log = _Log()
    _play(ConsoleReporter(log), events_of(error_and_warning()))
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("  error   telnyx GET /ai/assistants/tests/{test_id}/runs/{run_id}  required_field:")
    assert lines[0].endswith("'run_id' is a required property at /run_id")
    assert lines[1].startswith("  warning telnyx GET") and "undocumented_field" in lines[1]
    assert lines[2].startswith("  FAIL   telnyx GET") and lines[2].endswith("6 requests, 3 errors, 1 warnings")
    assert lines[3].startswith("  skip   telnyx POST") and "costly" in lines[3]
    assert lines[4] == "6 requests in 2.5 s: 3 errors, 1 warnings"
    assert log.flushes == len(lines)


def test_quiet_keeps_only_the_final_line() -> None:
    log = _Log()
    _play(ConsoleReporter(log, quiet=True), events_of(error_and_warning()))
    assert log.getvalue() == "6 requests in 2.5 s: 3 errors, 1 warnings\n"


def test_a_run_that_stopped_early_says_why() -> None:
    log = _Log()
    events = events_of(synthetic_result(complete=False))
    _play(ConsoleReporter(log, quiet=True), [*events, RunFinished(StopReason.INTERRUPTED, "", 1.0, "interrupted")])
    assert log.getvalue() == "6 requests in 1.0 s: 0 errors, 0 warnings (interrupted: interrupted)\n"


def test_a_terminal_gets_a_progress_bar_and_the_findings_above_it() -> None:
    terminal = io.StringIO()
    _play(ConsoleReporter(terminal, live=True), events_of(error_and_warning()))
    text = terminal.getvalue()
    assert "required_field: 'run_id' is a required property at /run_id" in text
    assert "6 requests in 2.5 s: 3 errors, 1 warnings" in text


def test_totals_count_findings_outside_operations_and_the_worst_severity() -> None:
    log = _Log()
    result = error_and_warning()
    spec_defect = replace(
        result.findings[1],
        code="duplicate_operation_id",
        subject=Subject("telnyx"),
        evidence=DocumentEvidence("spec.yml", "/paths"),
    )
    events = events_of(result)
    _play(ConsoleReporter(log, quiet=True), [events[0], FindingObserved(spec_defect), *events[1:]])
    assert log.getvalue() == "6 requests in 2.5 s: 3 errors, 2 warnings\n"


def test_a_closed_pipe_does_not_stop_the_run() -> None:
    class _Closed(_Log):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    console = ConsoleReporter(_Closed())
    _play(console, events_of(error_and_warning()))  # no exception: the run and its reports go on


def test_an_examples_check_counts_examples_and_names_components(catalog: dict[str, Api], specs_root: Path) -> None:
    log = _Log()
    _play(ConsoleReporter(log), examples_events(catalog, specs_root))
    lines = log.getvalue().splitlines()
    assert "  ok     revring POST /v1/test-suites/{id}/runs  2 examples, 0 errors, 0 warnings" in lines
    assert "  ok     telnyx #/components/schemas/TestRunResponse  4 examples, 0 errors, 0 warnings" in lines
    assert "  FAIL   telnyx GET /ai/assistants/tests/{test_id}/runs/{run_id}  1 examples, 2 errors, 0 warnings" in lines
    assert re.fullmatch(r"32 examples in [0-9.]+ s: 2 errors, 0 warnings", lines[-1])
    assert not any("requests" in line for line in lines)


def test_against_a_baseline_new_findings_are_marked_and_counted() -> None:
    log = _Log()
    result = error_and_warning()
    known = frozenset({result.findings[0].fingerprint})
    _play(ConsoleReporter(log, baseline=known), events_of(result))
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("  error   known telnyx GET ") and "required_field" in lines[0]
    assert lines[1].startswith("  warning new   telnyx GET ") and "undocumented_field" in lines[1]
    assert lines[-1] == "6 requests in 2.5 s: 3 errors, 1 warnings; against the baseline: 1 new, 1 known"
