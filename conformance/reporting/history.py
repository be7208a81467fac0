"""history.jsonl: one summary line per run in the report folder, the last ``KEEP`` kept; report.md
shows its trend, and report.html plots it (``recent_runs``).

A line says when and what ran (command, target, APIs, seed), how it ended (verdict, stop) and what
it found (requests, errors, warnings; new, known, fixed and not checked, null without a baseline).
It holds no secret: the target is written as its scheme, host, port and path (no userinfo, no
query), and no header or body is written. The file is rewritten whole and atomically, so a crash
leaves the old file or the new one, never none; a line that does not parse (a hand edit, a disk
that filled up) is skipped, never fatal.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard
from urllib.parse import urlsplit

from conformance.errors import OutputError
from conformance.findings import Severity
from conformance.reporting._atomic import write_atomically
from conformance.results import Comparison, Mark, RunResult

__all__ = [
    "HISTORY_FILE",
    "KEEP",
    "MAX_RUNS",
    "PastRun",
    "append_history",
    "history_entry",
    "public_target",
    "read_history",
    "recent_runs",
    "this_run",
    "trend_rows",
]

HISTORY_FILE = "history.jsonl"
KEEP = 365
_MAX_LINE = 16 * 1024  # a longer line is not one of ours
_MAX_BYTES = KEEP * _MAX_LINE  # only the file's tail is read
MAX_RUNS = 30  # runs in report.html's trend plot


@dataclass(frozen=True, slots=True)
class PastRun:
    """One run as a point of the trend plot."""

    started_at: str
    verdict: str
    requests: int
    errors: int
    warnings: int
    new: int | None = None
    fixed: int | None = None


def history_entry(result: RunResult) -> dict[str, Any]:
    info = result.info
    entry: dict[str, Any] = {
        "started_at": info.started_at,
        "command": info.command,
        "target": public_target(info.target),
        "apis": list(info.apis),
        "seed": info.seed,
        "max_examples": info.max_examples,
        "verdict": result.verdict,
        "stop": None if result.stop is None else result.stop.value,
        "requests": result.requests,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "findings": len(result.findings),
        **_against_baseline(result.comparison),
    }
    return entry


def _against_baseline(comparison: Comparison | None) -> dict[str, int | None]:
    """new, known, fixed, not_checked and observed_changes: null for a run without a baseline."""
    if comparison is None:
        return dict.fromkeys(("new", "known", "fixed", "not_checked", "observed_changes"))
    return {
        "new": comparison.count(Mark.NEW),
        "known": comparison.count(Mark.KNOWN),
        "fixed": len(comparison.fixed),
        "not_checked": comparison.not_checked,
        "observed_changes": len(comparison.changes),
    }


def public_target(target: str) -> str:
    """A target as history may keep it: a URL without userinfo, query or fragment."""
    try:
        parts = urlsplit(target)
        port = parts.port
    except ValueError:
        return "(a target that is not a URL)"
    if not parts.scheme or not parts.hostname:
        return target if "@" not in target and "?" not in target else "(a target that is not a URL)"
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}{'' if port is None else f':{port}'}{parts.path}"


def read_history(path: Path) -> list[dict[str, Any]]:
    """The history's entries, oldest first; unreadable lines are skipped, a missing file is empty."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - _MAX_BYTES))
            tail = handle.read(_MAX_BYTES)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise OutputError(f"{path}: cannot read the run history: {exc.strerror or exc}") from exc
    lines = tail.split(b"\n")
    if len(tail) == _MAX_BYTES and size > _MAX_BYTES:
        lines = lines[1:]  # the first line was cut by the tail
    return [entry for line in lines if (entry := _entry(line)) is not None][-KEEP:]


def _entry(line: bytes) -> dict[str, Any] | None:
    if not line.strip() or len(line) > _MAX_LINE:
        return None
    try:
        entry = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return entry if isinstance(entry, dict) and isinstance(entry.get("started_at"), str) else None


def append_history(path: Path, entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Add ``entry``, keep the last ``KEEP``, rewrite the file atomically; returns the entries kept."""
    entries = [*read_history(path)[-(KEEP - 1) :], dict(entry)]
    text = "".join(json.dumps(e, sort_keys=True, ensure_ascii=False) + "\n" for e in entries)
    try:
        write_atomically(path, text)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the run history: {exc.strerror or exc}") from exc
    return entries


def trend_rows(entries: Sequence[Mapping[str, Any]]) -> list[tuple[str, ...]]:
    """date, verdict, requests, errors, warnings, new, fixed: one row per entry, as text."""
    keys = ("started_at", "verdict", "requests", "errors", "warnings", "new", "fixed")
    return [tuple("-" if entry.get(key) is None else str(entry[key]) for key in keys) for entry in entries]


def recent_runs(entries: Sequence[Mapping[str, Any]], limit: int = MAX_RUNS) -> tuple[PastRun, ...]:
    """The last ``limit`` entries that can be plotted (the file may hold anything: each is checked)."""
    runs = [run for run in map(_past_run, entries) if run is not None]
    return tuple(runs[-limit:])


def this_run(document: dict[str, Any]) -> PastRun:
    """The report's own run, as a point of the trend."""
    summary = document["summary"]
    new = [f for f in document["findings"] if f.get("baseline") == "new"]
    has_baseline = any(f.get("baseline") for f in document["findings"])
    return PastRun(
        started_at=document["header"]["started_at"],
        verdict=summary["verdict"],
        requests=summary["requests"],
        errors=summary["errors"],
        warnings=summary["warnings"],
        new=len(new) if has_baseline else None,
    )


def _past_run(item: Mapping[str, Any]) -> PastRun | None:
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
