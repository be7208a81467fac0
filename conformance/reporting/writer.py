"""Writing report.json, junit.xml and report.md, each atomically (write, then rename)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from conformance.errors import OutputError
from conformance.reporting.document import report_document
from conformance.reporting.junit import render_junit
from conformance.reporting.markdown import render_markdown
from conformance.results import RunResult

__all__ = ["ReportWriter", "render_json"]


def render_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class ReportWriter:
    """Writes every report of a result into one folder; called after each operation and at the end."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.written = False

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self.directory / name for name in ("report.json", "junit.xml", "report.md"))

    def prepare(self) -> None:
        """Make sure the folder can take the reports, before any request is sent."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.directory / ".write-test", "")
            (self.directory / ".write-test").unlink()
        except OSError as exc:
            raise OutputError(f"{self.directory}: cannot write reports there: {exc.strerror or exc}") from exc

    def __call__(self, result: RunResult) -> None:
        document = report_document(result)
        try:
            self._write(document)
        except OSError as exc:
            raise OutputError(f"{self.directory}: cannot write reports there: {exc.strerror or exc}") from exc
        self.written = True

    def _write(self, document: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for path, text in zip(
            self.paths, (render_json(document), render_junit(document), render_markdown(document)), strict=True
        ):
            _write_atomically(path, text)


def _write_atomically(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
