"""The embedded mock, in-process through httpx's ASGI transport."""

from __future__ import annotations

import asyncio
import copy
import random
from typing import Any

import httpx
import pytest

from conformance.contracts import Api
from conformance.mock import answers as answers_module
from conformance.mock import create_app
from conformance.mock.bodies import InstanceGenerator
from conformance.specs import ApiSpec, SchemaValidators
from conformance.specs.model import read_operations

TELNYX_AUTH = {"Authorization": "Bearer t"}


def call(api: Api, requests: list[tuple[str, str, Any]], seed: int = 0, headers: Any = None) -> list[httpx.Response]:
    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(api, seed=seed))
        auth = TELNYX_AUTH if headers is None else headers
        async with httpx.AsyncClient(transport=transport, base_url="http://mock", headers=auth) as client:
            return [await client.request(method, url, json=body) for method, url, body in requests]

    return asyncio.run(go())


def test_each_post_creates_a_new_run(catalog: dict[str, Api]) -> None:
    first, second = call(catalog["telnyx"], [("POST", "/ai/assistants/tests/t1/runs", {})] * 2)
    assert first.status_code == second.status_code == 201
    assert first.json()["run_id"] != second.json()["run_id"]


def test_state_survives_between_post_and_get_on_one_app(catalog: dict[str, Api]) -> None:
    async def go() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(catalog["telnyx"]))
        async with httpx.AsyncClient(transport=transport, base_url="http://mock", headers=TELNYX_AUTH) as client:
            created = await client.post("/ai/assistants/tests/t1/runs", json={})
            fetched = await client.get(f"/ai/assistants/tests/t1/runs/{created.json()['run_id']}")
            return created, fetched

    created, fetched = asyncio.run(go())
    assert fetched.status_code == 200 and fetched.json() == created.json()


def test_an_unknown_id_gets_a_generated_body(catalog: dict[str, Api]) -> None:
    (response,) = call(catalog["telnyx"], [("GET", "/ai/assistants/tests/test_id/runs/run_id", None)])
    assert response.status_code == 200
    validator = catalog["telnyx"].validators.for_pointer("#/components/schemas/TestRunResponse")
    assert validator.is_valid(response.json())


def test_the_same_seed_gives_the_same_bodies_and_another_seed_does_not(catalog: dict[str, Api]) -> None:
    requests = [("GET", "/ai/assistants/tests", None), ("POST", "/ai/assistants/tests/x/runs", {})]
    first = [r.json() for r in call(catalog["telnyx"], requests, seed=5)]
    again = [r.json() for r in call(catalog["telnyx"], requests, seed=5)]
    other = [r.json() for r in call(catalog["telnyx"], requests, seed=6)]
    assert first == again
    assert first != other


def test_invalid_request_is_answered_in_the_fastapi_convention(catalog: dict[str, Api]) -> None:
    (response,) = call(catalog["telnyx"], [("GET", "/ai/assistants/tests?page[size]=0", None)])
    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail["loc"] == ["query", "page", "size"] and detail["type"] == "minimum"


def test_a_body_of_an_undeclared_media_type_is_rejected_at_body(catalog: dict[str, Api]) -> None:
    # FastAPI names ["body"] when it cannot read a body as the JSON its model needs
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(catalog["telnyx"]))
        async with httpx.AsyncClient(transport=transport, base_url="http://mock", headers=TELNYX_AUTH) as client:
            return await client.post("/ai/assistants/tests", content=b"{}", headers={"Content-Type": "text/plain"})

    response = asyncio.run(go())
    assert response.status_code == 422
    assert [(d["loc"], d["type"]) for d in response.json()["detail"]] == [(["body"], "media_type")]


def test_invalid_request_on_an_api_without_a_convention_is_a_400(catalog: dict[str, Api]) -> None:
    (response,) = call(
        catalog["revring"], [("POST", "/v1/test-suites/s/runs", {"name": "n" * 129})], headers={"x-api-key": "k"}
    )
    assert response.status_code == 400
    assert response.json()["details"][0]["loc"] == ["body", "name"]


def test_literal_paths_win_over_templates(catalog: dict[str, Api]) -> None:
    (response,) = call(catalog["telnyx"], [("GET", "/ai/assistants/tests/test-suites", None)])
    assert set(response.json()) == {"data"}  # TestSuitesResponse, not an AssistantTestResponse for id "test-suites"


def test_request_values_are_echoed_when_they_fit_the_schema(catalog: dict[str, Api]) -> None:
    (response,) = call(
        catalog["revring"], [("POST", "/v1/test-suites/s/runs", {"name": "nightly"})], headers={"x-api-key": "k"}
    )
    assert response.json()["data"]["name"] == "nightly"


def test_without_credentials_the_answer_is_401(catalog: dict[str, Api]) -> None:
    (response,) = call(catalog["revring"], [("POST", "/v1/test-suites/s/runs", {})], headers={})
    assert response.status_code == 401


def test_a_documented_example_is_preferred_when_it_fits(catalog: dict[str, Api]) -> None:
    api = catalog["revring"]
    document = copy.deepcopy(dict(api.spec.document))
    media = document["paths"]["/v1/test-suites/{id}/runs"]["post"]["responses"]["201"]["content"]["application/json"]
    example = {"data": {"id": "3c90c3cc-0d44-4b50-8888-8dd25736052a", "status": "queued", "name": "documented"}}
    media["examples"] = {"broken": {"value": {"data": {"status": 7}}}, "good": {"value": example}}
    spec = ApiSpec(api.name, api.spec.source, document, tuple(read_operations(api.name, document)))
    with_example = Api(api.contract, spec, SchemaValidators(api.name, document))
    (response,) = call(with_example, [("POST", "/v1/test-suites/s/runs", {})], headers={"x-api-key": "k"})
    assert response.json() == example  # the invalid example is passed over


def test_head_is_answered_like_get_without_a_body(catalog: dict[str, Api]) -> None:
    (response,) = call(catalog["telnyx"], [("HEAD", "/ai/assistants/tests/test-suites", None)])
    assert response.status_code == 200
    assert response.content == b""


def _revring_with(api: Api, change: Any) -> Api:
    document = copy.deepcopy(dict(api.spec.document))
    change(document)
    spec = ApiSpec(api.name, api.spec.source, document, tuple(read_operations(api.name, document)))
    return Api(api.contract, spec, SchemaValidators(api.name, document))


def _code_names(document: dict[str, Any]) -> None:
    run = document["components"]["schemas"]["TestRun"]
    run["properties"]["name"] = {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"}
    run["required"] = ["name"]


def test_bodies_served_follow_a_pattern(catalog: dict[str, Api]) -> None:
    api = _revring_with(catalog["revring"], _code_names)
    validator = api.validators.for_pointer("#/components/schemas/TestRunEnvelope")
    responses = call(api, [("POST", "/v1/test-suites/s/runs", {})] * 30, headers={"x-api-key": "k"})
    assert all(response.status_code == 201 and validator.is_valid(response.json()) for response in responses)


def test_an_echo_that_would_break_the_schema_is_not_made(catalog: dict[str, Api]) -> None:
    api = _revring_with(catalog["revring"], _code_names)
    (response,) = call(api, [("POST", "/v1/test-suites/s/runs", {"name": "nightly"})], headers={"x-api-key": "k"})
    assert response.status_code == 201
    assert response.json()["data"]["name"] != "nightly"


def test_a_schema_no_instance_satisfies_gets_an_explicit_500(catalog: dict[str, Api]) -> None:
    def impossible(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["TestRun"] = {"type": "integer", "minimum": 5, "maximum": 1}

    (response,) = call(
        _revring_with(catalog["revring"], impossible),
        [("POST", "/v1/test-suites/s/runs", {})],
        headers={"x-api-key": "k"},
    )
    assert response.status_code == 500
    body = response.json()
    assert body["error"] == "mock_invalid_response"
    assert body["schema"] == "#/paths/~1v1~1test-suites~1{id}~1runs/post/responses/201/content/application~1json/schema"
    assert "could not build a valid instance" in body["message"]


def test_a_documented_example_that_breaks_the_schema_is_not_served(catalog: dict[str, Api]) -> None:
    broken = {"data": {"id": "not-a-uuid", "status": "queued"}}

    def with_example(document: dict[str, Any]) -> None:
        responses = document["paths"]["/v1/test-suites/{id}/runs"]["post"]["responses"]
        responses["201"]["content"]["application/json"]["example"] = broken

    api = _revring_with(catalog["revring"], with_example)
    (response,) = call(api, [("POST", "/v1/test-suites/s/runs", {})], headers={"x-api-key": "k"})
    assert response.status_code == 201
    assert response.json() != broken
    assert api.validators.for_pointer("#/components/schemas/TestRunEnvelope").is_valid(response.json())


def test_a_body_that_does_not_validate_is_replaced_by_the_next_seeds(
    catalog: dict[str, Api], monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds: list[str] = []

    class FirstAttemptBreaks(InstanceGenerator):
        def __init__(self, document: Any, rng: random.Random, resolver: Any = None) -> None:
            super().__init__(document, rng, resolver)
            seeds.append(repr(rng.getstate())[:60])

        def generate(self, schema: Any, depth: int = 0) -> Any:
            return {"data": {"status": 7}} if len(seeds) == 1 else super().generate(schema, depth)

    monkeypatch.setattr(answers_module, "InstanceGenerator", FirstAttemptBreaks)
    (response,) = call(catalog["revring"], [("POST", "/v1/test-suites/s/runs", {})], headers={"x-api-key": "k"})
    assert response.status_code == 201
    assert catalog["revring"].validators.for_pointer("#/components/schemas/TestRunEnvelope").is_valid(response.json())
    assert len(seeds) == 2 and seeds[0] != seeds[1]  # a second attempt, from another seed


def test_a_schema_the_generator_cannot_read_gets_the_explicit_500_too(catalog: dict[str, Api]) -> None:
    def unreadable(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["TestRunEnvelope"] = {"type": "array", "maxItems": "many"}

    api = _revring_with(catalog["revring"], unreadable)
    (response,) = call(api, [("POST", "/v1/test-suites/s/runs", {})], headers={"x-api-key": "k"})
    assert response.status_code == 500 and response.json()["error"] == "mock_invalid_response"


def test_path_parameters_whose_names_are_not_identifiers_are_routed(catalog: dict[str, Api]) -> None:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/orders/{advanced-order-id}": {
                "get": {
                    "operationId": "getOrder",
                    "parameters": [
                        {"name": "advanced-order-id", "in": "path", "required": True, "schema": {"type": "integer"}}
                    ],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {}}}}},
                }
            }
        },
    }
    api = _revring_with(catalog["revring"], lambda written: written.update(document))
    ok, rejected = call(api, [("GET", "/orders/12", None), ("GET", "/orders/twelve", None)], headers={"x-api-key": "k"})
    assert ok.status_code == 200
    assert rejected.status_code == 400
    assert rejected.json()["details"][0]["loc"] == ["path", "advanced-order-id"]


def test_an_error_documented_without_a_body_is_answered_without_one(catalog: dict[str, Api]) -> None:
    def bodiless_400(document: dict[str, Any]) -> None:
        operation = document["paths"]["/v1/test-suites/{id}/runs"]["post"]
        operation["responses"]["400"] = {"description": "invalid"}
        operation["requestBody"]["required"] = True

    api = _revring_with(catalog["revring"], bodiless_400)
    (response,) = call(api, [("POST", "/v1/test-suites/s/runs", None)], headers={"x-api-key": "k"})
    assert response.status_code == 400 and response.content == b"" and "content-type" not in response.headers
