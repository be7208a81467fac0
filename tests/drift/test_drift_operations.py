"""Operations matched across versions: removed, moved, added, renamed ids and path parameters."""

from __future__ import annotations

from typing import Any

import pytest

from tests.drift.support import BASE, INFO, B, Case, N, P, edited, findings


def _paths(document: dict[str, Any]) -> dict[str, Any]:
    paths: dict[str, Any] = document["paths"]
    return paths


def _rename_parameter(document: dict[str, Any]) -> None:
    item = _paths(document).pop("/things/{thing_id}")
    item["get"]["parameters"][0]["name"] = "id"
    _paths(document)["/things/{id}"] = item


def _move(document: dict[str, Any]) -> None:
    _paths(document)["/items/{thing_id}"] = _paths(document).pop("/things/{thing_id}")


CASES = {
    "path removed": Case(lambda d: _paths(d).pop("/things/{thing_id}"), {("path_removed", B)}),
    "operation removed": Case(lambda d: _paths(d)["/things"].pop("get"), {("operation_removed", B)}),
    "operation moved": Case(_move, {("operation_renamed", B)}),
    "operation added": Case(
        lambda d: _paths(d)["/things/{thing_id}"].update(delete={"responses": {"204": {"description": "gone"}}}),
        {("operation_added", N)},
    ),
    "operationId changed": Case(
        lambda d: _paths(d)["/things"]["get"].update(operationId="things_list"), {("operation_id_changed", P)}
    ),
    "path parameter renamed": Case(_rename_parameter, {("path_parameter_renamed", P)}),
    "operation deprecated": Case(
        lambda d: _paths(d)["/things"]["get"].update(deprecated=True), {("operation_deprecated", N)}
    ),
    "summary reworded": Case(
        lambda d: _paths(d)["/things"]["get"].update(summary="List every thing"), {("description_changed", INFO)}
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES)
def test_operation_rules(case: Case) -> None:
    assert case.diff() == case.expected


def test_nothing_changed_is_no_finding() -> None:
    assert findings(BASE, BASE) == []


def test_a_removed_operation_is_about_the_old_operation() -> None:
    [found] = findings(BASE, edited(CASES["path removed"].edit))
    assert (found.subject.method, found.subject.path, found.subject.operation_id) == (
        "GET",
        "/things/{thing_id}",
        "getThing",
    )
    assert found.evidence.old_pointer == "/paths/~1things~1{thing_id}/get" and found.evidence.new_pointer is None


def test_a_moved_operation_is_about_its_new_place_and_still_compared() -> None:
    def move_and_change(document: dict[str, Any]) -> None:
        _move(document)
        document["paths"]["/items/{thing_id}"]["get"]["parameters"].pop()

    found = findings(BASE, edited(move_and_change))
    assert {(f.code, f.subject.path) for f in found} == {
        ("operation_renamed", "/items/{thing_id}"),
        ("request_parameter_removed", "/items/{thing_id}"),
    }
    moved = next(f for f in found if f.code == "operation_renamed")
    assert moved.message == "moved from GET /things/{thing_id} to GET /items/{thing_id}"


def test_a_renamed_path_parameter_keeps_its_parameter() -> None:
    """The parameter is matched by its place in the path: a change to its schema still shows, under its new name."""

    def rename_and_bound(document: dict[str, Any]) -> None:
        _rename_parameter(document)
        document["paths"]["/things/{id}"]["get"]["parameters"][0]["schema"]["maxLength"] = 36

    found = {(f.code, f.location.pointer) for f in findings(BASE, edited(rename_and_bound))}
    assert found == {("path_parameter_renamed", ""), ("request_bound_tightened", "/path/id")}
