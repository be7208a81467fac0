"""Reading YAML and JSON documents, with one-line errors that name the file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import InputError

__all__ = ["dump_document", "escape_token", "load_document", "parse_document"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_document(path: Path, error: type[InputError] = InputError) -> dict[str, Any]:
    """Parse a ``.json``, ``.yaml`` or ``.yml`` file whose top level is a mapping."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(path, f"cannot read: {_reason(exc)}") from exc
    document = parse_document(text, path, error, fmt="json" if path.suffix == ".json" else "yaml")
    if not isinstance(document, dict):
        raise error(path, f"top level must be a mapping, not {type(document).__name__}")
    return document


def dump_document(document: dict[str, Any], path: Path) -> str:
    """Serialise in the format the file name asks for (JSON or YAML), keys in given order."""
    if path.suffix == ".json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)


def escape_token(token: str) -> str:
    """One JSON pointer token (RFC 6901): ``~`` and ``/`` escaped."""
    return token.replace("~", "~0").replace("/", "~1")


def parse_document(text: str, where: Path | str, error: type[InputError] = InputError, fmt: str = "") -> Any:
    """JSON or YAML text as data; ``fmt`` ("json" or "yaml") or, when empty, the text itself says which."""
    if fmt == "json" or (not fmt and text.lstrip()[:1] in ("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if fmt:  # unlabelled text may still be YAML in flow style
                raise error(where, f"invalid JSON: {exc.msg}", key=f"line {exc.lineno}") from exc
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = f"line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise error(where, f"invalid YAML: {exc.problem}", key=line) from exc
    except yaml.YAMLError as exc:
        raise error(where, f"invalid YAML: {exc}") from exc


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
