"""Vendoring a spec: writing its file and recording its provenance in ``specs/lock.yaml``.

``conformance specs vendor`` and ``conformance init`` both write through :func:`write_vendored`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

__all__ = ["record_lock_entry", "write_vendored"]

_LOCK_HEADER = """\
# Provenance of every vendored spec. `conformance specs verify` fails when a file no longer
# matches its sha256.
"""


def write_vendored(data: bytes, out: Path) -> str:
    """Write ``data`` to ``out`` (folders made as needed); its sha256, for the lock."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def record_lock_entry(lock: Path, api: str, entry: Mapping[str, Any]) -> None:
    """Add ``api``'s entry to the lock, replacing an entry of that name; the rest is kept as written."""
    text = lock.read_text(encoding="utf-8") if lock.is_file() else _LOCK_HEADER
    text = _without_entry(text, api).rstrip("\n")
    block = yaml.safe_dump({api: dict(entry)}, sort_keys=False, allow_unicode=True, width=120)
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text(f"{text}\n{block}" if text else block, encoding="utf-8")


def _without_entry(text: str, api: str) -> str:
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith(f"{api}:")]
    if not starts:
        return text
    start = starts[0]
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
        end += 1
    return "".join(lines[:start] + lines[end:])
