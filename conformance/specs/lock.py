"""The spec lock: each vendored file with its provenance and the sha256 it must still have."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import SpecError
from conformance.specs.documents import load_document

__all__ = ["LockEntry", "read_lock", "verify_lock"]


@dataclass(frozen=True, slots=True)
class LockEntry:
    api: str
    file: Path
    sha256: str

    def actual_sha256(self) -> str:
        return hashlib.sha256(self.file.read_bytes()).hexdigest()


def read_lock(lock_path: Path) -> tuple[LockEntry, ...]:
    document = load_document(lock_path, SpecError)
    entries = []
    for api, entry in document.items():
        if not isinstance(entry, dict) or not {"file", "sha256"} <= entry.keys():
            raise SpecError(lock_path, "needs 'file' and 'sha256'", key=api)
        entries.append(LockEntry(api, lock_path.parent / entry["file"], str(entry["sha256"])))
    return tuple(entries)


def verify_lock(lock_path: Path) -> tuple[LockEntry, ...]:
    """Every entry of the lock, after checking its file; raises on the first mismatch."""
    entries = read_lock(lock_path)
    for entry in entries:
        if not entry.file.is_file():
            raise SpecError(lock_path, f"file {entry.file.name} is missing", key=entry.api)
        actual = entry.actual_sha256()
        if actual != entry.sha256:
            problem = f"{entry.file.name} has sha256 {actual}, the lock says {entry.sha256}"
            raise SpecError(lock_path, problem, key=entry.api)
    return entries
