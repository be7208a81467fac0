"""Which operation of the old version is which of the new one, and what changed in each.

Operations are matched by method and path, path parameters' names aside: ``GET /runs/{id}`` and
``GET /runs/{run_id}`` are one operation whose parameter was renamed. An operation left over
in the old version whose operationId a left-over new one has was moved (renamed); the others
were removed (the whole path, when no operation is left on it) or added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from conformance.drift.changes import Change
from conformance.drift.pair import SpecPair, documentation
from conformance.drift.requests import body_changes, parameter_changes
from conformance.drift.responses import response_changes
from conformance.drift.security import requirement_changes
from conformance.specs import Operation

__all__ = ["OperationChanges", "operation_changes"]

_PARAMETER = re.compile(r"{[^}/]+}")


@dataclass(frozen=True, slots=True)
class OperationChanges:
    """The changes of one operation; ``operation`` is the new version's, or the old one's when it is gone."""

    operation: Operation
    changes: tuple[Change, ...] = field(default=())


def operation_changes(pair: SpecPair) -> Iterator[OperationChanges]:
    """Every operation that changed, in the new version's order, then the ones removed."""
    old = {_template(op): op for op in pair.old.operations}
    new = {_template(op): op for op in pair.new.operations}
    moved = _moved([op for key, op in old.items() if key not in new], [op for key, op in new.items() if key not in old])
    for key, after in new.items():
        before = old.get(key) or moved.get(id(after))
        changes = _added(after) if before is None else tuple(_compare(pair, before, after))
        if changes:
            yield OperationChanges(after, changes)
    gone = {id(before) for before in moved.values()}
    paths = {_PARAMETER.sub("{}", op.path) for op in pair.new.operations}
    for key, before in old.items():
        if key not in new and id(before) not in gone:
            path_gone = _PARAMETER.sub("{}", before.path) not in paths
            rule, detail = ("path_removed", "path removed") if path_gone else ("operation_removed", "operation removed")
            yield OperationChanges(before, (Change(rule, detail, before.pointer, None),))


def _added(operation: Operation) -> tuple[Change, ...]:
    return (Change("operation_added", "operation added", None, operation.pointer),)


def _template(operation: Operation) -> tuple[str, str]:
    return operation.method, _PARAMETER.sub("{}", operation.path)


def _moved(removed: list[Operation], added: list[Operation]) -> dict[int, Operation]:
    """Left-over new operations (by ``id``) with the left-over old one of the same written operationId."""
    by_id = {_written_id(op): op for op in removed if _written_id(op)}
    return {id(op): by_id[_written_id(op)] for op in added if _written_id(op) in by_id}


def _written_id(operation: Operation) -> str:
    written = operation.definition.get("operationId")
    return written if isinstance(written, str) else ""


def _compare(pair: SpecPair, old: Operation, new: Operation) -> Iterator[Change]:
    yield from _identity(old, new)
    yield from documentation((old.pointer, old.definition), (new.pointer, new.definition), "operation")
    yield from parameter_changes(pair, old, new)
    yield from body_changes(pair, old, new)
    yield from response_changes(pair, old, new)
    yield from requirement_changes(pair.old, pair.new, old, new)


def _identity(old: Operation, new: Operation) -> Iterator[Change]:
    """Where the operation is, its operationId, path parameter names and deprecation."""
    if _template(old) != _template(new):
        yield Change("operation_renamed", f"moved from {old.label} to {new.label}", old.pointer, new.pointer)
    was, now = _written_id(old), _written_id(new)
    if was and now and was != now:
        pointers = f"{old.pointer}/operationId", f"{new.pointer}/operationId"
        yield Change("operation_id_changed", f"operationId {was!r} -> {now!r}", *pointers, keyword="operationId")
    if old.path != new.path and _PARAMETER.sub("{}", old.path) == _PARAMETER.sub("{}", new.path):
        names = zip(old.path_parameter_names(), new.path_parameter_names(), strict=True)
        renamed = [f"{{{a}}} -> {{{b}}}" for a, b in names if a != b]
        if renamed:
            detail = f"path parameter {', '.join(renamed)}"
            yield Change(
                "path_parameter_renamed", detail, old.pointer.rpartition("/")[0], new.pointer.rpartition("/")[0]
            )
    if new.definition.get("deprecated") is True and old.definition.get("deprecated") is not True:
        pointers = f"{old.pointer}/deprecated", f"{new.pointer}/deprecated"
        yield Change("operation_deprecated", "operation deprecated", *pointers, keyword="deprecated")
