"""The console: findings as they happen, one line each, and the verdict at the end.

On a terminal a progress bar (rich) runs below the findings; in a CI log every line is plain
text, flushed as it is written, so the log shows findings while the run goes on. ``quiet``
keeps only the final line; colour follows rich's rules, which honour ``NO_COLOR``. When the reader
of the stream goes away (``conformance run | head``), ``on_closed`` is told, once. What an
operation's figures count depends on the command: requests for ``run``, examples for ``examples``
(where an operation's ``statuses`` count its examples by the part they illustrate).

A spec diff (``RunInfo.command`` "diff") sends no request: each change is one line with its
class (breaking first, as the diff sends them), and the final line counts changes per class.

With a baseline, a finding it does not hold is marked ``new``, and the last line counts new and known.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO, Any

from conformance.findings import CODES, ChangeClass, Finding, Severity, Subject
from conformance.results import (
    Event,
    FindingObserved,
    OperationFinished,
    OperationSkipped,
    OperationStarted,
    RunFinished,
    RunStarted,
    StopReason,
)

__all__ = ["ConsoleReporter"]

_STYLE = {"error": "bold red", "warning": "yellow", "ok": "green", "skip": "dim"}


class ConsoleReporter:
    def __init__(
        self,
        stream: IO[str] | None = None,
        *,
        quiet: bool = False,
        live: bool | None = None,
        baseline: frozenset[str] | None = None,  # the baseline's fingerprints
        on_closed: Callable[[], None] | None = None,
    ) -> None:
        self._baseline = baseline
        self._stream = stream if stream is not None else sys.stdout
        self._quiet = quiet
        self._live = (not quiet and self._stream.isatty()) if live is None else live
        self._progress: Any = None  # rich.progress.Progress on a terminal
        self._task: Any = None
        self._requests = 0  # requests sent, or for ``examples`` examples checked
        self._unit = "requests"
        self._counts: dict[str, tuple[Severity, int]] = {}  # fingerprint -> its severity and count so far
        self._codes: dict[str, str] = {}  # fingerprint -> its code
        self._diff = False  # a spec diff: changes, not requests
        self._closed_pipe = False  # the reader went away (`conformance run | head`)
        self._on_closed = on_closed

    def handle(self, event: Event) -> None:
        if isinstance(event, RunStarted):
            self._unit = "examples" if event.info.command == "examples" else "requests"
            self._diff = event.info.command == "diff"
            self._start(event.operations)
        elif isinstance(event, OperationStarted):
            self._describe(_subject_text(event.subject))
        elif isinstance(event, FindingObserved):
            self._count(event.finding, observed=True)
            self._line(_finding_line(event.finding, self._mark(event.finding)), event.finding.severity.value)
        elif isinstance(event, OperationFinished):
            self._finished(event)
        elif isinstance(event, OperationSkipped):
            self._advance()
            if not self._live:
                self._line(f"  skip   {event.subject.api} {event.subject.label}: {event.reason.message}", "skip")
        elif isinstance(event, RunFinished):
            self.close()
            self._summary(event)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _start(self, operations: int) -> None:
        if not self._live or self._diff:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=self._stream, highlight=False)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        self._progress = Progress(*columns, console=console, transient=True)
        self._task = self._progress.add_task("starting", total=operations)
        self._progress.start()

    def _describe(self, text: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=text)

    def _advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def _count(self, finding: Finding, observed: bool = False) -> None:
        """A finding first seen counts once; an operation's result gives its final count."""
        known_severity, known_count = self._counts.get(finding.fingerprint, (finding.severity, 0))
        severity = min(known_severity, finding.severity, key=lambda kind: kind.rank)
        self._counts[finding.fingerprint] = (severity, max(known_count, 1) if observed else finding.count)
        self._codes[finding.fingerprint] = finding.code

    def _mark(self, finding: Finding) -> str:
        if self._baseline is None:
            return ""
        return "known" if finding.fingerprint in self._baseline else "new"

    def _against_baseline(self) -> str:
        if self._baseline is None:
            return ""
        new = sum(1 for fingerprint in self._counts if fingerprint not in self._baseline)
        return f"; against the baseline: {new} new, {len(self._counts) - new} known"

    def _total(self, severity: Severity) -> int:
        return sum(count for kind, count in self._counts.values() if kind is severity)

    def _finished(self, event: OperationFinished) -> None:
        result = event.result
        for finding in result.findings:
            self._count(finding)
        errors = sum(f.count for f in result.findings if f.severity is Severity.ERROR)
        warnings = sum(f.count for f in result.findings if f.severity is Severity.WARNING)
        counted = sum(result.statuses.values()) if self._unit == "examples" else result.requests
        self._requests += counted
        self._advance()
        subject = _subject_text(result.subject)
        if not self._live and not self._diff:
            mark = "FAIL" if errors else "ok  "
            line = f"  {mark}   {subject}  {counted} {self._unit}, {errors} errors, {warnings} warnings"
            self._line(line, "error" if errors else "ok")
        if result.stopped is not None:  # on a terminal too: a run cut short must say so where it is watched
            self._line(f"  stop   {subject} after {result.requests} requests: {result.stopped.message}", "warning")

    def _summary(self, event: RunFinished) -> None:
        errors, warnings = self._total(Severity.ERROR), self._total(Severity.WARNING)
        figures = f"{self._requests} {self._unit} in {event.duration_s} s: {errors} errors, {warnings} warnings"
        if self._diff:
            figures = self._changes(event.duration_s)
        figures += self._against_baseline()
        if event.stop is StopReason.COMPLETED:
            self._line(figures, "error" if errors else "ok", always=True)
        else:
            self._line(f"{figures} ({event.stop.value}: {event.message})", "warning", always=True)

    def _changes(self, duration_s: float) -> str:
        by_class = dict.fromkeys(ChangeClass, 0)
        for fingerprint, (_, count) in self._counts.items():
            change = CODES[self._codes[fingerprint]].change
            if change is not None:
                by_class[change] += count
        counts = ", ".join(f"{count} {change.value}" for change, count in by_class.items())
        return f"{sum(by_class.values())} changes in {duration_s} s: {counts}"

    def _line(self, text: str, style: str, *, always: bool = False) -> None:
        if (self._quiet and not always) or self._closed_pipe:
            return
        try:
            if self._progress is not None:
                self._progress.console.print(text, style=_STYLE.get(style), markup=False, highlight=False)
                return
            self._stream.write(text + "\n")
            self._stream.flush()
        except BrokenPipeError:
            self._closed_pipe = True
            if self._on_closed is not None:
                self._on_closed()


def _subject_text(subject: Subject) -> str:
    """The API and its operation (or, for an example outside any operation, its component)."""
    return f"{subject.api} {subject.label or subject.operation_id}".rstrip()


def _finding_line(finding: Finding, mark: str = "") -> str:
    subject = _subject_text(finding.subject)
    change = CODES[finding.code].change
    if change is not None:  # a spec change: its message names the field
        return f"  {change.value:20} {subject}  {finding.code}: {finding.message}"
    where = f" at {finding.location.pointer}" if finding.location.pointer else ""
    marked = f"{mark:5} " if mark else ""
    return f"  {finding.severity.value:7} {marked}{subject}  {finding.code}: {finding.message}{where}"
