"""Reading YAML and JSON documents, with one-line errors that name the file and line."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import InputError
from conformance.specs.yaml_bounds import YamlTooLarge, check_yaml_bounds

__all__ = [
    "MAX_FILE_BYTES",
    "dump_document",
    "escape_token",
    "kind_of",
    "load_document",
    "parse_document",
    "read_file",
    "unescape_token",
]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML read as the JSON data an OpenAPI document is: keys are strings (``200:`` is the status
    "200", not the number), and dates stay text (``version: 2021-01-01`` is a string)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[str, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        return {key if isinstance(key, str) else _json_key(key): value for key, value in mapping.items()}


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


def _json_key(key: Any) -> str:
    return json.dumps(key) if isinstance(key, bool) or key is None else str(key)


MAX_FILE_BYTES = 64 * 1024 * 1024  # a document larger than this is refused, not read


def read_file(path: Path, label: Path | str, error: type[InputError] = InputError) -> bytes:
    """A regular file's bytes, at most ``MAX_FILE_BYTES`` (a FIFO or ``/dev/zero`` is refused, not read)."""
    try:
        if not path.is_file():
            raise error(label, "not a regular file" if path.exists() else "cannot read: No such file or directory")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise error(label, f"cannot read: {_reason(exc)}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise error(label, f"larger than {MAX_FILE_BYTES // 2**20} MB")
    return data


def load_document(path: Path, error: type[InputError] = InputError) -> dict[str, Any]:
    """Parse a ``.json``, ``.yaml`` or ``.yml`` file whose top level is a mapping."""
    try:
        text = read_file(path, path, error).decode("utf-8")
    except UnicodeDecodeError as exc:
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


def unescape_token(token: str) -> str:
    """One JSON pointer token read back: the inverse of :func:`escape_token`."""
    return token.replace("~1", "/").replace("~0", "~")


def parse_document(text: str, where: Path | str, error: type[InputError] = InputError, fmt: str = "") -> Any:
    """JSON or YAML text as data; ``fmt`` ("json" or "yaml") or, when empty, the text itself says which.

    YAML is held to the bounds of ``conformance.specs.yaml_bounds`` (depth, values once aliases are
    expanded) before it is built; JSON has no aliases, and Python's recursion limit bounds its depth.
    """
    if fmt == "json" or (not fmt and text.lstrip()[:1] in ("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if fmt:  # unlabelled text may still be YAML in flow style
                raise error(where, f"invalid JSON: {exc.msg}", key=f"line {exc.lineno}") from exc
        except RecursionError as exc:
            raise error(where, "nested too deeply to read", key=_too_deep_at(text)) from exc
    try:
        check_yaml_bounds(text)
    except YamlTooLarge as exc:
        raise error(where, exc.problem, key=f"line {exc.line}") from exc
    try:
        return yaml.load(text, Loader=_Loader)
    except RecursionError as exc:
        raise error(where, "nested too deeply to read") from exc
    except yaml.MarkedYAMLError as exc:
        line = f"line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise error(where, f"invalid YAML: {exc.problem}", key=line) from exc
    except yaml.YAMLError as exc:
        raise error(where, f"invalid YAML: {exc}") from exc


def kind_of(value: Any) -> str:
    """What a parsed document is, in words: "an array", "a string", "empty"..."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    names = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), type(value).__name__)


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}\n]')


def _too_deep_at(text: str) -> str:
    """The line where JSON text nests past half Python's recursion limit (only on the error path)."""
    depth, line, limit = 0, 1, sys.getrecursionlimit() // 2
    for token in _JSON_TOKENS.finditer(text):
        mark = token.group()
        if mark == "\n":
            line += 1
        elif mark in "[{":
            depth += 1
            if depth > limit:
                return f"line {line}"
        elif mark in "]}":
            depth -= 1
    return ""


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
