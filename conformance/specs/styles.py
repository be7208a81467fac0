"""Parameter text split as its OpenAPI ``style`` and ``explode`` say, before any coercion.

The result is text in the parameter's shape: one string, a list of strings (array) or a
dict of strings (object); ``coerce`` then reads each piece by its schema. Hand-written
because the only library that does this, openapi-core, needs its own spec object and
request wrappers; ``tests/specs/test_specs_styles.py`` checks us against it.

Choices where the spec is silent (each one reads what was sent as a server would):
- Values are split after percent-decoding, as servers do (and httpx encodes ``,`` as
  ``%2C``): an item that itself holds the delimiter cannot be told apart.
- An explode-false array or object whose key is repeated (``ids=1&ids=2``) is read as the
  chunks joined by the delimiter (``1,2``): Spring and ASP.NET accept both forms, so we
  call the request invalid only if the joined value is. (A server that answers it with
  400 is then not in the wrong either way; the reverse reading, ``ids=1,2`` sent for an
  exploded array, stays one item ``"1,2"``, as FastAPI reads it.)
- Delimited styles with ``explode: true`` read as exploded ``form`` (the spec's table).
- Cookies hold one value per name, so ``requests`` reads them as ``simple`` text.
- A repeated primitive takes its last value, as Starlette's ``QueryParams`` does.
- Form-exploded objects (``a=1&b=2``) take only the keys their schema declares.
"""

from __future__ import annotations

from collections.abc import Sequence

from conformance.specs.coercion import Shape

__all__ = ["Serialized", "StyleError", "from_pairs", "from_text"]

Serialized = str | list[str] | dict[str, str]
Pairs = Sequence[tuple[str, str]]

_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


class StyleError(ValueError):
    """The text is not the serialization of any value in the declared style."""


def from_pairs(
    style: str, explode: bool, shape: Shape, name: str, pairs: Pairs, keys: Sequence[str] = ()
) -> Serialized | None:
    """A query parameter from its decoded ``(key, value)`` pairs; None when absent.

    ``keys`` are the property names of an object parameter (for form-exploded objects).
    """
    if style == "deepObject":
        return _deep_object(name, pairs)
    values = [value for key, value in pairs if key == name]
    if explode and shape == "object":
        found = {key: value for key, value in pairs if key in keys}
        return found or None
    if not values:
        return None
    if explode and shape == "array":
        return values
    delimiter = _DELIMITERS.get(style, ",")
    return _split(delimiter.join(values), delimiter, shape) if shape != "primitive" else values[-1]


def from_text(style: str, explode: bool, shape: Shape, name: str, text: str) -> Serialized:
    """A path, header or cookie parameter from its (decoded) text."""
    if style == "label":
        return _label(explode, shape, text)
    if style == "matrix":
        return _matrix(explode, shape, name, text)
    if explode and shape == "object":
        return _assignments(text.split(","))
    return _split(text, ",", shape)


def _label(explode: bool, shape: Shape, text: str) -> Serialized:
    if not text.startswith("."):
        raise StyleError(f"{text!r} does not start with '.'")
    body = text[1:]
    if not explode:
        return _split(body, ",", shape)
    if shape == "object":
        return _assignments(body.split("."))
    return _split(body, ".", shape)


def _matrix(explode: bool, shape: Shape, name: str, text: str) -> Serialized:
    segments = text.split(";")
    if segments[0] != "" or len(segments) < 2:
        raise StyleError(f"{text!r} does not start with ';'")
    if explode and shape == "object":
        return _assignments(segments[1:])
    values = _named(segments[1:], name)
    if explode and shape == "array":
        return values
    if len(values) != 1:
        raise StyleError(f"{text!r} names {name!r} more than once")
    return _split(values[0], ",", shape)


def _deep_object(name: str, pairs: Pairs) -> dict[str, str] | None:
    found = {key[len(name) + 1 : -1]: value for key, value in pairs if key.startswith(f"{name}[") and key.endswith("]")}
    return found or None


def _split(text: str, delimiter: str, shape: Shape) -> Serialized:
    if shape == "primitive":
        return text
    items = text.split(delimiter) if text else []
    if shape == "array":
        return items
    if len(items) % 2:
        raise StyleError(f"{text!r} is not a list of name{delimiter}value pairs")
    return dict(zip(items[::2], items[1::2], strict=True))


def _assignments(segments: Sequence[str]) -> dict[str, str]:
    """``["a=1", "b=2"]`` read as ``{"a": "1", "b": "2"}``."""
    if any("=" not in segment for segment in segments):
        raise StyleError(f"{segments!r} are not all name=value")
    pairs = (segment.partition("=") for segment in segments)
    return {key: value for key, _, value in pairs}


def _named(segments: Sequence[str], name: str) -> list[str]:
    """The values of ``name=value`` segments (a bare ``name`` is the empty value), all named ``name``."""
    values = []
    for segment in segments:
        key, _, value = segment.partition("=")
        if key != name:
            raise StyleError(f"{segment!r} is not {name}=value")
        values.append(value)
    return values
