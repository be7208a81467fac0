"""Real servers on 127.0.0.1 for tests: uvicorn in a thread, and ASGI wrappers that plant drift."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

ASGIApp = Callable[..., Any]
# (method, path, status, headers, body) -> (status, headers, body); headers are (name, value) byte pairs.
Mutation = Callable[[str, str, int, list[tuple[bytes, bytes]], bytes], tuple[int, list[tuple[bytes, bytes]], bytes]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(app: ASGIApp) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 until the block ends; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def drifted(app: ASGIApp, mutate: Mutation) -> ASGIApp:
    """``app`` with every HTTP response passed through ``mutate`` (the planted drift)."""

    async def wrapper(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    status, headers, body = mutate(
                        scope["method"],
                        scope["path"],
                        start["status"],
                        list(start.get("headers", [])),
                        b"".join(chunks),
                    )
                    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                    headers.append((b"content-length", str(len(body)).encode()))
                    await send({"type": "http.response.start", "status": status, "headers": headers})
                    await send({"type": "http.response.body", "body": body})

        await app(scope, receive, capture)

    return wrapper


def json_drift(applies: Callable[[str, str, int], bool], change: Callable[[Any], Any]) -> Mutation:
    """A mutation that rewrites the JSON body of the responses ``applies`` picks."""

    def mutate(
        method: str, path: str, status: int, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        if not applies(method, path, status) or not body:
            return status, headers, body
        return status, headers, json.dumps(change(json.loads(body))).encode()

    return mutate
