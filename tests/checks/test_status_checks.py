"""Status-line checks: status_code, server_error, invalid_request_accepted, valid_request_rejected, transport."""

from __future__ import annotations

import pytest

from conformance.checks import Severity
from conformance.contracts import Api
from conformance.specs.requests import Violation
from tests.checks.support import custom_api, exchange, issues, run_checks

TELNYX_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
TELNYX_CREATE = "create_assistant_test_public_assistants_tests_post"
FREEPLAY_LIST = "get_get_test_runs"
REVRING_START = "startTestSuiteRun"

MISSING_NAME = Violation(("body", "name"), "Field required", "missing")
BAD_SIZE = Violation(("query", "page", "size"), "must be <= 100", "less_than_equal")
ERROR_BODY = {"error": "nope"}


def test_an_undocumented_status_the_spec_is_silent_on_is_a_warning(catalog: dict[str, Api]) -> None:
    # An unknown id: the server is not wrong, its spec is incomplete.
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(404, ERROR_BODY))
    assert set(fired) == {"status_code"}
    [issue] = fired["status_code"]
    assert issue.severity is Severity.WARNING
    assert issue.message == "status 404 is not documented (documented: 200, 422)"


@pytest.mark.parametrize("violations", [[], [MISSING_NAME]])
def test_a_rate_limit_is_never_a_status_finding(catalog: dict[str, Api], violations: list[Violation]) -> None:
    # A 429 says how busy the server is, not what its API does; the run waits and stops instead.
    assert run_checks(catalog["telnyx"], TELNYX_RUN, exchange(429, ERROR_BODY), violations=violations) == {}


def test_an_undocumented_redirect_is_an_error(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_RUN, exchange(307, ERROR_BODY, ""), "status_code")
    assert issue.severity is Severity.ERROR


def test_undocumented_2xx_is_an_error(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["revring"], REVRING_START, exchange(200, {}), "status_code")
    assert issue.severity is Severity.ERROR
    assert "documented: 201" in issue.message


def test_documented_status_gives_no_status_code_issue(catalog: dict[str, Api]) -> None:
    assert issues(catalog["telnyx"], TELNYX_RUN, exchange(422, {"detail": []}), "status_code") == []


@pytest.mark.parametrize("status", [401, 403])
@pytest.mark.parametrize(("with_credentials", "severity"), [(False, Severity.WARNING), (True, Severity.ERROR)])
def test_auth_failure_severity_depends_on_credentials(
    catalog: dict[str, Api], status: int, with_credentials: bool, severity: Severity
) -> None:
    [issue] = issues(
        catalog["telnyx"], TELNYX_RUN, exchange(status, ERROR_BODY), "status_code", with_credentials=with_credentials
    )
    assert issue.severity is severity


def test_undocumented_rejection_of_an_invalid_request_is_a_warning(catalog: dict[str, Api]) -> None:
    # Any 4xx is a right answer to an invalid request; the spec only fails to list it.
    for api, operation in [("freeplay", FREEPLAY_LIST), ("telnyx", TELNYX_CREATE)]:
        [issue] = issues(catalog[api], operation, exchange(400, ERROR_BODY), "status_code", violations=[MISSING_NAME])
        assert issue.severity is Severity.WARNING
        assert issue.location.keyword == "400"


def test_undocumented_rejection_of_a_valid_request_is_valid_request_rejected(catalog: dict[str, Api]) -> None:
    fired = run_checks(catalog["freeplay"], FREEPLAY_LIST, exchange(400, ERROR_BODY))
    assert set(fired) == {"valid_request_rejected"}
    [issue] = fired["valid_request_rejected"]
    assert issue.severity is Severity.ERROR
    assert issue.message == "a request the spec allows was answered 400 (not a status the operation documents)"


def test_documented_rejection_of_a_valid_request_is_a_warning(catalog: dict[str, Api]) -> None:
    [issue] = issues(catalog["telnyx"], TELNYX_CREATE, exchange(422, {"detail": []}), "valid_request_rejected")
    assert issue.severity is Severity.WARNING
    assert "documented, so the spec allows it" in issue.message


@pytest.mark.parametrize("status", [401, 403, 404])  # 429: never a status finding at all (above)
def test_statuses_a_valid_request_may_get_are_not_rejections(catalog: dict[str, Api], status: int) -> None:
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(status, ERROR_BODY), with_credentials=False)
    assert set(fired) == {"status_code"}  # undocumented, and only a warning
    assert [issue.severity for issue in fired["status_code"]] == [Severity.WARNING]


def test_a_rejection_of_a_request_meant_to_be_invalid_is_no_drift(catalog: dict[str, Api]) -> None:
    # Generation aimed at an invalid request that our validator cannot tell apart (a format it does
    # not check): the server that rejects it is right, and the undocumented status only a warning.
    fired = run_checks(catalog["freeplay"], FREEPLAY_LIST, exchange(400, ERROR_BODY), meant_valid=False)
    assert set(fired) == {"status_code"}
    assert [issue.severity for issue in fired["status_code"]] == [Severity.WARNING]


def test_a_rejected_invalid_request_is_not_valid_request_rejected(catalog: dict[str, Api]) -> None:
    found = issues(
        catalog["telnyx"], TELNYX_CREATE, exchange(400, ERROR_BODY), "valid_request_rejected", violations=[BAD_SIZE]
    )
    assert found == []


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_error_is_its_own_finding(catalog: dict[str, Api], status: int) -> None:
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, exchange(status, b"oops", "text/plain"))
    assert set(fired) == {"server_error"}
    [issue] = fired["server_error"]
    assert (issue.severity, issue.message) == (Severity.ERROR, f"server error {status}")


def test_4xx_is_not_a_server_error(catalog: dict[str, Api]) -> None:
    assert issues(catalog["telnyx"], TELNYX_RUN, exchange(499, ERROR_BODY), "server_error") == []


def test_2xx_to_an_invalid_request_is_an_error_naming_the_violation(catalog: dict[str, Api]) -> None:
    body = {"data": {"status": "queued"}}
    fired = run_checks(catalog["revring"], REVRING_START, exchange(201, body), violations=[MISSING_NAME])
    assert set(fired) == {"invalid_request_accepted"}
    [issue] = fired["invalid_request_accepted"]
    assert issue.severity is Severity.ERROR
    assert issue.message == "invalid request answered 201: body.name: Field required"


def test_invalid_request_accepted_names_each_violation_where_it_is(catalog: dict[str, Api]) -> None:
    found = issues(
        catalog["revring"],
        REVRING_START,
        exchange(201, {"data": {}}),
        "invalid_request_accepted",
        violations=[BAD_SIZE, MISSING_NAME],
    )
    assert [i.message for i in found] == [
        "invalid request answered 201: query.page.size: must be <= 100",
        "invalid request answered 201: body.name: Field required",
    ]
    assert [(i.location.pointer, i.location.keyword) for i in found] == [
        ("/query/page/size", "less_than_equal"),
        ("/body/name", "missing"),
    ]


@pytest.mark.parametrize("status", [199, 300, 400, 422])
def test_non_2xx_to_an_invalid_request_is_not_invalid_request_accepted(catalog: dict[str, Api], status: int) -> None:
    found = issues(
        catalog["telnyx"],
        TELNYX_CREATE,
        exchange(status, ERROR_BODY),
        "invalid_request_accepted",
        violations=[MISSING_NAME],
    )
    assert found == []


def test_2xx_to_a_valid_request_is_not_invalid_request_accepted(catalog: dict[str, Api]) -> None:
    assert issues(catalog["revring"], REVRING_START, exchange(201, {"data": {}}), "invalid_request_accepted") == []


def test_no_response_is_a_transport_error_and_nothing_else(catalog: dict[str, Api]) -> None:
    for api, operation in [("telnyx", TELNYX_RUN), ("revring", REVRING_START), ("freeplay", FREEPLAY_LIST)]:
        fired = run_checks(
            catalog[api], operation, exchange(None, error="ConnectError: refused"), violations=[MISSING_NAME]
        )
        assert set(fired) == {"transport"}
        [issue] = fired["transport"]
        assert (issue.severity, issue.message) == (Severity.ERROR, "no response: ConnectError: refused")


def test_a_response_gives_no_transport_issue(catalog: dict[str, Api]) -> None:
    assert issues(catalog["telnyx"], TELNYX_RUN, exchange(500, b""), "transport") == []


def test_any_status_of_an_operation_documenting_no_response_is_a_warning(catalog: dict[str, Api]) -> None:
    api = custom_api(catalog["telnyx"], {})
    [issue] = issues(api, "getThing", exchange(200, {}), "status_code")
    assert issue.severity is Severity.WARNING
    assert "documented: none" in issue.message


CUT = "response body larger than 10 bytes (--max-response-bytes): read stopped there"


@pytest.mark.parametrize(("status", "violations"), [(200, []), (422, [BAD_SIZE])])
def test_a_body_cut_at_the_cap_is_a_transport_error_and_is_never_judged(
    catalog: dict[str, Api], status: int, violations: list[Violation]
) -> None:
    # What send records for a body past the cap: the status and headers, no body for the checks.
    cut = exchange(status, b"", error=CUT)
    fired = run_checks(catalog["telnyx"], TELNYX_RUN, cut, violations)
    assert set(fired) == {"transport"}
    assert [issue.message for issue in fired["transport"]] == [CUT]
