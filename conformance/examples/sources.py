"""What ``conformance examples`` reads: vendored APIs with their docs pages, or one spec given by the user."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.contracts import Api
from conformance.contracts.defaults import derive_contract
from conformance.contracts.loader import bind
from conformance.contracts.sources import load_source, parse_source, read_source
from conformance.errors import SpecError
from conformance.specs.documents import load_document

__all__ = ["ExampleSource", "display_path", "given_source", "vendored_sources"]


@dataclass(frozen=True, slots=True)
class ExampleSource:
    """One API whose examples are checked."""

    api: Api
    written: Mapping[str, Any]  # its spec as the file holds it (3.0 not yet read as 3.1)
    file: str  # how the reports name the spec file
    docs_root: Path | None = None  # the specs folder whose <api>/docs/ pages are read; None: the spec alone


def vendored_sources(catalog: Mapping[str, Api], names: Sequence[str], specs_root: Path) -> list[ExampleSource]:
    """The APIs named (all when none is) with their specs as written and their docs pages."""
    return [
        ExampleSource(
            api, load_document(api.spec.source, SpecError), display_path(api.spec.source, specs_root), specs_root
        )
        for api in (catalog[name] for name in names or catalog)
    ]


def given_source(source: str) -> ExampleSource:
    """A spec file or URL (read once), with the contract derived from it; no docs pages."""
    read = read_source(source)
    parsed = parse_source(read)
    spec = load_source(read, parsed=parsed)  # which copies the document before reading it as 3.1
    return ExampleSource(bind(derive_contract(spec, source_url=read.url), spec), parsed.document, source)


def display_path(path: Path, specs_root: Path) -> str:
    """``path`` as the reports name it: from the project folder (``specs/telnyx/x.yml``) when inside it."""
    try:
        return path.relative_to(specs_root.parent).as_posix()
    except ValueError:
        return str(path)
