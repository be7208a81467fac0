"""A spec given on the command line: a file path or an http(s) URL, read and loaded as an API's spec."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from conformance.errors import SpecError
from conformance.specs import ApiSpec
from conformance.specs.documents import parse_document
from conformance.specs.loader import build_spec
from conformance.specs.sources import SpecSource as ParsedSource
from conformance.specs.sources import is_url, openapi_object, read_bytes

__all__ = ["SpecSource", "api_name", "is_url", "load_source", "public_url", "read_source"]

_SUFFIXES = (".json", ".yaml", ".yml")
_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True, slots=True)
class SpecSource:
    """A spec's bytes, where they came from, and the file name they go by."""

    source: str  # a file path or an http(s) URL, as given
    file_name: str
    data: bytes = field(repr=False)

    @property
    def url(self) -> str | None:
        return self.source if is_url(self.source) else None


def public_url(url: str) -> str:
    """``url`` as it may be written in a committed file: no user, password, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return urlunsplit((parts.scheme, f"{host}:{parts.port}" if parts.port else host, parts.path, "", ""))


def read_source(source: str) -> SpecSource:
    """Read a file or fetch a URL; a name without a JSON or YAML suffix becomes ``openapi.json|yaml``."""
    data = read_bytes(source)
    name = Path(urlsplit(source).path if is_url(source) else source).name
    return SpecSource(source, name if name.endswith(_SUFFIXES) else _default_name(data), data)


def load_source(source: SpecSource, name: str | None = None) -> ApiSpec:
    """The spec, named ``name`` or after its title, read once; its relative ``$ref``s resolve
    against where it came from (a remote spec never reads local files)."""
    document = parse_document(_text(source), source.source, SpecError, _FORMATS.get(Path(source.file_name).suffix, ""))
    document = openapi_object(document, source.source)
    uri = source.source if is_url(source.source) else Path(source.source).resolve().as_uri()
    stem = Path(source.file_name).stem
    return build_spec(name or api_name(document, stem), ParsedSource(document, uri, source.source))


def _text(source: SpecSource) -> str:
    try:
        return source.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(source.source, f"cannot read: {exc}") from exc


def api_name(document: dict[str, Any], fallback: str) -> str:
    """``info.title`` as a contract's ``api`` name (``Pet Store`` -> ``pet-store``), else ``fallback``'s."""
    for text in (str(document.get("info", {}).get("title", "")), fallback):
        slug = re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-_")
        if slug:
            return slug if slug[0].isalpha() else f"api-{slug}"
    return "api"


def _default_name(data: bytes) -> str:
    return "openapi.json" if data.lstrip()[:1] in (b"{", b"[") else "openapi.yaml"
