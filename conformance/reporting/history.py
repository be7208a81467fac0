"""Recent runs, from ``history.jsonl``, for the HTML report's trend plot.

The file is written by another part of the tool: one JSON object per line with at least
``started_at``, ``verdict``, ``requests``, ``errors`` and ``warnings``, and optionally ``new`` and
``fixed``. A report must render whatever the file holds, so it is read defensively: only its tail
(bounded), a line that is not such an object is skipped, and the last runs are kept.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

__all__ = ["MAX_RUNS", "PastRun", "read_history", "this_run"]

MAX_RUNS = 30
_TAIL_BYTES = 1 << 20  # 30 runs take a few kilobytes; a megabyte leaves room for long lines


@dataclass(frozen=True, slots=True)
class PastRun:
    started_at: str
    verdict: str
    requests: int
    errors: int
    warnings: int
    new: int | None = None
    fixed: int | None = None


def read_history(path: Path, limit: int = MAX_RUNS) -> tuple[PastRun, ...]:
    """The last ``limit`` well-formed runs of ``path``; none when it is missing or unreadable."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - _TAIL_BYTES))
            lines = handle.read(_TAIL_BYTES).split(b"\n")
    except OSError:
        return ()
    if size > _TAIL_BYTES:
        lines = lines[1:]  # the first line of a tail may be cut
    runs = [run for run in map(_past_run, lines) if run is not None]
    return tuple(runs[-limit:])


def this_run(document: dict[str, Any]) -> PastRun:
    """The report's own run, as a point of the trend."""
    summary = document["summary"]
    new = [f for f in document["findings"] if f.get("baseline") == "new"]
    has_baseline = any("baseline" in f for f in document["findings"])
    return PastRun(
        started_at=document["header"]["started_at"],
        verdict=summary["verdict"],
        requests=summary["requests"],
        errors=summary["errors"],
        warnings=summary["warnings"],
        new=len(new) if has_baseline else None,
    )


def _past_run(line: bytes) -> PastRun | None:
    try:
        item = json.loads(line)
    except ValueError:  # not JSON, or not UTF-8
        return None
    if not isinstance(item, dict):
        return None
    started_at, verdict = item.get("started_at"), item.get("verdict")
    requests, errors, warnings = item.get("requests"), item.get("errors"), item.get("warnings")
    new, fixed = item.get("new"), item.get("fixed")
    if not isinstance(started_at, str) or not isinstance(verdict, str):
        return None
    if not (_count(requests) and _count(errors) and _count(warnings)):
        return None
    if not all(value is None or _count(value) for value in (new, fixed)):
        return None
    return PastRun(started_at, verdict, requests, errors, warnings, new, fixed)


def _count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
