"""A text with its escapes decoded, and the way back: where a span of the decoded text came from.

A server can echo a secret escaped: ``\\u0073\\u006b`` or ``sk\\/live`` in a JSON string (any mix
of escaped and plain characters, either hex case), ``sk%2Flive`` or ``sk%2flive`` in a URL, or
escaped twice (JSON inside a JSON string, a URL inside one). Searching the text for every escaped
spelling is hopeless; instead the escapes are decoded into a *view* of the text, the secret is
searched there, and each span found is mapped back to the original characters, which are the
ones redacted. A span that covers part of an escape covers the whole escape.

Each view decodes one kind of escape: JSON (``\\uXXXX``, a surrogate pair as one character,
``\\"``, ``\\\\``, ``\\/``, ``\\b`` ``\\f`` ``\\n`` ``\\r`` ``\\t``), percent (a run of ``%XX``
read as UTF-8), or HTML character references (``&quot;``, ``&#47;``). One kind at a time, so a
secret that holds a literal ``%2F`` is still found in the JSON view of ``"sk\\/x%2F"``; then
views of views, to a small depth, for escapes inside escapes.

Hand-written because no library maps decoded positions back: ``json``, ``urllib.parse`` and
``html`` only decode. Building a view is linear in the text, with one Python step per escape, and
only texts that hold an escape's first character get one; mapping a span back is a binary search.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote

__all__ = ["DecodedView", "views_of"]

_JSON = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a surrogate pair
    r"|\\u[0-9a-fA-F]{4}"
    r"""|\\["\\/bfnrt]"""
)
_PERCENT = re.compile(r"(?:%[0-9a-fA-F]{2})+")
_HTML = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|quot|amp|lt|gt|apos);")
_SHORT = {'\\"': '"', "\\\\": "\\", "\\/": "/", "\\b": "\b", "\\f": "\f", "\\n": "\n", "\\r": "\r", "\\t": "\t"}


def _json(escape: str) -> str:
    if len(escape) == 2:
        return _SHORT[escape]
    if len(escape) == 12:  # a surrogate pair
        high, low = int(escape[2:6], 16), int(escape[8:12], 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    return chr(int(escape[2:6], 16))


def _percent(escape: str) -> str:
    return unquote(escape, errors="replace")


def _html(escape: str) -> str:
    decoded = html.unescape(escape)
    return decoded if decoded != escape and len(decoded) == 1 else "\ufffd"


_DECODERS: tuple[tuple[str, re.Pattern[str], Callable[[str], str]], ...] = (
    ("\\", _JSON, _json),
    ("%", _PERCENT, _percent),
    ("&", _HTML, _html),
)


def views_of(text: str, depth: int) -> Iterator[list[DecodedView]]:
    """Every view of ``text`` with one kind of escape decoded, then another, up to ``depth`` times;
    each as the chain of views that leads to it (the first decodes ``text``)."""
    chains: list[list[DecodedView]] = [[]]
    for _ in range(depth):
        longer = []
        for chain in chains:
            source = chain[-1].text if chain else text
            for marker, pattern, decode in _DECODERS:
                if marker in source and pattern.search(source):
                    longer.append([*chain, DecodedView(source, pattern, decode)])
        yield from longer
        chains = longer


class DecodedView:
    """``text`` with its escapes decoded; :meth:`original` maps a span of it back to ``source``."""

    __slots__ = ("_decoded_ends", "_decoded_starts", "_source_ends", "_source_starts", "text")

    def __init__(self, source: str, escapes: re.Pattern[str], decode: Callable[[str], str]) -> None:
        pieces: list[str] = []
        self._decoded_starts: list[int] = []
        self._decoded_ends: list[int] = []
        self._source_starts: list[int] = []
        self._source_ends: list[int] = []
        position = size = 0
        for match in escapes.finditer(source):
            start, end = match.span()
            decoded = decode(match.group())
            pieces += (source[position:start], decoded)
            size += start - position
            self._decoded_starts.append(size)
            size += len(decoded)
            self._decoded_ends.append(size)
            self._source_starts.append(start)
            self._source_ends.append(end)
            position = end
        pieces.append(source[position:])
        self.text = "".join(pieces)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the source that the decoded span ``[start, end)`` (not empty) came from."""
        return self._where(start, first=True), self._where(end - 1, first=False)

    def _where(self, index: int, *, first: bool) -> int:
        """The source position of decoded character ``index``: its start (``first``) or its end."""
        escape = bisect.bisect_right(self._decoded_starts, index) - 1
        if escape < 0:
            return index if first else index + 1
        if index < self._decoded_ends[escape]:  # inside a decoded escape: the whole escape
            return self._source_starts[escape] if first else self._source_ends[escape]
        offset = self._source_ends[escape] + index - self._decoded_ends[escape]
        return offset if first else offset + 1
