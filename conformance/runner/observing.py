"""Recording what one operation's responses hold: its observed schema (``conformance.results.observed``).

The engine hands every checked exchange to an :class:`Observer`, which reuses what the checks
already derived (the parsed body, the documented response and its schema). Memory is bounded per
operation whatever the length of the run: at most ``_MAX_FIELDS`` field templates,
``_MAX_ENUM_VALUES`` values per enum field, ``_MAX_MEDIA_TYPES`` media types per status, and
``_MAX_NODES`` values walked per body; past a cap, ``capped`` says what stopped growing.
A server's text (keys, values, media types) is redacted as findings are: a server that echoes the
secret back must not put it in the report through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from jsonschema import FormatChecker

from conformance.checks import CheckContext
from conformance.checks.base import media_type
from conformance.errors import UnresolvedReference
from conformance.results import FormatTally, Gaps, Observed, ObservedResponse, Scalar, enum_cap_note
from conformance.specs import Operation, Resolver
from conformance.specs.documents import escape_token
from conformance.specs.outline import Outline, outline
from conformance.transport import QUOTE_LIMIT, clip

__all__ = ["Observer"]

_MAX_FIELDS = 500  # distinct field templates per operation, over all its statuses
_MAX_ENUM_VALUES = 50  # distinct values per enum field and status
_MAX_MEDIA_TYPES = 10  # per status
_MAX_NODES = 10_000  # values walked in one body
_FORMATS = FormatChecker()  # every format jsonschema knows; an unknown one conforms
_EMPTY = Outline()

EnumKey = tuple[type, Scalar]  # typed, so that True and 1 stay two values


@dataclass(slots=True)
class _Status:
    """What the responses of one status held so far (ordered sets as dicts)."""

    outline: Outline | None = None  # the documented JSON schema's outline, when there is one
    media_types: dict[str, None] = field(default_factory=dict)
    fields: dict[str, None] = field(default_factory=dict)
    enum_values: dict[str, dict[EnumKey, Scalar]] = field(default_factory=dict)
    formats: dict[str, list[int]] = field(default_factory=dict)  # template -> [seen, violated]


class Observer:
    def __init__(self, operation: Operation, resolver: Resolver, redact: Callable[[str], str]) -> None:
        self.operation, self.resolver, self.redact = operation, resolver, redact
        self.statuses: dict[str, _Status] = {}
        self.field_count = 0
        self.capped: set[str] = set()
        self._outlines: dict[str, Outline | None] = {}  # schema pointer -> outline

    def record(self, ctx: CheckContext) -> None:
        if ctx.status is None:
            return
        status = str(ctx.status)
        tally = self.statuses.get(status)
        if tally is None:
            tally = self.statuses[status] = _Status(self._outline(ctx.schema_pointer))
        self._media_type(status, tally, media_type(ctx.exchange.content_type))
        if ctx.has_json:
            self._body(status, tally, ctx.json_body)

    def result(self) -> Observed:
        responses = tuple(_response(status, tally) for status, tally in sorted(self.statuses.items()))
        capped = tuple(sorted(self.redact(note) for note in self.capped))
        if not self.statuses:
            return Observed(capped=capped)
        never, undocumented = self._gaps()
        return _Redaction(self.redact).observed(Observed(responses, never, undocumented, capped))

    def _outline(self, pointer: str | None) -> Outline | None:
        if pointer is None:
            return None
        if pointer not in self._outlines:
            try:
                self._outlines[pointer] = outline(self.resolver, pointer)
            except UnresolvedReference:  # a spec finding already: its gaps are not worth guessing
                self._outlines[pointer] = None
        return self._outlines[pointer]

    def _media_type(self, status: str, tally: _Status, media: str) -> None:
        if media and media not in tally.media_types:
            if len(tally.media_types) >= _MAX_MEDIA_TYPES:
                self.capped.add(f"media_types {status}")
            else:
                tally.media_types[media] = None

    def _body(self, status: str, tally: _Status, body: Any) -> None:
        schema = tally.outline or _EMPTY
        fields = schema.fields
        for template, value in _nodes(body, schema, self.capped):
            if len(template) > QUOTE_LIMIT:  # a megabyte-long key is noted, never quoted whole
                self._field(tally, clip(template))
                continue
            self._field(tally, template)
            doc = fields.get(template)
            if doc is None or value is None:
                continue
            if doc.enum is not None and isinstance(value, str | int | float):
                self._enum_value(status, tally, template, value)
            if doc.format is not None and isinstance(value, str):
                counts = tally.formats.setdefault(template, [0, 0])
                counts[0] += 1
                counts[1] += not _FORMATS.conforms(value, doc.format)

    def _field(self, tally: _Status, template: str) -> None:
        if template in tally.fields:
            return
        if self.field_count >= _MAX_FIELDS:
            self.capped.add("fields")
            return
        tally.fields[template] = None
        self.field_count += 1

    def _enum_value(self, status: str, tally: _Status, template: str, value: Scalar) -> None:
        values = tally.enum_values.setdefault(template, {})
        if isinstance(value, str) and len(value) > QUOTE_LIMIT:
            value = clip(value)
        key = (type(value), value)
        if key not in values:
            if len(values) >= _MAX_ENUM_VALUES:
                self.capped.add(enum_cap_note(status, template))
            else:
                values[key] = value

    def _gaps(self) -> tuple[Gaps, Gaps]:
        """What was documented and never seen, and what was seen and is not documented."""
        seen_keys = {self._documented_key(status) for status in self.statuses}
        never_statuses = [key for key in self.operation.documented_statuses if key not in seen_keys | {"default"}]
        odd_statuses = [status for status in sorted(self.statuses) if self._documented_key(status) is None]
        never, odd = _FieldGaps(), _FieldGaps()
        for status, tally in sorted(self.statuses.items()):
            if tally.outline is not None and not tally.outline.capped and "fields" not in self.capped:
                self._field_gaps(status, tally, tally.outline, never, odd)
        return never.gaps(never_statuses), odd.gaps(odd_statuses)

    def _documented_key(self, status: str) -> str | None:
        documented = self.operation.response_for(int(status))
        return None if documented is None else documented.key

    def _field_gaps(self, status: str, tally: _Status, schema: Outline, never: _FieldGaps, odd: _FieldGaps) -> None:
        seen = tally.fields
        for template, doc in schema.fields.items():
            if doc.optional and _is_key(template) and template not in seen and _within(_parent(template), seen):
                never.field(status, template)
        for template in seen:
            parent = _parent(template)
            if template not in schema.fields and parent not in schema.open and _within(parent, schema.fields):
                odd.field(status, template)
        for template, values in tally.enum_values.items():
            declared = schema.fields[template].enum or ()
            typed = {(type(value), value) for value in declared}
            odd.values(status, template, [value for key, value in values.items() if key not in typed])
            if enum_cap_note(status, template) not in self.capped:
                never.values(status, template, [value for value in declared if (type(value), value) not in values])


@dataclass(slots=True)
class _FieldGaps:
    fields: dict[str, list[str]] = field(default_factory=dict)
    enum_values: dict[str, dict[str, tuple[Scalar, ...]]] = field(default_factory=dict)

    def field(self, status: str, template: str) -> None:
        self.fields.setdefault(status, []).append(template)

    def values(self, status: str, template: str, values: list[Any]) -> None:
        scalars = tuple(value for value in values if isinstance(value, str | int | float))
        if scalars:
            self.enum_values.setdefault(status, {})[template] = _sorted(scalars)

    def gaps(self, statuses: list[str]) -> Gaps:
        fields = {status: tuple(sorted(templates)) for status, templates in self.fields.items()}
        return Gaps(tuple(statuses), fields, self.enum_values)


@dataclass(frozen=True, slots=True)
class _Redaction:
    """Every text of a server in an observation, redacted."""

    redact: Callable[[str], str]

    def observed(self, observed: Observed) -> Observed:
        responses = tuple(self._response(response) for response in observed.responses)
        return replace(
            observed,
            responses=responses,
            never_seen=self._gaps(observed.never_seen),
            undocumented=self._gaps(observed.undocumented),
        )

    def _response(self, response: ObservedResponse) -> ObservedResponse:
        return replace(
            response,
            media_types=self._texts(response.media_types),
            fields=self._texts(response.fields),
            enum_values=self._enums(response.enum_values),
            formats={self.redact(template): tally for template, tally in response.formats.items()},
        )

    def _gaps(self, gaps: Gaps) -> Gaps:
        fields = {status: self._texts(templates) for status, templates in gaps.fields.items()}
        enums = {status: self._enums(by_field) for status, by_field in gaps.enum_values.items()}
        return Gaps(gaps.statuses, fields, enums)

    def _enums(self, by_field: Mapping[str, tuple[Scalar, ...]]) -> dict[str, tuple[Scalar, ...]]:
        return {self.redact(template): self._values(values) for template, values in by_field.items()}

    def _values(self, values: tuple[Scalar, ...]) -> tuple[Scalar, ...]:
        return tuple(self.redact(value) if isinstance(value, str) else value for value in values)

    def _texts(self, texts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.redact(text) for text in texts)


def _response(status: str, tally: _Status) -> ObservedResponse:
    return ObservedResponse(
        status=status,
        media_types=tuple(tally.media_types),
        fields=tuple(sorted(template for template in tally.fields if _is_key(template))),
        enum_values={
            template: _sorted(tuple(values.values())) for template, values in sorted(tally.enum_values.items())
        },
        formats={
            template: FormatTally(_format(tally, template), seen, violated)
            for template, (seen, violated) in sorted(tally.formats.items())
        },
    )


def _format(tally: _Status, template: str) -> str:
    doc = (tally.outline or _EMPTY).fields.get(template)
    return "" if doc is None or doc.format is None else doc.format


def _nodes(body: Any, schema: Outline, capped: set[str]) -> Iterator[tuple[str, Any]]:
    """Values of a JSON body with their pointer templates (``*`` for indices), walked only into
    what the schema declares and closes: keys under an open object (``{}``), or under a key the
    schema does not declare, are no news one by one (a server echoing random input makes them)."""
    stack: list[tuple[str, Any]] = [("", body)]
    walked = 0
    while stack:
        template, value = stack.pop()
        for below, child in _children(template, value):
            walked += 1
            if walked > _MAX_NODES:
                capped.add("body values")
                return
            yield below, child
            if below in schema.fields and below not in schema.open:
                stack.append((below, child))


def _children(template: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        yield from ((f"{template}/{escape_token(key)}", child) for key, child in value.items())
    elif isinstance(value, list):
        yield from ((f"{template}/*", item) for item in value)


def _is_key(template: str) -> bool:
    """An object key's template, not an array item's (``/data/*``)."""
    return not template.endswith("/*")


def _within(parent: str, templates: Mapping[str, Any]) -> bool:
    """Whether ``parent`` is the root or one of ``templates``: only the top of a gap is named."""
    return parent == "" or parent in templates


def _parent(template: str) -> str:
    return template.rsplit("/", 1)[0]


def _sorted(values: tuple[Scalar, ...]) -> tuple[Scalar, ...]:
    return tuple(sorted(values, key=lambda value: (type(value).__name__, str(value))))
