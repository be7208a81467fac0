"""A report.json read back as the run it describes: its info, operations and findings as plain data.

``conformance merge`` rebuilds a run's events from the reports of its shards with it, so every
report file of the merged run comes from the same writers as any run's. A finding is read with
everything its fingerprint is made of, and the fingerprint is recomputed and compared with the
one written: a report edited by hand, or written by a version that computes it otherwise, is
refused rather than merged wrong. Anything unreadable is one line naming the file and the JSON
pointer (exit 2).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from conformance.errors import InputError
from conformance.findings import (
    DocumentEvidence,
    Evidence,
    ExchangeEvidence,
    Finding,
    Location,
    Severity,
    SpecChangeEvidence,
    Subject,
)
from conformance.reporting.comparison import observed_from_document
from conformance.reporting.document import REPORT_VERSION, operation_key
from conformance.results import OperationResult, RunInfo, Skip, StopReason
from conformance.transport import RequestRecord, ResponseRecord

__all__ = ["ReadRun", "read_report", "report_file"]

T = TypeVar("T")
MAX_REPORT_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadRun:
    """One report.json: the run's info, its operations (each with its findings), and the rest."""

    file: Path
    info: RunInfo
    operations: tuple[OperationResult, ...]
    findings: tuple[Finding, ...]  # every finding, in report order
    stop: StopReason | None
    stop_message: str
    finished_at: str | None
    duration_s: float  # the run's wall time


def report_file(path: Path, role: str, versions: tuple[int, ...] = (REPORT_VERSION,)) -> dict[str, Any]:
    """The JSON of a report (``path`` or ``path/report.json``), checked to be one of ``versions``."""
    file = path / "report.json" if path.is_dir() else path
    try:
        if file.stat().st_size > MAX_REPORT_BYTES:
            raise InputError(file, f"larger than {MAX_REPORT_BYTES // 2**20} MB: not a report of this tool")
        document = json.loads(file.read_bytes())
    except FileNotFoundError as exc:
        raise InputError(file, f"no such {role} report (give a report.json, or the folder holding one)") from exc
    except OSError as exc:
        raise InputError(file, f"cannot read the {role}: {exc.strerror or exc}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(file, f"not JSON: {str(exc).splitlines()[0]}") from exc
    if not isinstance(document, dict) or "report_version" not in document:
        raise InputError(file, "not a conformance report (it has no report_version)")
    version = document["report_version"]
    if version not in versions or isinstance(version, bool):
        readable = " or ".join(str(v) for v in versions)
        raise InputError(
            file,
            f"report_version {version!r} cannot be a {role} (this version reads {readable})",
            key="/report_version",
        )
    return document


def read_report(path: Path, role: str = "shard") -> ReadRun:
    file = path / "report.json" if path.is_dir() else path
    document = report_file(file, role)
    read = _Reader(file)
    findings = read.each(document, "findings", _finding)
    durations = read.at("/header/operation_durations_s", lambda: dict(document["header"]["operation_durations_s"]))
    operations = read.each(document, "operations", lambda entry: _operation(entry, durations, findings))
    summary = document.get("summary") or {}
    stop = read.at("/summary/stop", lambda: None if summary["stop"] is None else StopReason(summary["stop"]))
    return ReadRun(
        file=file,
        info=read.at("/run", lambda: _info(document)),
        operations=tuple(operations),
        findings=tuple(findings),
        stop=stop,
        stop_message=str(summary.get("stop_message") or ""),
        finished_at=document["header"].get("finished_at"),
        duration_s=read.at("/header/duration_s", lambda: float(document["header"]["duration_s"])),
    )


class _Reader:
    """Reads parts of one file, turning any error into one line with the pointer of the part."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def at(self, pointer: str, read: Callable[[], T]) -> T:
        try:
            return read()
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(
                self.file, f"not what a report holds there ({type(exc).__name__}: {exc})", key=pointer
            ) from exc

    def each(self, document: Mapping[str, Any], key: str, read: Callable[[Any], T]) -> list[T]:
        entries = document.get(key)
        if not isinstance(entries, list):
            raise InputError(self.file, "expected a list", key=f"/{key}")
        return [self.at(f"/{key}/{index}", partial(read, entry)) for index, entry in enumerate(entries)]


def _info(document: Mapping[str, Any]) -> RunInfo:
    run, header = document["run"], document["header"]
    return RunInfo(
        tool_version=str(header["version"]),
        started_at=str(header["started_at"]),
        target=str(run["target"]),
        apis=tuple(str(api) for api in run["apis"]),
        seed=int(run["seed"]),
        max_examples=int(run["max_examples"]),
        fail_on=Severity(run["fail_on"]),
        command=str(run["command"]),
        shard=run.get("shard"),
    )


def _subject(entry: Mapping[str, Any]) -> Subject:
    return Subject(str(entry["api"]), str(entry["method"]), str(entry["path"]), str(entry["operation_id"]))


def _finding(entry: Mapping[str, Any]) -> Finding:
    where = entry["location"]
    if "template" not in where:
        raise ValueError("the location has no template (a report written before merging existed)")
    location = Location(where["pointer"], where["keyword"], where["schema_path"], where["template"], where["response"])
    finding = Finding(
        code=str(entry["code"]),
        severity=Severity(entry["severity"]),
        subject=_subject(entry),
        location=location,
        message=str(entry["message"]),
        evidence=_evidence(entry["evidence"]),
        count=int(entry["count"]),
    )
    if finding.fingerprint != entry["fingerprint"]:
        raise ValueError(f"fingerprint {entry['fingerprint']!r} is not that of the finding it stands for")
    return finding


def _evidence(entry: Mapping[str, Any]) -> Evidence:
    if entry["kind"] == "exchange":
        request, response = entry["request"], entry["response"]
        return ExchangeEvidence(
            RequestRecord(request["method"], request["url"], _headers(request["headers"]), request["body"]),
            None
            if response is None
            else ResponseRecord(response["status"], _headers(response["headers"]), response["body"]),
            entry["curl"],
        )
    if entry["kind"] == "document":
        return DocumentEvidence(entry["file"], entry["pointer"], entry["excerpt"])
    if entry["kind"] == "spec_change":
        old, new = entry["old"], entry["new"]
        return SpecChangeEvidence(old["file"], old["pointer"], new["file"], new["pointer"])
    raise ValueError(f"unknown evidence kind {entry['kind']!r}")


def _headers(pairs: list[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), str(value)) for name, value in pairs)


def _operation(entry: Mapping[str, Any], durations: Mapping[str, float], findings: list[Finding]) -> OperationResult:
    subject = _subject(entry)
    written = entry.get("observed")
    return OperationResult(
        subject=subject,
        safety=str(entry["safety"]),
        valid_requests=int(entry["requests"]["valid"]),
        invalid_requests=int(entry["requests"]["invalid"]),
        statuses={str(status): int(count) for status, count in entry["statuses"].items()},
        findings=tuple(finding for finding in findings if finding.subject == subject),
        skipped=_reason(entry.get("skipped")),
        duration_s=float(durations.get(operation_key(subject.api, subject.method, subject.path), 0.0)),
        checks=tuple(str(code) for code in entry["checks"]),
        observed=None if written is None else observed_from_document(written),
        stopped=_reason(entry.get("stopped")),
    )


def _reason(entry: Mapping[str, Any] | None) -> Skip | None:
    return None if entry is None else Skip(str(entry["code"]), str(entry["message"]))
