"""Keeping secrets out of everything the tool shows or writes.

:class:`Redactor` replaces with :data:`REDACTED`:

- the values of headers that carry credentials (``Authorization``, ``Cookie``, ``Set-Cookie``,
  ``X-Api-Key``, the contract's own auth header, any header whose name says secret);
- the values of query parameters, form fields, multipart fields and JSON members whose names say
  secret (``api_key=``, ``"clientSecret":``..., see ``_names`` for the word rules; the names are
  kept, so a report still shows where a credential went);
- each secret wherever it turns up, in every spelling a server may echo it in: plain; escaped as
  JSON (``\\u0073``, ``\\/``, any mix), percent-encoded (either hex case) or as HTML character
  references, found by decoding the escapes in a view of the text and mapping each match back to
  the original characters (``_views``), twice over for escapes inside escapes; base64 and
  base64url, padded or not, of the secret alone or inside ``user:secret``, ``Bearer secret`` or
  any longer value (``_forms``). A secret under ``_forms.SHORT`` characters is matched only as a
  whole word: it would otherwise blank out ordinary text.

Every match is a span of the original text; overlapping spans are merged and each is replaced
once. Redacting takes time about linear in the text's size: a few ``str.find`` scans, regular
expressions that never backtrack far, one Python step per escape, and views built only where an
escape is.
:meth:`Redactor.clip` redacts only as much of a long text as it shows, so a 10 MB body costs what
its first few KB cost; short texts (header values, URLs) are remembered, as they repeat.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from conformance.transport._forms import SecretForms
from conformance.transport._names import mentions_credentials, named_values, says_secret, value_spans
from conformance.transport._views import DecodedView, views_of

__all__ = ["REDACTED", "Redactor"]

REDACTED = "[REDACTED]"
_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_DEPTH = 2  # escapes decoded twice: JSON inside a JSON string, a URL inside one
_GROWTH = 4  # how much more of a text clip() reads when what it read did not fill the limit
_SHORT_TEXT, _CACHED = 512, 1024  # texts up to this long are remembered, this many of them
Span = tuple[int, int]


class Redactor:
    """Replaces secrets, in every spelling, and the values of credential headers and fields."""

    def __init__(self, secrets: Iterable[str] = (), headers: Iterable[str] = (), names: Iterable[str] = ()) -> None:
        self._secrets = frozenset(secret for secret in secrets if secret)
        self._forms = SecretForms.of(set(self._secrets))
        self._headers = _SENSITIVE_HEADERS | {header.lower() for header in headers if header}
        self._names = frozenset(name.lower() for name in names if name)
        # Header values and URLs repeat from one request to the next: redacted once each.
        self._short = functools.lru_cache(maxsize=_CACHED)(self._redacted)
        # The most source characters one match can span: a form with each character escaped,
        # twice at worst (``\\u0026#x10FFFF;``), widened base64 and its padding.
        self._reach = 16 * self._forms.longest + 16

    def text(self, value: str) -> str:
        return self._short(value) if len(value) <= _SHORT_TEXT else self._redacted(value)

    def _redacted(self, value: str) -> str:
        spans = self._spans(value)
        return "".join(piece for _, piece, _ in _pieces(value, spans, len(value))) if spans else value

    def for_instance(self, document: Any, pointer: str) -> Redactor:
        """This redactor, also hiding the values ``pointer`` leads to in ``document`` under a name
        that says secret: a check's message quotes the value it judged, without its name."""
        return self.with_secrets(named_values(document, pointer, self._names))

    def with_secrets(self, secrets: Iterable[str]) -> Redactor:
        """This redactor, hiding ``secrets`` too."""
        more = set(secrets) - self._secrets
        return Redactor([*self._secrets, *more], self._headers, self._names) if more else self

    def headers(self, pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        return tuple((name, REDACTED if self._secret_header(name) else self.text(value)) for name, value in pairs)

    def clip(self, value: str, limit: int) -> tuple[str, int]:
        """The first ``limit`` characters of ``value`` redacted, and how many source characters are left out.

        Only a prefix of ``value`` is redacted: enough to fill ``limit``, plus :attr:`_reach` so that
        no secret that starts in what is shown is cut by the end of what was read.
        """
        window = limit + self._reach
        while True:
            read = value[:window]
            complete = len(read) == len(value)
            safe = len(read) if complete else len(read) - self._reach
            shown, used, full = _filled(_pieces(read, self._spans(read), safe), limit)
            if full or complete:
                return shown, len(value) - used
            window *= _GROWTH

    def _secret_header(self, name: str) -> bool:
        lowered = name.lower()
        return lowered in self._headers or says_secret(name)

    def _spans(self, text: str) -> list[Span]:
        found = self._found(text)
        for views in views_of(text, _DEPTH):
            found += (_back(span, views) for span in self._found(views[-1].text))
        return _merged(found)

    def _found(self, text: str) -> list[Span]:
        found = self._forms.spans(text)
        if mentions_credentials(text, self._names):
            found += value_spans(text, self._names)
        return found


def _back(span: Span, views: list[DecodedView]) -> Span:
    """A span of the last view as a span of the original text."""
    for view in reversed(views):
        span = view.original(*span)
    return span


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _pieces(text: str, spans: list[Span], safe: int) -> Iterator[tuple[int, str, bool]]:
    """``text[:safe]`` as (source end, piece, redacted) pieces; a span begun before ``safe`` goes whole."""
    position = 0
    for start, end in spans:
        if start >= safe:
            break
        if start > position:
            yield start, text[position:start], False
        yield end, REDACTED, True
        position = end
    if position < safe:
        yield safe, text[position:safe], False


def _filled(pieces: Iterator[tuple[int, str, bool]], limit: int) -> tuple[str, int, bool]:
    """The pieces up to ``limit`` characters, the source characters used, and whether the limit was passed."""
    shown: list[str] = []
    size = used = 0
    for end, piece, redacted in pieces:
        room = limit - size
        if len(piece) > room:
            shown.append(piece[:room])
            return "".join(shown), end if redacted else end - len(piece) + room, True
        shown.append(piece)
        size, used = size + len(piece), end
    return "".join(shown), used, False
