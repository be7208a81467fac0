"""Examples shown on vendors' docs pages, vendored as ``specs/<api>/docs/*.yaml``.

Each file holds the examples of one page: its ``source`` (the saved copy of the page, with its
sha256, and the title and URL the copy gives) and, per example, the operation (``METHOD
/path`` as in the spec), the request body or the response status it shows, its media type,
where the page shows it, and the value. An example of one field alone (the page shows a field's
example, not a whole body) names the field with a JSON pointer into the body, and is checked
against that field's schema. ``docs.schema.json`` is the format; a file that breaks it, or
that names an operation or body the spec does not document, is a :class:`SpecError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance.contracts import Api
from conformance.errors import SpecError, UnresolvedReference
from conformance.examples.sites import ExampleSite, subject_of
from conformance.examples.sources import display_path
from conformance.specs.documents import escape_token, load_document, unescape_token
from conformance.specs.model import Operation
from conformance.specs.resolver import Resolver
from conformance.specs.schemas import error_key

__all__ = ["DOCS_FOLDER", "docs_sites"]

DOCS_FOLDER = "docs"  # beside the API's spec: specs/<api>/docs/
_BRANCHES = ("allOf", "anyOf", "oneOf")


def docs_sites(api: Api, root: Path) -> Iterator[ExampleSite]:
    """The examples of every docs file of ``api``; files are named relative to ``root``'s parent."""
    folder = api.spec.source.parent / DOCS_FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        document = load_document(path, SpecError)
        _check_format(path, document)
        for index, example in enumerate(document["examples"]):
            yield _site(api, path, display_path(path, root), index, example)


def _check_format(path: Path, document: dict[str, Any]) -> None:
    error = best_match(_validator().iter_errors(document))
    if error is not None:
        raise SpecError(path, error.message, key=error_key(error))


@cache
def _validator() -> Draft202012Validator:
    text = resources.files("conformance.examples").joinpath("docs.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def _site(api: Api, path: Path, file: str, index: int, example: Mapping[str, Any]) -> ExampleSite:
    key = f"examples.{index}"
    operation = api.spec.find(example["operation"])
    if operation is None:
        raise SpecError(path, f"{example['operation']!r} is not an operation of {api.spec.source.name}", key=key)
    body = _body_schema(operation, example)
    if body is None:
        raise SpecError(path, f"{_part(example)} of {operation.label} documents no {example['media_type']}", key=key)
    field = [unescape_token(token) for token in example.get("field", "").split("/")[1:]]
    schema = _field_schema(api.validators.resolver, body, field)
    if schema is None:
        raise SpecError(path, f"{operation.label} has no field {example['field']} in {_part(example)}", key=key)
    part = "request" if example.get("request") else example["response"]
    tokens = tuple(int(token) if token.isdigit() else token for token in field)
    direction = "request" if example.get("request") else "response"
    return ExampleSite(
        subject_of(operation), example["value"], schema, file, f"/examples/{index}/value", part, tokens, direction
    )


def _body_schema(operation: Operation, example: Mapping[str, Any]) -> str | None:
    media_type = example["media_type"]
    if example.get("request"):
        return operation.request_body_pointer(media_type)
    documented = operation.response_for(int(example["response"]))
    return None if documented is None else documented.schema_pointers.get(media_type)


def _field_schema(resolver: Resolver, pointer: str, field: list[str]) -> str | None:
    """The pointer of the schema of ``field`` (tokens into a body) under the schema at ``pointer``."""
    if not field:
        return pointer
    try:
        target, schema = resolver.follow({"$ref": pointer})
    except UnresolvedReference:
        return None
    token, rest = field[0], field[1:]
    if token.isdigit() and isinstance(schema.get("items"), Mapping):
        return _field_schema(resolver, f"{target}/items", rest)
    if token in schema.get("properties", {}):
        return _field_schema(resolver, f"{target}/properties/{escape_token(token)}", rest)
    for keyword in _BRANCHES:
        for index in range(len(schema.get(keyword, []))):
            found = _field_schema(resolver, f"{target}/{keyword}/{index}", field)
            if found is not None:
                return found
    return None


def _part(example: Mapping[str, Any]) -> str:
    return "the request body" if example.get("request") else f"the {example['response']} response"
