"""Names that say secret, and the values they name in text: headers, query and form fields, JSON keys.

A name says secret when its **last word** is a credential word (``token``, ``secret``,
``password``, ``key``, ``signature``...), or when it ends in a known compound written as one
word (``apikey``, ``accesstoken``, ``sessionid``...). Words are split at ``_``, ``-``, ``.``,
spaces and camelCase, so ``clientSecret``, ``refresh_token``, ``private_key``, ``X-Api-Key`` and
``apiKey`` say secret. The last word decides because in English compounds it is the head noun:
``key_count``, ``token_type``, ``password_reset_required`` and ``keyId`` name something else, and
``monkey`` or ``turkey`` are one word that is not ``key``. Plural counts (``max_tokens``,
``prompt_tokens``) are not credentials; nor are keys a qualifier makes public or structural
(``public_key``, ``idempotency_key``, ``sort_key``).

The value is what is redacted, never the name, so a report still shows which field carried a
secret. Values are found by regular expressions whose repetitions are possessive or bounded, so
a scan never backtracks far:

- JSON (or Python ``repr``) members ``"name": value``, also inside a JSON string (``\\"name\\"``);
  a string value cut off by the end of the text is redacted to the end; values are matched in a
  lookahead, so a member nested in another's string value is found too;
- query and form fields ``name=value`` (after ``?``, ``&``, ``;``, a space, a quote or the start);
- multipart fields (``Content-Disposition: form-data; name="password"``, then the value line).

``true``, ``false`` and ``null`` are kept: they are no secret, and they show the value's type.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["mentions_credentials", "named_values", "says_secret", "value_spans"]

_WORDS = frozenset(
    {
        "key",
        "token",
        "secret",
        "password",
        "passwd",
        "pwd",
        "passphrase",
        "signature",
        "sig",
        "credential",
        "credentials",
        "auth",
        "authorization",
        "cookie",
        "jwt",
        "otp",
    }
)
_COMPOUNDS = (
    "apikey",
    "accesskey",
    "secretkey",
    "privatekey",
    "accesstoken",
    "authtoken",
    "refreshtoken",
    "idtoken",
    "bearertoken",
    "sessiontoken",
    "clientsecret",
    "sessionid",
    "password",
)
_NOT_SECRET_QUALIFIERS = frozenset(
    {"public", "idempotency", "sort", "partition", "primary", "foreign", "cache", "object", "routing", "dedup"}
)
# Cheap first test: a text without any of these cannot hold a name that says secret.
_STEMS = ("key", "token", "secret", "pass", "pwd", "sig", "auth", "cookie", "credential", "session", "jwt", "otp")
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_MOST_VALUES = 100  # scalars taken from under one secret name
_KEEP = frozenset({"true", "false", "null", "None", "True", "False"})

_MEMBER = re.compile(
    r"""(?P<q>\\?["'])(?P<name>[^"'\\\s:]{1,100})(?P=q)\s*:\s*"""
    r"""(?=(?:"(?P<dq>(?:[^"\\]|\\.)*+)(?:"|\Z)"""
    r"""|\\"(?P<eq>(?:[^"\\]|\\[^"])*+)(?:\\"|\Z)"""
    r"""|'(?P<sq>(?:[^'\\]|\\.)*+)(?:'|\Z)"""
    r"""|(?P<bare>[^\s,;:{}\[\]"'<>\\]+)))"""
)
_FIELD = re.compile(r"""(?:^|(?<=[\s?&;"'(]))(?P<name>[A-Za-z0-9_.\-\[\]]{1,100})=(?=(?P<value>[^&#\s"'<>;]*))""")
_MULTIPART = re.compile(  # each repetition bounded: a text of many "form-data;" stays linear
    r"""form-data;[^\r\n]{0,200}?\bname=(?P<q>"?)(?P<name>[^"\r\n;]{1,100})(?P=q)[^\r\n]{0,200}\r?\n"""
    r"""(?:[^\r\n]{1,200}\r?\n){0,8}?\r?\n(?P<value>[^\r\n]*)"""
)


@functools.lru_cache(maxsize=4096)
def says_secret(name: str) -> bool:
    """Whether a header, parameter or field called ``name`` carries a credential."""
    words = [word.lower() for word in _WORD.findall(name)]
    if not words:
        return False
    if words[-1] in _WORDS:
        return len(words) < 2 or words[-2] not in _NOT_SECRET_QUALIFIERS
    return "".join(words).endswith(_COMPOUNDS)


def mentions_credentials(text: str, extra: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` may hold a name that says secret (or one of ``extra``, lowercased)."""
    lowered = text.lower()
    return any(stem in lowered for stem in _STEMS) or any(name in lowered for name in extra)


def value_spans(text: str, extra: frozenset[str] = frozenset()) -> Iterator[tuple[int, int]]:
    """Where, in ``text``, the values of fields whose names say secret (or are in ``extra``) are."""
    for pattern in (_MEMBER, _FIELD, _MULTIPART):
        for match in pattern.finditer(text):
            name = match.group("name")
            if name.lower() not in extra and not says_secret(name):
                continue
            start, end = match.span(match.lastgroup or 0)
            if end > start and text[start:end] not in _KEEP:
                yield start, end


def named_values(document: Any, pointer: str, extra: frozenset[str] = frozenset()) -> list[str]:
    """The values a JSON pointer leads to under a name that says secret: ``/auth/0/token`` in
    ``{"auth": [{"token": "t"}]}`` gives ``["t"]``, the scalars at and under the first such name."""
    for token in pointer.split("/")[1:]:
        name = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, dict) and name in document:
            document = document[name]
            if name.lower() in extra or says_secret(name):
                return _scalars(document)
        elif isinstance(document, list) and name.isdigit() and int(name) < len(document):
            document = document[int(name)]
        else:
            return []
    return []


def _scalars(value: Any) -> list[str]:
    """The scalar values in ``value``, as text, at most :data:`_MOST_VALUES` of them (no recursion)."""
    found: list[str] = []
    stack = [value]
    while stack and len(found) < _MOST_VALUES:
        item = stack.pop()
        if isinstance(item, dict):
            stack += reversed(item.values())
        elif isinstance(item, list):
            stack += reversed(item)
        elif item is not None and not isinstance(item, bool):
            found.append(str(item))
    return found
