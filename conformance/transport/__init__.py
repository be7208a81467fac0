"""Sending requests with httpx, to a live base URL or in-process to an ASGI app."""

from conformance.transport._names import says_secret
from conformance.transport.exchange import Exchange, curl_command, send
from conformance.transport.records import RequestRecord, ResponseRecord
from conformance.transport.redaction import REDACTED, Redactor

__all__ = [
    "REDACTED",
    "Exchange",
    "Redactor",
    "RequestRecord",
    "ResponseRecord",
    "curl_command",
    "says_secret",
    "send",
]
