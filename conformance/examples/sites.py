"""Every example an OpenAPI document holds, with the schema it illustrates and where it is written.

Found by :func:`walk_document` (never by key names): a schema's ``example`` and ``examples``
(at any depth: a property's example against that property's schema), a parameter's or header's
``example``/``examples``, a media type's ``example``/``examples`` (JSON media types only: other
media types show their examples serialised), and named Example objects, their ``$ref`` to
``components/examples`` followed by the one resolver. An ``externalValue`` is noted, not fetched.
A parameter's example given as text is read as the server reads the parameter (``"20"`` as the
integer its schema declares); text for an array or object parameter is its serialised form, which
depends on ``style``, and is noted, not checked.

The walk reads the document as written, so each example's pointer is where it sits in the file;
it is validated against the schema at the same place in the document as loaded. An OpenAPI 3.0
document is loaded as 3.1 (``specs/openapi30.py``): its schema ``example`` is also given as
``examples: [example]`` there, so only the written ``example`` is taken; and a ``nullable``
schema beside a ``$ref`` is wrapped as ``anyOf: [schema, {type: null}]``, which
:func:`_loaded_pointer` steps into.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from conformance.contracts import Api
from conformance.errors import UnresolvedReference
from conformance.findings import Subject
from conformance.specs.coercion import coerce, shape_of
from conformance.specs.documents import escape_token, unescape_token
from conformance.specs.model import Operation
from conformance.specs.openapi30 import ORIGINAL_VERSION_KEY
from conformance.specs.structure import HTTP_METHODS, walk_document

__all__ = ["ExampleSite", "spec_sites", "subject_of"]

Tokens = tuple[str | int, ...]
_HOLDERS = ("schema", "parameter", "header", "mediaType")
_NO_INSTANCE_STEP = {"allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "$defs"}
_ITEM_STEP = {"items", "contains", "additionalItems", "unevaluatedItems"}


@dataclass(frozen=True, slots=True)
class ExampleSite:
    """One example, the schema it illustrates, and where it is written."""

    subject: Subject
    value: Any
    schema_pointer: str  # "#/..." in the document as loaded
    file: str
    file_pointer: str  # where the value sits in ``file``
    part: str  # "request", "parameters", a response key ("200", "default"), or "" (a component)
    at: Tokens = ()  # where the value sits in what the part carries: a property's path, (in, name) of a parameter
    direction: str = ""  # "request", "response", or "" (either): which readOnly/writeOnly fields may be left out
    unchecked: str | None = None  # why it is noted, not checked: "not fetched", "serialised", "unusable schema"


def subject_of(operation: Operation) -> Subject:
    return Subject(operation.api, operation.method, operation.path, operation.operation_id)


def spec_sites(api: Api, written: Mapping[str, Any], file: str) -> Iterator[ExampleSite]:
    """Every example in ``written`` (the spec of ``api`` as its file holds it)."""
    yield from _Walk(api, written, file).sites()


class _Walk:
    def __init__(self, api: Api, written: Mapping[str, Any], file: str) -> None:
        self.api, self.written, self.file = api, written, file
        self.loaded = api.spec.document
        self.was_30 = ORIGINAL_VERSION_KEY in self.loaded.get("info", {})
        self.at: dict[str, Tokens] = {}  # pointer of a schema, parameter, header or media type -> its instance path
        self.operations = {(operation.method.lower(), operation.path): operation for operation in api.spec.operations}

    def sites(self) -> Iterator[ExampleSite]:
        for kind, pointer, node in walk_document(self.written):
            if kind not in _HOLDERS or ("$ref" in node and kind != "schema"):
                continue
            self.at[pointer] = self._instance_path(kind, pointer, node)
            for context in self._contexts(pointer):
                yield from self._examples(kind, pointer, node, context)

    def _instance_path(self, kind: str, pointer: str, node: Mapping[str, Any]) -> Tokens:
        if kind == "parameter":
            return (str(node.get("in", "")), str(node.get("name", "")))
        if kind == "header":
            return ("header", unescape_token(pointer.rpartition("/")[2]))
        parent, steps = self._holder(pointer)
        return self.at.get(parent, ()) + (_instance_steps(steps) if kind == "schema" else ())

    def _holder(self, pointer: str) -> tuple[str, list[str]]:
        """The nearest enclosing schema, parameter, header or media type, and the tokens between."""
        tokens = pointer.split("/")
        for cut in range(len(tokens) - 1, 0, -1):
            parent = "/".join(tokens[:cut])
            if parent in self.at:
                return parent, [unescape_token(token) for token in tokens[cut:]]
        return "", []

    def _contexts(self, pointer: str) -> list[tuple[Subject, str, str]]:
        """(subject, part, direction) for an object at ``pointer``; path-level parameters serve each operation."""
        tokens = [unescape_token(token) for token in pointer.split("/")[1:]]
        if tokens[0] != "paths":
            return [
                (Subject(self.api.name, operation_id=f"#/{'/'.join(tokens[:3])}"), "", _component_direction(tokens))
            ]
        methods = [tokens[2]] if len(tokens) > 2 and tokens[2] in HTTP_METHODS else HTTP_METHODS
        found = [self.operations.get((method, tokens[1])) for method in methods]
        part, direction = _part(tokens[3:] if len(tokens) > 2 and tokens[2] in HTTP_METHODS else tokens[2:])
        return [(subject_of(operation), part, direction) for operation in found if operation is not None]

    def _examples(
        self, kind: str, pointer: str, node: Mapping[str, Any], context: tuple[Subject, str, str]
    ) -> Iterator[ExampleSite]:
        if kind == "mediaType" and not _is_json(pointer.rpartition("/")[2]):
            return
        schema = pointer if kind == "schema" else f"{pointer}/schema"
        if kind != "schema" and not isinstance(node.get("schema"), Mapping):
            return
        loaded = _loaded_pointer(self.written, self.loaded, schema)
        if loaded is None:
            return
        subject, part, direction = context
        site = ExampleSite(subject, None, loaded, self.file, "", part, self.at[pointer], direction)
        if "example" in node:
            yield self._site(site, kind, node["example"], f"{pointer}/example")
        examples = node.get("examples")
        if kind == "schema" and isinstance(examples, list) and not self.was_30:
            for index, value in enumerate(examples):
                yield self._site(site, kind, value, f"{pointer}/examples/{index}")
        elif kind != "schema" and isinstance(examples, Mapping):
            for name in examples:
                found = self._named(site, kind, f"{pointer}/examples/{escape_token(str(name))}")
                if found is not None:
                    yield found

    def _named(self, site: ExampleSite, kind: str, pointer: str) -> ExampleSite | None:
        """A named Example object: its ``value``, its ``$ref`` followed; ``externalValue`` noted."""
        resolver = self.api.validators.resolver
        try:
            written = resolver.lookup(pointer)
            target, example = resolver.follow(written) if isinstance(written, Mapping) else ("", {})
        except UnresolvedReference:
            return None  # the spec's findings report the dangling $ref
        where = target[1:] if target else pointer
        if "value" in example:
            return self._site(site, kind, example["value"], f"{where}/value")
        if isinstance(example.get("externalValue"), str):
            return replace(site, file_pointer=f"{where}/externalValue", unchecked="not fetched")
        return None

    def _site(self, site: ExampleSite, kind: str, value: Any, file_pointer: str) -> ExampleSite:
        site = replace(site, value=value, file_pointer=file_pointer)
        if kind not in ("parameter", "header") or not isinstance(value, str):
            return site
        validators = self.api.validators
        try:
            schema = validators.resolve(site.schema_pointer)
            if shape_of(schema, validators)[0] != "primitive":
                return replace(site, unchecked="serialised")
            return replace(site, value=coerce(value, schema, validators))
        except UnresolvedReference:
            return replace(site, unchecked="unusable schema")


def _part(tokens: list[str]) -> tuple[str, str]:
    """What part of an operation the tokens after its method lead into, and its direction."""
    if tokens[:1] == ["responses"] and len(tokens) > 1:
        return tokens[1], "response"
    if tokens[:1] == ["requestBody"]:
        return "request", "request"
    if tokens[:1] == ["parameters"]:
        return "parameters", "request"
    return (tokens[0] if tokens else ""), ""


def _component_direction(tokens: list[str]) -> str:
    section = tokens[1] if len(tokens) > 1 else ""
    return {"responses": "response", "headers": "response", "requestBodies": "request", "parameters": "request"}.get(
        section, ""
    )


def _instance_steps(steps: list[str]) -> Tokens:
    """The instance path a schema path stands for: ``properties/a/items`` -> ``("a", 0)``."""
    path: list[str | int] = []
    index = 0
    while index < len(steps):
        step = steps[index]
        if step in ("properties", "patternProperties"):
            path.append(steps[index + 1] if index + 1 < len(steps) else "*")
            index += 2
        elif step == "prefixItems" and index + 1 < len(steps) and steps[index + 1].isdigit():
            path.append(int(steps[index + 1]))
            index += 2
        elif step in _ITEM_STEP:
            path.append(0)
            index += 1
        elif step in ("additionalProperties", "unevaluatedProperties"):
            path.append("*")
            index += 1
        else:  # allOf/3, not, if, ...: the same instance
            index += 2 if step in _NO_INSTANCE_STEP - {"not", "if", "then", "else"} else 1
    return tuple(path)


def _loaded_pointer(written: Mapping[str, Any], loaded: Mapping[str, Any], pointer: str) -> str | None:
    """``pointer`` (into the document as written) in the document as loaded: a 3.0 ``nullable``
    schema wrapped as ``anyOf: [schema, null]`` is stepped into. None if it is not there."""
    out: list[str] = []
    here_written: Any = written
    here_loaded: Any = loaded
    for token in pointer.split("/")[1:]:
        if _wrapped(here_loaded) and not _wrapped(here_written):
            out += ["anyOf", "0"]
            here_loaded = here_loaded["anyOf"][0]
        here_written, here_loaded = _child(here_written, token), _child(here_loaded, token)
        if here_loaded is None:
            return None
        out.append(token)
    return "#/" + "/".join(out)


def _child(node: Any, token: str) -> Any:
    if isinstance(node, Mapping):
        return node.get(unescape_token(token))
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return None


def _wrapped(node: Any) -> bool:
    if not isinstance(node, Mapping) or node.keys() != {"anyOf"} or not isinstance(node["anyOf"], list):
        return False
    return bool(node["anyOf"][1:] == [{"type": "null"}])


def _is_json(escaped_media_type: str) -> bool:
    media = unescape_token(escaped_media_type).split(";")[0].strip().lower()
    subtype = media.partition("/")[2]
    return subtype == "json" or subtype.endswith("+json")
