"""The spellings of a secret to search for, once escapes are decoded (see ``_views``).

Plain, and the escapes ``_views`` decodes (JSON, percent), are found by searching the decoded
views for the secret itself. What remains are the spellings that are not escapes:

- ``quote_plus`` (a space as ``+``), a JSON pointer token (``~0``, ``~1``), Python's ``repr``;
- **base64**, standard and URL-safe, with or without padding, of the secret alone and inside any
  longer value: ``user:secret`` (Basic), ``Bearer secret``, a JSON document... Base64 encodes
  three bytes as four characters, so the encoding of ``prefix + secret + suffix`` depends on
  where the secret falls in a group of three. For each of the three alignments, the characters
  that encode only the secret's own bytes (the *core*) are the same whatever surrounds it; the
  one or two characters at each end mix in the neighbours' bits. The three cores, in both
  alphabets, are searched, and a match is widened over the neighbouring base64 characters that
  may carry the secret's bits (up to three on each side, then ``=`` padding), so ``base64(secret)``
  goes whole and a few bits of the prefix go with it.

A **short secret** (under :data:`SHORT` characters) would match inside ordinary words and numbers
and blank out the evidence, and its base64 cores would be a character or two. It is searched
only as a whole token (no letter or digit on either side), and not in base64. Credentials are
still redacted by name (``Authorization``, ``api_key=``, ``"password":``) whatever their length.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from urllib.parse import quote_plus

__all__ = ["SHORT", "SecretForms"]

SHORT = 6  # characters; a shorter secret is searched only as a whole token
_BASE64_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")
_WIDEN = 3  # base64 characters on each side of a core that may carry some of the secret's bits


@dataclass(frozen=True, slots=True)
class SecretForms:
    """Every spelling of some secrets: literal ones, and base64 cores (widened when found)."""

    literal: tuple[str, ...]
    cores: tuple[str, ...]
    tokens: re.Pattern[str] | None  # short secrets, as whole tokens

    @classmethod
    def of(cls, secrets: set[str]) -> SecretForms:
        long = {secret for secret in secrets if len(secret) >= SHORT}
        short = sorted(secrets - long, key=len, reverse=True)
        literal = {form for secret in long for form in _literal_forms(secret)}
        cores = {core for secret in long for core in _base64_cores(secret.encode())} - literal
        return cls(tuple(sorted(literal)), tuple(sorted(cores)), _token_pattern(short))

    @property
    def longest(self) -> int:
        """The longest form, in characters (0 when there is none)."""
        return max(map(len, (*self.literal, *self.cores, "")))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where a form of a secret is in ``text``, base64 matches widened."""
        found = [span for form in self.literal if form in text for span in _occurrences(text, form)]
        for core in self.cores:
            if core in text:
                found += (_widened(text, start, end) for start, end in _occurrences(text, core))
        if self.tokens is not None:
            found += (match.span() for match in self.tokens.finditer(text))
        return found


def _literal_forms(secret: str) -> set[str]:
    return {
        secret,
        quote_plus(secret),
        secret.replace("~", "~0").replace("/", "~1"),
        repr(secret)[1:-1],
        json.dumps(secret)[1:-1],
    }


def _base64_cores(data: bytes) -> set[str]:
    """The characters that encode only ``data``'s bytes, at each of the three alignments, in both alphabets."""
    cores = set()
    for skip in range(3):  # the secret's bytes before its first whole group of three
        whole = data[skip : skip + (len(data) - skip) // 3 * 3]
        if whole:
            cores |= {base64.b64encode(whole).decode(), base64.urlsafe_b64encode(whole).decode()}
    return cores


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(form)
    while start >= 0:
        spans.append((start, start + len(form)))
        start = text.find(form, start + 1)
    return spans


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    floor = max(0, start - _WIDEN)
    while start > floor and text[start - 1] in _BASE64_CHARACTERS:
        start -= 1
    ceiling = min(len(text), end + _WIDEN)
    while end < ceiling and text[end] in _BASE64_CHARACTERS:
        end += 1
    padding = min(len(text), end + 2)
    while end < padding and text[end] == "=":
        end += 1
    return start, end


def _token_pattern(short: list[str]) -> re.Pattern[str] | None:
    if not short:
        return None
    alternatives = "|".join(map(re.escape, short))
    return re.compile(rf"(?<![0-9A-Za-z])(?:{alternatives})(?![0-9A-Za-z])")
