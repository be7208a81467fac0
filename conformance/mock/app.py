"""The embedded mock: a Starlette app that answers as the spec says the API does.

Every answer is a response the operation documents, in the media type it documents (see
``answers``). Valid requests get the first documented 2xx with a body that conforms to its
schema, deterministic for a seed: every body is validated before it is served, and when no
seed gives a valid one the answer is an explicit 500, never a body that breaks the spec.
Invalid requests are answered in the API's error convention (FastAPI's 422 with ``loc``
naming the field, for Telnyx) where the operation's documented rejection lets it, else with
what that rejection documents. Who may call is the spec's ``security``, not the contract's
auth. What a POST creates, a GET of its id returns; an id never seen gets a generated body,
as Prism does. An operation the spec leaves unusable (a dangling ``$ref``) answers a 500
that names the reason; the others still work.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from conformance.contracts import Api
from conformance.errors import UnresolvedReference
from conformance.mock.answers import ATTEMPTS, Body, Reply, error_status, find_body, reply_for
from conformance.mock.security import Credentials, SecurityPolicy, policy_for
from conformance.mock.state import MockState
from conformance.specs import Operation
from conformance.specs.requests import RequestParts, Violation, validate_request

__all__ = ["create_app"]


@dataclass(frozen=True, slots=True)
class _Plan:
    """How the mock answers one operation; worked out once, at start-up."""

    operation: Operation
    security: SecurityPolicy  # who may call it, as the spec says
    success: Reply  # a valid request's answer
    rejection: Reply  # an invalid request's answer
    unauthenticated: Reply  # the answer without the credentials the spec asks for
    identity: str  # where the success schema really lives, so two operations returning it share state


@dataclass(frozen=True, slots=True)
class _Unusable:
    """An operation the spec leaves unusable: every request to it gets a 500 naming why."""

    operation: Operation
    reason: str


def create_app(api: Api, seed: int = 0) -> Starlette:
    state = MockState()
    by_path: dict[str, dict[str, _Plan | _Unusable]] = {}
    for operation in api.spec.operations:
        by_path.setdefault(operation.path, {})[operation.method] = _plan_or_unusable(api, operation)
    routes = [
        Route(_route_path(path), _endpoint(api, plans, state, seed), methods=list(plans))
        for path, plans in sorted(by_path.items(), key=lambda item: (item[0].count("{"), item[0]))
    ]
    return Starlette(routes=routes)


def _route_path(template: str) -> str:
    """The path for Starlette's router, whose parameter names must be identifiers (a spec's may be
    ``{advanced-order-id}``); requests are read against the spec's own template, not these names."""
    names = iter(range(template.count("{")))
    return re.sub(r"{[^}/]+}", lambda _: f"{{p{next(names)}}}", template)


def _plan_or_unusable(api: Api, operation: Operation) -> _Plan | _Unusable:
    if operation.unusable is not None:
        return _Unusable(operation, operation.unusable)
    try:
        return _plan(api, operation)
    except UnresolvedReference as exc:
        return _Unusable(operation, str(exc))


def _plan(api: Api, operation: Operation) -> _Plan:
    success = reply_for(api, operation, _success_status(operation))
    identity = _schema_identity(api, success.pointer) if success.is_json and success.pointer else ""
    return _Plan(
        operation=operation,
        security=policy_for(api.spec.document, operation.definition),
        success=success,
        rejection=_error_reply(api, operation, error_status(operation, api.contract.error_convention)),
        unauthenticated=_error_reply(api, operation, 401),
        identity=identity,
    )


def _error_reply(api: Api, operation: Operation, status: int) -> Reply:
    """An error's reply: as documented (no body where the response is documented without one);
    for a status the operation does not document, the convention's JSON."""
    if operation.response_for(status) is not None:
        return reply_for(api, operation, status)
    return Reply(status, "application/json")


def _endpoint(api: Api, plans: Mapping[str, _Plan | _Unusable], state: MockState, seed: int) -> Any:
    async def endpoint(request: Request) -> Response:
        plan = plans.get(request.method) or plans["GET"]  # Starlette adds HEAD to GET routes
        if isinstance(plan, _Unusable):
            return _unusable(plan)
        if not plan.security.allows(_credentials(request)):
            convention = api.contract.error_convention
            return _error(api, plan, plan.unauthenticated, (convention.unauthenticated, "not authenticated"), seed)
        path = request.scope.get("raw_path") or request.url.path.encode()  # still percent-encoded
        target = f"{path.decode('latin-1')}?{request.url.query}"
        parts = RequestParts.from_target(plan.operation, target, request.headers.items(), await request.body())
        violations = validate_request(plan.operation, api.validators, parts)
        if violations:
            return _error(api, plan, plan.rejection, _rejection_bodies(api, violations), seed)
        if request.method == "HEAD":
            return plan.success.response(None)
        return _answer(api, plan, parts, state, seed)

    return endpoint


def _credentials(request: Request) -> Credentials:
    headers = {name.lower(): value for name, value in request.headers.items()}
    return Credentials(headers=headers, query=dict(request.query_params), cookies=dict(request.cookies))


def _rejection_bodies(api: Api, violations: list[Violation]) -> tuple[Any, str]:
    """The convention's rejection, and the same in words for a text media type."""
    details = [{"loc": list(v.loc), "msg": v.msg, "type": v.type} for v in violations]
    words = "; ".join(f"{'.'.join(map(str, v.loc))}: {v.msg}" for v in violations)
    return api.contract.error_convention.rejection(details), words


def _error(api: Api, plan: _Plan, reply: Reply, bodies: tuple[Any, str], seed: int) -> Response:
    """The convention's body (JSON, or in words) if it fits what the spec documents, else one that
    does; none where the spec documents the response without a body."""
    if reply.media_type is None:
        return reply.response(None)
    candidates = [bodies[1]] if not reply.is_json else [bodies[0]] if _declares(api, reply, bodies[0]) else []
    body = find_body(api, reply, [*candidates, *reply.examples], f"{seed}/{plan.operation.operation_id}/{reply.status}")
    return _unbuildable(reply) if body is None else reply.response(body)


def _declares(api: Api, reply: Reply, body: Any) -> bool:
    """Whether the documented schema declares every key of ``body`` (or has none to say): a body
    that merely validates may still carry keys the schema does not declare, a drift finding."""
    if reply.pointer is None or not isinstance(body, dict):
        return True
    schema = api.validators.resolve(reply.pointer)
    declared = schema.get("properties") if isinstance(schema, Mapping) else None
    if not isinstance(declared, Mapping) or schema.get("additionalProperties", False) is not False:
        return True
    return set(body) <= set(declared)


def _answer(api: Api, plan: _Plan, parts: RequestParts, state: MockState, seed: int) -> Response:
    operation, reply = plan.operation, plan.success
    if reply.media_type is None:
        return reply.response(None)
    stored = state.recall(plan.identity, parts.path_params, operation) if plan.identity else None
    if stored is not None:
        return reply.response(Body(stored))
    call = state.next_call(operation.operation_id)
    body = find_body(api, reply, reply.examples, f"{seed}/{operation.operation_id}/{call}")
    if body is None:
        return _unbuildable(reply)
    if reply.pointer is None or not reply.is_json:
        return reply.response(body)
    value = _echo(api, reply.pointer, copy.deepcopy(body.value), _request_fields(parts))
    if operation.method == "POST":
        state.remember(plan.identity, value)
    return reply.response(Body(value))


def _unbuildable(reply: Reply) -> Response:
    """Never an invalid body: a false finding against the API would be the mock's own fault."""
    message = f"the mock could not build a valid instance of the response schema in {ATTEMPTS} attempts"
    return JSONResponse(
        {"error": "mock_invalid_response", "message": message, "schema": reply.pointer}, status_code=500
    )


def _unusable(plan: _Unusable) -> Response:
    message = f"the spec leaves {plan.operation.label} unusable: {plan.reason}"
    return JSONResponse({"error": "mock_unusable_operation", "message": message}, status_code=500)


def _success_status(operation: Operation) -> int:
    """The lowest documented 2xx; 200 when the spec gives only a 2XX range, a default, or nothing."""
    return min((int(key) for key in operation.responses if key.isdigit() and key.startswith("2")), default=200)


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
