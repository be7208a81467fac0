"""Where requests go: the embedded mock in-process, or a live server, and with which credentials."""

from __future__ import annotations

import os
from dataclasses import dataclass

import httpx

from conformance.contracts import Api
from conformance.mock import create_app

__all__ = ["MOCK_SECRET", "Target", "live_target", "mock_target"]

# What the run presents to the embedded mock; redacted like any real secret.
MOCK_SECRET = "conformance-mock-credential"
_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass(frozen=True, slots=True)
class Target:
    description: str
    base_url: str
    secret: str | None  # None: requests go without credentials
    transport: httpx.AsyncBaseTransport | None = None  # None: the network
    live: bool = True

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=self.transport, timeout=_TIMEOUT, follow_redirects=False)


def mock_target(api: Api, seed: int) -> Target:
    app = create_app(api, seed=seed)
    return Target(
        description="embedded mock",
        base_url=f"http://{api.name}.mock",
        secret=MOCK_SECRET,
        transport=httpx.ASGITransport(app=app),
        live=False,
    )


def live_target(api: Api, base_url: str) -> Target:
    secret = os.environ.get(api.contract.auth.env) or None
    return Target(description=base_url.rstrip("/"), base_url=base_url.rstrip("/"), secret=secret)
