"""A spec given on the command line: a file path or an http(s) URL, read and loaded as an API's spec."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from urllib.parse import urlsplit

from conformance.errors import SpecError
from conformance.specs import ApiSpec, load_spec
from conformance.specs.documents import load_document
from conformance.specs.sources import is_url, read_bytes

__all__ = ["SpecSource", "api_name", "is_url", "load_source", "read_source"]

_SUFFIXES = (".json", ".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class SpecSource:
    """A spec's bytes, where they came from, and the file name they go by."""

    source: str  # a file path or an http(s) URL, as given
    file_name: str
    data: bytes = field(repr=False)

    @property
    def url(self) -> str | None:
        return self.source if is_url(self.source) else None


def read_source(source: str) -> SpecSource:
    """Read a file or fetch a URL; a name without a JSON or YAML suffix becomes ``openapi.json|yaml``."""
    data = read_bytes(source)
    name = Path(urlsplit(source).path if is_url(source) else source).name
    return SpecSource(source, name if name.endswith(_SUFFIXES) else _default_name(data), data)


def load_source(source: SpecSource, name: str | None = None) -> ApiSpec:
    """The spec, named ``name`` or after its title; a URL's document goes through a temporary file."""
    if source.url is None:
        path = Path(source.source)
        return load_spec(name or api_name(load_document(path, SpecError), path.stem), path)
    with TemporaryDirectory(prefix="conformance-") as folder:
        path = Path(folder) / source.file_name
        path.write_bytes(source.data)
        try:
            return load_spec(name or api_name(load_document(path, SpecError), path.stem), path)
        except SpecError as exc:
            raise SpecError(source.source, exc.problem, key=exc.key) from exc


def api_name(document: dict[str, Any], fallback: str) -> str:
    """``info.title`` as a contract's ``api`` name (``Pet Store`` -> ``pet-store``), else ``fallback``'s."""
    for text in (str(document.get("info", {}).get("title", "")), fallback):
        slug = re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-_")
        if slug:
            return slug if slug[0].isalpha() else f"api-{slug}"
    return "api"


def _default_name(data: bytes) -> str:
    return "openapi.json" if data.lstrip()[:1] in (b"{", b"[") else "openapi.yaml"
