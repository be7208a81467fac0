"""The API's own error convention, where its contract names one (FastAPI's 422 for Telnyx)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance.checks.base import CheckContext, Issue, Severity, check
from conformance.checks.body import pointer_of
from conformance.contracts import ErrorConvention

__all__: list[str] = []


@check("error_shape")
def error_shape(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.api.contract.error_convention is not ErrorConvention.FASTAPI or ctx.status != 422:
        return
    if not ctx.has_json:
        yield Issue(Severity.ERROR, "422 without a JSON body (the convention is {detail: [{loc, msg, type}]})")
        return
    error = best_match(_fastapi_validator().iter_errors(ctx.json_body))
    if error is not None:
        yield Issue(Severity.ERROR, f"422 breaks the FastAPI error convention: {error.message}", pointer_of(error))


@cache
def _fastapi_validator() -> Draft202012Validator:
    text = resources.files("conformance.checks").joinpath("fastapi_error.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))
