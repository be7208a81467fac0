"""The console: findings as they happen, one line each, and the verdict at the end.

On a terminal a progress bar (rich) runs below the findings; in a CI log every line is plain
text, flushed as it is written, so the log shows findings while the run goes on. ``quiet``
keeps only the final line; colour follows rich's rules, which honour ``NO_COLOR``.
"""

from __future__ import annotations

import sys
from typing import IO, Any

from conformance.findings import Finding, Severity
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
    def __init__(self, stream: IO[str] | None = None, *, quiet: bool = False, live: bool | None = None) -> None:
        self._stream = stream if stream is not None else sys.stdout
        self._quiet = quiet
        self._live = (not quiet and self._stream.isatty()) if live is None else live
        self._progress: Any = None  # rich.progress.Progress on a terminal
        self._task: Any = None
        self._requests = 0
        self._counts: dict[str, tuple[Severity, int]] = {}  # fingerprint -> its severity and count so far
        self._closed_pipe = False  # the reader went away (`conformance run | head`): the run goes on

    def handle(self, event: Event) -> None:
        if isinstance(event, RunStarted):
            self._start(event.operations)
        elif isinstance(event, OperationStarted):
            self._describe(f"{event.subject.api} {event.subject.label}")
        elif isinstance(event, FindingObserved):
            self._count(event.finding, observed=True)
            self._line(_finding_line(event.finding), event.finding.severity.value)
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
        if not self._live:
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

    def _total(self, severity: Severity) -> int:
        return sum(count for kind, count in self._counts.values() if kind is severity)

    def _finished(self, event: OperationFinished) -> None:
        result = event.result
        for finding in result.findings:
            self._count(finding)
        errors = sum(f.count for f in result.findings if f.severity is Severity.ERROR)
        warnings = sum(f.count for f in result.findings if f.severity is Severity.WARNING)
        self._requests += result.requests
        self._advance()
        subject = f"{result.subject.api} {result.subject.label}"
        if not self._live:
            mark = "FAIL" if errors else "ok  "
            line = f"  {mark}   {subject}  {result.requests} requests, {errors} errors, {warnings} warnings"
            self._line(line, "error" if errors else "ok")
        if result.stopped is not None:  # on a terminal too: a run cut short must say so where it is watched
            self._line(f"  stop   {subject} after {result.requests} requests: {result.stopped.message}", "warning")

    def _summary(self, event: RunFinished) -> None:
        errors, warnings = self._total(Severity.ERROR), self._total(Severity.WARNING)
        figures = f"{self._requests} requests in {event.duration_s} s: {errors} errors, {warnings} warnings"
        if event.stop is StopReason.COMPLETED:
            self._line(figures, "error" if errors else "ok", always=True)
        else:
            self._line(f"{figures} ({event.stop.value}: {event.message})", "warning", always=True)

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


def _finding_line(finding: Finding) -> str:
    subject = f"{finding.subject.api} {finding.subject.label}".rstrip()
    where = f" at {finding.location.pointer}" if finding.location.pointer else ""
    return f"  {finding.severity.value:7} {subject}  {finding.code}: {finding.message}{where}"
