"""Gathering a run's events into its result: what the final reports render.

Memory is what the report holds (one entry per operation and per fingerprint), whatever the
number of requests.
"""

from __future__ import annotations

from dataclasses import replace

from conformance.findings import Finding, Subject
from conformance.results.baseline import Baseline
from conformance.results.compare import compare
from conformance.results.events import (
    Event,
    FindingObserved,
    OperationFinished,
    OperationSkipped,
    OperationStarted,
    RunFinished,
    RunStarted,
)
from conformance.results.model import OperationResult, RunInfo, RunResult

__all__ = ["RunCollector"]


class RunCollector:
    def __init__(self, baseline: Baseline | None = None) -> None:
        self.baseline = baseline
        self.info: RunInfo | None = None
        self.finished: RunFinished | None = None
        self._operations: list[OperationResult] = []
        self._findings: dict[str, Finding] = {}
        self._order: dict[Subject, int] = {}  # subjects in the order the run met them

    def handle(self, event: Event) -> None:
        if isinstance(event, RunStarted):
            self.info = event.info
        elif isinstance(event, OperationStarted):
            self._meet(event.subject)
        elif isinstance(event, FindingObserved):
            self._meet(event.finding.subject)
            known = self._findings.get(event.finding.fingerprint)
            if known is None or event.finding.rank < known.rank:  # first seen, or seen as more severe
                self._findings[event.finding.fingerprint] = event.finding
        elif isinstance(event, OperationFinished):
            self._meet(event.result.subject)
            self._findings.update((finding.fingerprint, finding) for finding in event.result.findings)
            self._operations.append(replace(event.result, findings=()))
        elif isinstance(event, OperationSkipped):
            self._meet(event.subject)
            self._operations.append(OperationResult(event.subject, event.safety, skipped=event.reason))
        elif isinstance(event, RunFinished):
            self.finished = event

    def close(self) -> None:
        pass

    def result(self) -> RunResult:
        if self.info is None:
            raise RuntimeError("no run has started")
        findings = sorted(self._findings.values(), key=self._report_order)
        finished = self.finished
        result = RunResult(
            info=self.info,
            operations=tuple(self._operations),
            findings=tuple(findings),
            finished_at=None if finished is None else finished.finished_at,
            duration_s=0.0 if finished is None else finished.duration_s,
            stop=None if finished is None else finished.stop,
            stop_message="" if finished is None else finished.message,
        )
        return result if self.baseline is None else replace(result, comparison=compare(self.baseline, result))

    def _meet(self, subject: Subject) -> None:
        self._order.setdefault(subject, len(self._order))

    def _report_order(self, finding: Finding) -> tuple[int, tuple[int, str, str, str, str]]:
        return self._order.get(finding.subject, len(self._order)), finding.sort_key
