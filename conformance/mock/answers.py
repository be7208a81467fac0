"""One documented response as the mock gives it: a status, a concrete media type, a body that fits.

A response documents media types, each with an optional schema. The mock answers JSON where
the response documents a JSON type, else the first type it documents (a range made concrete:
``text/*`` answers ``text/plain``); a response documented without ``content`` has no body.
A body fits when the checks, reading it as they will, find it valid: a JSON body is parsed and
validated; any other body is validated as the JSON it parses to, else as the string it is (the
``type: string`` of a ``text/csv``). Candidates (documented examples, the error convention's
body) are tried first, then generated instances, seed after seed; when none fits, the caller
answers an explicit 500 rather than a body that breaks the spec.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from starlette.responses import Response

from conformance.contracts import NOT_REJECTIONS, Api, ErrorConvention
from conformance.mock.bodies import InstanceGenerator
from conformance.specs import Operation
from conformance.specs.media_types import MediaType

__all__ = ["ATTEMPTS", "Body", "Reply", "error_status", "find_body", "reply_for"]

ATTEMPTS = 20  # seeds tried for a body that fits before the mock gives up with a 500
# A range answers a type it covers; another ``type/*`` answers ``type/octet-stream``.
_RANGES = {"*/*": "application/json", "application/*": "application/json", "text/*": "text/plain"}
_PLACEHOLDER_TEXT = "ok"  # the body of a documented non-JSON type that has no schema


@dataclass(frozen=True, slots=True)
class Body:
    """A value the mock may serve (wrapped, since JSON ``null`` is a value too)."""

    value: Any


@dataclass(frozen=True, slots=True)
class Reply:
    """A documented response: its status, what the answer's Content-Type says, and its schema."""

    status: int
    media_type: str | None = None  # None: no body, no Content-Type
    pointer: str | None = None  # the JSON Schema of the body, when the spec gives one
    examples: tuple[Any, ...] = ()  # the documented examples that fit, in order

    @property
    def is_json(self) -> bool:
        return _is_json(self.media_type or "")

    def encode(self, value: Any) -> bytes:
        """The wire form of ``value``: JSON, or for another media type a string as it is.

        A string that reads as JSON of something else (``123``) is quoted: the checks read a body
        that parses as JSON as that JSON, whatever its media type.
        """
        if isinstance(value, str) and not self.is_json and _as_read(value.encode("utf-8")) == value:
            return value.encode("utf-8")
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")

    def response(self, body: Body | None) -> Response:
        """The answer; without a body (a HEAD, or nothing documented) only the headers."""
        content = b"" if body is None else self.encode(body.value)
        return Response(content, status_code=self.status, media_type=self.media_type)


def reply_for(api: Api, operation: Operation, status: int) -> Reply:
    """How the mock answers ``status`` for ``operation``, as its documented response says."""
    documented = operation.response_for(status)
    if documented is None or not documented.media_types:
        return Reply(status)
    written = next((media for media in documented.media_types if _is_json(media)), documented.media_types[0])
    reply = Reply(status, _concrete(written), documented.schema_pointers.get(written))
    content: Mapping[str, Any] = operation.responses[documented.key]["content"][written] or {}
    examples = tuple(example for example in _examples(content) if fits(api, reply, example))
    return replace(reply, examples=examples)


def error_status(operation: Operation, convention: ErrorConvention) -> int:
    """An invalid request's status: the convention's where the operation documents it (exactly,
    ``4XX`` or ``default``), else the first 4xx it documents of 422, 400, then any other that
    does not mean something else (401, 403, 404, 429); else the convention's anyway."""
    if operation.response_for(convention.rejection_status) is not None:
        return convention.rejection_status
    documented = sorted(int(key) for key in operation.responses if key.isdigit() and key.startswith("4"))
    preferred: list[int] = [status for status in (422, 400) if status in documented]
    preferred += [status for status in documented if status not in NOT_REJECTIONS]
    return next(iter(preferred), convention.rejection_status)


def find_body(api: Api, reply: Reply, candidates: Iterable[Any], seed: str) -> Body | None:
    """The first candidate that fits, else a generated instance that does; None when none does."""
    if reply.pointer is None:
        fallback = {} if reply.is_json else _PLACEHOLDER_TEXT
        return Body(next(iter(candidates), fallback))
    for candidate in candidates:
        if fits(api, reply, candidate):
            return Body(candidate)
    return _generated(api, reply, reply.pointer, seed)


def fits(api: Api, reply: Reply, value: Any) -> bool:
    """Whether ``value``, served as ``reply``, validates against its schema as the checks read it."""
    if reply.pointer is None:
        return True
    try:
        read = _as_read(reply.encode(value))
    except ValueError:  # NaN or infinity: not JSON
        return False
    return bool(api.validators.for_pointer(reply.pointer).is_valid(read))


def _generated(api: Api, reply: Reply, pointer: str, seed: str) -> Body | None:
    schema = api.validators.resolve(pointer)
    for attempt in range(ATTEMPTS):
        rng = random.Random(seed if attempt == 0 else f"{seed}/{attempt}")
        try:
            value = InstanceGenerator(api.spec.document, rng, api.validators.resolver).generate(schema)
        except (KeyError, IndexError, TypeError, ValueError, RecursionError):
            return None  # a schema the generator cannot read (a bound that is not a number)
        if fits(api, reply, value):
            return Body(value)
    return None


def _as_read(raw: bytes) -> Any:
    """What the checks validate of a body: the JSON it parses to, else its text."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", errors="replace")


def _examples(content: Mapping[str, Any]) -> list[Any]:
    """A media type's ``example``, then the values of its ``examples``."""
    found = [content["example"]] if "example" in content else []
    examples = content.get("examples")
    entries = examples.values() if isinstance(examples, Mapping) else ()
    return found + [entry["value"] for entry in entries if isinstance(entry, Mapping) and "value" in entry]


def _is_json(media: str) -> bool:
    parsed = MediaType.parse(media)
    return parsed is not None and parsed.is_json


def _concrete(written: str) -> str:
    """The type an answer can carry for a documented key: a range made one type; else as written."""
    essence = written.split(";")[0].strip().lower()
    if essence in _RANGES:
        return _RANGES[essence]
    return f"{essence[:-2]}/octet-stream" if essence.endswith("/*") else written
