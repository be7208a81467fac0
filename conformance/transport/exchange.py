"""Sending one request and keeping what came back: the raw parts for checks, redacted records for reports."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

import httpx

from conformance.transport.records import RequestRecord, ResponseRecord
from conformance.transport.redaction import Redactor

__all__ = ["BODY_LIMIT", "Exchange", "curl_command", "send"]

BODY_LIMIT = 2048  # characters of a body kept in a record


@dataclass(frozen=True, slots=True)
class Exchange:
    request: RequestRecord
    response: ResponseRecord | None
    body: bytes  # the response body, whole, for the checks; never reported as is
    content_type: str
    error: str | None = None  # why no response came back

    @property
    def status(self) -> int | None:
        return None if self.response is None else self.response.status


async def send(client: httpx.AsyncClient, request: httpx.Request, redactor: Redactor) -> Exchange:
    record = _request_record(request, redactor)
    try:
        response = await client.send(request)
        body = await response.aread()
    except httpx.RequestError as exc:  # unreachable, reset, timed out, or an undecodable body
        reason = redactor.text(f"{type(exc).__name__}: {exc}".rstrip(": "))
        return Exchange(record, None, b"", "", error=reason)
    return Exchange(
        request=record,
        response=ResponseRecord(
            status=response.status_code,
            headers=redactor.headers(response.headers.multi_items()),
            body=_shown(body, redactor),
        ),
        body=body,
        content_type=response.headers.get("content-type", ""),
    )


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
        headers=redactor.headers(request.headers.multi_items()),
        body=_shown(request.content, redactor) if request.content else None,
    )


def _shown(body: bytes, redactor: Redactor) -> str | None:
    if not body:
        return None
    text, left_out = redactor.clip(body.decode("utf-8", errors="replace"), BODY_LIMIT)
    return f"{text}... [{left_out} more characters]" if left_out else text
