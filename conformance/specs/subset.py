"""Cutting a subset of an OpenAPI document: chosen paths plus every component they reach.

This is what ``conformance specs vendor`` runs, so maintainers refresh a vendored spec
with the same code that made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from conformance.errors import UnresolvedReference
from conformance.specs.resolver import Resolver
from conformance.specs.structure import HTTP_METHODS

__all__ = ["cut_subset", "local_refs", "subset_prefixes"]

_RECOMPUTED = frozenset({"info", "paths", "components", "tags", "webhooks"})
_PROVENANCE = "paths with prefix {} extracted verbatim with transitively referenced components"
_PROVENANCE_READ = re.compile(re.escape(_PROVENANCE).replace(re.escape("{}"), "(.+)"))


def cut_subset(document: dict[str, Any], prefixes: Sequence[str]) -> dict[str, Any]:
    """Keep the paths that start with one of ``prefixes`` and the components they reach.

    Everything kept is copied verbatim, in the source's order within paths and sections; the
    top level is the source's other keys, then info, tags, paths, components. Raises
    ``KeyError`` naming a prefix that matched no path or a ``$ref`` that points nowhere.
    """
    paths = {p: item for p, item in document.get("paths", {}).items() if _matches(p, prefixes)}
    for prefix in prefixes:
        if not any(_matches(p, [prefix]) for p in paths):
            raise KeyError(f"no path starts with {prefix!r}")
    kept = _reachable_components(document, paths)
    subset = {k: v for k, v in document.items() if k not in _RECOMPUTED}
    subset["info"] = {**document.get("info", {}), "x-subset-of": _provenance(prefixes)}
    subset["tags"] = _used_tags(document, paths)
    if not subset["tags"]:
        del subset["tags"]
    subset["paths"] = paths
    components = _components(document, kept, _used_security_schemes(document, paths))
    if components:
        subset["components"] = components
    return subset


def local_refs(node: Any) -> Iterator[str]:
    """Every local ``$ref`` value inside ``node``, depth first."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            yield ref
        for value in node.values():
            yield from local_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from local_refs(value)


def subset_prefixes(document: dict[str, Any]) -> list[str] | None:
    """The prefixes a subset was cut with, as :func:`cut_subset` recorded them; None for a whole spec."""
    info = document.get("info")
    written = info.get("x-subset-of") if isinstance(info, dict) else None
    found = _PROVENANCE_READ.fullmatch(written) if isinstance(written, str) else None
    return found.group(1).split(", ") if found else None


def _provenance(prefixes: Sequence[str]) -> str:
    return _PROVENANCE.format(", ".join(prefixes))


def _matches(path: str, prefixes: Sequence[str]) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)


def _reachable_components(document: dict[str, Any], roots: Any) -> set[str]:
    resolver = Resolver(document)
    seen: set[str] = set()
    pending = list(local_refs(roots))
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        try:
            target = resolver.lookup(ref)
        except UnresolvedReference as exc:
            raise KeyError(f"$ref {ref!r} points nowhere") from exc
        pending.extend(local_refs(target))
    return seen


def _components(document: dict[str, Any], refs: set[str], schemes: set[str]) -> dict[str, Any]:
    wanted = {tuple(ref.split("/")[2:4]) for ref in refs if ref.startswith("#/components/")}
    wanted |= {("securitySchemes", name) for name in schemes}
    result: dict[str, Any] = {}
    for section, entries in document.get("components", {}).items():
        chosen = {name: body for name, body in entries.items() if (section, name) in wanted}
        if chosen:
            result[section] = dict(sorted(chosen.items()))
    return result


def _operations(paths: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in paths.values():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield operation


def _used_tags(document: dict[str, Any], paths: dict[str, Any]) -> list[Any]:
    names = {tag for op in _operations(paths) for tag in op.get("tags", [])}
    return [tag for tag in document.get("tags", []) if tag.get("name") in names]


def _used_security_schemes(document: dict[str, Any], paths: dict[str, Any]) -> set[str]:
    requirements = list(document.get("security", []))
    for operation in _operations(paths):
        requirements.extend(operation.get("security", []))
    return {name for requirement in requirements for name in requirement}
