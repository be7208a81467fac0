"""Redactor: no secret, and no credential header value, in anything the tool shows."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.transport import REDACTED, Redactor


def test_secret_is_replaced_wherever_it_appears() -> None:
    redactor = Redactor(["s3cret"])
    assert redactor.text("a s3cret and s3cret again") == f"a {REDACTED} and {REDACTED} again"


def test_longest_secret_is_replaced_first() -> None:
    redactor = Redactor(["abc", "abcdef"])
    assert redactor.text("xabcdefx abcx") == f"x{REDACTED}x {REDACTED}x"


def test_empty_secret_is_ignored() -> None:
    assert Redactor(["", "k"]).text("ok") == "o" + REDACTED


def test_text_without_secrets_is_unchanged() -> None:
    assert Redactor().text("Bearer nothing to hide") == "Bearer nothing to hide"


@pytest.mark.parametrize(
    "name", ["Authorization", "authorization", "X-API-KEY", "x-api-key", "Cookie", "set-cookie", "Proxy-Authorization"]
)
def test_credential_headers_are_redacted_regardless_of_case(name: str) -> None:
    assert Redactor().headers([(name, "Bearer abc")]) == ((name, REDACTED),)


def test_other_headers_keep_their_value_but_lose_secrets() -> None:
    redactor = Redactor(["tok"])
    assert redactor.headers([("Accept", "*/*"), ("X-Echo", "tok-1")]) == (
        ("Accept", "*/*"),
        ("X-Echo", f"{REDACTED}-1"),
    )


def test_extra_headers_are_treated_as_credentials() -> None:
    redactor = Redactor(headers=["X-Custom-Token"])
    assert redactor.headers([("x-custom-token", "v"), ("X-CUSTOM-TOKEN", "w")]) == (
        ("x-custom-token", REDACTED),
        ("X-CUSTOM-TOKEN", REDACTED),
    )


def test_header_order_and_repeats_are_kept() -> None:
    pairs = [("b", "1"), ("Cookie", "x"), ("b", "2")]
    assert Redactor().headers(pairs) == (("b", "1"), ("Cookie", REDACTED), ("b", "2"))


KEY_ALPHABET = string.ascii_letters + string.digits + "-_.=+/"


@settings(max_examples=50, deadline=None)
@given(
    secrets=st.lists(st.text(KEY_ALPHABET, min_size=4, max_size=12), min_size=1, max_size=3),
    before=st.text(max_size=20),
    after=st.text(max_size=20),
)
def test_no_secret_survives(secrets: list[str], before: str, after: str) -> None:
    text = Redactor(secrets).text(before + "".join(secrets) + after)
    assert REDACTED in text
    for secret in secrets:
        if secret not in REDACTED:
            assert secret not in text
