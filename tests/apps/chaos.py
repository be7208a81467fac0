"""A chaos server on 127.0.0.1: each path misbehaves in its own way, some of them below HTTP.

A raw asyncio socket server, not an ASGI app, because the faults worth testing are the ones a
framework would never produce: closing before an answer, a reset (SO_LINGER 0), a body dripping a
byte at a time, a Content-Length larger than what is sent, bytes that are not HTTP, a gigabyte
body, a gzip bomb. Every request is recorded (method, path, when) so tests can count what reached
the server. Every answer closes the connection, so each request is one connection.

``chaos_spec`` is an OpenAPI document with one GET per fault, each documenting a JSON object.
"""

from __future__ import annotations

import asyncio
import functools
import socket
import struct
import threading
import time
import zlib
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

Writer = asyncio.StreamWriter
Fault = Callable[[Writer], Awaitable[None]]
GIB = 1 << 30
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Received:
    method: str
    path: str  # without the query
    at: float  # time.monotonic()


def answer(
    status: int, body: bytes = b"{}", *headers: tuple[str, str], content_type: str = "application/json"
) -> Fault:
    """A well-formed answer, whole."""

    async def fault(writer: Writer) -> None:
        writer.write(_head(status, [("Content-Type", content_type), ("Content-Length", str(len(body))), *headers]))
        writer.write(body)
        await writer.drain()

    return fault


def _head(status: int, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} Chaos", *(f"{name}: {value}" for name, value in headers), "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def close_at_once(writer: Writer) -> None:
    """Read the request, then hang up without a word."""


async def reset(writer: Writer) -> None:
    """Hang up with a TCP reset (SO_LINGER 0)."""
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def drip(writer: Writer) -> None:
    """A valid head, then the body one byte every 0.2 s: each read is quick, the whole is not."""
    writer.write(_head(200, [("Content-Type", "application/json"), ("Content-Length", "100000")]))
    while True:
        writer.write(b" ")
        await writer.drain()
        await asyncio.sleep(0.2)


async def silent(writer: Writer) -> None:
    """Read the request and never answer."""
    await asyncio.sleep(3600)


async def truncated(writer: Writer) -> None:
    """Promise 100 bytes, send 10, hang up."""
    writer.write(_head(200, [("Content-Type", "application/json"), ("Content-Length", "100")]))
    writer.write(b'{"ok": tru')
    await writer.drain()


async def garbage(writer: Writer) -> None:
    """Bytes that are not HTTP at all."""
    writer.write(b"SSH-2.0-OpenSSH_9.6\r\n\x00\xff not http\r\n\r\n")
    await writer.drain()


async def huge(writer: Writer) -> None:
    """A 1 GiB JSON array, streamed as fast as the client reads it, until it hangs up."""
    writer.write(_head(200, [("Content-Type", "application/json"), ("Content-Length", str(GIB))]))
    writer.write(b"[")
    chunk = b"0," * (_CHUNK // 2)
    for _ in range(GIB // len(chunk)):
        writer.write(chunk)
        await writer.drain()


async def gzip_bomb_answer(writer: Writer) -> None:
    """About 1 MB on the wire that inflates to 1 GiB of zeros."""
    bomb = gzip_bomb()
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip"), ("Content-Length", str(len(bomb)))]
    writer.write(_head(200, headers))
    for start in range(0, len(bomb), _CHUNK):
        writer.write(bomb[start : start + _CHUNK])
        await writer.drain()


@functools.cache
def gzip_bomb(size: int = GIB) -> bytes:
    """A valid gzip stream of ``size`` zero bytes, built without compressing them all.

    After a full flush a deflate stream starts afresh, so every further 1 MiB of zeros compresses
    to the same bytes: compress two chunks, repeat the second, and write the true trailer.
    """
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()[:-8]  # the final block; its trailer counted only two chunks
    crc = 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return first + repeated * (size // len(chunk) - 1) + end + trailer


FAULTS: dict[str, Fault] = {
    "/ok": answer(200, b'{"ok": true}'),
    "/close": close_at_once,
    "/reset": reset,
    "/drip": drip,
    "/silent": silent,
    "/truncated": truncated,
    "/invalid-json": answer(200, b'{"unterminated": '),
    "/garbage": garbage,
    "/huge": huge,
    "/gzip-bomb": gzip_bomb_answer,
    "/rate-limited": answer(429, b'{"error": "slow down"}', ("Retry-After", "1")),
    "/rate-limited-long": answer(429, b'{"error": "slow down"}', ("Retry-After", "3600")),
    "/server-error": answer(500, b'{"error": "boom"}'),
}


def chaos_spec(
    paths: list[str] | None = None, *, methods: tuple[str, ...] = ("get",), query: bool = False
) -> dict[str, Any]:
    """An OpenAPI 3.1 document: ``methods`` of each fault path, each documenting a JSON object.

    With ``query``, each takes an optional integer ``n``: generation then makes many requests.
    """
    response = {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}
    parameters = [{"name": "n", "in": "query", "schema": {"type": "integer"}}] if query else []

    def operation(path: str, method: str) -> dict[str, Any]:
        name = f"{method}_{path.strip('/').replace('-', '_')}"
        return {"operationId": name, "parameters": parameters, "responses": {"200": response}}

    operations = {path: {method: operation(path, method) for method in methods} for path in paths or list(FAULTS)}
    return {"openapi": "3.1.0", "info": {"title": "chaos", "version": "1"}, "paths": operations}


@dataclass
class ChaosServer:
    faults: dict[str, Fault]
    default: Fault = field(default_factory=lambda: answer(200))
    received: list[Received] = field(default_factory=list)
    base_url: str = ""

    def count(self, path: str) -> int:
        return sum(1 for request in self.received if request.path == path)

    async def handle(self, reader: asyncio.StreamReader, writer: Writer) -> None:
        try:
            path = await self._read_request(reader, writer)
            if path is not None:
                await self.faults.get(path, self.default)(writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.CancelledError):
            pass  # the client hung up, or the server is shutting down
        finally:
            with suppress(ConnectionError, RuntimeError):
                writer.close()

    async def _read_request(self, reader: asyncio.StreamReader, writer: Writer) -> str | None:
        first = await reader.readexactly(1)
        if not first.isalpha():  # a TLS handshake, say: answer in plain HTTP, as a real server does
            await answer(400, b"not HTTP", content_type="text/plain")(writer)
            return None
        head = first + await reader.readuntil(b"\r\n\r\n")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        parts = request_line.split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/"):
            return None
        method, target = parts[0], parts[1]
        self.received.append(Received(method, target.split("?")[0], time.monotonic()))
        length = next(
            (int(v) for n, _, v in (h.partition(":") for h in header_lines) if n.lower() == "content-length"), 0
        )
        await reader.readexactly(length)
        return target.split("?")[0]


@contextmanager
def chaos_server(faults: dict[str, Fault] | None = None) -> Iterator[ChaosServer]:
    """Serve the faults on 127.0.0.1 in a thread of its own until the block ends."""
    chaos = ChaosServer(FAULTS if faults is None else faults)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = asyncio.run_coroutine_threadsafe(asyncio.start_server(chaos.handle, "127.0.0.1", 0), loop).result(10)
    chaos.base_url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    try:
        yield chaos
    finally:
        asyncio.run_coroutine_threadsafe(_shut_down(server), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


async def _shut_down(server: asyncio.Server) -> None:
    server.close()
    current = asyncio.current_task()
    tasks = [task for task in asyncio.all_tasks() if task is not current]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
