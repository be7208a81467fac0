"""select_operations: everything against the mock; against a live API, only what is safe or opted into."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conformance.contracts import Api, OperationPolicy, Safety
from conformance.errors import UsageError
from conformance.results import Skip
from conformance.runner import Selection, select_operations

NONE: frozenset[Safety] = frozenset()
EVERYTHING = frozenset({Safety.UNSAFE, Safety.COSTLY})
TELNYX_TRIGGER = "trigger_test_run_public_assistants_tests__test_id__runs_post"
TELNYX_DELETE = "delete_assistant_test_public_assistants_tests__test_id__delete"
TELNYX_GET = "get_assistant_test_public_assistants_tests__test_id__get"


def _skips(selections: list[Selection]) -> dict[str, str | None]:
    return {s.operation.operation_id: s.skipped.message if s.skipped else None for s in selections}


def _with_policy(api: Api, operation_id: str, policy: OperationPolicy) -> Api:
    operations = {**api.contract.operations, operation_id: policy}
    return replace(api, contract=replace(api.contract, operations=operations))


@pytest.mark.parametrize("name", ["freeplay", "revring", "telnyx"])
def test_against_the_mock_every_operation_runs_in_spec_order(catalog: dict[str, Api], name: str) -> None:
    api = catalog[name]
    selections = select_operations(api, [], live=False, allowed=NONE)
    assert [s.operation for s in selections] == list(api.spec.operations)
    assert all(s.skipped is None for s in selections)


def test_live_without_operations_runs_only_the_safe_ones(catalog: dict[str, Api]) -> None:
    api = catalog["telnyx"]
    skips = _skips(select_operations(api, [], live=True, allowed=NONE))
    assert list(skips) == [op.operation_id for op in api.spec.operations]
    for operation in api.spec.operations:
        safe = api.policy(operation).safety is Safety.SAFE
        assert (skips[operation.operation_id] is None) is safe, operation.operation_id


def test_allowing_a_safety_runs_its_operations(catalog: dict[str, Api]) -> None:
    skips = _skips(select_operations(catalog["telnyx"], [], live=True, allowed=EVERYTHING))
    assert skips[TELNYX_TRIGGER] is None and skips[TELNYX_DELETE] is None and skips[TELNYX_GET] is None


def test_without_allow_unsafe_and_costly_operations_say_which_flag_runs_them(catalog: dict[str, Api]) -> None:
    skips = _skips(select_operations(catalog["telnyx"], [], live=True, allowed=NONE))
    assert skips[TELNYX_TRIGGER] == "costly: not sent to a live API without --allow costly"
    assert skips[TELNYX_DELETE] == "unsafe: not sent to a live API without --allow unsafe"
    assert skips[TELNYX_GET] is None


def test_allowing_one_safety_does_not_run_the_other(catalog: dict[str, Api]) -> None:
    skips = _skips(select_operations(catalog["telnyx"], [], live=True, allowed=frozenset({Safety.UNSAFE})))
    assert skips[TELNYX_DELETE] is None
    assert skips[TELNYX_TRIGGER] == "costly: not sent to a live API without --allow costly"


@pytest.mark.parametrize(("operation_id", "safety"), [(TELNYX_TRIGGER, "costly"), (TELNYX_DELETE, "unsafe")])
def test_named_operation_of_a_disallowed_safety_is_skipped_naming_the_flag(
    catalog: dict[str, Api], operation_id: str, safety: str
) -> None:
    [selection] = select_operations(catalog["telnyx"], [operation_id], live=True, allowed=NONE)
    assert selection.skipped == Skip(safety, f"{safety}: not sent to a live API without --allow {safety}")


def test_named_costly_operation_runs_when_costly_is_allowed(catalog: dict[str, Api]) -> None:
    [selection] = select_operations(
        catalog["revring"], ["startTestSuiteRun"], live=True, allowed=frozenset({Safety.COSTLY})
    )
    assert selection.skipped is None


def test_allowing_costly_does_not_allow_unsafe(catalog: dict[str, Api]) -> None:
    selections = select_operations(
        catalog["telnyx"], [TELNYX_TRIGGER, TELNYX_DELETE], live=True, allowed=frozenset({Safety.COSTLY})
    )
    assert _skips(selections) == {
        TELNYX_DELETE: "unsafe: not sent to a live API without --allow unsafe",
        TELNYX_TRIGGER: None,
    }


def test_costly_run_by_default_needs_allow_costly(catalog: dict[str, Api]) -> None:
    api = _with_policy(catalog["revring"], "startTestSuiteRun", OperationPolicy(Safety.COSTLY, run_by_default=True))
    [skipped] = select_operations(api, [], live=True, allowed=NONE)
    assert skipped.skipped == Skip("costly", "costly: not sent to a live API without --allow costly")
    [runs] = select_operations(api, [], live=True, allowed=frozenset({Safety.COSTLY}))
    assert runs.skipped is None


def test_safe_operation_not_run_by_default_runs_only_when_named(catalog: dict[str, Api]) -> None:
    api = _with_policy(catalog["telnyx"], TELNYX_GET, OperationPolicy(Safety.SAFE, run_by_default=False))
    skips = _skips(select_operations(api, [], live=True, allowed=NONE))
    assert skips[TELNYX_GET] == "not run by default against a live API (name it with --operation)"
    [named] = select_operations(api, [TELNYX_GET], live=True, allowed=NONE)
    assert named.skipped is None


def test_only_named_operations_are_selected_in_spec_order(catalog: dict[str, Api]) -> None:
    api = catalog["telnyx"]
    selections = select_operations(api, [TELNYX_GET, "GET /ai/assistants/tests"], live=False, allowed=NONE)
    assert [s.operation.operation_id for s in selections] == [
        "get_assistant_tests_public_assistants_tests_get",
        TELNYX_GET,
    ]


@pytest.mark.parametrize(
    "reference",
    [
        "post_create_with_test_cases",
        "POST /api/v2/projects/{project_id}/test-runs",
        "post /api/v2/projects/{project_id}/test-runs",
    ],
)
def test_operation_by_id_or_method_and_path(catalog: dict[str, Api], reference: str) -> None:
    [selection] = select_operations(catalog["freeplay"], [reference], live=False, allowed=NONE)
    assert (selection.operation.method, selection.operation.path) == ("POST", "/api/v2/projects/{project_id}/test-runs")


def test_naming_an_operation_twice_selects_it_once(catalog: dict[str, Api]) -> None:
    selections = select_operations(catalog["telnyx"], [TELNYX_GET, TELNYX_GET], live=False, allowed=NONE)
    assert [s.operation.operation_id for s in selections] == [TELNYX_GET]


@pytest.mark.parametrize("reference", ["no_such_operation", "PATCH /v1/test-suites/{id}/runs", "POST /v1/nope"])
def test_unknown_operation_is_a_usage_error_naming_it(catalog: dict[str, Api], reference: str) -> None:
    with pytest.raises(UsageError) as raised:
        select_operations(catalog["revring"], [reference], live=True, allowed=EVERYTHING)
    assert repr(reference) in str(raised.value)
    assert "revring" in str(raised.value)


def test_unknown_operation_is_an_error_against_the_mock_too(catalog: dict[str, Api]) -> None:
    with pytest.raises(UsageError, match="nope"):
        select_operations(catalog["telnyx"], [TELNYX_GET, "nope"], live=False, allowed=NONE)


def test_an_unknown_operation_gets_the_nearest_names(catalog: dict[str, Api]) -> None:
    with pytest.raises(UsageError, match=r"\(did you mean 'startTestSuiteRun'\?\)"):
        select_operations(catalog["revring"], ["startTestSuitRun"], live=False, allowed=NONE)
    with pytest.raises(UsageError, match=r"did you mean 'POST /v1/test-suites/\{id\}/runs'"):
        select_operations(catalog["revring"], ["POST /v1/test-suite/{id}/runs"], live=False, allowed=NONE)
