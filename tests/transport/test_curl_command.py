"""curl_command: a shell line that sends the recorded (redacted) request again."""

from __future__ import annotations

import shlex

from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.transport import REDACTED, RequestRecord, curl_command

HEADERS = (
    ("host", "api.test"),
    ("content-length", "12"),
    ("accept-encoding", "gzip"),
    ("connection", "keep-alive"),
    ("user-agent", "python-httpx"),
    ("Content-Type", "application/json"),
    ("Authorization", REDACTED),
)


def test_round_trips_through_the_shell() -> None:
    record = RequestRecord("POST", "http://api.test/things?a=1&b=two words", HEADERS, '{"name": "it\'s"}')
    assert shlex.split(curl_command(record)) == [
        "curl",
        "-X",
        "POST",
        "http://api.test/things?a=1&b=two words",
        "-H",
        "Content-Type: application/json",
        "-H",
        f"Authorization: {REDACTED}",
        "--data-raw",
        '{"name": "it\'s"}',
    ]


def test_transport_headers_are_left_to_curl() -> None:
    argv = shlex.split(curl_command(RequestRecord("GET", "http://api.test/", HEADERS, None)))
    sent = {argv[i + 1].split(":")[0].lower() for i, part in enumerate(argv) if part == "-H"}
    assert sent == {"content-type", "authorization"}


def test_host_header_is_omitted_in_any_case() -> None:
    argv = shlex.split(curl_command(RequestRecord("GET", "http://a/", (("Host", "a"), ("Content-Length", "0")), None)))
    assert argv == ["curl", "-X", "GET", "http://a/"]


def test_no_body_no_data_flag() -> None:
    assert "--data-raw" not in curl_command(RequestRecord("DELETE", "http://api.test/x", (), None))


def test_empty_body_is_sent_as_empty_data() -> None:
    argv = shlex.split(curl_command(RequestRecord("POST", "http://api.test/x", (), "")))
    assert argv[-2:] == ["--data-raw", ""]


def test_request_size_counts_url_and_body() -> None:
    assert RequestRecord("GET", "http://a/", (), None).size == 9
    assert RequestRecord("POST", "http://a/", (), "12345").size == 14


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@settings(max_examples=50, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    path=_TEXT,
    value=_TEXT,
    body=st.none() | _TEXT,
)
def test_any_request_round_trips(method: str, path: str, value: str, body: str | None) -> None:
    record = RequestRecord(method, f"http://api.test/{path}", (("X-Value", value),), body)
    argv = shlex.split(curl_command(record))
    expected = ["curl", "-X", method, record.url, "-H", f"X-Value: {value}"]
    if body is not None:
        expected += ["--data-raw", body]
    assert argv == expected
