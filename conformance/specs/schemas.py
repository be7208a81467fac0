"""JSON Schema validators for the schemas inside one OpenAPI 3.1 document.

The whole document is registered once, by the one :class:`Resolver`, so each validator is
just a ``$ref`` to a pointer inside it and every ``#/components/...`` reference resolves.
Validators are built once per pointer and reused for every request or response.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry

from conformance.specs.resolver import Resolver

__all__ = ["CHECKED_FORMATS", "SchemaValidators", "error_key", "missing_property"]

# The formats whose violations are findings of their own (format_uuid, format_date_time).
# jsonschema's checkers give the semantics we want: a hyphenated RFC 4122 uuid, and an
# RFC 3339 date-time with its offset (through rfc3339-validator).
CHECKED_FORMATS = ("uuid", "date-time")
_FORMAT_CHECKER = FormatChecker(formats=CHECKED_FORMATS)


class SchemaValidators:
    """Cached validators for JSON pointers into ``document``."""

    def __init__(self, api: str, document: Mapping[str, Any]) -> None:
        self.resolver = Resolver(document, uri=f"urn:conformance:spec:{api}")
        self.uri = self.resolver.uri
        self._registry: Registry[Any] = self.resolver.registry
        self.for_pointer = lru_cache(maxsize=None)(self._build)

    def _build(self, pointer: str) -> Draft202012Validator:
        schema = {"$ref": self.uri + pointer}
        return Draft202012Validator(schema, registry=self._registry, format_checker=_FORMAT_CHECKER)

    def resolve(self, pointer: str) -> Any:
        """The schema at ``pointer``, its ``$ref`` chain followed (see :meth:`Resolver.resolve_at`)."""
        return self.resolver.resolve_at(pointer)


def missing_property(error: ValidationError) -> str:
    """The property a ``required`` error is about (jsonschema writes it as a Python repr)."""
    written: str = error.message.removesuffix(" is a required property")
    try:
        name: object = ast.literal_eval(written)
    except (ValueError, SyntaxError):
        return written
    return name if isinstance(name, str) else written


def error_key(error: ValidationError) -> str:
    """Where in a document an error is, dotted (``operations.x.safety``); a missing key is named."""
    parts = [str(part) for part in error.absolute_path]
    if error.validator == "required":
        parts.append(missing_property(error))
    return ".".join(parts) or "(top level)"
