"""Decoded views: escapes decoded, and each span of the view mapped back to the characters it came from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conformance.transport._views import DecodedView, views_of

PLAIN = st.sampled_from("abcXYZ019 -_:")
ESCAPED = st.sampled_from('abc/"\\\n\u00e9\u20ac\U0001f600').map(lambda c: (c, _json_escape(c)))


def _json_escape(character: str) -> str:
    """An escape JSON allows for ``character``: short for / " \\ newline, else \\u (a pair above U+FFFF)."""
    short = {"/": "\\/", '"': '\\"', "\\": "\\\\", "\n": "\\n"}
    if character in short:
        return short[character]
    data = character.encode("utf-16-be")
    return "".join(f"\\u{int.from_bytes(data[i : i + 2], 'big'):04X}" for i in range(0, len(data), 2))


def _json_view(text: str) -> DecodedView:
    [chain] = [chain for chain in views_of(text, 1) if chain[-1].text != text][:1]
    return chain[-1]


@given(st.lists(PLAIN.map(lambda c: (c, c)) | ESCAPED, min_size=1, max_size=30), st.data())
def test_every_span_of_a_json_view_maps_back_to_its_escapes(tokens: list[tuple[str, str]], data: st.DataObject) -> None:
    source = "".join(raw for _, raw in tokens)
    view = _json_view(source) if "\\" in source else None
    if view is None:
        return
    assert view.text == "".join(decoded for decoded, _ in tokens)
    starts = [0]
    for _, raw in tokens:
        starts.append(starts[-1] + len(raw))
    first = data.draw(st.integers(0, len(tokens) - 1))
    last = data.draw(st.integers(first, len(tokens) - 1))
    assert view.original(first, last + 1) == (starts[first], starts[last + 1])


def test_a_span_inside_an_escape_covers_the_whole_escape() -> None:
    view = _json_view("ab\\ud83d\\ude00cd")  # one character from a surrogate pair
    assert view.text == "ab\U0001f600cd"
    assert view.original(2, 3) == (2, 14)
    assert view.original(1, 4) == (1, 15)


def test_percent_runs_decode_as_utf8_and_map_back_whole() -> None:
    [chain] = list(views_of("x%E2%82%ACy%2f", 1))
    assert chain[-1].text == "x\u20acy/"
    assert chain[-1].original(1, 2) == (1, 10)
    assert chain[-1].original(3, 4) == (11, 14)


def test_html_character_references_are_a_view_too() -> None:
    [chain] = list(views_of("a&quot;b&#47;c&#x2F;&bogus;", 1))
    assert chain[-1].text == 'a"b/c/&bogus;'


def test_views_of_views_decode_escapes_inside_escapes() -> None:
    text = '"token%3D\\\\u0041"'  # a JSON string holding a percent escape and an escaped \\u
    decoded = {chain[-1].text for chain in views_of(text, 2)}
    assert '"token=\\\\u0041"' in decoded  # percent
    assert '"token%3D\\u0041"' in decoded  # JSON
    assert '"token%3DA"' in decoded  # JSON twice
    assert '"token=\\u0041"' in decoded  # percent, then JSON
    assert '"token=A"' not in decoded  # three decodings: deeper than asked


def test_a_text_without_escapes_has_no_view() -> None:
    assert list(views_of("plain text, 100 percent", 2)) == []
