"""decoded_body: httpx's encodings, decompressed a bounded piece at a time."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest

from conformance.transport._inflate import decoded_body
from tests.apps.chaos import gzip_bomb

TEXT = b'{"message": "hello"}' * 1000


class Chunks(httpx.AsyncByteStream):
    def __init__(self, data: bytes, size: int = 65536) -> None:
        self._data, self._size = data, size

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self._data), self._size):
            yield self._data[start : start + self._size]


def pieces(data: bytes, encoding: str | None, limit: int | None = None) -> list[bytes]:
    headers = {"Content-Encoding": encoding} if encoding else {}
    response = httpx.Response(200, headers=headers, stream=Chunks(data), request=httpx.Request("GET", "http://t"))

    async def read() -> list[bytes]:
        found: list[bytes] = []
        async for piece in decoded_body(response):
            found.append(piece)
            if limit is not None and len(found) >= limit:
                break
        return found

    return asyncio.run(read())


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "encoded"),
    [
        (None, TEXT),
        ("identity", TEXT),
        ("gzip", gzip.compress(TEXT)),
        ("x-gzip", gzip.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)),
        ("deflate", raw_deflate(TEXT)),  # what some servers send as deflate
        ("gzip, deflate", zlib.compress(gzip.compress(TEXT))),  # gzip applied first: undone last
        ("br", TEXT),  # not one the run asks for: passed through, as httpx does without brotli
    ],
)
def test_every_encoding_httpx_reads_is_read_alike(encoding: str | None, encoded: bytes) -> None:
    assert b"".join(pieces(encoded, encoding)) == TEXT


def test_a_compression_bomb_comes_out_a_bounded_piece_at_a_time() -> None:
    bomb = gzip_bomb(64 << 20)  # 64 MiB of zeros in ~64 KB
    first = pieces(bomb, "gzip", limit=20)
    assert len(first) == 20 and max(len(piece) for piece in first) <= 1 << 20


def test_a_body_that_does_not_decompress_is_a_decoding_error() -> None:
    with pytest.raises(httpx.DecodingError):
        pieces(b"not gzip at all", "gzip")
