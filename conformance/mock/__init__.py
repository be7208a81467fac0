"""The embedded, spec-driven mock of every vendored API (an ASGI app)."""

from conformance.mock.app import create_app

__all__ = ["create_app"]
