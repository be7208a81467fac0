"""Reading YAML and JSON documents, with one-line errors that name the file and line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import InputError

__all__ = ["dump_document", "escape_token", "load_document", "resolve_pointer", "resolve_schema"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_document(path: Path, error: type[InputError] = InputError) -> dict[str, Any]:
    """Parse a ``.json``, ``.yaml`` or ``.yml`` file whose top level is a mapping."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(path, f"cannot read: {_reason(exc)}") from exc
    document = _parse(path, text, error)
    if not isinstance(document, dict):
        raise error(path, f"top level must be a mapping, not {type(document).__name__}")
    return document


def dump_document(document: dict[str, Any], path: Path) -> str:
    """Serialise in the format the file name asks for (JSON or YAML), keys in given order."""
    if path.suffix == ".json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)


def resolve_pointer(document: Any, pointer: str) -> Any:
    """Follow a local JSON pointer such as ``#/components/schemas/Run``."""
    node = document
    for token in pointer.removeprefix("#").lstrip("/").split("/"):
        if not token:
            continue
        key = token.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def resolve_schema(document: Any, schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """``schema`` with its local ``$ref`` chain followed; keywords beside a ``$ref`` win over the target's."""
    while "$ref" in schema:
        target = resolve_pointer(document, schema["$ref"])
        schema = {**target, **{key: value for key, value in schema.items() if key != "$ref"}}
    return schema


def escape_token(token: str) -> str:
    """One JSON pointer token (RFC 6901): ``~`` and ``/`` escaped."""
    return token.replace("~", "~0").replace("/", "~1")


def _parse(path: Path, text: str, error: type[InputError]) -> Any:
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise error(path, f"invalid JSON: {exc.msg}", key=f"line {exc.lineno}") from exc
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = f"line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise error(path, f"invalid YAML: {exc.problem}", key=line) from exc
    except yaml.YAMLError as exc:
        raise error(path, f"invalid YAML: {exc}") from exc


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
