"""Parameters and request bodies: added, removed, made required or optional, their media types."""

from __future__ import annotations

from typing import Any

import pytest

from tests.drift.support import BASE, INFO, B, Case, N, P, diff, edited, findings


def _get(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"]["/things/{thing_id}"]["get"]
    return operation


def _post(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"]["/things"]["post"]
    return operation


def _fields(document: dict[str, Any]) -> dict[str, Any]:
    parameter: dict[str, Any] = _get(document)["parameters"][1]
    return parameter


CASES = {
    "required query parameter added": Case(
        lambda d: _get(d)["parameters"].append(
            {"name": "org", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        {("new_required_request_parameter", B)},
    ),
    "optional header parameter added": Case(
        lambda d: _get(d)["parameters"].append({"name": "X-Trace", "in": "header", "schema": {"type": "string"}}),
        {("new_optional_request_parameter", N)},
    ),
    "parameter removed": Case(lambda d: _get(d)["parameters"].pop(), {("request_parameter_removed", P)}),
    "parameter made required": Case(
        lambda d: _fields(d).update(required=True), {("request_parameter_became_required", B)}
    ),
    "parameter bound tightened": Case(
        lambda d: _fields(d)["schema"].update(maximum=50), {("request_bound_tightened", B)}
    ),
    "parameter enum value removed": Case(
        lambda d: _fields(d)["schema"].update(enum=[1, 2]), {("request_bound_tightened", B)}
    ),
    "parameter description changed": Case(
        lambda d: _fields(d).update(description="How many fields."), {("description_changed", INFO)}
    ),
    "request body made required": Case(
        lambda d: _post(d)["requestBody"].update(required=True),
        {("request_body_became_required", B)},
        edited(lambda d: _post(d)["requestBody"].update(required=False)),
    ),
    "parameter made optional": Case(
        lambda d: _fields(d).update(required=False),
        {("request_parameter_became_optional", N)},
        edited(lambda d: _fields(d).update(required=True)),
    ),
    "request body made optional": Case(
        lambda d: _post(d)["requestBody"].update(required=False), {("request_body_became_optional", N)}
    ),
    "request body removed": Case(lambda d: _post(d).pop("requestBody"), {("request_body_removed", P)}),
    "required request body added": Case(
        lambda d: _get(d).update(requestBody=_post(BASE)["requestBody"]), {("request_body_added_required", B)}
    ),
    "optional request body added": Case(
        lambda d: _get(d).update(requestBody={**_post(BASE)["requestBody"], "required": False}),
        {("request_body_added_optional", N)},
    ),
    "request media type replaced": Case(
        lambda d: _post(d)["requestBody"].update(
            content={"application/xml": _post(BASE)["requestBody"]["content"]["application/json"]}
        ),
        {("request_media_type_removed", B), ("request_media_type_added", N)},
    ),
    "request media type added": Case(
        lambda d: _post(d)["requestBody"]["content"].update({"multipart/form-data": {"schema": {"type": "object"}}}),
        {("request_media_type_added", N)},
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES)
def test_request_rules(case: Case) -> None:
    assert case.diff() == case.expected


def test_a_parameter_change_is_located_in_the_request() -> None:
    [found] = findings(BASE, edited(CASES["parameter bound tightened"].edit))
    assert found.location.pointer == "/query/fields" and found.location.keyword == "maximum"
    assert found.message == "query parameter `fields`: maximum lowered from 100 to 50"
    assert found.evidence.new_pointer == "/paths/~1things~1{thing_id}/get/parameters/1/schema/maximum"


def test_a_body_change_is_located_under_body() -> None:
    [found] = findings(BASE, edited(lambda d: d["components"]["schemas"]["NewThing"]["required"].append("mode")))
    assert found.location.pointer == "/body/mode" and found.subject.operation_id == "createThing"


def test_header_parameters_match_in_any_case() -> None:
    with_header = edited(CASES["optional header parameter added"].edit)
    assert diff(lambda d: _get(d)["parameters"][-1].update(name="x-trace"), with_header) == set()
