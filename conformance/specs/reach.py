"""What each operation reaches through its ``$ref``s, and which of that is broken.

Every ``$ref`` target is scanned once (its objects by kind, its own references, the broken
schemas inside it); an operation then unions the scans of what it reaches, so the 4 MB Telnyx
spec is scanned in well under a second even though its operations share most schemas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.errors import UnresolvedReference
from conformance.specs.resolver import Resolver
from conformance.specs.structure import SpecObject, walk

__all__ = ["Problem", "Reach", "dangling_refs"]


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # "unresolved_ref" or "spec_invalid"
    pointer: str
    message: str


@dataclass(slots=True)
class _Scan:
    problems: list[Problem] = field(default_factory=list)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (kind, local $ref)


class Reach:
    """Problems reachable from parts of one document.

    ``broken``: pointer of a Schema Object no validator can use -> why; ``unresolved``: pointer
    of a ``$ref`` that bundling could not resolve -> why.
    """

    def __init__(self, resolver: Resolver, broken: Mapping[str, str], unresolved: Mapping[str, str]) -> None:
        self._resolver = resolver
        self._broken = broken
        self._unresolved = unresolved
        self._targets: dict[str, _Scan] = {}
        self._resolves: dict[str, bool] = {}
        self._why: dict[str, str] = {}  # a $ref that does not resolve -> why

    def problems(self, roots: list[tuple[str, str, Any]]) -> list[Problem]:
        """What ``roots`` (kind, pointer, node) reach, each problem once, in the order found."""
        found: dict[str, Problem] = {}
        pending = [self._scan(kind, pointer, node) for kind, pointer, node in roots]
        seen: set[str] = set()
        while pending:
            scan = pending.pop(0)
            found.update((problem.pointer, problem) for problem in scan.problems if problem.pointer not in found)
            for kind, ref in scan.refs:
                if ref not in seen:
                    seen.add(ref)
                    pending.append(self._target(kind, ref))
        return list(found.values())

    def _target(self, kind: str, ref: str) -> _Scan:
        if ref not in self._targets:
            self._targets[ref] = _Scan()  # a cycle comes back to an empty scan, not forever
            self._targets[ref] = self._scan(kind, ref.removeprefix("#"), self._resolver.lookup(ref))
        return self._targets[ref]

    def _scan(self, kind: str, pointer: str, node: Any) -> _Scan:
        scan = _Scan()
        for child_kind, child_pointer, child in walk(node, kind, pointer):
            if child_pointer in self._broken:
                scan.problems.append(Problem("spec_invalid", child_pointer, self._broken[child_pointer]))
            ref = child.get("$ref")
            if not isinstance(ref, str):
                continue
            if self.resolves(ref):
                scan.refs.append((child_kind, ref))
            else:
                where = f"{child_pointer}/$ref"
                message = self._unresolved.get(where) or self.why(ref)
                scan.problems.append(Problem("unresolved_ref", where, message))
        return scan

    def why(self, ref: str) -> str:
        """Why a ``$ref`` that does not resolve does not."""
        return self._why.get(ref, f"$ref {ref!r} points nowhere")

    def resolves(self, ref: str) -> bool:
        """Whether ``ref`` leads to something: its whole chain followed (``A -> B -> A`` does not)."""
        if ref not in self._resolves:
            try:
                self._resolver.resolve_at(ref)
                self._resolves[ref] = ref.startswith("#")
            except UnresolvedReference as exc:
                self._resolves[ref] = False
                if "cycle" in exc.problem:
                    self._why[ref] = f"$ref {ref!r} leads round in a cycle of references"
        return self._resolves[ref]


def dangling_refs(objects: Iterable[SpecObject], reach: Reach) -> list[tuple[str, str]]:
    """Each ``$ref`` among a document's ``objects`` that points nowhere: (its pointer, its value)."""
    return [
        (f"{pointer}/$ref", node["$ref"])
        for _, pointer, node in objects
        if isinstance(node.get("$ref"), str) and not reach.resolves(node["$ref"])
    ]
