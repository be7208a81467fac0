"""Serving the mock on 127.0.0.1 with uvicorn, on a port we bind ourselves.

uvicorn binds the port itself and, when it is taken, logs an error and exits 3 (our "target
unreachable"). Binding first turns a taken port into a one-line ``UsageError`` (exit 2) before
anything starts, and handing uvicorn the bound socket leaves no moment for another process to
take the port in between.
"""

from __future__ import annotations

import errno
import socket
from typing import Any

from conformance.errors import UsageError

__all__ = ["HOST", "bind", "serve"]

HOST = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """A socket bound to ``port`` on 127.0.0.1; ``UsageError`` when the port is taken or not ours to take."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is no obstacle
    try:
        listener.bind((HOST, port))
    except OSError as exc:
        listener.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on {HOST} is in use; choose another with --port") from exc
        raise UsageError(f"cannot listen on port {port} of {HOST}: {exc.strerror or exc}") from exc
    return listener


def serve(app: Any, listener: socket.socket) -> None:
    """Serve ``app`` on the socket ``bind`` gave, until Ctrl-C or SIGTERM."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning")
    uvicorn.Server(config).run(sockets=[listener])
