"""What changed in what a client sends: parameters and the request body.

A path parameter is matched by its place in the path, not its name, so ``/runs/{id}`` and
``/runs/{run_id}`` hold the same parameter (its rename is a change of its own); the others by
where they go and their name. Each parameter's and media type's schema is walked as a request.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance.drift.changes import Change, Direction
from conformance.drift.pair import SpecPair, documentation, placed
from conformance.errors import UnresolvedReference
from conformance.specs import Operation, Parameter, Resolver
from conformance.specs.model import escape_pointer

__all__ = ["body_changes", "parameter_changes"]

_JSON = "application/json"


def parameter_changes(pair: SpecPair, old: Operation, new: Operation) -> Iterator[Change]:
    was, now = _by_place(old), _by_place(new)
    for place in dict.fromkeys([*was, *now]):
        before, after = was.get(place), now.get(place)
        if before is None and after is not None:
            rule = "new_required_request_parameter" if after.required else "new_optional_request_parameter"
            detail = f"{'required' if after.required else 'optional'} parameter added"
            yield _parameter(after, Change(rule, detail, None, _object_pointer(after)))
        elif after is None and before is not None:
            yield _parameter(
                before, Change("request_parameter_removed", "parameter removed", _object_pointer(before), None)
            )
        elif before is not None and after is not None:
            yield from _changed_parameter(pair, before, after)


def body_changes(pair: SpecPair, old: Operation, new: Operation) -> Iterator[Change]:
    before, after = _body(pair.old_resolver, old), _body(pair.new_resolver, new)
    if before is None and after is None:
        return
    if before is None or after is None:
        yield _body_appeared(old, new, before, after)
        return
    if old.request_body_required != new.request_body_required:
        rule = "request_body_became_required" if new.request_body_required else "request_body_became_optional"
        detail = "became required" if new.request_body_required else "became optional"
        yield _in_body(Change(rule, detail, f"{before[0]}/required", f"{after[0]}/required", keyword="required"))
    yield from documentation(before, after, "request body")
    yield from _media_types(pair, old, new)


def _by_place(operation: Operation) -> dict[tuple[str, str], Parameter]:
    positions = {name: str(index) for index, name in enumerate(operation.path_parameter_names())}
    return {
        (p.location, positions.get(p.name, p.name) if p.location == "path" else _name(p)): p
        for p in operation.parameters
    }


def _name(parameter: Parameter) -> str:
    return parameter.name.lower() if parameter.location == "header" else parameter.name


def _changed_parameter(pair: SpecPair, before: Parameter, after: Parameter) -> Iterator[Change]:
    if before.required != after.required:
        rule = "request_parameter_became_required" if after.required else "request_parameter_became_optional"
        detail = "became required" if after.required else "became optional"
        pointers = (f"{_object_pointer(before)}/required", f"{_object_pointer(after)}/required")
        yield _parameter(after, Change(rule, detail, *pointers, keyword="required"))
    old_object = _lookup(pair.old_resolver, _object_pointer(before))
    new_object = _lookup(pair.new_resolver, _object_pointer(after))
    places = (_object_pointer(before), old_object), (_object_pointer(after), new_object)
    yield from (_parameter(after, change) for change in documentation(*places, ""))
    schemas = (before.schema, before.pointer.removeprefix("#")), (after.schema, after.pointer.removeprefix("#"))
    changes = pair.schemas(Direction.REQUEST, *schemas)
    yield from placed(changes, _parameter_context(after), (after.location, after.name))


def _parameter(parameter: Parameter, change: Change) -> Change:
    [located] = placed([change], _parameter_context(parameter), (parameter.location, parameter.name))
    return located


def _parameter_context(parameter: Parameter) -> str:
    return f"{parameter.location} parameter `{parameter.name}`"


def _object_pointer(parameter: Parameter) -> str:
    return parameter.pointer.removeprefix("#").removesuffix("/schema")


def _body(resolver: Resolver, operation: Operation) -> tuple[str, Mapping[str, Any]] | None:
    """The request body object and its pointer, or None when the operation takes none."""
    written = operation.definition.get("requestBody")
    if not isinstance(written, Mapping):
        return None
    try:
        pointer, body = resolver.follow(written)
    except UnresolvedReference:
        return None
    return (
        pointer.removeprefix("#")
        or escape_pointer("paths", operation.path, operation.method.lower())[1:] + "/requestBody"
    ), body


def _body_appeared(
    old: Operation, new: Operation, before: tuple[str, Any] | None, after: tuple[str, Any] | None
) -> Change:
    if after is not None:
        required = new.request_body_required
        rule = "request_body_added_required" if required else "request_body_added_optional"
        return _in_body(Change(rule, f"{'required' if required else 'optional'} body added", None, after[0]))
    assert before is not None
    return _in_body(Change("request_body_removed", "body removed", before[0], None))


def _media_types(pair: SpecPair, old: Operation, new: Operation) -> Iterator[Change]:
    was, now = old.request_media_types, new.request_media_types
    for media in dict.fromkeys([*was, *now]):
        if media not in now:
            yield _in_body(Change("request_media_type_removed", f"media type {media} removed", was[media], None))
        elif media not in was:
            yield _in_body(Change("request_media_type_added", f"media type {media} added", None, now[media]))
        else:
            changes = pair.schemas(Direction.REQUEST, pair.old_schema(was[media]), pair.new_schema(now[media]))
            context = "request body" if media == _JSON else f"request body ({media})"
            yield from placed(changes, context, ("body",))


def _in_body(change: Change) -> Change:
    [located] = placed([change], "request body", ("body",))
    return located


def _lookup(resolver: Resolver, pointer: str) -> Any:
    try:
        return resolver.resolve_at(pointer)
    except UnresolvedReference:
        return {}
