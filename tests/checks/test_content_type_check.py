"""content_type: the media type received against the ones the spec documents for that status."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conformance.checks import Severity
from conformance.contracts import Api
from conformance.transport import RequestRecord
from tests.checks.support import custom_api, exchange, issues

TELNYX_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
TELNYX_DELETE = "delete_assistant_test_public_assistants_tests__test_id__delete"
BODY = {"detail": [{"loc": ["path", "test_id"], "msg": "bad", "type": "value_error"}]}


def test_undocumented_media_type_is_an_error(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(200, b"hello", "text/plain"), "content_type")
    assert issue.severity is Severity.ERROR
    assert "'text/plain'" in issue.message and "application/json" in issue.message


def test_missing_content_type_is_an_error(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(200, b"{}", ""), "content_type")
    assert issue.severity is Severity.ERROR
    assert "(none)" in issue.message


def test_json_that_does_not_parse_is_an_error(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(200, b'{"run_id": '), "content_type")
    assert issue.severity is Severity.ERROR
    assert "does not parse" in issue.message


def test_empty_body_where_json_is_documented_does_not_parse(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(422, b""), "content_type")
    assert "does not parse" in issue.message


def test_invalid_utf8_json_does_not_parse(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(422, b'{"detail": "\xff"}'), "content_type")
    assert "does not parse" in issue.message


@pytest.mark.parametrize(
    "header", ["application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8"]
)
def test_json_with_parameters_or_other_case_is_accepted(catalog: dict[str, Api], header: str) -> None:
    assert issues(catalog["telnyx"], TELNYX_RUN, exchange(422, BODY, header), "content_type") == []


def test_undocumented_status_is_left_to_status_code(catalog: dict[str, Api]) -> None:
    assert issues(catalog["telnyx"], TELNYX_RUN, exchange(404, b"gone", "text/html"), "content_type") == []


def test_body_where_none_is_documented_is_a_warning(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_DELETE, exchange(200, {"deleted": True}), "content_type")
    assert issue.severity is Severity.WARNING
    assert "application/json" in issue.message


@pytest.mark.parametrize("body", [b"", b"  \n"])
def test_no_body_where_none_is_documented_is_fine(catalog: dict[str, Api], body: bytes) -> None:
    assert issues(catalog["telnyx"], TELNYX_DELETE, exchange(200, body, ""), "content_type") == []


def test_structured_json_suffix_is_not_plain_json(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(422, BODY, "application/problem+json"), "content_type")
    assert issue.severity is Severity.ERROR


def _api_documenting(catalog: dict[str, Api], *media_types: str) -> Api:
    content = {media: {"schema": {"type": "object"}} for media in media_types}
    return custom_api(catalog["revring"], {"200": {"description": "ok", "content": content}})


@pytest.mark.parametrize(
    ("documented", "received", "fires"),
    [
        ("*/*", "text/csv", False),
        ("application/*", "application/xml", False),
        ("application/*", "text/xml", True),
        ("Application/JSON", "application/json", False),
        ("application/json", "application/jsonx", True),
    ],
)
def test_documented_patterns(catalog: dict[str, Api], documented: str, received: str, fires: bool) -> None:
    api = _api_documenting(catalog, documented)
    found = issues(api, "getThing", exchange(200, b'{"a": 1}', received), "content_type")
    assert bool(found) is fires


def test_json_suffix_type_that_does_not_parse_is_an_error(catalog: dict[str, Api]) -> None:
    api = _api_documenting(catalog, "application/problem+json")
    [issue] = issues(api, "getThing", exchange(200, b"<html>", "application/problem+json"), "content_type")
    assert "does not parse as application/problem+json" in issue.message


def test_non_json_type_is_not_parsed(catalog: dict[str, Api]) -> None:
    api = _api_documenting(catalog, "text/csv")
    assert issues(api, "getThing", exchange(200, b"a,b\n1,2", "text/csv"), "content_type") == []


def test_a_head_response_has_no_body_to_parse(catalog: dict[str, Api]) -> None:
    head = replace(exchange(200, b""), request=RequestRecord("HEAD", "http://api.test/thing", (), None))
    assert issues(catalog["telnyx"], TELNYX_RUN, head, "content_type") == []
    assert issues(catalog["telnyx"], TELNYX_RUN, exchange(200, b""), "content_type") != []
