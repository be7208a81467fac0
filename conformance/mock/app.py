"""The embedded mock: a Starlette app that answers as the spec says the API does.

Invalid requests are answered in the API's error convention (FastAPI's 422 with ``loc``
naming the field, for Telnyx). Valid ones get the first documented 2xx with a body that
conforms to its schema, deterministic for a seed: every generated body is validated before it
is served, and when no seed gives a valid one the answer is an explicit 500, never a body that
breaks the spec. Who may call is the spec's ``security``, not the contract's auth. What a
POST creates, a GET of its id returns; an id never seen gets a generated body, as Prism does.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from conformance.contracts import Api, ErrorConvention
from conformance.mock.bodies import InstanceGenerator
from conformance.mock.security import Credentials, SecurityPolicy, policy_for
from conformance.mock.state import MockState
from conformance.specs import Operation
from conformance.specs.requests import RequestParts, Violation, validate_request

__all__ = ["create_app"]

_ATTEMPTS = 20  # seeds tried for a body that validates before the mock gives up with a 500


@dataclass(frozen=True, slots=True)
class _Plan:
    """How the mock answers a valid request to one operation; worked out once, at start-up."""

    operation: Operation
    status: int
    pointer: str | None  # the JSON schema of the answer, if it has a body
    identity: str  # where that schema really lives, so two operations returning it share state
    example: Any  # the documented example that fits the schema, or None
    security: SecurityPolicy  # who may call it, as the spec says


def create_app(api: Api, seed: int = 0) -> Starlette:
    state = MockState()
    by_path: dict[str, dict[str, _Plan]] = {}
    for operation in api.spec.operations:
        by_path.setdefault(operation.path, {})[operation.method] = _plan(api, operation)
    routes = [
        Route(path, _endpoint(api, plans, state, seed), methods=list(plans))
        for path, plans in sorted(by_path.items(), key=lambda item: (item[0].count("{"), item[0]))
    ]
    return Starlette(routes=routes)


def _plan(api: Api, operation: Operation) -> _Plan:
    status = _success_status(operation)
    security = policy_for(api.spec.document, operation.definition)
    documented = operation.response_for(status)
    pointer = documented.schema_pointers.get("application/json") if documented else None
    if documented is None or pointer is None:
        return _Plan(operation, status, None, "", None, security)
    example = _documented_example(api, operation.responses[documented.key], pointer)
    return _Plan(operation, status, pointer, _schema_identity(api, pointer), example, security)


def _endpoint(api: Api, plans: Mapping[str, _Plan], state: MockState, seed: int) -> Any:
    async def endpoint(request: Request) -> Response:
        plan = plans.get(request.method) or plans["GET"]  # Starlette adds HEAD to GET routes
        if not plan.security.allows(_credentials(request)):
            return _unauthenticated(api)
        path = request.scope.get("raw_path") or request.url.path.encode()  # still percent-encoded
        target = f"{path.decode('latin-1')}?{request.url.query}"
        parts = RequestParts.from_target(plan.operation, target, request.headers.items(), await request.body())
        violations = validate_request(plan.operation, api.validators, parts)
        if violations:
            return _rejection(api, violations)
        return _answer(api, plan, parts, state, seed)

    return endpoint


def _credentials(request: Request) -> Credentials:
    headers = {name.lower(): value for name, value in request.headers.items()}
    return Credentials(headers=headers, query=dict(request.query_params), cookies=dict(request.cookies))


def _unauthenticated(api: Api) -> Response:
    if api.contract.error_convention is ErrorConvention.FASTAPI:
        return JSONResponse({"detail": "Not authenticated"}, status_code=401)
    return JSONResponse({"error": "unauthorized"}, status_code=401)


def _rejection(api: Api, violations: list[Violation]) -> Response:
    detail = [{"loc": list(v.loc), "msg": v.msg, "type": v.type} for v in violations]
    if api.contract.error_convention is ErrorConvention.FASTAPI:
        return JSONResponse({"detail": detail}, status_code=422)
    return JSONResponse({"error": "invalid request", "details": detail}, status_code=400)


def _answer(api: Api, plan: _Plan, parts: RequestParts, state: MockState, seed: int) -> Response:
    operation = plan.operation
    if plan.pointer is None:
        return Response(status_code=plan.status)
    stored = state.recall(plan.identity, parts.path_params, operation)
    if stored is not None:
        return JSONResponse(stored, status_code=plan.status)
    call = state.next_call(operation.operation_id)
    body = copy.deepcopy(plan.example)
    if body is None:
        body = _valid_instance(api, plan.pointer, f"{seed}/{operation.operation_id}/{call}")
        if body is None:
            return _unbuildable(plan.pointer)
    body = _echo(api, plan.pointer, body, _request_fields(parts))
    if operation.method == "POST":
        state.remember(plan.identity, body)
    return JSONResponse(body, status_code=plan.status)


def _valid_instance(api: Api, pointer: str, seed: str) -> Any:
    """A generated body that validates against its schema, trying the next seeds; None if none does."""
    schema = api.validators.resolve(pointer)
    validator = api.validators.for_pointer(pointer)
    for attempt in range(_ATTEMPTS):
        rng = random.Random(seed if attempt == 0 else f"{seed}/{attempt}")
        try:
            body = InstanceGenerator(api.spec.document, rng, api.validators.resolver).generate(schema)
        except (KeyError, IndexError, TypeError, ValueError, RecursionError):
            return None  # a schema the generator cannot read (a dangling $ref, a bound that is not a number)
        if validator.is_valid(body):
            return body
    return None


def _unbuildable(pointer: str) -> Response:
    """Never an invalid body: a false finding against the API would be the mock's own fault."""
    message = f"the mock could not build a valid instance of the response schema in {_ATTEMPTS} attempts"
    return JSONResponse({"error": "mock_invalid_response", "message": message, "schema": pointer}, status_code=500)


def _success_status(operation: Operation) -> int:
    """The lowest documented 2xx; 200 when the spec gives only a 2XX range, a default, or nothing."""
    return min((int(key) for key in operation.responses if key.isdigit() and key.startswith("2")), default=200)


def _documented_example(api: Api, response: Mapping[str, Any], pointer: str) -> Any:
    """The response's own example (``example``, or the first of ``examples``), if it fits its schema."""
    media = response["content"]["application/json"]
    candidates = [media["example"]] if "example" in media else []
    candidates += [entry.get("value") for entry in media.get("examples", {}).values() if isinstance(entry, dict)]
    validator = api.validators.for_pointer(pointer)
    return next((c for c in candidates if c is not None and validator.is_valid(c)), None)


def _schema_identity(api: Api, pointer: str) -> str:
    """Where the response schema really lives, so two operations returning it share state."""
    schema = api.validators.resolve(pointer)
    for name, candidate in api.spec.document.get("components", {}).get("schemas", {}).items():
        if candidate is schema:
            return f"#/components/schemas/{name}"
    return pointer


def _request_fields(parts: RequestParts) -> dict[str, Any]:
    fields: dict[str, Any] = dict(parts.path_params)
    try:
        body = json.loads(parts.body) if parts.body.strip() else None
    except ValueError:
        body = None
    if isinstance(body, dict):
        fields.update(body)
    return fields


def _echo(api: Api, pointer: str, body: Any, fields: Mapping[str, Any]) -> Any:
    """Give a generated body the request's own values (a created run keeps its name)."""
    target = body.get("data") if isinstance(body, dict) and isinstance(body.get("data"), dict) else body
    if not isinstance(target, dict):
        return body
    validator = api.validators.for_pointer(pointer)
    for name, value in fields.items():
        if name not in target or target[name] == value:
            continue
        previous, target[name] = target[name], value
        if not validator.is_valid(body):
            target[name] = previous
    return body
