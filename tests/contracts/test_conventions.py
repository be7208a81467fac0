"""conformance.contracts.conventions: the error convention, one object for the mock and the checks."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from conformance.contracts import ErrorConvention

DETAILS = [{"loc": ["query", "limit"], "msg": "Input should be a valid integer", "type": "int_parsing"}]


def test_conventions_are_found_by_name_and_are_singletons() -> None:
    assert ErrorConvention.named("fastapi") is ErrorConvention.FASTAPI
    assert ErrorConvention.named("unknown") is ErrorConvention.UNKNOWN
    with pytest.raises(KeyError):
        ErrorConvention.named("django")


def test_fastapi_rejects_with_422_and_a_detail_list() -> None:
    convention = ErrorConvention.FASTAPI
    body = convention.rejection(DETAILS)
    assert (convention.rejection_status, body) == (422, {"detail": DETAILS})
    assert Draft202012Validator(convention.error_schema()).is_valid(body)
    assert not Draft202012Validator(convention.error_schema()).is_valid({"detail": []})
    assert convention.unauthenticated == {"detail": "Not authenticated"}


def test_unknown_rejects_with_400_and_promises_nothing() -> None:
    convention = ErrorConvention.UNKNOWN
    assert convention.rejection_status == 400
    assert convention.rejection(DETAILS) == {"error": "invalid request", "details": DETAILS}
    assert not convention.documented and ErrorConvention.FASTAPI.documented
    assert not convention.documented_by({}, {"type": "object"})
