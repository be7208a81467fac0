"""The check codes are a public interface: users filter and baseline by them. Never rename one."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from conformance.checks import CHECK_CODES, CHECKS, Issue, Severity, base, body, check
from conformance.checks.base import media_type

PUBLIC_CODES = (
    "content_type",
    "enum_value",
    "error_shape",
    "format_date_time",
    "format_uuid",
    "invalid_request_accepted",
    "required_field",
    "schema",
    "server_error",
    "status_code",
    "transport",
    "undocumented_field",
)


def test_check_codes_are_exactly_the_public_list() -> None:
    assert CHECK_CODES == PUBLIC_CODES
    assert set(CHECKS) == set(PUBLIC_CODES)


def test_report_schema_lists_the_same_codes() -> None:
    text = resources.files("conformance.reporting").joinpath("report.schema.json").read_text("utf-8")
    assert json.loads(text)["$defs"]["check"]["enum"] == list(PUBLIC_CODES)


def test_registering_a_code_twice_raises_and_keeps_the_first() -> None:
    with pytest.raises(ValueError, match="'schema' registered twice"):
        check("schema")(lambda ctx: iter(()))
    assert CHECKS["schema"] is body.schema


def test_check_registers_under_its_code(monkeypatch: pytest.MonkeyPatch) -> None:
    registry: dict[str, object] = {}
    monkeypatch.setattr(base, "CHECKS", registry)

    def probe(ctx: base.CheckContext) -> list[Issue]:
        return [Issue(Severity.WARNING, "probe")]

    assert check("probe")(probe) is probe
    assert registry == {"probe": probe}
    with pytest.raises(ValueError, match="registered twice"):
        check("probe")(probe)


def test_severity_values_are_the_report_strings() -> None:
    assert {s.value for s in Severity} == {"error", "warning"}


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
