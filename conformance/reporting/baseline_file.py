"""Reading a baseline: an earlier run's report.json, or the folder that holds one.

It reads the reports this version writes, and those of report_version 3, whose fingerprints are
the same (they hold no observations). Anything else is one line naming the file, the JSON
pointer and the problem (exit 2): a nightly job must not compare against the wrong file quietly.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conformance.errors import InputError
from conformance.findings import Severity, Subject
from conformance.reporting.comparison import observed_from_document
from conformance.reporting.document import REPORT_VERSION
from conformance.reporting.reading import report_file
from conformance.results import Baseline, BaselineOperation, KnownFinding, operation_key

__all__ = ["BASELINE_VERSIONS", "load_baseline"]

BASELINE_VERSIONS = (3, REPORT_VERSION)


def load_baseline(path: Path) -> Baseline:
    file = path / "report.json" if path.is_dir() else path
    document = report_file(file, "baseline", BASELINE_VERSIONS)
    findings = _list(file, document, "findings")
    operations = _list(file, document, "operations")
    known = tuple(_known(file, f"/findings/{i}", entry) for i, entry in enumerate(findings))
    ran = (_operation(file, f"/operations/{i}", entry) for i, entry in enumerate(operations))
    return Baseline(str(file), known, dict(ran))


def _list(file: Path, document: Mapping[str, Any], key: str) -> list[Any]:
    value = document.get(key)
    if not isinstance(value, list):
        raise InputError(file, "expected a list", key=f"/{key}")
    return value


def _text(file: Path, pointer: str, entry: Any, key: str) -> str:
    value = entry.get(key) if isinstance(entry, Mapping) else None
    if not isinstance(value, str):
        raise InputError(file, "expected a string", key=f"{pointer}/{key}")
    return value


def _subject(file: Path, pointer: str, entry: Any) -> Subject:
    api, method, path, operation_id = (
        _text(file, pointer, entry, key) for key in ("api", "method", "path", "operation_id")
    )
    return Subject(api, method, path, operation_id)


def _known(file: Path, pointer: str, entry: Any) -> KnownFinding:
    severity = _text(file, pointer, entry, "severity")
    if severity not in {kind.value for kind in Severity}:
        raise InputError(file, f"unknown severity {severity!r}", key=f"{pointer}/severity")
    return KnownFinding(
        fingerprint=_text(file, pointer, entry, "fingerprint"),
        code=_text(file, pointer, entry, "code"),
        severity=Severity(severity),
        subject=_subject(file, pointer, entry),
        message=_text(file, pointer, entry, "message"),
    )


def _operation(file: Path, pointer: str, entry: Any) -> tuple[tuple[str, str], BaselineOperation]:
    subject = _subject(file, pointer, entry)
    try:
        requests = sum(int(entry["requests"][kind]) for kind in ("valid", "invalid"))
        statuses = {str(status): int(count) for status, count in entry["statuses"].items()}
        written = entry.get("observed")
        observed = None if written is None else observed_from_document(written)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(file, f"not an operation of a report ({type(exc).__name__}: {exc})", key=pointer) from exc
    ran = entry.get("skipped") is None and requests > 0
    return operation_key(subject), BaselineOperation(ran, statuses, observed)
