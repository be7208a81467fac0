"""Sending requests with httpx, to a live base URL or in-process to an ASGI app."""

from typing import TYPE_CHECKING

from conformance._lazy import lazy_exports

if TYPE_CHECKING:
    from conformance.transport._inflate import ACCEPT_ENCODING
    from conformance.transport._names import says_secret
    from conformance.transport.exchange import Exchange, ReadLimits, curl_command, send
    from conformance.transport.records import QUOTE_LIMIT, RequestRecord, ResponseRecord, clip
    from conformance.transport.redaction import REDACTED, Redactor

__getattr__ = lazy_exports(__name__, __file__)

__all__ = [
    "ACCEPT_ENCODING",
    "QUOTE_LIMIT",
    "REDACTED",
    "Exchange",
    "ReadLimits",
    "Redactor",
    "RequestRecord",
    "ResponseRecord",
    "clip",
    "curl_command",
    "says_secret",
    "send",
]
