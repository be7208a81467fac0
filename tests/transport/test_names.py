"""Names that say secret, and where the values they name are in a text."""

from __future__ import annotations

import pytest

from conformance.transport._names import named_values, says_secret, value_spans

SECRET_NAMES = [
    "Authorization",
    "Proxy-Authorization",
    "Cookie",
    "Set-Cookie",
    "x-api-key",
    "X-Auth-Token",
    "api_key",
    "apikey",
    "apiKey",
    "APIKey",
    "token",
    "access_token",
    "accessToken",
    "refresh_token",
    "id_token",
    "secret",
    "clientSecret",
    "client-secret",
    "CLIENT_SECRET",
    "password",
    "passwd",
    "new_password",
    "private_key",
    "secret_key",
    "key",
    "signature",
    "X-Amz-Signature",
    "sig",
    "sessionId",
    "user_session_id",
    "credentials",
]
OTHER_NAMES = [
    "key_count",
    "keyId",
    "monkey",
    "turkey",
    "token_type",
    "token_expires_at",
    "max_tokens",
    "prompt_tokens",
    "password_reset_required",
    "public_key",
    "idempotency_key",
    "sort_key",
    "author",
    "tokenizer",
    "keyboard",
    "passenger",
    "id",
    "",
    "123",
]


@pytest.mark.parametrize("name", SECRET_NAMES)
def test_names_that_say_secret(name: str) -> None:
    assert says_secret(name)


@pytest.mark.parametrize("name", OTHER_NAMES)
def test_names_that_do_not(name: str) -> None:
    assert not says_secret(name)


def _values(text: str, extra: frozenset[str] = frozenset()) -> list[str]:
    return [text[start:end] for start, end in value_spans(text, extra)]


def test_json_members_of_every_kind_of_value() -> None:
    text = '{"token": "a\\"b", "password": null, "pin": 1, "otp": 123456, "apiKey": true, "secret": ""}'
    assert _values(text) == ['a\\"b', "123456"]


def test_members_inside_a_json_string_and_in_python_reprs() -> None:
    text = '{"inner": "{\\"apiKey\\": \\"zz\\"}", "repr": "{\'secret\': \'pp\'}"}'
    assert _values(text) == ["zz", "pp"]


def test_a_string_value_cut_off_by_the_end_is_redacted_to_the_end() -> None:
    assert _values('{"a": 1, "private_key": "-----BEGIN') == ["-----BEGIN"]


def test_query_form_and_cookie_fields() -> None:
    text = "GET /x?a=1&api_key=k&token=&sig=s; session=q password=p"
    assert _values(text) == ["k", "s", "p"]


def test_multipart_fields() -> None:
    body = '--b\r\nContent-Disposition: form-data; name="password"\r\nContent-Type: text/plain\r\n\r\nhunter2\r\n--b--'
    assert _values(body) == ["hunter2"]


def test_names_given_are_secret_whatever_they_say() -> None:
    assert _values("/cb?code=c1&state=s", frozenset({"code"})) == ["c1"]


def test_named_values_follow_a_pointer_to_the_first_secret_name() -> None:
    document = {"data": [{"login": {"refresh_token": "r", "scopes": ["a"]}, "n": 1}], "clientSecret": {"v": [1, None]}}
    assert named_values(document, "/data/0/login/refresh_token") == ["r"]
    assert named_values(document, "/data/0/login") == []
    assert named_values(document, "/clientSecret") == ["1"]  # all the scalars under the name
    assert named_values(document, "/clientSecret/v/0") == ["1"]
    assert named_values(document, "/data/0/n") == []
    assert named_values(document, "/missing/token") == []
    assert named_values(["a~/b"], "/0") == []


def test_named_values_are_bounded() -> None:
    assert len(named_values({"token": list(range(1000))}, "/token")) == 100
