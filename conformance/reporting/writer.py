"""The report files: report.json, junit.xml and report.md, each written atomically (write, then rename).

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
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from conformance.errors import OutputError
from conformance.reporting.document import report_document
from conformance.reporting.junit import render_junit
from conformance.reporting.markdown import render_markdown
from conformance.results import Event, OperationFinished, RunCollector, RunFinished, RunResult, RunStarted

__all__ = ["ReportFiles", "prepare_directory", "remove_stale_temporaries", "render_json", "write_atomically"]

_CHECKPOINT_EVERY_S = 5.0
_CHECKPOINT_COST_FACTOR = 10
_REPORT_NAMES = ("report.json", "junit.xml", "report.md", ".write-test")
# ".<report name>.<pid>.<mkstemp's random part>.tmp"; before the pid was in the name, no "<pid>."
_TEMPORARY = re.compile(r"\.(?P<name>[^/]+?)\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}\.tmp")
_STALE_AFTER_S = 600.0  # no write takes this long: an older temporary file is a leftover


def render_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def prepare_directory(directory: Path) -> None:
    """Make sure the folder can take the reports, before any request is sent."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(directory)
        write_atomically(directory / ".write-test", "")
        (directory / ".write-test").unlink()
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write reports there: {exc.strerror or exc}") from exc


class ReportFiles:
    """A reporter: gathers the run's events and writes every report file of its result."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.collector = RunCollector()
        self.written = False
        self._last_write = 0.0
        self._write_cost = 0.0

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self.directory / name for name in ("report.json", "junit.xml", "report.md"))

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
        texts = (render_json(document), render_junit(document), render_markdown(document))
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


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove the temporary report files killed runs left in ``directory``; returns them."""
    removed = []
    for path in directory.iterdir():
        match = _TEMPORARY.fullmatch(path.name)
        if match is None or match["name"] not in _REPORT_NAMES or not _stale(path, match["pid"]):
            continue
        try:
            path.unlink()
        except FileNotFoundError:  # its run finished or cleaned it meanwhile
            continue
        removed.append(path)
    return removed


def _stale(path: Path, pid: str | None) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return False
    return age > _STALE_AFTER_S or (pid is not None and not _alive(int(pid)))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # someone else's process, or not a pid at all
        return True
    return True


def write_atomically(path: Path, text: str) -> None:
    prefix = f".{path.name}.{os.getpid()}."
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
