"""Checks on the response body against its documented schema.

The body is validated once (``CheckContext.schema_errors``); each check below reports the
violations of its own kind, so one broken field gives one finding with the right code.
"""

from __future__ import annotations

from collections.abc import Iterator

from conformance.checks.base import (
    CheckContext,
    CheckedBody,
    Issue,
    Location,
    Scope,
    Severity,
    body_check,
    check,
    location_of,
    media_type,
)

__all__: list[str] = []

_SPECIFIC = {"required", "enum", "const", "format"}


def _validated(scope: Scope) -> bool:
    """A body can break a schema only where the operation documents one."""
    return scope.documents_a_schema


@check("content_type", applies=lambda scope: scope.documents_a_response)
def content_type(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.documented is None:
        return
    whole = ctx.body_whole  # a body cut at the cap says nothing about whether it parses
    declared = ctx.documented.media_types
    received = media_type(ctx.exchange.content_type)
    where = Location(keyword=received or "(none)")
    if not declared:
        if whole and ctx.exchange.body.strip():
            message = f"a body ({received or 'no Content-Type'}) where the spec documents none"
            yield Issue(Severity.WARNING, message, where)
        return
    if not any(_matches(received, pattern) for pattern in declared):
        message = f"Content-Type {received or '(none)'!r} is not documented ({', '.join(declared)})"
        yield Issue(Severity.ERROR, message, where)
    elif whole and received.endswith("json") and not ctx.has_json and not ctx.without_body:
        yield Issue(Severity.ERROR, f"body does not parse as {received}", Location(keyword="parse"))


@body_check("required_field", applies=_validated)
def required_field(ctx: CheckedBody) -> Iterator[Issue]:
    for error in ctx.schema_errors:
        if error.validator == "required":
            yield Issue(Severity.ERROR, error.message, location_of(error))


@body_check("enum_value", applies=_validated)
def enum_value(ctx: CheckedBody) -> Iterator[Issue]:
    for error in ctx.schema_errors:
        if error.validator in ("enum", "const"):
            incomplete = bool(error.schema.get("x-enum-incomplete")) if isinstance(error.schema, dict) else False
            severity = Severity.WARNING if incomplete else Severity.ERROR
            note = " (the documented enum is known to be incomplete)" if incomplete else ""
            yield Issue(severity, f"{error.message}{note}", location_of(error))


@body_check("format_uuid", applies=_validated)
def format_uuid(ctx: CheckedBody) -> Iterator[Issue]:
    yield from _format_issues(ctx, "uuid")


@body_check("format_date_time", applies=_validated)
def format_date_time(ctx: CheckedBody) -> Iterator[Issue]:
    yield from _format_issues(ctx, "date-time")


@body_check("schema", applies=_validated)
def schema(ctx: CheckedBody) -> Iterator[Issue]:
    for error in ctx.schema_errors:
        if error.validator not in _SPECIFIC:  # the format checker knows only the formats above
            yield Issue(Severity.ERROR, error.message, location_of(error))


def _format_issues(ctx: CheckedBody, fmt: str) -> Iterator[Issue]:
    for error in ctx.schema_errors:
        if error.validator == "format" and error.validator_value == fmt:
            yield Issue(Severity.ERROR, error.message, location_of(error))


def _matches(received: str, pattern: str) -> bool:
    pattern = pattern.lower()
    if pattern in ("*/*", received):
        return True
    return pattern.endswith("/*") and received.startswith(pattern[:-1])
