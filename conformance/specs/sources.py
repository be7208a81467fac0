"""Where an OpenAPI document comes from: a file or an ``http(s)://`` URL, read with bounds.

A URL is fetched with httpx, at most :data:`MAX_BYTES` read as a stream and :data:`TIMEOUT`
seconds in all; every failure is a one-line :class:`SpecError` naming the URL and the problem.
JSON or YAML is told by the suffix, or by the content when the suffix does not say.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from conformance.errors import SpecError
from conformance.specs.documents import MAX_FILE_BYTES, kind_of, parse_document, read_file

if TYPE_CHECKING:
    import httpx

__all__ = ["MAX_BYTES", "TIMEOUT", "SpecSource", "is_url", "openapi_object", "read_bytes", "read_source", "read_uri"]

MAX_BYTES = MAX_FILE_BYTES
TIMEOUT = 30.0  # seconds for one URL, connecting and reading included
_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True, slots=True)
class SpecSource:
    """A parsed document and the absolute URI (``file://`` or ``http(s)://``) it was read from."""

    document: dict[str, Any] = field(repr=False)
    uri: str
    label: str  # as the user wrote it: the path or the URL

    @property
    def path(self) -> Path:
        """The file, or for a URL the URL as a (display-only) path."""
        return Path(unquote(urlsplit(self.uri).path)) if self.uri.startswith("file:") else Path(self.label)


def read_source(source: str | Path) -> SpecSource:
    """The document at a file path or an ``http(s)://`` URL; its top level must be a mapping."""
    label = str(source)
    uri = label if is_url(label) else Path(label).resolve().as_uri()
    return SpecSource(openapi_object(read_uri(uri, label), label), uri, label)


def openapi_object(document: Any, label: str) -> dict[str, Any]:
    """``document``, when it is an object as an OpenAPI document is; else a ``SpecError`` saying what it is."""
    if not isinstance(document, dict):
        problem = (
            f"not an OpenAPI document: the top level is {kind_of(document)}, not an object with an 'openapi' version"
        )
        raise SpecError(label, problem)
    return document


def read_uri(uri: str, label: str = "") -> Any:
    """The parsed document at a ``file://`` or ``http(s)://`` URI (no fragment)."""
    label = label or uri
    text = _decode(read_bytes(uri, label), label)
    return parse_document(text, label, SpecError, _FORMATS.get(Path(urlsplit(uri).path).suffix.lower(), ""))


def read_bytes(uri: str, label: str = "") -> bytes:
    """The bytes at a ``file://`` or ``http(s)://`` URI, or a plain path, bounded in size and time."""
    label = label or uri
    parts = urlsplit(uri)
    if parts.scheme in ("http", "https"):
        return _fetch(uri)
    if parts.scheme in ("file", ""):
        return _read_file(Path(unquote(parts.path)) if parts.scheme else Path(uri), label)
    raise SpecError(label, f"cannot read a {parts.scheme} URI; a file or an http(s) URL can be read")


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _read_file(path: Path, label: str) -> bytes:
    return read_file(path, label, SpecError)


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(label, f"cannot read: {exc}") from exc


def _fetch(url: str) -> bytes:
    import httpx  # here: a spec read from a file (the usual case) does not load httpx

    deadline = time.monotonic() + TIMEOUT
    try:
        with (
            httpx.Client(timeout=httpx.Timeout(TIMEOUT), follow_redirects=True) as client,
            client.stream("GET", url, headers={"Accept": "application/json, application/yaml, */*"}) as response,
        ):
            if response.status_code != 200:
                raise SpecError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            body = _read_bounded(url, response, deadline)
    except httpx.HTTPError as exc:
        raise SpecError(url, f"cannot fetch: {type(exc).__name__}: {exc}".split("\n")[0]) from exc
    return body


def _read_bounded(url: str, response: httpx.Response, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise SpecError(url, f"response larger than {MAX_BYTES // 2**20} MB")
        if time.monotonic() > deadline:
            raise SpecError(url, f"took longer than {TIMEOUT:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
