"""What changed in what a client reads: documented statuses, their media types and body schemas.

Statuses are matched by their key as written, in any case (``4xx`` is ``4XX``). A 2xx is what a
client is built around: one removed breaks it, and one added may be answered instead. Other
statuses (errors, redirects, ``default``) are read as errors by clients.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance.drift.changes import Change, Direction
from conformance.drift.pair import SpecPair, documentation, placed
from conformance.specs import Operation
from conformance.specs.documents import escape_token
from conformance.specs.model import escape_pointer

__all__ = ["response_changes"]

_JSON = "application/json"
_Response = tuple[str, Mapping[str, Any]]  # the response object's pointer, and the object


def response_changes(pair: SpecPair, old: Operation, new: Operation) -> Iterator[Change]:
    was, now = _responses(old), _responses(new)
    for status in dict.fromkeys([*was, *now]):
        before, after = was.get(status), now.get(status)
        kind = "success" if status.startswith("2") else "error"
        if after is None and before is not None:
            yield _in(status, Change(f"response_{kind}_status_removed", "status removed", before[0], None))
        elif before is None and after is not None:
            yield _in(status, Change(f"response_{kind}_status_added", "status added", None, after[0]))
        elif before is not None and after is not None:
            yield from placed(documentation(before, after, ""), f"response {status}", response=status)
            yield from _media_types(pair, status, before, after)


def _responses(operation: Operation) -> dict[str, _Response]:
    """Each documented response by its status key (upper-case), with where its object is."""
    found = {}
    for key, response in operation.responses.items():
        followed = operation.referenced.get(f"responses/{key}")
        if followed is not None:
            pointer = followed[0].removeprefix("#")
        else:
            pointer = escape_pointer("paths", operation.path, operation.method.lower(), "responses", key)[1:]
        found[key.upper()] = (pointer, response)
    return found


def _media_types(pair: SpecPair, status: str, before: _Response, after: _Response) -> Iterator[Change]:
    was, now = _content(before), _content(after)
    for media in dict.fromkeys([*was, *now]):
        if media not in now:
            yield _in(status, Change("response_media_type_removed", f"media type {media} removed", was[media], None))
        elif media not in was:
            yield _in(status, Change("response_media_type_added", f"media type {media} added", None, now[media]))
        else:
            old_schema, new_schema = pair.old_schema(f"{was[media]}/schema"), pair.new_schema(f"{now[media]}/schema")
            changes = pair.schemas(Direction.RESPONSE, old_schema, new_schema)
            context = f"response {status}" + ("" if media == _JSON else f" ({media})")
            yield from placed(changes, context, response=status)


def _content(response: _Response) -> dict[str, str]:
    """Each media type of a response, with the pointer of its media type object."""
    pointer, written = response
    content = written.get("content")
    if not isinstance(content, Mapping):
        return {}
    return {media: f"{pointer}/content/{escape_token(media)}" for media in content}


def _in(status: str, change: Change) -> Change:
    [located] = placed([change], f"response {status}", response=status)
    return located
