"""conformance.specs.styles: parameters split as their style says, then validated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

import pytest
from openapi_core.deserializing.styles import style_deserializers

from conformance.specs.coercion import Shape
from conformance.specs.model import read_operations
from conformance.specs.requests import RequestParts, validate_request
from conformance.specs.schemas import SchemaValidators
from conformance.specs.styles import Serialized, StyleError, from_pairs, from_text

INTS = {"type": "array", "items": {"type": "integer"}}
OBJECT = {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "string"}}, "required": ["a"]}


def _problems(
    where: str, style: str, explode: bool, schema: dict[str, Any], target: str, headers: Sequence[tuple[str, str]] = ()
) -> list[tuple[tuple[str | int, ...], str]]:
    """(loc, type) of each violation when ``target`` is sent to a one-parameter operation."""
    parameter = {"name": "p", "in": where, "required": True, "style": style, "explode": explode, "schema": schema}
    path = "/x/{p}" if where == "path" else "/x"
    document = {"openapi": "3.1.0", "paths": {path: {"get": {"parameters": [parameter], "responses": {}}}}}
    (operation,) = read_operations("styles", document)
    request = RequestParts.from_target(operation, target, headers)
    return [(v.loc, v.type) for v in validate_request(operation, SchemaValidators("styles", document), request)]


# Query


def test_form_exploded() -> None:
    assert _problems("query", "form", True, INTS, "/x?p=1&p=2") == []
    assert _problems("query", "form", True, INTS, "/x?p=1,2") == [(("query", "p", 0), "type")]
    assert _problems("query", "form", True, OBJECT, "/x?a=1&b=x&other=y") == []
    assert _problems("query", "form", True, OBJECT, "/x?a=one") == [(("query", "p", "a"), "type")]
    assert _problems("query", "form", True, OBJECT, "/x?b=x") == [(("query", "p", "a"), "missing")]


def test_form_not_exploded() -> None:
    assert _problems("query", "form", False, INTS, "/x?p=1,2") == []
    assert _problems("query", "form", False, INTS, "/x?p=1%2C2") == []  # httpx encodes the comma
    assert _problems("query", "form", False, INTS, "/x?p=1,x") == [(("query", "p", 1), "type")]
    assert _problems("query", "form", False, OBJECT, "/x?p=a,1,b,x") == []
    assert _problems("query", "form", False, OBJECT, "/x?p=a,one") == [(("query", "p", "a"), "type")]
    assert _problems("query", "form", False, OBJECT, "/x?p=a,1,b") == [(("query", "p"), "parameter_style")]


def test_form_not_exploded_reads_repeated_keys_as_one_joined_value() -> None:
    assert _problems("query", "form", False, INTS, "/x?p=1&p=2") == []
    assert _problems("query", "form", False, INTS, "/x?p=1&p=x") == [(("query", "p", 1), "type")]
    bounded = {**INTS, "maxItems": 2}
    assert _problems("query", "form", False, bounded, "/x?p=1,2&p=3") == [(("query", "p"), "maxItems")]


def test_space_delimited() -> None:
    assert _problems("query", "spaceDelimited", False, INTS, "/x?p=1%202") == []
    assert _problems("query", "spaceDelimited", False, INTS, "/x?p=1+2") == []
    assert _problems("query", "spaceDelimited", False, INTS, "/x?p=1,2") == [(("query", "p", 0), "type")]


def test_pipe_delimited() -> None:
    assert _problems("query", "pipeDelimited", False, INTS, "/x?p=1|2") == []
    assert _problems("query", "pipeDelimited", False, INTS, "/x?p=1%7C2") == []  # as httpx sends it
    assert _problems("query", "pipeDelimited", False, INTS, "/x?p=1,2") == [(("query", "p", 0), "type")]


def test_deep_object() -> None:
    assert _problems("query", "deepObject", True, OBJECT, "/x?p[a]=1&p[b]=x") == []
    assert _problems("query", "deepObject", True, OBJECT, "/x?p%5Ba%5D=1") == []
    assert _problems("query", "deepObject", True, OBJECT, "/x?p[a]=one") == [(("query", "p", "a"), "type")]
    assert _problems("query", "deepObject", True, OBJECT, "/x?p=1") == [(("query", "p"), "missing")]


def test_repeated_primitive_takes_the_last_value() -> None:
    assert _problems("query", "form", True, {"type": "integer"}, "/x?p=x&p=1") == []
    assert _problems("query", "form", True, {"type": "integer"}, "/x?p=1&p=x") == [(("query", "p"), "type")]


# Path


def test_simple_path() -> None:
    assert _problems("path", "simple", False, INTS, "/x/1,2") == []
    assert _problems("path", "simple", False, INTS, "/x/1,x") == [(("path", "p", 1), "type")]
    assert _problems("path", "simple", False, OBJECT, "/x/a,1,b,x") == []
    assert _problems("path", "simple", True, OBJECT, "/x/a=1,b=x") == []
    assert _problems("path", "simple", True, OBJECT, "/x/a,1") == [(("path", "p"), "parameter_style")]
    assert _problems("path", "simple", False, {"type": "integer"}, "/x/12") == []


def test_label_path() -> None:
    assert _problems("path", "label", True, INTS, "/x/.1.2") == []
    assert _problems("path", "label", False, INTS, "/x/.1,2") == []
    assert _problems("path", "label", False, INTS, "/x/.1.2") == [(("path", "p", 0), "type")]
    assert _problems("path", "label", True, OBJECT, "/x/.a=1.b=x") == []
    assert _problems("path", "label", True, INTS, "/x/1.2") == [(("path", "p"), "parameter_style")]
    assert _problems("path", "label", False, {"type": "integer"}, "/x/.5") == []


def test_matrix_path() -> None:
    assert _problems("path", "matrix", True, INTS, "/x/;p=1;p=2") == []
    assert _problems("path", "matrix", False, INTS, "/x/;p=1,2") == []
    assert _problems("path", "matrix", True, INTS, "/x/;p=1,2") == [(("path", "p", 0), "type")]
    assert _problems("path", "matrix", True, OBJECT, "/x/;a=1;b=x") == []
    assert _problems("path", "matrix", False, OBJECT, "/x/;p=a,1") == []
    assert _problems("path", "matrix", False, INTS, "/x/;q=1,2") == [(("path", "p"), "parameter_style")]
    assert _problems("path", "matrix", False, INTS, "/x/1,2") == [(("path", "p"), "parameter_style")]
    assert _problems("path", "matrix", False, {"type": "integer"}, "/x/;p=5") == []


# Header and cookie


def test_simple_header() -> None:
    assert _problems("header", "simple", False, INTS, "/x", [("P", "1,2")]) == []
    assert _problems("header", "simple", False, INTS, "/x", [("P", "1,x")]) == [(("header", "p", 1), "type")]
    assert _problems("header", "simple", True, OBJECT, "/x", [("P", "a=1,b=x")]) == []
    assert _problems("header", "simple", True, OBJECT, "/x", [("P", "a=x")]) == [(("header", "p", "a"), "type")]


def test_form_cookie() -> None:
    assert _problems("cookie", "form", False, INTS, "/x", [("Cookie", "o=1; p=1,2")]) == []
    assert _problems("cookie", "form", False, INTS, "/x", [("Cookie", "p=1,x")]) == [(("cookie", "p", 1), "type")]
    # one value per cookie name: Schemathesis sends an exploded array comma-separated too
    assert _problems("cookie", "form", True, INTS, "/x", [("Cookie", "p=1,2")]) == []
    assert _problems("cookie", "form", True, INTS, "/x") == [(("cookie", "p"), "missing")]


def test_a_style_error_names_the_style() -> None:
    with pytest.raises(StyleError, match=r"does not start with '\.'"):
        from_text("label", True, "array", "p", "1.2")


# openapi-core as an oracle for the split text (before coercion)

# (style, explode, shape, sent): query styles get a query string, the others the parameter's text.
# Not compared, because openapi-core reads them differently on purpose or by accident: form-exploded
# objects (it splits one value on "&"), cookies (it has no cookie rule), empty arrays.
CORPUS: list[tuple[str, bool, Shape, str]] = [
    ("form", True, "array", "p=1&p=2&q=3"),
    ("form", True, "primitive", "p=blue"),
    ("form", False, "array", "p=blue,black,brown"),
    ("form", False, "array", "p=a%2Cb,c"),
    ("form", False, "object", "p=R,100,G,200"),
    ("form", False, "primitive", "p=blue"),
    ("spaceDelimited", False, "array", "p=blue%20black%20brown"),
    ("spaceDelimited", False, "object", "p=R%20100%20G%20200"),
    ("pipeDelimited", False, "array", "p=blue|black|brown"),
    ("pipeDelimited", False, "object", "p=R|100|G|200"),
    ("deepObject", True, "object", "p[R]=100&p[G]=200&q=1"),
    ("simple", False, "array", "blue,black,brown"),
    ("simple", True, "array", "blue,black,brown"),
    ("simple", False, "object", "R,100,G,200"),
    ("simple", True, "object", "R=100,G=200"),
    ("simple", False, "primitive", "blue"),
    ("label", False, "array", ".blue,black"),
    ("label", True, "array", ".blue.black"),
    ("label", False, "object", ".R,100,G,200"),
    ("label", True, "object", ".R=100.G=200"),
    ("label", True, "primitive", ".blue"),
    ("matrix", False, "array", ";p=blue,black"),
    ("matrix", True, "array", ";p=blue;p=black"),
    ("matrix", False, "object", ";p=R,100,G,200"),
    ("matrix", True, "object", ";R=100;G=200"),
    ("matrix", False, "primitive", ";p=blue"),
    ("matrix", True, "primitive", ";p=blue"),
]
QUERY_STYLES = ("form", "spaceDelimited", "pipeDelimited", "deepObject")


class _QueryLocation(dict[str, str]):
    """What openapi-core reads a query from: the last value of each key, and ``getlist``."""

    def __init__(self, query: str) -> None:
        pairs = parse_qsl(query, keep_blank_values=True)
        super().__init__(pairs)
        self._pairs = pairs

    def getlist(self, name: str) -> list[str]:
        return [value for key, value in self._pairs if key == name]


def _theirs(style: str, explode: bool, shape: Shape, sent: str) -> Any:
    schema_type = "" if shape == "primitive" else shape
    if style == "spaceDelimited":  # openapi-core splits on the still-encoded "%20"
        location: dict[str, str] = {"p": sent.removeprefix("p=")}
    elif style in QUERY_STYLES:
        location = _QueryLocation(sent)
    else:
        prefix = {"label": ".", "matrix": ";"}.get(style, "")
        location = {f"{prefix}p{'*' if explode and prefix else ''}": sent}
    return style_deserializers[style](explode, "p", schema_type, location)


def _ours(style: str, explode: bool, shape: Shape, sent: str) -> Serialized | None:
    if style in QUERY_STYLES:
        keys = ["R", "G"] if shape == "object" else []
        return from_pairs(style, explode, shape, "p", parse_qsl(sent, keep_blank_values=True), keys)
    return from_text(style, explode, shape, "p", sent)


@pytest.mark.parametrize(("style", "explode", "shape", "sent"), CORPUS)
def test_split_text_agrees_with_openapi_core(style: str, explode: bool, shape: Shape, sent: str) -> None:
    assert _ours(style, explode, shape, sent) == _theirs(style, explode, shape, sent)
