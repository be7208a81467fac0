"""Whether an instance is valid against one subschema of a document, for ``oneOf`` and ``not``.

The generator must know whether what it built for one ``oneOf`` branch also matches another.
Each subschema gets a jsonschema validator whose root is the document with the subschema's
keywords on top, so its local ``$ref``s resolve; it is built once per (document, subschema)
and checks formats as the mock's response validators do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from conformance.specs.schemas import CHECKED_FORMATS

__all__ = ["is_valid"]

_FORMAT_CHECKER = FormatChecker(formats=CHECKED_FORMATS)
_MAX_CACHED = 4096
# (id of document, id of subschema) -> (document, subschema, validator); holding both keeps the ids unique.
_cache: dict[tuple[int, int], tuple[Any, Any, Draft202012Validator]] = {}


def is_valid(document: Mapping[str, Any], subschema: Any, instance: Any) -> bool:
    if isinstance(subschema, bool):
        return subschema
    key = (id(document), id(subschema))
    cached = _cache.get(key)
    if cached is None or cached[0] is not document or cached[1] is not subschema:
        if len(_cache) >= _MAX_CACHED:
            _cache.clear()
        validator = Draft202012Validator({**document, **subschema}, format_checker=_FORMAT_CHECKER)
        cached = _cache[key] = (document, subschema, validator)
    return bool(cached[2].is_valid(instance))
