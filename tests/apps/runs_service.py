"""A small, real FastAPI service of test runs, for end-to-end runs against ``/openapi.json``.

It follows its own spec (FastAPI writes the spec from the same models that validate requests),
so a run against it must find no error. ``drifted(kind)`` plants one kind of drift, either in
what the server answers or in the spec it publishes.
"""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DRIFTS", "create_app"]


class Status(StrEnum):
    queued = "queued"
    running = "running"
    passed = "passed"
    failed = "failed"


class NewRun(BaseModel):
    # Strict, so the server takes exactly what its spec says: in pydantic's default lax mode an
    # integer field also takes false and "3", which conformance rightly reports as
    # invalid_request_accepted (the spec says integer).
    model_config = ConfigDict(strict=True)

    name: Annotated[str, Field(min_length=1, max_length=64)]
    suite: Annotated[str, Field(max_length=32)] = "default"
    retries: Annotated[int, Field(ge=0, le=5)] = 0


class Run(BaseModel):
    run_id: uuid.UUID
    name: str
    suite: str
    status: Status
    created_at: datetime
    retries: int


class RunList(BaseModel):
    data: list[Run]
    total: int


def _run(run_id: uuid.UUID, name: str = "nightly", suite: str = "default", retries: int = 0) -> Run:
    return Run(
        run_id=run_id,
        name=name,
        suite=suite,
        status=Status.queued,
        created_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        retries=retries,
    )


def create_app(drift: str | None = None) -> FastAPI:
    app = FastAPI(title="Test runs", version="1.0.0")

    @app.get("/runs", response_model=RunList)
    def list_runs(
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
        status: Status | None = None,
    ) -> Any:
        runs = [_run(uuid.UUID(int=n + 1)) for n in range(min(limit, 3))]
        return _answer(drift, "list", RunList(data=runs, total=len(runs)).model_dump(mode="json"))

    @app.post("/runs", response_model=Run, status_code=201)
    def create_run(new: NewRun) -> Any:
        run = _run(uuid.uuid4(), new.name, new.suite, new.retries)
        return _answer(drift, "create", run.model_dump(mode="json"), status=201)

    @app.get("/runs/{run_id}", response_model=Run, responses={404: {"description": "no such run"}})
    def get_run(run_id: uuid.UUID) -> Any:
        return _answer(drift, "get", _run(run_id).model_dump(mode="json"))

    @app.delete("/runs/{run_id}", status_code=204)
    def delete_run(run_id: uuid.UUID) -> Response:
        return Response(status_code=204)

    if drift in ERROR_DRIFTS:
        answer = ERROR_DRIFTS[drift]

        @app.exception_handler(RequestValidationError)
        async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
            return answer(jsonable_encoder(exc.errors()))  # type: ignore[no-any-return]

    if drift in SPEC_DRIFTS:
        original = app.openapi

        def drifted_spec() -> dict[str, Any]:
            document = copy.deepcopy(original())
            SPEC_DRIFTS[drift](document)
            return document

        app.openapi = drifted_spec  # type: ignore[method-assign]
    return app


def _answer(drift: str | None, operation: str, body: Any, status: int = 200) -> Any:
    """The response, with the planted drift applied where it concerns this operation."""
    if drift is None or drift not in RESPONSE_DRIFTS:
        return JSONResponse(body, status_code=status)
    return RESPONSE_DRIFTS[drift](operation, body, status)


def _when_get(change: Any) -> Any:
    def apply(operation: str, body: Any, status: int) -> Any:
        if operation != "get":
            return JSONResponse(body, status_code=status)
        return change(body, status)

    return apply


def _without(name: str) -> Any:
    return _when_get(lambda body, status: JSONResponse({k: v for k, v in body.items() if k != name}, status))


def _with(name: str, value: Any) -> Any:
    return _when_get(lambda body, status: JSONResponse({**body, name: value}, status))


RESPONSE_DRIFTS: dict[str, Any] = {
    "required_field": _without("run_id"),
    "enum_value": _with("status", "cancelled"),
    "format_uuid": _with("run_id", "not-a-uuid"),
    "format_date_time": _with("created_at", "2026-01-02 03:04:05"),
    "schema": _with("retries", "three"),
    "undocumented_field": _with("cost_usd", 0.25),
    "status_code": _when_get(lambda body, status: JSONResponse(body, 203)),
    "server_error": _when_get(lambda body, status: Response("boom", 500, media_type="text/plain")),
    "content_type": _when_get(lambda body, status: Response("plain", status, media_type="text/plain")),
}


def _optional_name(document: dict[str, Any]) -> None:
    """The spec calls ``name`` optional; the server needs it (valid_request_rejected)."""
    document["components"]["schemas"]["NewRun"]["required"] = []


def _stricter_name(document: dict[str, Any]) -> None:
    """The spec limits ``name`` to 8 characters; the server takes 64 (invalid_request_accepted)."""
    document["components"]["schemas"]["NewRun"]["properties"]["name"]["maxLength"] = 8


SPEC_DRIFTS: dict[str, Any] = {"invalid_request_accepted": _stricter_name, "valid_request_rejected": _optional_name}


def _blame_elsewhere(errors: list[dict[str, Any]]) -> JSONResponse:
    """A 422 in the convention's shape that names a field the request got right."""
    return JSONResponse({"detail": [{**e, "loc": ["body", "unrelated"], "input": None} for e in errors]}, 422)


ERROR_DRIFTS: dict[str, Any] = {
    "error_location": _blame_elsewhere,
    "error_shape": lambda errors: JSONResponse({"error": "invalid"}, 422),
}

DRIFTS = sorted({*RESPONSE_DRIFTS, *SPEC_DRIFTS, *ERROR_DRIFTS})
