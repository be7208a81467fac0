"""The check registry: a function per response or request code of the findings registry."""

from __future__ import annotations

import pytest

from conformance.checks import CHECK_CODES, CHECKS, Issue, Severity, base, body, check
from conformance.checks.base import media_type
from conformance.findings import CODES, Category


def test_every_response_and_request_code_has_its_check() -> None:
    exchange_codes = {code for code, entry in CODES.items() if entry.category in (Category.RESPONSE, Category.REQUEST)}
    assert set(CHECK_CODES) == set(CHECKS) == exchange_codes


def test_a_check_must_use_a_registered_code() -> None:
    with pytest.raises(ValueError, match="'no_such_code' is not in the registry"):
        check("no_such_code")(lambda ctx: iter(()))


def test_registering_a_code_twice_raises_and_keeps_the_first() -> None:
    with pytest.raises(ValueError, match="'schema' registered twice"):
        check("schema")(lambda ctx: iter(()))
    assert CHECKS["schema"] is body.schema


def test_check_registers_under_its_code(monkeypatch: pytest.MonkeyPatch) -> None:
    registry: dict[str, object] = {}
    monkeypatch.setattr(base, "CHECKS", registry)

    def probe(ctx: base.CheckContext) -> list[Issue]:
        return [Issue(Severity.WARNING, "probe")]

    assert check("schema")(probe) is probe
    assert registry == {"schema": probe}
    with pytest.raises(ValueError, match="registered twice"):
        check("schema")(probe)


def test_severity_values_are_the_report_strings() -> None:
    assert {s.value for s in Severity} == {"error", "warning", "info"}


def test_issue_pointer_defaults_to_the_whole_body() -> None:
    assert Issue(Severity.ERROR, "x").pointer == ""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("application/json", "application/json"),
        ("Application/JSON; charset=utf-8", "application/json"),
        ("  text/plain ;q=1", "text/plain"),
        ("", ""),
    ],
)
def test_media_type_drops_parameters_and_case(header: str, expected: str) -> None:
    assert media_type(header) == expected
