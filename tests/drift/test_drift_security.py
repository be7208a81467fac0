"""Security schemes and each operation's requirements: what a client authenticating the old way meets."""

from __future__ import annotations

from typing import Any

import pytest

from tests.drift.support import INFO, B, Case, N, edited


def _schemes(document: dict[str, Any]) -> dict[str, Any]:
    schemes: dict[str, Any] = document["components"]["securitySchemes"]
    return schemes


_API_KEY = {"type": "apiKey", "in": "header", "name": "X-Key"}

CASES = {
    "scheme removed": Case(lambda d: _schemes(d).pop("bearer"), {("security_scheme_removed", B)}),
    "scheme added": Case(lambda d: _schemes(d).update(key=_API_KEY), {("security_scheme_added", N)}),
    "scheme changed": Case(lambda d: _schemes(d).update(bearer=_API_KEY), {("security_scheme_changed", B)}),
    "scheme's name in another case": Case(lambda d: _schemes(d)["bearer"].update(scheme="Bearer"), set()),
    "scheme described": Case(
        lambda d: _schemes(d)["bearer"].update(description="A token."), {("description_changed", INFO)}
    ),
    "second scheme required together": Case(
        lambda d: (_schemes(d).update(key=_API_KEY), d.update(security=[{"bearer": [], "key": []}])),
        {("security_scheme_added", N), ("operation_security_tightened", B)},
    ),
    "anonymous access allowed": Case(
        lambda d: d.update(security=[{"bearer": []}, {}]), {("operation_security_loosened", N)}
    ),
    "security dropped": Case(lambda d: d.update(security=[]), {("operation_security_loosened", N)}),
    "scope required": Case(
        lambda d: d["paths"]["/things"]["post"].update(security=[{"bearer": ["write"]}]),
        {("operation_security_tightened", B)},
    ),
    "credentials required where none were": Case(
        lambda d: d.update(security=[{"bearer": []}]),
        {("operation_security_tightened", B)},
        edited(lambda d: d.update(security=[])),
    ),
    "the same requirement moved onto the operation": Case(
        lambda d: d["paths"]["/things"]["post"].update(security=[{"bearer": []}]), set()
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES)
def test_security_rules(case: Case) -> None:
    assert case.diff() == case.expected
