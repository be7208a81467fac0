"""A response body decompressed a bounded piece at a time.

Hand-written rather than httpx's own decoding because httpx inflates each network read (64 KiB)
in one call: one read of a gzip bomb becomes ~64 MiB at once, and zlib's growing output buffer
doubles that, before any cap can look at it. Here zlib's ``max_length`` bounds every piece, so a
body past the cap costs about the cap, whatever its compression ratio.

The encodings are those httpx decodes without optional packages, read as httpx reads them:
``gzip`` (and ``x-gzip``), ``deflate`` (zlib-wrapped, or raw as some servers send it) and
``identity``; an encoding it does not know is passed through. The run asks only for these
(``ACCEPT_ENCODING``).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncGenerator, Iterator

import httpx

__all__ = ["ACCEPT_ENCODING", "decoded_body"]

ACCEPT_ENCODING = "gzip, deflate"
_PIECE = 1 << 20  # at most this many decompressed bytes at a time
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


class _Inflater:
    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._zlib = zlib.decompressobj(wbits)
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                piece = self._zlib.decompress(data, _PIECE)
            except zlib.error:
                if self._started or self._wbits != zlib.MAX_WBITS:
                    raise
                self._wbits, self._zlib = -zlib.MAX_WBITS, zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate
                continue
            self._started = True
            data = self._zlib.unconsumed_tail
            if piece:
                yield piece

    def flush(self) -> Iterator[bytes]:
        tail = self._zlib.flush()
        if tail:
            yield tail


def _through(inflaters: list[_Inflater], data: bytes) -> Iterator[bytes]:
    """``data`` through each inflater in turn (the last encoding applied is undone first)."""
    if not inflaters:
        yield data
        return
    first, rest = inflaters[0], inflaters[1:]
    for piece in first.feed(data):
        yield from _through(rest, piece)


def _flushed(inflaters: list[_Inflater]) -> Iterator[bytes]:
    for index, inflater in enumerate(inflaters):
        for piece in inflater.flush():
            yield from _through(inflaters[index + 1 :], piece)


async def decoded_body(response: httpx.Response) -> AsyncGenerator[bytes, None]:
    """The body of a streamed ``response``, decompressed, in pieces of at most about 1 MiB.

    A response httpx has already read (one made whole in memory, as ``httpx.MockTransport``
    returns) is already decoded: its content is given as it is.
    """
    if response.is_stream_consumed:
        yield response.content
        return
    encodings = [value.strip().lower() for value in response.headers.get_list("content-encoding", split_commas=True)]
    inflaters = [_Inflater(_WBITS[name]) for name in reversed(encodings) if name in _WBITS]
    try:
        async for raw in response.aiter_raw():
            for piece in _through(inflaters, raw):
                yield piece
        for piece in _flushed(inflaters):
            yield piece
    except zlib.error as exc:
        raise httpx.DecodingError(str(exc), request=response.request) from exc
