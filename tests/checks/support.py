"""Building exchanges and check contexts by hand, so checks are tested without any network."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from conformance._bundled import contracts_dir
from conformance.checks import CHECKS, CheckContext, Issue
from conformance.contracts import Api, OperationPolicy, Safety, load_catalog
from conformance.specs import ApiSpec, SchemaValidators
from conformance.specs.model import read_operations
from conformance.specs.requests import Violation
from conformance.transport import Exchange, RequestRecord, ResponseRecord

__all__ = ["UUID", "bundled_api", "custom_api", "exchange", "issues", "json_response", "run_checks"]

UUID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"


def exchange(
    status: int | None,
    body: Any = b"",
    content_type: str = "application/json",
    *,
    error: str | None = None,
) -> Exchange:
    """An exchange as ``send`` would record it; ``body`` is JSON-encoded unless given as bytes."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = RequestRecord("GET", "http://api.test/thing", (("accept", "*/*"),), None)
    if status is None:
        return Exchange(request, None, b"", "", error=error or "ConnectError: refused")
    headers = (("content-type", content_type),) if content_type else ()
    response = ResponseRecord(status, headers, raw.decode("utf-8", errors="replace") or None)
    return Exchange(request, response, raw, content_type, error=error)


def run_checks(
    api: Api,
    operation_id: str,
    exch: Exchange,
    violations: Sequence[Violation] = (),
    *,
    with_credentials: bool = True,
    meant_valid: bool = True,
) -> dict[str, list[Issue]]:
    """Every registered check on one exchange: the codes that fired, with their issues."""
    operation = api.spec.find(operation_id)
    assert operation is not None, operation_id
    context = CheckContext(api, operation, exch, list(violations), with_credentials, meant_valid)
    fired = {code: list(check(context)) for code, check in CHECKS.items()}
    return {code: found for code, found in fired.items() if found}


def issues(api: Api, operation_id: str, exch: Exchange, code: str, **kwargs: Any) -> list[Issue]:
    return run_checks(api, operation_id, exch, **kwargs).get(code, [])


def custom_api(
    base: Api,
    responses: Mapping[str, Any],
    *,
    components: Mapping[str, Any] | None = None,
    name: str = "custom",
) -> Api:
    """An API with one operation, ``getThing`` (GET /things), documenting ``responses``.

    The contract is ``base``'s (its error convention and auth) under another name.
    """
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": name, "version": "1"},
        "paths": {"/things": {"get": {"operationId": "getThing", "responses": dict(responses)}}},
        "components": {"schemas": dict(components or {})},
    }
    spec = ApiSpec(name, Path(f"{name}.json"), document, tuple(read_operations(name, document)))
    contract = replace(base.contract, api=name, operations={"getThing": OperationPolicy(Safety.SAFE, True)})
    return Api(contract, spec, SchemaValidators(name, document))


def json_response(schema: Mapping[str, Any], status: str = "200") -> dict[str, Any]:
    return {status: {"description": "ok", "content": {"application/json": {"schema": dict(schema)}}}}


@cache
def bundled_api(name: str) -> Api:
    """A vendored API, for Hypothesis tests (which must not take the large ``catalog`` fixture as an argument)."""
    return load_catalog(contracts_dir())[name]
