"""A spec given on the command line: a file path or an http(s) URL, read and loaded as an API's spec."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from conformance.errors import SpecError
from conformance.specs import ApiSpec
from conformance.specs.documents import parse_document
from conformance.specs.loader import build_spec
from conformance.specs.sources import SpecSource as ParsedSource
from conformance.specs.sources import is_url, openapi_object, read_bytes

__all__ = [
    "SpecSource",
    "api_name",
    "is_url",
    "load_source",
    "parse_source",
    "public_url",
    "read_source",
    "source_entry",
    "url_secrets",
]

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

    @property
    def label(self) -> str:
        """Where it came from, as errors and reports show it: a URL without user, password or query."""
        return public_url(self.source) if is_url(self.source) else self.source


def public_url(url: str) -> str:
    """``url`` as it may be written in a committed file: no user, password, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return urlunsplit((parts.scheme, f"{host}:{parts.port}" if parts.port else host, parts.path, "", ""))


def source_entry(source: SpecSource) -> dict[str, str]:
    """Where a vendored spec came from, as ``specs/lock.yaml`` records it: its public URL, or its file."""
    return {"url": public_url(source.url)} if source.url else {"path": str(Path(source.source).resolve())}


def url_secrets(url: str) -> list[str]:
    """What in a URL may be secret: its password, user and password, and its query's values."""
    parts = urlsplit(url)
    userinfo = parts.netloc.rpartition("@")[0]
    return [value for value in (parts.password, userinfo, *(v for _, v in parse_qsl(parts.query))) if value]


def read_source(source: str) -> SpecSource:
    """Read a file or fetch a URL; a name without a JSON or YAML suffix becomes ``openapi.json|yaml``."""
    data = read_bytes(source)
    name = Path(urlsplit(source).path if is_url(source) else source).name
    return SpecSource(source, name if name.endswith(_SUFFIXES) else _default_name(data), data)


def load_source(source: SpecSource, name: str | None = None, parsed: ParsedSource | None = None) -> ApiSpec:
    """The spec, named ``name`` or after its title, read once (or from ``parsed``, its :func:`parse_source`);
    its relative ``$ref``s resolve against where it came from (a remote spec never reads local files)."""
    parsed = parsed or parse_source(source)
    return build_spec(name or api_name(parsed.document, Path(source.file_name).stem), parsed)


def parse_source(source: SpecSource) -> ParsedSource:
    """The document as written, and the URI its relative ``$ref``s resolve against.

    A URL's user, password and query were used to fetch the document; they go no further: its
    ``$ref``s resolve against the public URL, which is also what errors and reports name."""
    document = parse_document(_text(source), source.label, SpecError, _FORMATS.get(Path(source.file_name).suffix, ""))
    document = openapi_object(document, source.label)
    uri = source.label if is_url(source.source) else Path(source.source).resolve().as_uri()
    return ParsedSource(document, uri, source.label)


def _text(source: SpecSource) -> str:
    try:
        return source.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(source.label, f"cannot read: {exc}") from exc


def api_name(document: dict[str, Any], fallback: str) -> str:
    """``info.title`` as a contract's ``api`` name (``Pet Store`` -> ``pet-store``), else ``fallback``'s."""
    for text in (str(document.get("info", {}).get("title", "")), fallback):
        slug = re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-_")
        if slug:
            return slug if slug[0].isalpha() else f"api-{slug}"
    return "api"


def _default_name(data: bytes) -> str:
    return "openapi.json" if data.lstrip()[:1] in (b"{", b"[") else "openapi.yaml"
