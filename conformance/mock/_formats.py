"""Strings of the formats JSON Schema names, from a seeded ``random.Random``.

Written by hand, like the rest of the mock's bodies, so each is cheap and reproducible. A format
not listed here is no constraint on a plain string (JSON Schema's annotation semantics).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

__all__ = ["formatted"]

_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_NAMES = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel")


def formatted(name: str, rng: random.Random) -> str | None:
    """A string of format ``name``; None for a format this does not know."""
    writer = _WRITERS.get(name)
    return writer(rng) if writer else None


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _moment(rng: random.Random) -> datetime:
    return _EPOCH + timedelta(seconds=rng.randrange(60 * 60 * 24 * 365))


def _date_time(rng: random.Random) -> str:
    return _moment(rng).strftime("%Y-%m-%dT%H:%M:%SZ")


def _date(rng: random.Random) -> str:
    return (_EPOCH + timedelta(days=rng.randrange(365))).strftime("%Y-%m-%d")


def _time(rng: random.Random) -> str:
    return _moment(rng).strftime("%H:%M:%SZ")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_NAMES)}{rng.randrange(100)}"


def _hostname(rng: random.Random) -> str:
    return f"{_name(rng)}.example.com"


def _email(rng: random.Random) -> str:
    return f"{_name(rng)}@example.com"


def _uri(rng: random.Random) -> str:
    return f"https://{_hostname(rng)}/{_name(rng)}"


def _ipv4(rng: random.Random) -> str:
    return ".".join(str(rng.randrange(1, 255)) for _ in range(4))


def _ipv6(rng: random.Random) -> str:
    return ":".join(f"{rng.getrandbits(16):x}" for _ in range(8))


def _json_pointer(rng: random.Random) -> str:
    return f"/{rng.choice(_NAMES)}/{rng.randrange(10)}"


def _duration(rng: random.Random) -> str:
    return f"P{rng.randrange(1, 30)}D"


_WRITERS: dict[str, Callable[[random.Random], str]] = {
    "uuid": _uuid,
    "date-time": _date_time,
    "date": _date,
    "time": _time,
    "email": _email,
    "idn-email": _email,
    "uri": _uri,
    "iri": _uri,
    "uri-reference": _uri,
    "iri-reference": _uri,
    "hostname": _hostname,
    "idn-hostname": _hostname,
    "ipv4": _ipv4,
    "ipv6": _ipv6,
    "json-pointer": _json_pointer,
    "relative-json-pointer": lambda rng: f"{rng.randrange(3)}{_json_pointer(rng)}",
    "duration": _duration,
    "uri-template": lambda rng: f"https://{_hostname(rng)}/{{id}}",
    "regex": lambda rng: "^[a-z]+$",
}
