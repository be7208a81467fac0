"""External ``$ref``s (other files, URLs) bundled into the one document, as local references.

Targets are retrieved through a :class:`referencing.Registry` whose ``retrieve`` reads files
relative to the referring document, or URLs with the bounded read of :mod:`.sources`. Each
target is copied once under ``components/<section>/<unique name>`` (a path item is copied in
place) and every reference to it is rewritten to that local pointer. A target that cannot be
retrieved is left as written and reported, so the operations that need it can be set aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import referencing.exceptions
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conformance.errors import SpecError
from conformance.specs.documents import escape_token
from conformance.specs.openapi30 import plain_tree
from conformance.specs.sources import read_uri
from conformance.specs.structure import COMPONENT_SECTIONS, walk, walk_document

__all__ = ["MAX_BUNDLED", "bundle_external_refs"]

MAX_BUNDLED = 1000  # external targets copied into one document, at most
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def bundle_external_refs(document: dict[str, Any], uri: str) -> dict[str, str]:
    """Bundle the external targets of ``document`` (read from ``uri``) into it, in place.

    Returns the references left unresolved: the JSON pointer of each ``$ref`` -> why.
    """
    bundler = _Bundler(document, urldefrag(uri).url)
    for kind, pointer, node in [entry for entry in walk_document(document) if _ref_of(entry[2])]:
        bundler.rewrite(kind, pointer, bundler.uri, node)
    bundler.drain()
    return bundler.unresolved


def _ref_of(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref if isinstance(ref, str) else None


@dataclass
class _Bundler:
    document: dict[str, Any]
    uri: str
    local: dict[str, str] = field(default_factory=dict)  # absolute target -> local $ref
    unresolved: dict[str, str] = field(default_factory=dict)
    pending: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        read = cache(read_uri)  # each document once per bundling, never across loads

        def retrieve(uri: str) -> Resource[Any]:
            return Resource.from_contents(read(uri), default_specification=DRAFT202012)

        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry(retrieve=retrieve).with_resource(self.uri, resource)  # type: ignore[call-arg]

    def drain(self) -> None:
        while self.pending:
            kind, pointer, base, content = self.pending.pop()
            for child_kind, child_pointer, node in list(walk(content, kind, pointer)):
                if _ref_of(node):
                    self.rewrite(child_kind, child_pointer, base, node)

    def rewrite(self, kind: str, pointer: str, base: str, node: dict[str, Any]) -> None:
        ref = str(node["$ref"])
        if ref.startswith("#") and base == self.uri:
            return
        target = urljoin(base, ref)
        document_uri, fragment = urldefrag(target)
        if document_uri == self.uri:
            node["$ref"] = "#" + fragment
        elif target in self.local:
            node["$ref"] = self.local[target]
        else:
            self._bundle(kind, f"{pointer}/$ref", base, target, node)

    def _bundle(self, kind: str, where: str, base: str, target: str, node: dict[str, Any]) -> None:
        problem = _forbidden(base, target) or (
            f"more than {MAX_BUNDLED} external targets" if len(self.local) >= MAX_BUNDLED else ""
        )
        if problem:
            self.unresolved[where] = problem
            return
        try:
            contents = plain_tree(self.registry.resolver().lookup(target).contents)
        except referencing.exceptions.Unresolvable as exc:
            self.unresolved[where] = _reason(target, exc)
            return
        document_uri = urldefrag(target).url
        section = COMPONENT_SECTIONS.get(kind)
        if section is None or kind == "pathItem" or not isinstance(contents, dict):
            self._inline(kind, where.removesuffix("/$ref"), target, document_uri, node, contents)
            return
        name = self._unique_name(section, target)
        self.local[target] = node["$ref"] = f"#/components/{section}/{escape_token(name)}"
        self.document.setdefault("components", {}).setdefault(section, {})[name] = contents
        self.pending.append((kind, self.local[target][1:], document_uri, contents))

    def _inline(self, kind: str, pointer: str, target: str, base: str, node: dict[str, Any], contents: Any) -> None:
        self.local[target] = target  # counts towards the bound; a cycle of inlined items stays external
        if not isinstance(contents, dict):
            self.unresolved[f"{pointer}/$ref"] = f"{target} is not an object"
            return
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        node.clear()
        node.update({**contents, **siblings})
        self.pending.append((kind, pointer, base, node))

    def _unique_name(self, section: str, target: str) -> str:
        document_uri, fragment = urldefrag(target)
        stem = PurePosixPath(urlsplit(document_uri).path).stem
        tail = fragment.rstrip("/").rpartition("/")[2]
        base = _UNSAFE_NAME.sub("_", f"{stem}_{tail}" if tail else stem) or "bundled"
        taken = self.document.get("components", {}).get(section, {})
        name, counter = base, 1
        while name in taken:
            counter += 1
            name = f"{base}_{counter}"
        return name


def _forbidden(base: str, target: str) -> str:
    if urlsplit(base).scheme in ("http", "https") and urlsplit(target).scheme not in ("http", "https"):
        return f"a document read from a URL cannot refer to {urlsplit(target).scheme or 'a relative'} URI {target}"
    return ""


def _reason(target: str, exc: referencing.exceptions.Unresolvable) -> str:
    cause = exc.__cause__
    while cause is not None and not isinstance(cause, SpecError):
        cause = cause.__cause__
    if isinstance(cause, SpecError):
        return cause.render()
    if isinstance(exc, referencing.exceptions.PointerToNowhere):
        return f"{target} points nowhere"
    return f"cannot retrieve {target}"
