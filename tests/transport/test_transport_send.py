"""send: the raw response for the checks, redacted and truncated records for the reports; every fault bounded."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import httpx
import pytest

from conformance.transport import REDACTED, Exchange, ReadLimits, Redactor, send
from conformance.transport.exchange import BODY_LIMIT
from tests.apps.chaos import answer, chaos_server

SECRET = "sk-live-0123456789"
Handler = Callable[[httpx.Request], httpx.Response]


def _send(handler: Handler, request_kwargs: dict[str, object], redactor: Redactor | None = None) -> Exchange:
    async def go() -> Exchange:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            request = client.build_request(**request_kwargs)  # type: ignore[arg-type]
            return await send(client, request, redactor or Redactor([SECRET]))

    return asyncio.run(go())


def _get(url: str = "http://api.test/things", **kwargs: object) -> dict[str, object]:
    return {"method": "GET", "url": url, **kwargs}


def test_response_is_kept_whole_for_the_checks() -> None:
    body = json.dumps({"id": 1}).encode()
    exch = _send(lambda r: httpx.Response(201, content=body, headers={"Content-Type": "application/json"}), _get())
    assert exch.status == 201
    assert exch.body == body
    assert exch.content_type == "application/json"
    assert exch.error is None
    assert exch.response is not None and exch.response.body == '{"id": 1}'


def test_missing_content_type_is_empty() -> None:
    exch = _send(lambda r: httpx.Response(204), _get())
    assert (exch.status, exch.content_type, exch.body) == (204, "", b"")
    assert exch.response is not None and exch.response.body is None


def test_request_headers_are_redacted_in_the_record_but_sent_as_they_are() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    headers = {"Authorization": f"Bearer {SECRET}", "X-Api-Key": "other-key", "X-Trace": f"t-{SECRET}"}
    exch = _send(handler, _get(headers=headers))
    assert seen[0].headers["authorization"] == f"Bearer {SECRET}"
    recorded = dict(exch.request.headers)  # httpx gives the names lower-cased
    assert recorded["authorization"] == REDACTED
    assert recorded["x-api-key"] == REDACTED
    assert recorded["x-trace"] == f"t-{REDACTED}"
    assert SECRET not in repr(exch.request)


def test_response_headers_and_body_are_redacted_in_the_record_only() -> None:
    body = f'{{"echo": "{SECRET}"}}'.encode()
    response = httpx.Response(200, content=body, headers={"Set-Cookie": "session=abc", "X-Echo": SECRET})
    exch = _send(lambda r: response, _get())
    assert exch.body == body  # the checks see what came back
    assert exch.response is not None
    assert dict(exch.response.headers)["set-cookie"] == REDACTED
    assert dict(exch.response.headers)["x-echo"] == REDACTED
    assert exch.response.body == f'{{"echo": "{REDACTED}"}}'


def test_secret_in_the_url_is_redacted() -> None:
    exch = _send(lambda r: httpx.Response(200), _get(f"http://api.test/things?key={SECRET}"))
    assert exch.request.url == f"http://api.test/things?key={REDACTED}"


def test_request_body_is_recorded() -> None:
    exch = _send(lambda r: httpx.Response(200), {"method": "POST", "url": "http://api.test/x", "content": b'{"a": 1}'})
    assert exch.request.body == '{"a": 1}'
    assert exch.request.method == "POST"


def test_no_request_body_is_none() -> None:
    assert _send(lambda r: httpx.Response(200), _get()).request.body is None


def test_body_at_the_limit_is_kept_whole() -> None:
    text = "x" * BODY_LIMIT
    exch = _send(lambda r: httpx.Response(200, text=text), _get())
    assert exch.response is not None and exch.response.body == text


@pytest.mark.parametrize("extra", [1, 500])
def test_long_bodies_are_truncated_with_a_marker(extra: int) -> None:
    text = "y" * (BODY_LIMIT + extra)
    exch = _send(
        lambda r: httpx.Response(200, text=text),
        {"method": "POST", "url": "http://api.test/x", "content": text.encode()},
    )
    marker = f"{'y' * BODY_LIMIT}... [{extra} more characters]"
    assert exch.response is not None and exch.response.body == marker
    assert exch.request.body == marker
    assert exch.body == text.encode()


def test_truncation_is_of_the_redacted_text_and_counts_the_characters_left_out() -> None:
    text = SECRET * 250  # 4500 characters, 2500 once redacted
    exch = _send(lambda r: httpx.Response(200, text=text), _get())
    shown = BODY_LIMIT // len(REDACTED) + 1  # the secrets shown, the last one cut
    assert exch.response is not None
    assert (
        exch.response.body == f"{(REDACTED * 250)[:BODY_LIMIT]}... [{len(text) - shown * len(SECRET)} more characters]"
    )
    assert SECRET not in exch.response.body


def test_undecodable_body_is_shown_with_replacement_characters() -> None:
    exch = _send(lambda r: httpx.Response(200, content=b"ok\xff"), _get())
    assert exch.response is not None and exch.response.body == "ok\ufffd"
    assert exch.body == b"ok\xff"


def test_connect_error_becomes_an_exchange_without_response() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"cannot reach api.test with key {SECRET}", request=request)

    exch = _send(refuse, _get(headers={"Authorization": f"Bearer {SECRET}"}))
    assert exch.response is None and exch.status is None
    assert exch.body == b"" and exch.content_type == ""
    assert exch.error == f"ConnectError: cannot reach api.test with key {REDACTED}"
    assert SECRET not in repr(exch)


def test_error_without_message_is_just_its_kind() -> None:
    def time_out(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("", request=request)

    assert _send(time_out, _get()).error == "ReadTimeout"


def test_broken_content_encoding_does_not_escape_send() -> None:
    exch = _send(lambda r: httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=b"not gzip"), _get())
    assert exch.response is None
    assert exch.error is not None and exch.error.startswith("DecodingError")


def _send_to(url: str, limits: ReadLimits) -> Exchange:
    async def go() -> Exchange:
        async with httpx.AsyncClient() as client:
            return await send(client, client.build_request("GET", url), Redactor([SECRET]), limits)

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("path", "status", "error", "resendable"),
    [
        ("/ok", 200, None, False),
        ("/close", None, "RemoteProtocolError: Server disconnected without sending a response.", True),
        ("/reset", None, "ReadError", True),
        ("/drip", None, "no whole response within 1 s (--timeout)", False),
        ("/silent", None, "no whole response within 1 s (--timeout)", False),
        (
            "/truncated",
            None,
            "RemoteProtocolError: peer closed connection without sending complete message body",
            False,
        ),
        ("/garbage", None, "RemoteProtocolError: illegal status line", False),
        ("/huge", 200, "response body larger than 1000000 bytes (--max-response-bytes): read stopped there", False),
        (
            "/gzip-bomb",
            200,
            "response body larger than 1000000 bytes (--max-response-bytes): read stopped there",
            False,
        ),
    ],
)
def test_every_fault_is_bounded_and_classified(
    path: str, status: int | None, error: str | None, resendable: bool
) -> None:
    started = time.monotonic()
    with chaos_server() as server:
        exch = _send_to(server.base_url + path, ReadLimits(timeout_s=1.0, max_bytes=1_000_000))
    assert time.monotonic() - started < 5
    assert exch.status == status
    assert (exch.error or "").startswith(error or "") and (exch.error is None) == (error is None)
    assert exch.resendable is resendable
    if exch.response is not None and error is not None:  # cut at the cap: nothing for the checks
        assert exch.body == b"" and not exch.whole
        assert exch.response.body is not None and len(exch.response.body) < BODY_LIMIT + 100


def test_tls_to_a_plain_port_is_a_transport_error_not_retried() -> None:
    with chaos_server() as server:
        exch = _send_to(server.base_url.replace("http://", "https://") + "/ok", ReadLimits(timeout_s=5))
    assert exch.status is None and not exch.resendable
    assert exch.error is not None and exch.error.startswith("ConnectError: [SSL")


def test_a_body_at_the_cap_is_read_whole() -> None:
    body = b"x" * 1000
    with chaos_server({"/exact": answer(200, body, content_type="text/plain")}) as server:
        exch = _send_to(server.base_url + "/exact", ReadLimits(max_bytes=1000))
    assert exch.whole and exch.body == body


def test_a_huge_header_value_is_clipped_in_the_record() -> None:
    value = "v" * 60_000  # under h11's limit on a response head, so it arrives
    with chaos_server({"/header": answer(200, b"{}", ("X-Big", value))}) as server:
        exch = _send_to(server.base_url + "/header", ReadLimits())
    assert exch.response is not None
    shown = dict(exch.response.headers)["x-big"]
    assert len(shown) < 600 and shown.startswith("vvv") and "characters]" in shown
