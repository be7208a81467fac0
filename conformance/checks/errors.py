"""The API's own error convention, where its contract names one (FastAPI's 422 for Telnyx).

``error_shape`` checks that a 422 has the convention's shape; ``error_location`` that it also
means it: its ``detail[].loc`` names the part of the request that was invalid, as our request
validator located it (``body``, ``query``, ``path``, ``header``, ``cookie``, then the field).
Neither applies where the operation documents its 422 in another shape or media type: there the
spec, judged by the response checks, says what the 422 is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance.checks.base import CheckContext, Issue, Location, Scope, Severity, check, location_of
from conformance.contracts import Api, ErrorConvention
from conformance.specs import Operation

__all__: list[str] = []


def _convention_holds(api: Api, operation: Operation) -> bool:
    """Whether the operation's 422s are held to FastAPI's convention: the API follows it, and the
    operation documents its 422 in that shape or not at all."""
    convention = api.contract.error_convention
    if convention is not ErrorConvention.FASTAPI:
        return False
    documented = operation.response_for(422)
    if documented is None:
        return True  # the convention says what the spec does not
    pointers = [pointer for media, pointer in documented.schema_pointers.items() if media.endswith("json")]
    if not pointers:
        return False  # documented as another media type: content_type judges it
    return convention.documented_by(api.spec.document, api.validators.resolve(pointers[0]))


def _convention_applies(scope: Scope) -> bool:
    return _convention_holds(scope.api, scope.operation)


def _located_convention_applies(scope: Scope) -> bool:
    """error_location compares a 422 with how the request was invalid: it needs invalid requests."""
    return scope.invalid_sent > 0 and _convention_holds(scope.api, scope.operation)


@check("error_shape", applies=_convention_applies)
def error_shape(ctx: CheckContext) -> Iterator[Issue]:
    if not _fastapi_422(ctx) or not ctx.body_whole:
        return
    if not ctx.has_json:
        message = "422 without a JSON body (the convention is {detail: [{loc, msg, type}]})"
        yield Issue(Severity.ERROR, message, Location(keyword="type"))
        return
    error = best_match(_validator(ctx.api.contract.error_convention).iter_errors(ctx.json_body))
    if error is not None:
        yield Issue(Severity.ERROR, f"422 breaks the FastAPI error convention: {error.message}", location_of(error))


@check("error_location", applies=_located_convention_applies)
def error_location(ctx: CheckContext) -> Iterator[Issue]:
    if not _fastapi_422(ctx) or not ctx.violations or not ctx.has_json:
        return
    blamed = _blamed(ctx.json_body)
    if not blamed:  # not the convention's shape, or no loc at all: error_shape says so
        return
    wrong = [violation.loc for violation in ctx.violations]
    if any(_same_place(loc, actual) for loc in blamed for actual in wrong):
        return
    said = ", ".join(".".join(map(str, loc)) for loc in blamed)
    expected = ".".join(map(str, wrong[0]))
    message = f"422 blames {said}; the invalid part was {expected}"
    yield Issue(Severity.ERROR, message, Location.at(wrong[0][:2], "loc"))


def _fastapi_422(ctx: CheckContext) -> bool:
    """A 422 of a FastAPI API, where the operation does not document its 422 otherwise."""
    return ctx.status == 422 and _convention_holds(ctx.api, ctx.operation)


def _blamed(body: Any) -> list[Sequence[Any]] | None:
    """The ``loc`` of every item in ``detail``, or None when the body is not of that shape."""
    detail = body.get("detail") if isinstance(body, dict) else None
    if not isinstance(detail, list):
        return None
    locs = [item.get("loc") for item in detail if isinstance(item, dict)]
    return [loc for loc in locs if isinstance(loc, list) and loc]


def _same_place(blamed: Sequence[Any], actual: Sequence[Any]) -> bool:
    """Same part of the request and, where both name one, the same field.

    A position (FastAPI's ``["body", 17]`` for a JSON decode error) or a bare ``["body"]`` names no
    field, so it agrees with any field of that part.
    """
    if str(blamed[0]) != str(actual[0]):
        return False
    if len(blamed) < 2 or len(actual) < 2:
        return True
    if isinstance(blamed[1], int) or isinstance(actual[1], int):
        return True
    if str(actual[0]) in ("header", "cookie"):  # HTTP names: any case, and FastAPI's x_token is x-token
        return _http_name(blamed[1]) == _http_name(actual[1])
    return str(blamed[1]) == str(actual[1])


def _http_name(name: Any) -> str:
    return str(name).lower().replace("_", "-")


@cache
def _validator(convention: ErrorConvention) -> Draft202012Validator:
    """The convention's own schema: the one object the mock rejects with and the checks hold to."""
    return Draft202012Validator(convention.error_schema())
