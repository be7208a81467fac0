"""findings.ndjson: every finding as one JSON line, written and flushed the moment it is first seen.

A tool can follow it while the run goes on (``tail -f``), and a killed run leaves every finding
it had. Each line is the finding as report.json renders it, with the count it had when first
seen (1); report.json has the final counts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from conformance.errors import OutputError
from conformance.reporting.document import finding_document
from conformance.results import Event, FindingObserved

__all__ = ["NdjsonReporter"]


class NdjsonReporter:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._stream: IO[str] | None = path.open("w", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{path}: cannot write findings there: {exc.strerror or exc}") from exc

    def handle(self, event: Event) -> None:
        if isinstance(event, FindingObserved) and self._stream is not None:
            line = json.dumps(finding_document(event.finding), sort_keys=True, ensure_ascii=False)
            self._stream.write(line + "\n")
            self._stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
