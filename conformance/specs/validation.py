"""A spec's own defects, found without raising: the official OpenAPI schema, then each Schema Object.

- the document (as written, before 3.0 is upgraded) against the official OAS 3.0 or 3.1 schema
  (vendored in ``oas/``), with jsonschema-rs: the 4 MB Telnyx spec takes ~20 ms, where the
  pure-Python validators take 14 s;
- every Schema Object of the upgraded (3.1) document against the JSON Schema 2020-12
  metaschema, and its ``pattern``s compiled: a schema that fails here would crash validation,
  so the operations that reach it are set aside (:func:`broken_schemas`);
- every ``default`` against the schema it is the default of.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance.specs.documents import escape_token
from conformance.specs.model import SpecDefect
from conformance.specs.resolver import Resolver
from conformance.specs.structure import SpecObject

__all__ = ["broken_schemas", "invalid_defaults", "openapi_schema_defects"]

_MAX_MESSAGE = 200


def openapi_schema_defects(document: Mapping[str, Any]) -> list[SpecDefect]:
    """Where ``document`` breaks the official schema of its OpenAPI version (3.0 or 3.1)."""
    validator = _oas_validator("3.0" if str(document.get("openapi", "")).startswith("3.0") else "3.1")
    return [
        SpecDefect("spec_invalid", _pointer(error.instance_path), _message(error), None)
        for error in validator.iter_errors(document)
    ]


def broken_schemas(objects: Iterable[SpecObject]) -> dict[str, str]:
    """Schema Objects (of a document's ``objects``) no 2020-12 validator can use: their pointer -> why."""
    broken: dict[str, str] = {}
    top = "\0"
    for kind, pointer, schema in objects:
        if kind != "schema":
            continue
        if not pointer.startswith(top + "/"):
            top = pointer
            problem = _metaschema_problem(schema)
            if problem:
                broken[pointer] = problem
        problem = _pattern_problem(schema)
        if problem and pointer not in broken:
            broken[pointer] = problem
    return broken


def invalid_defaults(objects: Iterable[SpecObject], resolver: Resolver, broken: Mapping[str, str]) -> list[SpecDefect]:
    """Each ``default`` (in a document's ``objects``) that its own schema does not accept."""
    defects = []
    for kind, pointer, schema in objects:
        if kind != "schema" or "default" not in schema or _under_any(pointer, broken):
            continue
        problem = _default_problem(resolver, pointer, schema["default"])
        if problem:
            defects.append(SpecDefect("spec_invalid", f"{pointer}/default", problem, None))
    return defects


def _under_any(pointer: str, roots: Mapping[str, str]) -> bool:
    return any(pointer == root or pointer.startswith(root + "/") for root in roots)


def _default_problem(resolver: Resolver, pointer: str, default: Any) -> str:
    validator = Draft202012Validator({"$ref": f"{resolver.uri}#{pointer}"}, registry=resolver.registry)
    try:
        error = best_match(validator.iter_errors(default))
    except Exception:  # a schema the validator cannot use is reported by broken_schemas
        return ""
    return "" if error is None else _one_line(f"default is not valid against its schema: {error.message}")


def _metaschema_problem(schema: dict[str, Any]) -> str:
    try:
        jsonschema_rs.meta.validate(schema)
    except jsonschema_rs.ValidationError as error:
        where = "/".join(escape_token(str(part)) for part in error.instance_path)
        return _one_line(f"not a valid JSON Schema{' at ' + where if where else ''}: {_message(error)}")
    except Exception as exc:  # e.g. an unknown $schema
        return _one_line(f"not a valid JSON Schema: {exc}")
    return ""


def _pattern_problem(schema: dict[str, Any]) -> str:
    patterns = [schema["pattern"]] if isinstance(schema.get("pattern"), str) else []
    patterns += [key for key in schema.get("patternProperties", {}) if isinstance(key, str)]
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            return _one_line(f"pattern {pattern!r} is not a regular expression Python can use: {exc}")
    return ""


def _pointer(path: Iterator[Any] | Any) -> str:
    return "".join(f"/{escape_token(str(part))}" for part in path)


def _message(error: jsonschema_rs.ValidationError) -> str:
    """jsonschema-rs's message, with a long instance it starts with replaced by its type."""
    message = str(error.message)
    rendered = json.dumps(error.instance, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    if isinstance(error.instance, dict | list) and message.startswith(rendered):
        message = ("an object" if isinstance(error.instance, dict) else "an array") + message[len(rendered) :]
    return _one_line(message)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


@cache
def _oas_validator(version: str) -> Any:
    text = resources.files("conformance.specs").joinpath(f"oas/openapi-{version}.schema.json").read_text("utf-8")
    return jsonschema_rs.validator_for(json.loads(text))
