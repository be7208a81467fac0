"""Where requests go: the embedded mock in-process, or a live server, and with which credentials."""

from __future__ import annotations

import os
from dataclasses import dataclass

import httpx

from conformance.contracts import Api
from conformance.errors import UsageError
from conformance.mock import create_app
from conformance.transport import ACCEPT_ENCODING, Redactor, says_secret

__all__ = ["MOCK_SECRET", "Target", "environment_redactor", "live_target", "mock_target", "read_secret"]

# What the run presents to the embedded mock; redacted like any real secret.
MOCK_SECRET = "conformance-mock-credential"


@dataclass(frozen=True, slots=True)
class Target:
    base_url: str
    secret: str | None  # None: requests go without credentials
    transport: httpx.AsyncBaseTransport | None = None  # None: the network
    timeout_s: float = 30.0  # httpx's per-step timeouts; the whole request's deadline is the transport's own

    def client(self) -> httpx.AsyncClient:
        timeout = httpx.Timeout(self.timeout_s, connect=min(10.0, self.timeout_s))
        headers = {"Accept-Encoding": ACCEPT_ENCODING}  # what the transport decodes, a bounded piece at a time
        return httpx.AsyncClient(transport=self.transport, timeout=timeout, headers=headers, follow_redirects=False)


def mock_target(api: Api, seed: int) -> Target:
    app = create_app(api, seed=seed)
    return Target(base_url=f"http://{api.name}.mock", secret=MOCK_SECRET, transport=httpx.ASGITransport(app=app))


def live_target(api: Api, base_url: str, timeout_s: float = 30.0) -> Target:
    return Target(base_url=base_url.rstrip("/"), secret=read_secret(api), timeout_s=timeout_s)


def read_secret(api: Api) -> str | None:
    """The secret from the contract's variable, trimmed; None when it is not set."""
    name = api.contract.auth.env
    secret = os.environ.get(name, "").strip()
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in secret):
        raise UsageError(f"{name} contains control characters; it cannot be sent in a header")
    return secret or None


_SHELL_VARIABLES = frozenset({"PWD", "OLDPWD"})  # "pwd" says password, but these are the shell's folders


def environment_redactor(*names: str) -> Redactor:
    """Hides, in what is printed or written outside a run's exchanges (an error's message), every
    secret the environment holds: the variables ``names`` and those whose names say secret
    (``TELNYX_API_KEY``, ``GITHUB_TOKEN``...), and the embedded mock's credential."""
    values = [
        value.strip()
        for name, value in os.environ.items()
        if name in names or (says_secret(name) and name not in _SHELL_VARIABLES)
    ]
    return Redactor([*values, MOCK_SECRET])
