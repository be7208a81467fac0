"""Schemas walked pairwise by direction: each rule on a small edit, with its class; and what is no change."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.drift.support import BASE, INFO, B, Case, N, P, changes, diff, edited, findings, schema


def _thing(document: dict[str, Any]) -> dict[str, Any]:
    return schema(document, "Thing")


def _new(document: dict[str, Any]) -> dict[str, Any]:
    return schema(document, "NewThing")


def _set(target: dict[str, Any], **values: Any) -> None:
    target.update(values)


# Responses: Thing is what getThing, listThings and createThing return.
RESPONSE_CASES = {
    "response field removed": Case(
        lambda d: _thing(d)["properties"].pop("status") and _thing(d)["required"].remove("status"),
        {("response_required_property_removed", B)},
    ),
    "optional response field removed": Case(
        lambda d: _thing(d)["properties"].pop("score"), {("response_optional_property_removed", P)}
    ),
    "response field made optional": Case(
        lambda d: _thing(d)["required"].remove("name"), {("response_property_became_optional", B)}
    ),
    "response field made required": Case(
        lambda d: _thing(d)["required"].append("score"), {("response_property_became_required", N)}
    ),
    "response field made nullable": Case(
        lambda d: _set(_thing(d)["properties"]["score"], type=["number", "null"]),
        {("response_property_became_nullable", B)},
    ),
    "response field type changed": Case(
        lambda d: _set(_thing(d)["properties"]["name"], type="integer"), {("response_type_changed", B)}
    ),
    "response integer widened to number": Case(
        lambda d: _set(_thing(d)["properties"]["tags"]["items"], type="number"), {("response_type_changed", B)}
    ),
    "response type narrowed": Case(
        lambda d: _set(_thing(d)["properties"]["score"], type="integer"), {("response_type_narrowed", N)}
    ),
    "response type dropped": Case(
        lambda d: _thing(d)["properties"]["score"].pop("type"),
        {("response_type_changed", B), ("response_property_became_nullable", B)},  # any type: null too
    ),
    "response format changed": Case(
        lambda d: _set(_thing(d)["properties"]["id"], format="uri"), {("response_format_changed", B)}
    ),
    "response format dropped": Case(
        lambda d: _thing(d)["properties"]["id"].pop("format"), {("response_format_changed", B)}
    ),
    "response format added": Case(
        lambda d: _set(_thing(d)["properties"]["score"], format="double"), {("response_format_added", N)}
    ),
    "response enum value added": Case(
        lambda d: _thing(d)["properties"]["status"]["enum"].append("cancelled"), {("response_enum_value_added", B)}
    ),
    "response enum dropped": Case(
        lambda d: _thing(d)["properties"]["status"].pop("enum"), {("response_enum_value_added", B)}
    ),
    "response enum value removed": Case(
        lambda d: _thing(d)["properties"]["status"]["enum"].remove("running"), {("response_enum_value_removed", N)}
    ),
    "response field added": Case(
        lambda d: _set(_thing(d)["properties"], created_at={"type": "string"}), {("response_property_added", N)}
    ),
    "response bound loosened": Case(
        lambda d: _set(_thing(d)["properties"]["name"], maxLength=100), {("response_bound_loosened", P)}
    ),
    "response bound tightened": Case(
        lambda d: _set(_thing(d)["properties"]["name"], maxLength=20), {("response_bound_tightened", N)}
    ),
    "response pattern changed": Case(
        lambda d: _set(_thing(d)["properties"]["name"], pattern="^[a-z0-9]+$"), {("response_pattern_changed", P)}
    ),
    "response oneOf branch added": Case(
        lambda d: _thing(d)["properties"]["owner"]["oneOf"].append({"type": "string"}),
        {("response_union_branch_added", B)},
    ),
    "response oneOf branch removed": Case(
        lambda d: _thing(d)["properties"]["owner"]["oneOf"].pop(), {("response_union_branch_removed", N)}
    ),
    "response schema wrapped in a oneOf": Case(
        lambda d: _set(
            d["components"]["schemas"],
            Thing={"oneOf": [_thing(BASE), {"type": "object", "properties": {"error": {"type": "string"}}}]},
        ),
        {("response_union_branch_added", B)},
    ),
    "response description reworded": Case(
        lambda d: _set(_thing(d)["properties"]["name"], description="Its name."), {("description_changed", INFO)}
    ),
    "response example changed": Case(
        lambda d: _set(_thing(d)["properties"]["name"], examples=["abc"]), {("example_changed", INFO)}
    ),
}

# Requests: NewThing is createThing's body.
REQUEST_CASES = {
    "required request field added": Case(
        lambda d: (_set(_new(d)["properties"], color={"type": "string"}), _new(d)["required"].append("color")),
        {("new_required_request_property", B)},
    ),
    "optional request field added": Case(
        lambda d: _set(_new(d)["properties"], color={"type": "string"}), {("new_optional_request_property", N)}
    ),
    "request field removed": Case(lambda d: _new(d)["properties"].pop("mode"), {("request_property_removed", P)}),
    "request field made required": Case(
        lambda d: _new(d)["required"].append("mode"), {("request_property_became_required", B)}
    ),
    "request field made optional": Case(
        lambda d: _new(d)["required"].remove("name"), {("request_property_became_optional", N)}
    ),
    "request enum value removed": Case(
        lambda d: _new(d)["properties"]["mode"]["enum"].remove("slow"), {("request_enum_value_removed", B)}
    ),
    "request enum value added": Case(
        lambda d: _new(d)["properties"]["mode"]["enum"].append("turbo"), {("request_enum_value_added", N)}
    ),
    "request enum set": Case(
        lambda d: _set(_new(d)["properties"]["name"], enum=["a", "b"]), {("request_bound_tightened", B)}
    ),
    "request minimum raised": Case(
        lambda d: _set(_new(d)["properties"]["count"], minimum=1), {("request_bound_tightened", B)}
    ),
    "request maximum set": Case(
        lambda d: _set(_new(d)["properties"]["count"], maximum=10), {("request_bound_tightened", B)}
    ),
    "request exclusiveMinimum set": Case(
        lambda d: _set(_new(d)["properties"]["count"], exclusiveMinimum=0), {("request_bound_tightened", B)}
    ),
    "request maxLength lowered": Case(
        lambda d: _set(_new(d)["properties"]["name"], maxLength=20), {("request_bound_tightened", B)}
    ),
    "request minLength raised": Case(
        lambda d: _set(_new(d)["properties"]["name"], minLength=3), {("request_bound_tightened", B)}
    ),
    "request maxItems lowered": Case(
        lambda d: _set(_new(d)["properties"]["labels"], maxItems=3), {("request_bound_tightened", B)}
    ),
    "request minItems set": Case(
        lambda d: _set(_new(d)["properties"]["labels"], minItems=1), {("request_bound_tightened", B)}
    ),
    "request uniqueItems set": Case(
        lambda d: _set(_new(d)["properties"]["labels"], uniqueItems=True), {("request_bound_tightened", B)}
    ),
    "request multipleOf 2 to 4": Case(
        lambda d: _set(_new(d)["properties"]["count"], multipleOf=4), {("request_bound_tightened", B)}
    ),
    "request multipleOf 2 to 1": Case(
        lambda d: _set(_new(d)["properties"]["count"], multipleOf=1), {("request_bound_loosened", N)}
    ),
    "request maxLength raised": Case(
        lambda d: _set(_new(d)["properties"]["name"], maxLength=80), {("request_bound_loosened", N)}
    ),
    "request minimum removed": Case(
        lambda d: _new(d)["properties"]["count"].pop("minimum"), {("request_bound_loosened", N)}
    ),
    "request pattern set": Case(
        lambda d: _set(_new(d)["properties"]["mode"], pattern="^[a-z]+$"), {("request_bound_tightened", B)}
    ),
    "request pattern changed": Case(
        lambda d: _set(_new(d)["properties"]["name"], pattern="^[a-z]{2,}$"), {("request_pattern_changed", P)}
    ),
    "request pattern removed": Case(
        lambda d: _new(d)["properties"]["name"].pop("pattern"), {("request_bound_loosened", N)}
    ),
    "request closed to extra properties": Case(
        lambda d: _set(_new(d)["properties"]["meta"], additionalProperties=False),
        {("request_additional_properties_closed", B)},
    ),
    "request opened to extra properties": Case(
        lambda d: _set(_new(d), additionalProperties=True),
        set(),  # absent already allowed them
    ),
    "request type narrowed": Case(
        lambda d: _set(_new(d)["properties"]["name"], type="integer"), {("request_type_narrowed", B)}
    ),
    "request integer widened to number": Case(
        lambda d: _set(_new(d)["properties"]["count"], type="number"), {("request_type_widened", N)}
    ),
    "request null allowed": Case(
        lambda d: _set(_new(d)["properties"]["name"], type=["string", "null"]), {("request_type_widened", N)}
    ),
    "request format set": Case(
        lambda d: _set(_new(d)["properties"]["name"], format="email"), {("request_format_changed", P)}
    ),
    "request oneOf branch removed": Case(
        lambda d: _new(d)["properties"]["target"]["oneOf"].pop(), {("request_union_branch_removed", B)}
    ),
    "request oneOf branch added": Case(
        lambda d: _new(d)["properties"]["target"]["oneOf"].append({"type": "boolean"}),
        {("request_union_branch_added", N)},
    ),
    "request default changed": Case(
        lambda d: _set(_new(d)["properties"]["mode"], default="slow"), {("request_default_changed", P)}
    ),
    "request array item type narrowed": Case(
        lambda d: _set(_new(d)["properties"]["labels"]["items"], type="integer"), {("request_type_narrowed", B)}
    ),
}


@pytest.mark.parametrize("case", RESPONSE_CASES.values(), ids=RESPONSE_CASES)
def test_response_schema_rules(case: Case) -> None:
    assert case.diff() == case.expected


@pytest.mark.parametrize("case", REQUEST_CASES.values(), ids=REQUEST_CASES)
def test_request_schema_rules(case: Case) -> None:
    assert case.diff() == case.expected


def test_the_same_edit_means_opposite_things_by_direction() -> None:
    """An enum value added to a schema used in a request and in a response: harmless to send, breaks reading."""
    document = edited(
        lambda d: _set(_new(d)["properties"], status={"$ref": "#/components/schemas/Thing/properties/status"})
    )
    assert changes(document, edited(lambda d: _thing(d)["properties"]["status"]["enum"].append("x"), document)) == {
        ("response_enum_value_added", B),
        ("request_enum_value_added", N),
    }


def test_a_change_has_its_field_pointer_and_each_versions_place() -> None:
    [found] = {
        f.subject.operation_id: f
        for f in findings(BASE, edited(RESPONSE_CASES["response enum value added"].edit))
        if f.subject.operation_id == "getThing"
    }.values()
    assert found.location.pointer == "/status" and found.location.response == "200" and found.location.keyword == "enum"
    assert (
        found.evidence.old_pointer == found.evidence.new_pointer == "/components/schemas/Thing/properties/status/enum"
    )
    assert found.message == 'response 200 `/status`: value "cancelled" added'


def test_array_items_are_compared_below_a_star() -> None:
    [found] = [
        f
        for f in findings(BASE, edited(RESPONSE_CASES["response enum value added"].edit))
        if f.subject.operation_id == "listThings"
    ]
    assert found.location.pointer == "/*/status"


# What is not a change.


def _inline_refs(node: Any, document: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node and node["$ref"].startswith("#/components/schemas/"):
            return _inline_refs(copy.deepcopy(schema(document, node["$ref"].rsplit("/", 1)[1])), document)
        return {key: _inline_refs(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_refs(value, document) for value in node]
    return node


def test_every_ref_inlined_is_no_change() -> None:
    inlined = copy.deepcopy(BASE)
    inlined["paths"] = _inline_refs(BASE["paths"], BASE)
    assert changes(BASE, inlined) == set()


def test_a_component_renamed_is_no_change() -> None:
    renamed = copy.deepcopy(BASE)
    renamed["components"]["schemas"]["Item"] = renamed["components"]["schemas"].pop("Thing")
    text = json.dumps(renamed).replace("#/components/schemas/Thing", "#/components/schemas/Item")
    assert changes(BASE, json.loads(text)) == set()


def test_an_allof_split_with_the_same_meaning_is_no_change() -> None:
    def split(document: dict[str, Any]) -> None:
        thing = _thing(document)
        ids = {"type": "object", "required": ["id"], "properties": {"id": thing["properties"].pop("id")}}
        thing["required"].remove("id")
        document["components"]["schemas"]["Ids"] = ids
        document["components"]["schemas"]["Thing"] = {"allOf": [{"$ref": "#/components/schemas/Ids"}, thing]}

    assert diff(split) == set()


def test_oneof_branches_reordered_or_inlined_are_no_change() -> None:
    def reorder(document: dict[str, Any]) -> None:
        owner = _thing(document)["properties"]["owner"]
        owner["oneOf"] = [schema(document, "Team"), owner["oneOf"][0]]

    assert diff(reorder) == set()


def test_additive_changes_are_non_breaking_only() -> None:
    def additive(document: dict[str, Any]) -> None:
        _set(_new(document)["properties"], color={"type": "string"})
        _set(_thing(document)["properties"], color={"type": "string"})
        _new(document)["properties"]["mode"]["enum"].append("turbo")
        document["paths"]["/things/{thing_id}"]["delete"] = {"responses": {"204": {"description": "gone"}}}

    assert {rule_class for _, rule_class in diff(additive)} == {N}


def test_a_read_only_field_is_not_part_of_a_request() -> None:
    def read_only_id(document: dict[str, Any]) -> None:
        _set(_new(document)["properties"], id={"type": "string", "readOnly": True})
        _new(document)["required"].append("id")

    assert diff(read_only_id) == set()


_TREE = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
        "parent": {"anyOf": [{"$ref": "#/components/schemas/Tree"}, {"type": "null"}]},
    },
}


def _tree_spec(tree: dict[str, Any]) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    document["components"]["schemas"]["Tree"] = tree
    document["paths"]["/tree"] = {
        "post": {
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tree"}}}},
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tree"}}},
                }
            },
        }
    }
    return document


def test_a_recursive_schema_against_itself_ends_with_nothing() -> None:
    assert changes(_tree_spec(_TREE), _tree_spec(copy.deepcopy(_TREE))) == set()


def test_a_change_in_a_recursive_schema_is_reported_where_the_recursion_starts() -> None:
    changed = copy.deepcopy(_TREE)
    changed["properties"]["name"]["type"] = "integer"
    found = [f for f in findings(_tree_spec(_TREE), _tree_spec(changed)) if f.subject.path == "/tree"]
    # Not under children/*: a tree's children are the tree itself. A nullable parent is a schema of its own
    # (the tree, or null), so its own name is one more place, and there the walk ends too.
    assert sorted((f.code, f.location.pointer) for f in found) == [
        ("request_type_narrowed", "/body/name"),
        ("request_type_narrowed", "/body/parent/name"),
        ("response_type_changed", "/name"),
        ("response_type_changed", "/parent/name"),
    ]


def test_openapi_30_nullable_reads_as_31_null() -> None:
    """A 3.0 spec's ``nullable: true`` beside a $ref and the 3.1 spec's ``anyOf [.., null]`` mean the same."""
    old = copy.deepcopy(BASE)
    old["openapi"] = "3.0.3"
    _thing(old)["properties"]["owner"] = {"allOf": [{"$ref": "#/components/schemas/User"}], "nullable": True}
    _thing(old)["properties"]["score"] = {"type": "number", "nullable": True}
    new = copy.deepcopy(BASE)
    _thing(new)["properties"]["owner"] = {"anyOf": [{"$ref": "#/components/schemas/User"}, {"type": "null"}]}
    _thing(new)["properties"]["score"] = {"type": ["number", "null"]}
    assert changes(old, new) == set()
    plain = copy.deepcopy(new)
    _thing(plain)["properties"]["owner"] = {"$ref": "#/components/schemas/User"}
    assert changes(plain, new) == {("response_property_became_nullable", B)}
