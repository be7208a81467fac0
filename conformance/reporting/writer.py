"""The report files: report.json, junit.xml, report.md and report.html, each written atomically.

They are written when the run starts (an empty report "in progress"), when it ends or is
interrupted, and in between only as checkpoints: at most once every few seconds, and never more
often than ten times the cost of the last write. So writing stays a small, bounded share of any
run (linear in its size, not quadratic), and a killed run still leaves a valid report.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

from conformance.errors import OutputError
from conformance.reporting.document import report_document
from conformance.reporting.history import read_history
from conformance.reporting.html import render_html
from conformance.reporting.junit import render_junit
from conformance.reporting.markdown import render_markdown
from conformance.results import Event, OperationFinished, RunCollector, RunFinished, RunResult, RunStarted

__all__ = ["ReportFiles", "prepare_directory", "render_json", "write_atomically"]

_CHECKPOINT_EVERY_S = 5.0
_CHECKPOINT_COST_FACTOR = 10


def render_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def prepare_directory(directory: Path) -> None:
    """Make sure the folder can take the reports, before any request is sent."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomically(directory / ".write-test", "")
        (directory / ".write-test").unlink()
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write reports there: {exc.strerror or exc}") from exc


class ReportFiles:
    """A reporter: gathers the run's events and writes every report file of its result."""

    def __init__(self, directory: Path, history: Path | None = None) -> None:
        self.directory = directory
        self.history = directory.parent / "history.jsonl" if history is None else history  # for report.html
        self.collector = RunCollector()
        self.written = False
        self._last_write = 0.0
        self._write_cost = 0.0

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self.directory / name for name in ("report.json", "junit.xml", "report.md", "report.html"))

    def handle(self, event: Event) -> None:
        self.collector.handle(event)
        if isinstance(event, RunStarted | RunFinished) or (isinstance(event, OperationFinished) and self._due()):
            self.write()

    def close(self) -> None:
        pass

    def result(self) -> RunResult:
        return self.collector.result()

    def write(self) -> None:
        started = time.perf_counter()
        document = report_document(self.collector.result())
        history = read_history(self.history)
        texts = (
            render_json(document),
            render_junit(document),
            render_markdown(document),
            render_html(document, history),
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


def write_atomically(path: Path, text: str) -> None:
    """Write beside ``path``, then rename over it: a reader sees the old file or the new, never half.

    The temporary file is created as ``open`` would create ``path`` (mode 0666 less the umask), not
    with ``tempfile.mkstemp``'s 0600: a CI uploader running as another user must read the reports.
    """
    temporary = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
