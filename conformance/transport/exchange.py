"""Sending one request and keeping what came back: the raw parts for checks, redacted records for reports.

Every exchange is bounded: one deadline covers connecting, sending and every read (httpx's own
timeouts apply to each of those alone, so a server dripping a byte a second would hold a request
forever), and the body is counted as it streams, after decompression, up to a cap (so a huge body
or a compression bomb costs about the cap: see ``_inflate``). A body cut at the cap is not given to the checks as
if it were whole.
"""

from __future__ import annotations

import asyncio
import shlex
import ssl
from contextlib import aclosing
from dataclasses import dataclass

import h11
import httpx

from conformance.transport._inflate import decoded_body
from conformance.transport.records import RequestRecord, ResponseRecord, clip
from conformance.transport.redaction import Redactor

__all__ = ["BODY_LIMIT", "Exchange", "ReadLimits", "curl_command", "send"]

BODY_LIMIT = 2048  # characters of a body kept in a record
_HEADER_LIMIT = 512  # characters of a header value kept in a record
# Failures before any response where sending again may help: refused, or reset before an answer.
_RESENDABLE = (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)


@dataclass(frozen=True, slots=True)
class ReadLimits:
    timeout_s: float = 30.0  # one deadline for the whole exchange: connect, send and every read
    max_bytes: int = 10 * 1024 * 1024  # of the response body, after decompression


@dataclass(frozen=True, slots=True)
class Exchange:
    request: RequestRecord
    response: ResponseRecord | None
    body: bytes  # the response body, whole, for the checks; never reported as is
    content_type: str
    error: str | None = None  # why no response, or no whole body, came back
    resendable: bool = False  # failed before any response in a way that sending again may fix

    @property
    def status(self) -> int | None:
        return None if self.response is None else self.response.status

    @property
    def whole(self) -> bool:
        """Whether ``body`` is the whole body the server sent (it was not cut at the cap)."""
        return self.error is None


async def send(
    client: httpx.AsyncClient,
    request: httpx.Request,
    redactor: Redactor,
    limits: ReadLimits = ReadLimits(),
    deadline: float | None = None,
) -> Exchange:
    """Send ``request`` and read its answer by ``deadline`` (event-loop time; default: now + the timeout)."""
    record = _request_record(request, redactor)
    if deadline is None:
        deadline = asyncio.get_running_loop().time() + limits.timeout_s
    response: httpx.Response | None = None
    try:
        async with asyncio.timeout_at(deadline):
            response = await client.send(request, stream=True)
            body, whole = await _read(response, limits.max_bytes)
    except TimeoutError:
        return Exchange(record, None, b"", "", error=f"no whole response within {limits.timeout_s:g} s (--timeout)")
    except httpx.RequestError as exc:  # unreachable, reset, cut short, or an undecodable body
        reason = clip(redactor.text(f"{type(exc).__name__}: {exc}".rstrip(": ")))
        return Exchange(record, None, b"", "", error=reason, resendable=response is None and _resendable(exc))
    finally:
        if response is not None:
            await response.aclose()
    shown = ResponseRecord(response.status_code, _headers(response.headers, redactor), _shown(body, redactor))
    content_type = clip(response.headers.get("content-type", ""))
    if not whole:
        error = f"response body larger than {limits.max_bytes} bytes (--max-response-bytes): read stopped there"
        return Exchange(record, shown, b"", content_type, error=error)
    return Exchange(record, shown, body, content_type)


async def _read(response: httpx.Response, max_bytes: int) -> tuple[bytes, bool]:
    """The decompressed body, counted as it arrives; past ``max_bytes`` only its first bytes, for the record."""
    body = bytearray()
    async with aclosing(decoded_body(response)) as pieces:
        async for piece in pieces:
            if len(body) + len(piece) > max_bytes:
                shown = BODY_LIMIT * 4
                return bytes(body[:shown]) + piece[: max(0, shown - len(body))], False
            body += piece
    return bytes(body), True


def _resendable(exc: httpx.RequestError) -> bool:
    """Refused, reset or hung up on before an answer; not a TLS failure nor an answer that is not
    HTTP (h11 could not read it): sending those again would fail alike."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError | h11.ProtocolError):
            return False
        cause = cause.__cause__ or cause.__context__
    return isinstance(exc, _RESENDABLE)


def curl_command(record: RequestRecord) -> str:
    """A shell command that sends the (redacted) request again."""
    parts = ["curl", "-X", record.method, shlex.quote(record.url)]
    for name, value in record.headers:
        if name.lower() not in ("host", "content-length", "accept-encoding", "connection", "user-agent"):
            parts += ["-H", shlex.quote(f"{name}: {value}")]
    if record.body is not None:
        parts += ["--data-raw", shlex.quote(record.body)]
    return " ".join(parts)


def _request_record(request: httpx.Request, redactor: Redactor) -> RequestRecord:
    return RequestRecord(
        method=request.method,
        url=redactor.text(str(request.url)),
        headers=_headers(request.headers, redactor),
        body=_shown(request.content, redactor) if request.content else None,
    )


def _headers(headers: httpx.Headers, redactor: Redactor) -> tuple[tuple[str, str], ...]:
    return tuple((clip(name), clip(value, _HEADER_LIMIT)) for name, value in redactor.headers(headers.multi_items()))


def _shown(body: bytes, redactor: Redactor) -> str | None:
    if not body:
        return None
    text, left_out = redactor.clip(body.decode("utf-8", errors="replace"), BODY_LIMIT)
    return f"{text}... [{left_out} more characters]" if left_out else text
