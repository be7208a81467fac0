"""conformance.mock.security: the spec's security requirements, checked for presence and shape."""

from __future__ import annotations

import asyncio
import base64
import copy
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from conformance.contracts import Api
from conformance.mock import create_app
from conformance.mock.security import Credentials, policy_for
from conformance.specs import ApiSpec, SchemaValidators
from conformance.specs.model import read_operations

SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer"},
    "basic": {"type": "http", "scheme": "basic"},
    "headerKey": {"type": "apiKey", "in": "header", "name": "X-Key"},
    "queryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
    "cookieKey": {"type": "apiKey", "in": "cookie", "name": "session"},
    "oauth": {"type": "oauth2", "flows": {}},
    "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://example.com/.well-known/openid-configuration"},
}
BASIC = "Basic " + base64.b64encode(b"user:pass").decode()


def credentials(headers: dict[str, str] | None = None, **query: str) -> Credentials:
    return Credentials(headers=headers or {}, query=query, cookies={})


def allows(requirements: Any, presented: Credentials, operation: dict[str, Any] | None = None) -> bool:
    document = {"components": {"securitySchemes": SCHEMES}, "security": requirements}
    return policy_for(document, operation or {}).allows(presented)


@pytest.mark.parametrize(
    ("requirement", "presented", "expected"),
    [
        ("bearer", credentials({"authorization": "Bearer t"}), True),
        ("bearer", credentials({"authorization": "bearer t"}), True),
        ("bearer", credentials({"authorization": "Bearer "}), False),
        ("bearer", credentials({"authorization": BASIC}), False),
        ("basic", credentials({"authorization": BASIC}), True),
        ("basic", credentials({"authorization": "Basic bm9jb2xvbg=="}), False),  # "nocolon"
        ("basic", credentials({"authorization": "Basic %%%"}), False),
        ("basic", credentials({"authorization": "Bearer t"}), False),
        ("headerKey", credentials({"x-key": "k"}), True),
        ("headerKey", credentials({"x-key": " "}), False),
        ("queryKey", credentials(api_key="k"), True),
        ("queryKey", credentials({"x-key": "k"}), False),
        ("cookieKey", Credentials(headers={}, query={}, cookies={"session": "s"}), True),
        ("cookieKey", credentials(), False),
        ("oauth", credentials({"authorization": "Bearer t"}), True),
        ("oauth", credentials(), False),
        ("oidc", credentials({"authorization": "Bearer t"}), True),
        ("oidc", credentials({"x-key": "k"}), False),
    ],
)
def test_each_scheme_type(requirement: str, presented: Credentials, expected: bool) -> None:
    assert allows([{requirement: []}], presented) is expected


def test_any_requirement_object_suffices_and_each_needs_all_its_schemes() -> None:
    both = [{"headerKey": [], "queryKey": []}, {"bearer": []}]
    assert allows(both, credentials({"authorization": "Bearer t"}))
    assert allows(both, credentials({"x-key": "k"}, api_key="k"))
    assert not allows(both, credentials({"x-key": "k"}))


def test_no_security_or_an_empty_requirement_is_anonymous() -> None:
    assert allows(None, credentials())
    assert allows([], credentials())
    assert allows([{"bearer": []}, {}], credentials())
    assert not allows([{"bearer": []}], credentials())


def test_the_operation_security_overrides_the_document() -> None:
    assert allows([{"bearer": []}], credentials(), operation={"security": []})
    assert not allows([], credentials(), operation={"security": [{"bearer": []}]})


def test_undeclared_schemes_and_mutual_tls_are_not_checked() -> None:
    document = {"components": {"securitySchemes": {"tls": {"type": "mutualTLS"}}}}
    assert policy_for(document, {"security": [{"tls": []}]}).allows(credentials())
    assert policy_for(document, {"security": [{"nowhere": []}]}).allows(credentials())


# The app: the spec decides, not the contract.


def with_document(api: Api, change: Callable[[dict[str, Any]], None]) -> Api:
    document = copy.deepcopy(dict(api.spec.document))
    change(document)
    spec = ApiSpec(api.name, api.spec.source, document, tuple(read_operations(api.name, document)))
    return Api(api.contract, spec, SchemaValidators(api.name, document))


def post_run(api: Api, headers: dict[str, str] | None = None, query: str = "") -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(api))
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            return await client.post(f"/v1/test-suites/s/runs{query}", json={}, headers=headers or {})

    return asyncio.run(go())


def test_an_operation_without_security_answers_without_credentials(catalog: dict[str, Api]) -> None:
    api = with_document(catalog["revring"], lambda document: document.pop("security"))
    assert post_run(api).status_code == 201


def test_empty_security_on_one_operation_lets_anonymous_in_there_only(catalog: dict[str, Api]) -> None:
    def open_one(document: dict[str, Any]) -> None:
        document["paths"]["/ai/assistants/tests/test-suites"]["get"]["security"] = []

    api = with_document(catalog["telnyx"], open_one)

    async def go() -> list[int]:
        transport = httpx.ASGITransport(app=create_app(api))
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            opened = await client.get("/ai/assistants/tests/test-suites")
            closed = await client.get("/ai/assistants/tests")
            return [opened.status_code, closed.status_code]

    assert asyncio.run(go()) == [200, 401]
    assert post_run(catalog["revring"]).status_code == 401


def test_api_key_in_query(catalog: dict[str, Api]) -> None:
    def in_query(document: dict[str, Any]) -> None:
        document["components"]["securitySchemes"]["apiKeyAuth"] = {"type": "apiKey", "in": "query", "name": "key"}

    api = with_document(catalog["revring"], in_query)
    assert post_run(api, query="?key=k").status_code == 201
    assert post_run(api, headers={"x-api-key": "k"}).status_code == 401
    assert post_run(api, query="?key=").status_code == 401


def test_basic(catalog: dict[str, Api]) -> None:
    def basic(document: dict[str, Any]) -> None:
        document["components"]["securitySchemes"]["apiKeyAuth"] = {"type": "http", "scheme": "basic"}

    api = with_document(catalog["revring"], basic)
    assert post_run(api, headers={"Authorization": BASIC}).status_code == 201
    assert post_run(api, headers={"Authorization": "Basic not-base64"}).status_code == 401
    response = post_run(api, headers={"Authorization": "Bearer t"})
    assert response.status_code == 401 and response.json() == {"error": "unauthorized"}


def test_the_vendored_specs_accept_what_the_run_presents(catalog: dict[str, Api]) -> None:
    # The run sends the contract's auth; each vendored spec's declared scheme must accept it.
    for api in catalog.values():
        headers = api.contract.auth.headers("secret")
        presented = credentials({name.lower(): value for name, value in headers.items()})
        for operation in api.spec.operations:
            policy = policy_for(api.spec.document, operation.definition)
            assert not policy.anonymous, operation.label
            assert policy.allows(presented), operation.label
