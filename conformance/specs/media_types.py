"""Which declared request media type a Content-Type picks, and the body read as that type.

Hand-written because the matching rules are OpenAPI's, not HTTP content negotiation's: a
``requestBody.content`` key may be a range (``*/*``, ``image/*``, ``application/*+json``)
and the most specific key that accepts the sent type wins. A ``+json`` type is JSON to
read, but it is accepted only where such a type (or a range covering it) is declared.
Bodies are read as servers read them: JSON; url-encoded and multipart fields coerced by
their property schemas (``encoding`` objects are not read); text as one string; any
other type (``application/octet-stream``...) as opaque bytes that no schema is checked on.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import parse_qsl

from conformance.specs.coercion import Schema, coerce, property_schema, shape_of
from conformance.specs.schemas import SchemaValidators

__all__ = ["BodyError", "MediaType", "best_match", "is_opaque", "read_body"]

_OPAQUE = object()  # a body we read but do not check against a schema


class BodyError(ValueError):
    """The body cannot be read as its Content-Type says; ``position`` is a JSON body's loc index."""

    def __init__(self, message: str, kind: str, position: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.position = position


@dataclass(frozen=True, slots=True)
class MediaType:
    type: str
    subtype: str
    parameters: Mapping[str, str]

    @classmethod
    def parse(cls, text: str) -> MediaType | None:
        essence, *rest = text.split(";")
        kind, slash, subtype = essence.strip().lower().partition("/")
        if not (kind and slash and subtype):
            return None
        parameters = dict(_parameter(item) for item in rest if "=" in item)
        return cls(kind, subtype, parameters)

    @property
    def essence(self) -> str:
        return f"{self.type}/{self.subtype}"

    @property
    def is_json(self) -> bool:
        return self.essence == "application/json" or self.subtype.endswith("+json")

    def specificity(self, sent: MediaType) -> int | None:
        """How closely this declared type (or range) accepts ``sent``; None if it does not."""
        if self.essence == "*/*":
            return 0
        if self.type != sent.type:
            return None
        if self.subtype == "*":
            return 1
        if self.subtype.startswith("*+"):
            return 2 if sent.subtype.endswith(self.subtype[1:]) else None
        if self.subtype != sent.subtype:
            return None
        if any(sent.parameters.get(key, "").lower() != value.lower() for key, value in self.parameters.items()):
            return None
        return 3 + len(self.parameters)


def best_match(sent: MediaType, declared: Iterable[str]) -> str | None:
    """The declared media type (as written) that accepts ``sent`` most specifically."""
    ranked = []
    for written in declared:
        parsed = MediaType.parse(written)
        rank = parsed.specificity(sent) if parsed else None
        if rank is not None:
            ranked.append((rank, written))
    return max(ranked, key=lambda item: item[0])[1] if ranked else None


def read_body(sent: MediaType, body: bytes, schema: Schema, validators: SchemaValidators) -> Any:
    """The body as an instance of ``schema``; ``_OPAQUE`` (see ``is_opaque``) for binary types."""
    if sent.is_json:
        return _json(body)
    if sent.essence == "application/x-www-form-urlencoded":
        return _fields(parse_qsl(_text(body, sent), keep_blank_values=True), schema, validators)
    if sent.essence == "multipart/form-data":
        return _fields(_multipart(sent, body), schema, validators)
    if sent.type == "text":
        return _text(body, sent)
    return _OPAQUE


def is_opaque(instance: Any) -> bool:
    return instance is _OPAQUE


def _parameter(item: str) -> tuple[str, str]:
    key, _, value = item.partition("=")
    return key.strip().lower(), value.strip().strip('"')


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError as exc:  # UnicodeDecodeError is one; loc ("body", 0) as we always answered
        raise BodyError(f"JSON decode error: {exc}", "json_invalid", 0) from exc


def _text(body: bytes, sent: MediaType) -> str:
    charset = sent.parameters.get("charset", "utf-8")
    try:
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError) as exc:
        raise BodyError(f"Body is not {charset} text: {exc}", "text_invalid") from exc


def _fields(pairs: Iterable[tuple[str, str]], schema: Schema, validators: SchemaValidators) -> dict[str, Any]:
    """Form fields as an object: repeated names fill array properties, others keep their last value."""
    fields: dict[str, Any] = {}
    for name, text in pairs:
        shape, items = shape_of(property_schema(schema, name, validators), validators)
        if shape == "array":
            fields.setdefault(name, []).append(coerce(text, items, validators))
        else:
            fields[name] = coerce(text, property_schema(schema, name, validators), validators)
    return fields


def _multipart(sent: MediaType, body: bytes) -> list[tuple[str, str]]:
    """The named parts of a multipart body, files as text (``format: binary`` strings)."""
    if "boundary" not in sent.parameters:
        raise BodyError("multipart/form-data without a boundary", "multipart_invalid")
    head = f'Content-Type: multipart/form-data; boundary="{sent.parameters["boundary"]}"\r\n\r\n'
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head.encode() + body)
    if not message.is_multipart() or message.defects:
        raise BodyError("multipart/form-data body cannot be parsed", "multipart_invalid")
    return [_part(part) for part in message.iter_parts() if isinstance(part, Message)]


def _part(part: Message) -> tuple[str, str]:
    name = part.get_param("name", header="content-disposition")
    if not isinstance(name, str):
        raise BodyError("multipart/form-data part without a name", "multipart_invalid")
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset() or "utf-8"
    return name, data.decode(charset, errors="surrogateescape") if part.get_filename() is None else data.decode(
        "latin-1"
    )
