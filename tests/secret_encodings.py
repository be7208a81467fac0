"""A secret in every encoding a server may echo it in, computed independently of the redactor,
and a search for any of them in a text (also once the text's own escapes are decoded).

The base64 of a secret inside a longer value is found by bit positions (the characters whose six
bits all come from the secret's bytes), not by the redactor's groups of three bytes.
"""

from __future__ import annotations

import base64
import html
import json
import re
from urllib.parse import quote, quote_plus, unquote

_ALPHABETS = (("std", base64.b64encode), ("url", base64.urlsafe_b64encode))


def encodings(secret: str) -> dict[str, str]:
    """Every spelling of ``secret`` to look for, by name."""
    raw = secret.encode()
    quoted = quote(secret, safe="")
    found = {
        "plain": secret,
        "url_upper": quoted,
        "url_lower": re.sub(r"%[0-9A-F]{2}", lambda match: match.group().lower(), quoted),
        "url_plus": quote_plus(secret),
        "json": json.dumps(secret)[1:-1],
        "json_ascii": json.dumps(secret, ensure_ascii=True)[1:-1],
        "json_slash": json.dumps(secret)[1:-1].replace("/", "\\/"),
        "u_lower": "".join(f"\\u{unit:04x}" for unit in _utf16(secret)),
        "u_upper": "".join(f"\\u{unit:04X}" for unit in _utf16(secret)),
        "xml": html.escape(secret),
    }
    for label, payload in (("alone", raw), ("bearer", b"Bearer " + raw), ("user", b"someone:" + raw)):
        for alphabet, encode in _ALPHABETS:
            found[f"b64_{label}_{alphabet}"] = encode(payload).decode().rstrip("=")
    for offset in range(3):
        for alphabet, encode in _ALPHABETS:
            encoded = encode(b"\0" * offset + raw + b"\0\0\0").decode()
            found[f"inside_{offset}_{alphabet}"] = _only_secret_bits(encoded, offset, len(raw))
    return found


def _only_secret_bits(encoded: str, offset: int, size: int) -> str:
    """The characters of ``encoded`` whose six bits lie wholly in bytes ``offset`` to ``offset + size``."""
    first = -(-8 * offset // 6)
    last = 8 * (offset + size) // 6  # exclusive
    return encoded[first:last]


def _utf16(text: str) -> list[int]:
    """The UTF-16 code units of ``text``: what JSON's ``\\u`` escapes spell (a surrogate pair above U+FFFF)."""
    data = text.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def _decodings(text: str) -> list[str]:
    """``text``, and ``text`` with its JSON and percent escapes decoded (each, then both)."""
    unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text)
    unescaped = unescaped.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # pairs as one character
    unescaped = unescaped.replace("\\/", "/").replace('\\"', '"')
    return [text, unescaped, unquote(text), unquote(unescaped)]


def leaks(text: str, secret: str, redacted: str = "[REDACTED]") -> list[str]:
    """The names of the encodings of ``secret`` found in ``text`` (where ``redacted`` marks are cut out)."""
    views = _decodings(text.replace(redacted, "\0"))
    return [name for name, form in encodings(secret).items() if form and any(form in view for view in views)]
