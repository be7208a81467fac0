"""conformance.contracts.defaults: a whole contract derived from the spec alone."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from conformance.contracts import Auth, ErrorConvention, OperationPolicy, Safety, derive_contract
from conformance.contracts.defaults import derive_auth, derive_base_url
from conformance.specs import ApiSpec, load_spec

VALIDATION_ERROR = {
    "type": "object",
    "required": ["loc", "msg", "type"],
    "properties": {
        "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
}
HTTP_VALIDATION_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}},
}


EU = "https://eu.example.test"


def _spec(tmp_path: Path, paths: dict[str, Any] | None = None, **top: Any) -> ApiSpec:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1"},
        "paths": paths if paths is not None else {"/pets": {"get": {"operationId": "list", "responses": {}}}},
        **top,
    }
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return load_spec("pets", path)


def _with_422(schema: dict[str, Any]) -> dict[str, Any]:
    content = {"application/json": {"schema": schema}}
    return {"/pets": {"post": {"operationId": "add", "responses": {"422": {"description": "x", "content": content}}}}}


@pytest.mark.parametrize(
    ("method", "safety"),
    [
        ("get", Safety.SAFE),
        ("head", Safety.SAFE),
        ("options", Safety.SAFE),
        ("post", Safety.UNSAFE),
        ("put", Safety.UNSAFE),
        ("patch", Safety.UNSAFE),
        ("delete", Safety.UNSAFE),
        ("trace", Safety.UNSAFE),
    ],
)
def test_safety_follows_the_method(tmp_path: Path, method: str, safety: Safety) -> None:
    spec = _spec(tmp_path, {"/pets": {method: {"operationId": "op", "responses": {}}}})
    assert derive_contract(spec).operations["op"] == OperationPolicy(safety, run_by_default=safety is Safety.SAFE)


def _auth(scheme: dict[str, Any], env: str = "TOKEN") -> Auth:
    document = {"security": [{"main": []}], "components": {"securitySchemes": {"main": scheme}}}
    return derive_auth(document, env)


def test_http_bearer() -> None:
    auth = _auth({"type": "http", "scheme": "Bearer"})
    assert (auth.scheme, auth.env) == ("bearer", "TOKEN")
    assert auth.headers("s") == {"Authorization": "Bearer s"}


@pytest.mark.parametrize("kind", ["oauth2", "openIdConnect"])
def test_oauth2_and_openid_connect_are_bearer(kind: str) -> None:
    assert _auth({"type": kind}).apply("s").headers == {"Authorization": "Bearer s"}


def test_http_basic_sends_user_and_password_base64_encoded() -> None:
    auth = _auth({"type": "http", "scheme": "basic"})
    encoded = base64.b64encode(b"ann:pa:ss").decode()
    assert auth.headers("ann:pa:ss") == {"Authorization": f"Basic {encoded}"}
    assert auth.secret_parts("ann:pa:ss") == ("ann:pa:ss", "pa:ss")


def test_the_secret_alone_is_the_secret_part_of_other_schemes() -> None:
    assert _auth({"type": "http", "scheme": "bearer"}).secret_parts("ann:pa:ss") == ("ann:pa:ss",)
    assert _auth({"type": "http", "scheme": "basic"}).secret_parts("no-password") == ("no-password",)


def test_api_key_in_a_header() -> None:
    auth = _auth({"type": "apiKey", "in": "header", "name": "X-Api-Key"})
    assert (auth.scheme, auth.header) == ("header", "X-Api-Key")
    credentials = auth.apply("s")
    assert (credentials.headers, credentials.params, credentials.cookies) == ({"X-Api-Key": "s"}, {}, {})


def test_api_key_in_the_query() -> None:
    auth = _auth({"type": "apiKey", "in": "query", "name": "api_key"})
    credentials = auth.apply("s")
    assert (credentials.headers, credentials.params, credentials.cookies) == ({}, {"api_key": "s"}, {})
    assert auth.headers("s") == {}


def test_api_key_in_a_cookie() -> None:
    auth = _auth({"type": "apiKey", "in": "cookie", "name": "session"})
    credentials = auth.apply("s")
    assert (credentials.headers, credentials.params, credentials.cookies) == ({}, {}, {"session": "s"})


def test_no_security_is_no_auth(tmp_path: Path) -> None:
    auth = derive_contract(_spec(tmp_path)).auth
    assert (auth.scheme, auth.env) == ("none", "CONFORMANCE_TOKEN")
    credentials = auth.apply("s")
    assert (credentials.headers, credentials.params, credentials.cookies) == ({}, {}, {})


def test_schemes_defined_but_never_required_are_no_auth() -> None:
    document = {"components": {"securitySchemes": {"main": {"type": "http", "scheme": "bearer"}}}}
    assert derive_auth(document).scheme == "none"


def test_operation_security_counts_and_unsupported_schemes_are_passed_over() -> None:
    schemes = {"digest": {"type": "http", "scheme": "digest"}, "key": {"type": "apiKey", "in": "query", "name": "k"}}
    operation = {"security": [{"digest": []}, {"key": []}], "responses": {}}
    document = {"paths": {"/a": {"get": operation}}, "components": {"securitySchemes": schemes}}
    assert (derive_auth(document).scheme, derive_auth(document).parameter) == ("query", "k")


def test_a_422_with_fastapis_validation_error_through_refs_is_fastapi(tmp_path: Path) -> None:
    components = {"schemas": {"HTTPValidationError": HTTP_VALIDATION_ERROR, "ValidationError": VALIDATION_ERROR}}
    spec = _spec(tmp_path, _with_422({"$ref": "#/components/schemas/HTTPValidationError"}), components=components)
    assert derive_contract(spec).error_convention is ErrorConvention.FASTAPI


def test_a_plain_422_is_unknown(tmp_path: Path) -> None:
    plain = {"type": "object", "properties": {"detail": {"type": "string"}, "message": {"type": "string"}}}
    assert derive_contract(_spec(tmp_path, _with_422(plain))).error_convention is ErrorConvention.UNKNOWN


def test_a_detail_list_without_loc_msg_type_is_unknown(tmp_path: Path) -> None:
    items = {"type": "object", "properties": {"field": {"type": "string"}, "msg": {"type": "string"}}}
    schema = {"type": "object", "properties": {"detail": {"type": "array", "items": items}}}
    assert derive_contract(_spec(tmp_path, _with_422(schema))).error_convention is ErrorConvention.UNKNOWN


def test_no_422_is_unknown(tmp_path: Path) -> None:
    assert derive_contract(_spec(tmp_path)).error_convention is ErrorConvention.UNKNOWN


@pytest.mark.parametrize(
    ("servers", "source_url", "expected"),
    [
        ([{"url": "https://api.example.test/v2/"}], None, "https://api.example.test/v2"),
        ([{"url": "https://{region}.example.test", "variables": {"region": {"default": "eu"}}}], None, EU),
        ([{"url": "/v2"}], None, None),
        ([], None, None),
        ([{"url": "/v2"}], "https://docs.example.test/specs/openapi.json", "https://docs.example.test/v2"),
        ([], "http://127.0.0.1:8123/openapi.json", "http://127.0.0.1:8123"),
        # The issue: a URL spec's own origin, plus the path of its servers (a staging spec tests staging).
        ([{"url": "https://api.example.test/v1"}], "https://staging.test/o.json", "https://staging.test/v1"),
        ([{"url": "v1"}], "https://staging.test/api/openapi.json", "https://staging.test/api/v1"),
        # Never written down: a user, a password, a query.
        ([], "https://me:s3cret@host.test:8443/openapi.json?token=abc", "https://host.test:8443"),
        ([{"url": "https://me:s3cret@api.example.test/v2?k=1"}], None, "https://api.example.test/v2"),
    ],
)
def test_base_url(servers: list[dict[str, Any]], source_url: str | None, expected: str | None) -> None:
    assert derive_base_url({"servers": servers}, source_url) == expected


def test_path_parameter_examples(tmp_path: Path) -> None:
    parameters = [
        {"name": "a", "in": "path", "required": True, "example": 7, "schema": {"type": "integer"}},
        {"name": "b", "in": "path", "required": True, "examples": {"one": {"value": "bee"}}, "schema": {}},
        {"name": "c", "in": "path", "required": True, "schema": {"type": "string", "example": "sea"}},
        {"name": "d", "in": "path", "required": True, "schema": {"$ref": "#/components/schemas/Kind"}},
        {"name": "e", "in": "path", "required": True, "schema": {"type": "string"}},
        {"name": "q", "in": "query", "example": "not a path parameter", "schema": {}},
    ]
    paths = {"/x/{a}/{b}/{c}/{d}/{e}": {"get": {"operationId": "x", "parameters": parameters, "responses": {}}}}
    components = {"schemas": {"Kind": {"type": "string", "enum": ["cat", "dog"]}}}
    contract = derive_contract(_spec(tmp_path, paths, components=components))
    assert contract.path_parameters == {"a": "7", "b": "bee", "c": "sea", "d": "cat"}


def test_title_name_and_the_spec_path(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    contract = derive_contract(spec, auth_env="PETS_TOKEN")
    assert (contract.api, contract.title, contract.source) == ("pets", "Pets", None)
    assert contract.spec_path == spec.source and contract.auth.env == "PETS_TOKEN"


def test_the_shipped_specs_derive_what_their_contracts_say(catalog: dict[str, Any]) -> None:
    for api in catalog.values():
        derived = derive_contract(api.spec, auth_env=api.contract.auth.env)
        assert derived.auth == api.contract.auth
        assert derived.error_convention is api.contract.error_convention
