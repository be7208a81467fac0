"""Documented statuses and response media types: removed, added, as a client built on them sees it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.drift.support import BASE, INFO, B, Case, N, P, diff, edited, findings


def _responses(document: dict[str, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = document["paths"]["/things/{thing_id}"]["get"]["responses"]
    return responses


CASES = {
    "success status replaced": Case(
        lambda d: _responses(d).update({"203": _responses(d).pop("200")}),
        {("response_success_status_removed", B), ("response_success_status_added", P)},
    ),
    "success status added": Case(
        lambda d: _responses(d).update({"202": {"description": "accepted"}}), {("response_success_status_added", P)}
    ),
    "error status removed": Case(lambda d: _responses(d).pop("404"), {("response_error_status_removed", P)}),
    "error status added": Case(
        lambda d: _responses(d).update({"default": {"description": "error"}}), {("response_error_status_added", N)}
    ),
    "media type replaced": Case(
        lambda d: _responses(d)["200"].update(
            content={"application/xml": _responses(BASE)["200"]["content"]["application/json"]}
        ),
        {("response_media_type_removed", B), ("response_media_type_added", N)},
    ),
    "media type added": Case(
        lambda d: _responses(d)["200"]["content"].update({"text/csv": {"schema": {"type": "string"}}}),
        {("response_media_type_added", N)},
    ),
    "response description changed": Case(
        lambda d: _responses(d)["404"].update(description="No such thing."), {("description_changed", INFO)}
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES)
def test_response_rules(case: Case) -> None:
    assert case.diff() == case.expected


def test_status_keys_match_in_any_case() -> None:
    ranged = edited(lambda d: _responses(d).update({"4xx": {"description": "client error"}}))
    assert diff(lambda d: _responses(d).update({"4XX": _responses(d).pop("4xx")}), ranged) == set()


def test_a_response_via_components_responses_is_compared_where_it_is_written() -> None:
    def shared(document: dict[str, Any]) -> None:
        document["components"]["responses"] = {"Missing": _responses(document).pop("404")}
        _responses(document)["404"] = {"$ref": "#/components/responses/Missing"}

    assert diff(shared) == set()
    moved = edited(shared)
    [found] = findings(
        moved, edited(lambda d: d["components"]["responses"].update(Missing={"description": "missing"}), moved)
    )
    assert found.code == "response_media_type_removed"
    assert found.evidence.old_pointer == "/components/responses/Missing/content/application~1json"
    assert found.location.response == "404" and found.message == "response 404: media type application/json removed"
