"""The spellings of a secret to search for: literal ones, and base64 cores at three alignments."""

from __future__ import annotations

import base64

from hypothesis import given
from hypothesis import strategies as st

from conformance.transport._forms import SHORT, SecretForms


def _found(forms: SecretForms, text: str) -> list[str]:
    return [text[start:end] for start, end in sorted(set(forms.spans(text)))]


@given(secret=st.binary(min_size=SHORT, max_size=40), prefix=st.binary(max_size=8), suffix=st.binary(max_size=8))
def test_a_base64_core_of_the_secret_is_in_any_longer_base64_value(secret: bytes, prefix: bytes, suffix: bytes) -> None:
    text = secret.decode("latin-1")  # any bytes: their base64 is what is searched
    forms = SecretForms.of({text})
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        encoded = encode(prefix + text.encode() + suffix).decode()
        assert any(core in encoded for core in forms.cores)


def test_a_match_is_widened_over_the_neighbouring_base64_and_its_padding() -> None:
    forms = SecretForms.of({"s3cret-value"})
    encoded = base64.b64encode(b"s3cret-value!").decode()  # the last group mixes in "!"
    assert _found(forms, f"<{encoded}>") == [encoded]


def test_widening_stops_at_three_characters() -> None:
    forms = SecretForms.of({"s3cret-value"})
    core = base64.b64encode(b"s3cret-value").decode()
    assert _found(forms, f"ABCDEFGH{core}IJKLMNOP") == [f"FGH{core}IJK"]


def test_literal_spellings_that_are_not_escapes() -> None:
    forms = SecretForms.of({"a b/c~d\\e"})
    text = "a+b%2Fc~d%5Ce | a b~1c~0d\\e | a b/c~d\\\\e"  # quote_plus, a JSON pointer token, repr
    assert _found(forms, text) == ["a+b%2Fc~d%5Ce", "a b~1c~0d\\e", "a b/c~d\\\\e"]


def test_short_secrets_are_whole_tokens_only() -> None:
    forms = SecretForms.of({"ab1", "ab"})
    assert forms.cores == () and forms.literal == ()
    assert _found(forms, "ab1 ab xab1 ab1x ab-1") == ["ab1", "ab", "ab"]
