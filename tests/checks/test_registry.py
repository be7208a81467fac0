"""The check registry: a function per response or request code of the findings registry."""

from __future__ import annotations

import pytest

from conformance.checks import CHECK_CODES, CHECKS, Issue, Scope, Severity, applicable_checks, base, body, check
from conformance.checks.base import media_type
from conformance.contracts import Api
from conformance.findings import CODES, Category
from tests.checks.support import custom_api, json_response


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
    monkeypatch.setattr(base, "APPLIES", {})

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


_ANY_REQUEST = {"transport", "server_error", "status_code"}
_BODY = {"content_type", "required_field", "enum_value", "format_uuid", "format_date_time", "schema"}
_SCHEMA = _BODY - {"content_type"} | {"undocumented_field"}


def _applying(api: Api, valid: int, invalid: int, operation_id: str = "getThing") -> set[str]:
    operation = api.spec.find(operation_id)
    assert operation is not None
    return set(applicable_checks(Scope(api, operation, valid, invalid)))


def test_every_check_applies_to_a_fastapi_operation_sent_valid_and_invalid_requests(catalog: dict[str, Api]) -> None:
    api = custom_api(catalog["telnyx"], json_response({"type": "object"}))
    assert _applying(api, 3, 2) == set(CHECK_CODES)


def test_nothing_applies_where_nothing_was_sent(catalog: dict[str, Api]) -> None:
    assert _applying(custom_api(catalog["telnyx"], json_response({"type": "object"})), 0, 0) == set()


def test_the_error_convention_applies_only_to_an_api_that_has_it(catalog: dict[str, Api]) -> None:
    unknown = custom_api(catalog["revring"], json_response({"type": "object"}))
    assert _applying(unknown, 3, 2) == set(CHECK_CODES) - {"error_shape", "error_location"}


def test_the_error_convention_does_not_apply_where_the_422_is_documented_otherwise(catalog: dict[str, Api]) -> None:
    own = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
    other = custom_api(catalog["telnyx"], json_response(own, "422"))
    assert not _applying(other, 3, 2) & {"error_shape", "error_location"}


def test_request_checks_apply_to_the_requests_that_were_sent(catalog: dict[str, Api]) -> None:
    api = custom_api(catalog["telnyx"], json_response({"type": "object"}))
    only_valid = _applying(api, 3, 0)
    assert "valid_request_rejected" in only_valid
    assert not only_valid & {"invalid_request_accepted", "error_location"}
    only_invalid = _applying(api, 0, 2)
    assert {"invalid_request_accepted", "error_location"} <= only_invalid
    assert "valid_request_rejected" not in only_invalid


def test_body_checks_apply_only_where_the_operation_documents_a_body(catalog: dict[str, Api]) -> None:
    bodiless = custom_api(catalog["revring"], {"204": {"description": "done"}})
    assert _applying(bodiless, 3, 0) == _ANY_REQUEST | {"content_type", "valid_request_rejected"}
    silent = custom_api(catalog["revring"], {})
    assert _applying(silent, 3, 0) == _ANY_REQUEST | {"valid_request_rejected"}
    assert _applying(custom_api(catalog["revring"], json_response({"type": "string"})), 3, 0) >= _SCHEMA
