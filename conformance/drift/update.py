"""Refreshing a vendored spec from upstream: ``conformance specs update API --from FILE|URL``.

The new document is cut under the same subset rule as the vendored one (the prefixes
:func:`~conformance.specs.subset.cut_subset` recorded in ``info.x-subset-of``; a whole spec stays
whole and is written byte for byte), loaded by the one spec loader before anything is written,
then written over the vendored file, and its lock entry gets the new sha256, source and date
(every other key of the entry is kept). The caller diffs the two versions it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from conformance.contracts.project import Project
from conformance.contracts.sources import SpecSource as ReadSource
from conformance.contracts.sources import parse_source, read_source, source_entry
from conformance.contracts.vendoring import record_lock_entry, write_vendored
from conformance.drift.versions import Version, shown_path
from conformance.errors import SpecError, UsageError
from conformance.specs import SpecSource, load_spec
from conformance.specs.documents import dump_document, load_document
from conformance.specs.loader import build_spec
from conformance.specs.subset import cut_subset, subset_prefixes

__all__ = ["Updated", "update_vendored"]

_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True, slots=True)
class Updated:
    old: Version  # the vendored spec as it was
    new: Version  # as it is now
    file: Path
    sha256: str
    lock: Path


def update_vendored(project: Project, api: str, source: str) -> Updated:
    if project.bundled:
        raise UsageError(
            "specs update changes a project folder: run it in one (specs/ and contracts/) or give --project"
        )
    lock = project.specs / "lock.yaml"
    entry = _entry(lock, api)
    vendored = lock.parent / str(entry["file"])
    old = Version(f"{shown_path(vendored)} (before update)", load_spec(api, vendored))
    read = read_source(source)
    document, data = _cut(read, load_document(vendored, SpecError), vendored)
    uri = read.source if read.url else Path(read.source).resolve().as_uri()
    new_spec = build_spec(api, SpecSource(document, uri, read.source))  # nothing is written for a spec that fails
    sha256 = write_vendored(data, vendored)
    record_lock_entry(lock, api, {**entry, "sha256": sha256, "retrieved": date.today(), "source": source_entry(read)})
    return Updated(old, Version(shown_path(vendored), new_spec), vendored, sha256, lock)


def _entry(lock: Path, api: str) -> dict[str, Any]:
    entries = load_document(lock, SpecError)
    entry = entries.get(api)
    if not isinstance(entry, dict) or "file" not in entry:
        known = ", ".join(name for name, value in entries.items() if isinstance(value, dict))
        raise UsageError(f"{lock}: no vendored API {api!r} (known: {known})")
    return entry


def _cut(read: ReadSource, vendored_document: dict[str, Any], vendored: Path) -> tuple[dict[str, Any], bytes]:
    """The document to vendor, under the vendored one's subset rule, and the bytes to write."""
    document = parse_source(read).document
    prefixes = subset_prefixes(vendored_document)
    if prefixes is None:
        same_format = _FORMATS.get(Path(read.file_name).suffix) == _FORMATS.get(vendored.suffix)
        return document, read.data if same_format else dump_document(document, vendored).encode()
    try:
        subset = cut_subset(document, prefixes)
    except KeyError as exc:
        raise SpecError(read.source, str(exc.args[0]), key="paths") from exc
    return subset, dump_document(subset, vendored).encode()
