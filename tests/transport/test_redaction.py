"""Redactor: no secret, and no credential header value, in anything the tool shows."""

from __future__ import annotations

import base64
import json
import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.transport import REDACTED, Redactor
from tests.secret_encodings import encodings, leaks


def test_secret_is_replaced_wherever_it_appears() -> None:
    redactor = Redactor(["s3cret"])
    assert redactor.text("a s3cret and s3cret again") == f"a {REDACTED} and {REDACTED} again"


def test_a_secret_inside_another_goes_with_it() -> None:
    redactor = Redactor(["abcdef", "abcdefghij"])
    assert redactor.text("xabcdefghijx abcdefx") == f"x{REDACTED}x {REDACTED}x"


def test_adjacent_secrets_are_replaced_one_by_one() -> None:
    assert Redactor(["s3cret-value"]).text("s3cret-value" * 2) == REDACTED * 2


def test_empty_secret_is_ignored() -> None:
    assert Redactor(["", "k"]).text("ok k") == "ok " + REDACTED


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
    secrets=st.lists(st.text(KEY_ALPHABET, min_size=6, max_size=12), min_size=1, max_size=3),
    before=st.text(max_size=20),
    after=st.text(max_size=20),
)
def test_no_secret_survives(secrets: list[str], before: str, after: str) -> None:
    text = Redactor(secrets).text(before + "".join(secrets) + after)
    assert REDACTED in text
    for secret in secrets:
        if secret not in REDACTED:
            assert secret not in text


# --- every encoding (the encodings come from tests.secret_encodings, not from the redactor) ---

PLANTED = 'sk-live/Zq+9=~8"x%2F'


@pytest.mark.parametrize("name", sorted(encodings(PLANTED)))
def test_each_encoding_is_redacted_inside_json(name: str) -> None:
    form = encodings(PLANTED)[name]
    text = '{"before": 1, "echo": "prefix ' + form + ' suffix", "after": [true]}'
    redacted = Redactor([PLANTED]).text(text)
    assert leaks(redacted, PLANTED) == []
    assert redacted.startswith('{"before": 1, "echo": "prefix') and redacted.endswith('suffix", "after": [true]}')


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_base64_of_the_secret_inside_a_longer_value_is_redacted_at_each_alignment(offset: int) -> None:
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        value = encode(b"x" * offset + PLANTED.encode() + b"tail").decode()
        redacted = Redactor([PLANTED]).text(f"token {value} end")
        assert leaks(redacted, PLANTED) == [] and redacted.startswith("token ") and redacted.endswith(" end")


def test_the_whole_base64_token_goes_padding_and_all() -> None:
    value = base64.b64encode(PLANTED.encode()).decode()
    assert Redactor([PLANTED]).text(f'"{value}"') == f'"{REDACTED}"'


def test_basic_credentials_redact_the_password_alone_too() -> None:
    redactor = Redactor(["ann:pa55word/x"])  # what Auth.secret_parts gives, plus the password:
    redactor = redactor.with_secrets(["pa55word/x"])
    header = base64.b64encode(b"ann:pa55word/x").decode()
    assert redactor.text(f"{header} pa55word/x") == f"{REDACTED} {REDACTED}"


def test_json_escapes_of_any_case_and_mix_are_redacted() -> None:
    escaped = "".join(f"\\u{ord(c):04x}" if i % 2 else c for i, c in enumerate("s3cret/value")).replace("/", "\\/")
    text = f'{{"a": "{escaped}", "b": "\\u0053\\u0033"}}'
    assert Redactor(["s3cret/value"]).text(text) == f'{{"a": "{REDACTED}", "b": "\\u0053\\u0033"}}'


def test_a_secret_escaped_twice_is_redacted() -> None:
    inner = json.dumps(json.dumps({"k": "s3cret/value"}))  # JSON inside a JSON string
    assert "s3cret" not in Redactor(["s3cret/value"]).text(inner)


# --- short secrets ---


def test_a_short_secret_is_redacted_only_as_a_whole_token() -> None:
    redactor = Redactor(["ab12"])
    assert redactor.text("ab12 xab12 ab123 (ab12)") == f"{REDACTED} xab12 ab123 ({REDACTED})"


def test_a_short_secret_is_not_searched_in_base64() -> None:
    encoded = base64.b64encode(b"ab12").decode()
    assert Redactor(["ab12"]).text(encoded) == encoded


# --- names that say secret ---


def test_values_of_fields_named_secret_go_and_their_names_stay() -> None:
    text = '{"clientSecret": "c", "refresh_token": "r", "private_key": 123, "key_count": 3, "monkey": "m"}'
    assert Redactor().text(text) == (
        f'{{"clientSecret": "{REDACTED}", "refresh_token": "{REDACTED}", "private_key": {REDACTED}, '
        '"key_count": 3, "monkey": "m"}'
    )


def test_query_and_form_fields_named_secret_go() -> None:
    url = "http://api.test/x?api_key=k1&page=2&access_token=t1&signature=s1"
    expected = f"http://api.test/x?api_key={REDACTED}&page=2&access_token={REDACTED}&signature={REDACTED}"
    assert Redactor().text(url) == expected
    assert Redactor().text("user=ann&password=hunter2") == f"user=ann&password={REDACTED}"


def test_the_contracts_own_names_are_secret_whatever_they_say() -> None:
    redactor = Redactor(headers=["X-Tenant"], names=["code"])
    assert redactor.headers([("X-Tenant", "t")]) == (("X-Tenant", REDACTED),)
    assert redactor.text("http://api.test/?code=c1&b=2") == f"http://api.test/?code={REDACTED}&b=2"


def test_headers_whose_names_say_secret_are_redacted() -> None:
    pairs = [("X-Amz-Security-Token", "t"), ("X-Auth-Token", "a"), ("Idempotency-Key", "i"), ("X-Request-Id", "r")]
    assert Redactor().headers(pairs) == (
        ("X-Amz-Security-Token", REDACTED),
        ("X-Auth-Token", REDACTED),
        ("Idempotency-Key", "i"),
        ("X-Request-Id", "r"),
    )


def test_a_value_quoted_without_its_name_is_redacted_by_where_it_is() -> None:
    document = {"auth": [{"access_token": "tok-9f8e7d"}], "count": "x"}
    message = "'tok-9f8e7d' is not of type 'integer'"
    assert (
        Redactor().for_instance(document, "/auth/0/access_token").text(message)
        == f"'{REDACTED}' is not of type 'integer'"
    )
    assert Redactor().for_instance(document, "/count").text("'x' is bad") == "'x' is bad"


# --- clip: only what is shown is redacted ---


def test_clip_shows_the_limit_and_counts_the_rest() -> None:
    text = "a" * 10 + "s3cret-value" + "b" * 100
    assert Redactor(["s3cret-value"]).clip(text, 15) == (f"{'a' * 10}[REDA", 100)
    assert Redactor(["s3cret-value"]).clip(text, 1000) == (f"{'a' * 10}{REDACTED}{'b' * 100}", 0)


def test_clip_reads_only_the_start_of_a_huge_text() -> None:
    text = "\\u0041" * 3_000_000  # 18 MB of escapes, each a Python step to decode
    started = time.perf_counter()
    shown, left_out = Redactor(["s3cret-value"]).clip(text, 2048)
    assert shown == text[:2048] and left_out == len(text) - 2048
    assert time.perf_counter() - started < 1.0


@settings(max_examples=40, deadline=None)
@given(
    secret=st.text(KEY_ALPHABET + '"\\ %&', min_size=6, max_size=16),
    filler=st.lists(st.sampled_from(["x", " ", "\\u0041", "%41", '"token": "', "\\", "="]), max_size=300),
    places=st.lists(st.integers(0, 300), max_size=4),
    limit=st.integers(1, 400),
)
def test_clip_is_the_start_of_the_whole_redacted_text(
    secret: str, filler: list[str], places: list[int], limit: int
) -> None:
    for place in sorted(places, reverse=True):
        filler.insert(min(place, len(filler)), secret)
    text = "".join(filler)
    redactor = Redactor([secret])
    whole = redactor.text(text)
    shown, _ = redactor.clip(text, limit)
    assert shown == whole[:limit]


# --- the property: random secrets in random JSON, in every encoding ---

JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.text(max_size=12)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
SECRET_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))


@settings(max_examples=60, deadline=None)
@given(
    secret=st.text(SECRET_CHARACTERS, min_size=6, max_size=24),
    document=JSON_VALUES,
    encoding=st.sampled_from(sorted(encodings("placeholder"))),
    around=st.tuples(st.text(max_size=5), st.text(max_size=5)),
    ensure_ascii=st.booleans(),
    escaped_slashes=st.booleans(),
)
def test_random_secrets_in_random_json_are_redacted_in_every_encoding(
    secret: str, document: object, encoding: str, around: tuple[str, str], ensure_ascii: bool, escaped_slashes: bool
) -> None:
    marker = "\0planted\0"
    text = json.dumps({"data": document, "echo": around[0] + marker + around[1]}, ensure_ascii=ensure_ascii)
    form = encodings(secret)[encoding]
    raw_json = encoding in ("json", "json_ascii", "json_slash", "u_lower", "u_upper")  # already JSON string contents
    text = text.replace(
        json.dumps(marker)[1:-1], form if raw_json else json.dumps(form, ensure_ascii=ensure_ascii)[1:-1]
    )
    if escaped_slashes:
        text = text.replace("/", "\\/")
    assert leaks(Redactor([secret]).text(text), secret) == []
