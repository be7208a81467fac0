"""The report files: report.json, junit.xml, report.md and report.html, each written atomically.

They are written when the run starts (an empty report "in progress"), when it ends or is
interrupted, and in between only as checkpoints: at most once every few seconds, and never more
often than ten times the cost of the last write. So writing stays a small, bounded share of any
run (linear in its size, not quadratic), and a killed run still leaves a valid report.

A write goes through a hidden temporary file beside its report, named after the writing process
(``.report.json.<pid>.<random>.tmp``). One that a killed run left behind (megabytes, for a big
run) is removed by the next run in that folder: only our own names, and only when the process
that wrote it is gone or the file is older than any write takes, so a run writing into the same
folder at the same time keeps its own.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from conformance.errors import OutputError
from conformance.reporting._atomic import remove_stale_temporaries, write_atomically
from conformance.reporting.document import report_document
from conformance.reporting.history import HISTORY_FILE, append_history, history_entry, read_history, recent_runs
from conformance.reporting.html import render_html
from conformance.reporting.junit import render_junit
from conformance.reporting.markdown import render_markdown
from conformance.results import (
    Baseline,
    Event,
    OperationFinished,
    RunCollector,
    RunFinished,
    RunResult,
    RunStarted,
)

__all__ = ["ReportFiles", "prepare_directory", "render_json", "write_atomically"]

_CHECKPOINT_EVERY_S = 5.0
_CHECKPOINT_COST_FACTOR = 10
_TREND_RUNS = 10  # runs in report.md's trend table
_PLOTTED_RUNS = 30  # runs in report.html's trend plot
_REPORT_NAMES = ("report.json", "junit.xml", "report.md", "report.html", ".write-test")


def render_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def prepare_directory(directory: Path) -> None:
    """Make sure the folder can take the reports, before any request is sent."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(directory, _REPORT_NAMES)
        if directory.parent.is_dir():
            remove_stale_temporaries(directory.parent, (HISTORY_FILE,))
        write_atomically(directory / ".write-test", "")
        (directory / ".write-test").unlink()
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write reports there: {exc.strerror or exc}") from exc


class ReportFiles:
    """A reporter: gathers the run's events and writes every report file of its result.

    When the run finishes (completed, interrupted or failed) its summary line goes to
    ``history.jsonl`` first, so the trend of report.md and report.html ends with this run. The
    history lives beside the report folder (``reports/history.jsonl`` for ``reports/latest``), so
    it outlives the reports each run replaces.
    """

    def __init__(self, directory: Path, baseline: Baseline | None = None, history: Path | None = None) -> None:
        self.directory = directory
        self.collector = RunCollector(baseline)
        self.history = directory.parent / HISTORY_FILE if history is None else history
        self._trend: list[dict[str, Any]] = []
        self._command = "run"
        self._shard: str | None = None
        self.written = False
        self._last_write = 0.0
        self._write_cost = 0.0

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self.directory / name for name in ("report.json", "junit.xml", "report.md", "report.html"))

    def handle(self, event: Event) -> None:
        self.collector.handle(event)
        history_failure: OutputError | None = None
        if isinstance(event, RunStarted):
            self._command, self._shard = event.info.command, event.info.shard
            self._trend = self._read_trend()
        elif isinstance(event, RunFinished) and self._records_history:
            history_failure = self._record_history()
        if isinstance(event, RunStarted | RunFinished) or (isinstance(event, OperationFinished) and self._due()):
            self.write()
        if history_failure is not None:  # the reports are written first: they matter more
            raise history_failure

    @property
    def _records_history(self) -> bool:
        """A whole run does: a diff or an examples check is no run, and a shard only a share of one
        (``conformance merge`` records the run the shards add up to)."""
        return self._command == "run" and self._shard is None

    def _read_trend(self) -> list[dict[str, Any]]:
        try:
            return self._same_command(read_history(self.history))
        except OutputError:
            return []  # the line this run appends at its end will say so

    def _same_command(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The trend of runs; a diff or an examples check has none."""
        if self._command != "run":
            return []
        return [entry for entry in entries if entry.get("command", "run") == "run"][-_PLOTTED_RUNS:]

    def _record_history(self) -> OutputError | None:
        try:
            self._trend = self._same_command(append_history(self.history, history_entry(self.collector.result())))
        except OutputError as exc:
            return exc
        return None

    def close(self) -> None:
        pass

    def result(self) -> RunResult:
        return self.collector.result()

    def write(self) -> None:
        started = time.perf_counter()
        document = report_document(self.collector.result())
        texts = (
            render_json(document),
            render_junit(document),
            render_markdown(document, self._trend[-_TREND_RUNS:]),
            render_html(document, recent_runs(self._trend)),
        )
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for path, text in zip(self.paths, texts, strict=True):
                write_atomically(path, text)
        except OSError as exc:
            raise OutputError(f"{self.directory}: cannot write reports there: {exc.strerror or exc}") from exc
        self.written = True
        self._last_write = time.perf_counter()
        self._write_cost = self._last_write - started

    def _due(self) -> bool:
        waited = time.perf_counter() - self._last_write
        return waited >= max(_CHECKPOINT_EVERY_S, _CHECKPOINT_COST_FACTOR * self._write_cost)
