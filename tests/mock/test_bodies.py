"""conformance.mock.bodies: deterministic instances of the response schemas."""

from __future__ import annotations

import copy
import random
import re
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator

from conformance.contracts import Api
from conformance.mock.bodies import InstanceGenerator
from conformance.specs.schemas import SchemaValidators

SEEDS = range(50)
RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def _response_pointers(api: Api) -> Iterator[tuple[str, str, str]]:
    """(operation id, response key, schema pointer) of every documented response schema."""
    for operation in api.spec.operations:
        for key in operation.responses:
            status = int(key) if key.isdigit() else (500 if key == "default" else int(key[0]) * 100)
            documented = operation.response_for(status)
            assert documented is not None
            for pointer in documented.schema_pointers.values():
                yield operation.operation_id, documented.key, pointer


def _instance(api: Api, pointer: str, seed: int) -> Any:
    # As the mock does it: the resolved schema, a generator over the whole document.
    return InstanceGenerator(api.spec.document, random.Random(seed)).generate(api.validators.resolve(pointer))


def _depth(node: Any) -> int:
    if isinstance(node, dict):
        return 1 + max((_depth(v) for v in node.values()), default=0)
    if isinstance(node, list):
        return 1 + max((_depth(v) for v in node), default=0)
    return 0


def test_every_documented_response_schema_gets_valid_instances(catalog: dict[str, Api]) -> None:
    checked = 0
    failures = []
    for api in catalog.values():
        for operation_id, key, pointer in _response_pointers(api):
            validator = api.validators.for_pointer(pointer)
            for seed in SEEDS:
                instance = _instance(api, pointer, seed)
                errors = [error.message for error in validator.iter_errors(instance)]
                if errors:
                    failures.append((api.name, operation_id, key, seed, errors[:2]))
                checked += 1
    # telnyx: 11 operations, each with a 422 schema and all but the DELETE with a success schema (21);
    # freeplay: 3 success schemas, no error response; revring: 1.
    assert checked == 25 * len(SEEDS)
    assert failures == []


def test_same_seed_same_instance(catalog: dict[str, Api]) -> None:
    for api in catalog.values():
        for _, _, pointer in _response_pointers(api):
            assert _instance(api, pointer, 7) == _instance(api, pointer, 7)


def test_seeds_vary_the_instances(catalog: dict[str, Api]) -> None:
    api = catalog["telnyx"]
    operation = api.spec.find("get_assistant_tests_public_assistants_tests_get")
    assert operation is not None
    documented = operation.response_for(200)
    assert documented is not None
    pointer = documented.schema_pointers["application/json"]
    assert len({repr(_instance(api, pointer, seed)) for seed in range(10)}) > 1


def test_recursive_json_value_terminates(catalog: dict[str, Api]) -> None:
    api = catalog["freeplay"]
    pointer = "#/components/schemas/JSONValue"
    assert "JSONValue" in api.spec.document["components"]["schemas"]
    validator = api.validators.for_pointer(pointer)
    for seed in SEEDS:
        instance = _instance(api, pointer, seed)
        assert validator.is_valid(instance)
        assert _depth(instance) <= 8


def test_self_referencing_object_terminates() -> None:
    document = {
        "components": {
            "schemas": {
                "Node": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    },
                }
            }
        }
    }
    validator = SchemaValidators("tree", document).for_pointer("#/components/schemas/Node")
    for seed in SEEDS:
        instance = InstanceGenerator(document, random.Random(seed)).generate({"$ref": "#/components/schemas/Node"})
        assert validator.is_valid(instance)
        assert _depth(instance) <= 14


def test_uuid_and_date_time_strings_are_well_formed() -> None:
    schema = {
        "type": "object",
        "required": ["id", "at"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "at": {"type": "string", "format": "date-time"}},
    }
    ids = set()
    for seed in SEEDS:
        instance = InstanceGenerator({}, random.Random(seed)).generate(schema)
        parsed = uuid.UUID(instance["id"])
        assert str(parsed) == instance["id"]
        assert parsed.version == 4
        ids.add(instance["id"])
        assert RFC3339_UTC.match(instance["at"])
        assert datetime.fromisoformat(instance["at"]).utcoffset() is not None
    assert len(ids) == len(SEEDS)


def test_examples_are_preferred() -> None:
    schema = {
        "type": "object",
        "required": ["n", "s"],
        "properties": {"n": {"type": "integer", "example": 42}, "s": {"type": "string", "example": "hello"}},
    }
    for seed in range(5):
        assert InstanceGenerator({}, random.Random(seed)).generate(schema) == {"n": 42, "s": "hello"}


def test_example_that_does_not_fit_the_length_is_ignored() -> None:
    schema = {"type": "string", "example": "far too long", "maxLength": 5}
    for seed in range(5):
        value = InstanceGenerator({}, random.Random(seed)).generate(schema)
        assert len(value) <= 5


def test_required_properties_always_present() -> None:
    schema = {
        "type": "object",
        "required": ["a", "b"],
        "properties": {"a": {"type": "integer"}, "b": {"type": "boolean"}, "c": {}},
    }
    for seed in SEEDS:
        assert {"a", "b"} <= set(InstanceGenerator({}, random.Random(seed)).generate(schema))


def test_enum_and_const() -> None:
    for seed in range(10):
        rng = random.Random(seed)
        assert InstanceGenerator({}, rng).generate({"enum": ["x", "y"]}) in ("x", "y")
        assert InstanceGenerator({}, rng).generate({"const": 3}) == 3


def test_type_list_with_null_picks_the_concrete_type() -> None:
    for seed in range(10):
        value = InstanceGenerator({}, random.Random(seed)).generate(
            {"type": ["null", "integer"], "minimum": 3, "maximum": 4}
        )
        assert value in (3, 4)


def test_all_of_is_merged() -> None:
    document = {
        "components": {
            "schemas": {
                "Base": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string", "format": "uuid"}},
                }
            }
        }
    }
    schema = {
        "allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"required": ["n"], "properties": {"n": {"type": "integer", "minimum": 1, "maximum": 1}}},
        ]
    }
    for seed in range(10):
        value = InstanceGenerator(document, random.Random(seed)).generate(schema)
        assert value["n"] == 1
        uuid.UUID(value["id"])


def test_additional_properties_only_map() -> None:
    schema = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 9}}
    for seed in range(20):
        value = InstanceGenerator({}, random.Random(seed)).generate(schema)
        assert all(isinstance(v, int) and 0 <= v <= 9 for v in value.values())


# "bounds respected", says the module: each schema below, on its own, must get valid instances.
BOUNDED = {
    "minimum": {"type": "integer", "minimum": 10},
    "minimum-maximum": {"type": "integer", "minimum": -3, "maximum": 3},
    "minLength-maxLength": {"type": "string", "minLength": 3, "maxLength": 5},
    "minItems-maxItems": {"type": "array", "items": {"type": "boolean"}, "minItems": 1, "maxItems": 2},
    "number-integral-bounds": {"type": "number", "minimum": 2, "maximum": 5},
    "exclusiveMinimum": {"type": "integer", "exclusiveMinimum": 5},
    "exclusiveMaximum": {"type": "integer", "exclusiveMaximum": 10},
    "minimum-exclusiveMaximum": {"type": "integer", "minimum": 1, "exclusiveMaximum": 3},
    "negative-maximum": {"type": "integer", "maximum": -5},
    "number-fractional-bounds": {"type": "number", "minimum": 0.5, "maximum": 0.9},
    "long-minLength": {"type": "string", "minLength": 30},
    "integer-example-out-of-bounds": {"type": "integer", "maximum": 100, "example": 500},
}


@pytest.mark.parametrize("schema", list(BOUNDED.values()), ids=list(BOUNDED))
def test_bounds_are_respected(schema: dict[str, Any]) -> None:
    validator = Draft202012Validator(schema)
    bad = []
    for seed in SEEDS:
        value = InstanceGenerator({}, random.Random(seed)).generate(schema)
        if not validator.is_valid(value):
            bad.append((seed, value))
    assert bad == []


# Each keyword the generator aims at, on a small schema of its own: 100 seeds, every instance valid
# (formats checked where jsonschema has a checker installed; uri and hostname are checked below).
COMPONENTS = {
    "Bounded": {"type": "integer", "minimum": 10, "maximum": 50},
    "Named": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "minLength": 2}}},
    "Entity": {
        "allOf": [
            {"$ref": "#/components/schemas/Named"},
            {"required": ["id"], "properties": {"id": {"format": "uuid"}}},
        ]
    },
}
KEYWORDS: dict[str, Any] = {
    "pattern": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"},
    "pattern-lengths": {"type": "string", "pattern": "^[a-z]+$", "minLength": 10, "maxLength": 12},
    "pattern-groups-alternation-backref": {"type": "string", "pattern": r"^(foo|bar)-(\d{2})-\1$"},
    "pattern-unanchored-padded": {"type": "string", "pattern": "[0-9]{3}", "minLength": 8, "maxLength": 9},
    "pattern-classes-categories": {"type": "string", "pattern": r"^[^\s@]+@[\w.-]+\.[a-z]{2,4}\s?$"},
    "pattern-optional-and-any": {"type": "string", "pattern": r"^v\d+(\.\d+)?(-.+)?$"},
    "pattern-and-format": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "multipleOf-integer": {"type": "integer", "multipleOf": 7, "minimum": 10, "maximum": 100},
    "multipleOf-beyond-default-range": {"type": "integer", "multipleOf": 1000},
    "multipleOf-float": {"type": "number", "multipleOf": 0.1, "minimum": 0.1, "maximum": 1},
    "multipleOf-cents": {"type": "number", "multipleOf": 0.01, "exclusiveMinimum": 0, "maximum": 5},
    "uniqueItems": {
        "type": "array",
        "items": {"type": "integer", "minimum": 0, "maximum": 5},
        "minItems": 3,
        "maxItems": 5,
        "uniqueItems": True,
    },
    "uniqueItems-objects": {
        "type": "array",
        "items": {"type": "object", "required": ["k"], "properties": {"k": {"enum": [1, 2, 3, 4]}}},
        "minItems": 3,
        "uniqueItems": True,
    },
    "minItems-maxItems": {"type": "array", "items": {"type": "string"}, "minItems": 4, "maxItems": 4},
    "minProperties-map": {"type": "object", "additionalProperties": {"type": "integer"}, "minProperties": 3},
    "maxProperties-map": {"type": "object", "additionalProperties": {"type": "integer"}, "maxProperties": 1},
    "minProperties-from-properties": {
        "type": "object",
        "properties": {name: {"type": "boolean"} for name in "abcd"},
        "additionalProperties": False,
        "minProperties": 4,
    },
    "maxProperties": {
        "type": "object",
        "required": ["a"],
        "properties": {name: {"type": "integer"} for name in "abcdef"},
        "maxProperties": 2,
    },
    "minProperties-patternProperties-only": {
        "type": "object",
        "patternProperties": {"^x-[a-z]{2,5}$": {"type": "string"}},
        "additionalProperties": False,
        "minProperties": 2,
    },
    "additionalProperties-false": {
        "type": "object",
        "required": ["a"],
        "properties": {"a": {"type": "string"}, "b": {"type": "integer"}},
        "additionalProperties": False,
    },
    "oneOf-objects-without-required": {
        "oneOf": [
            {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
            {"type": "object", "properties": {"b": {"type": "integer"}}, "additionalProperties": False},
        ]
    },
    "oneOf-open-objects": {
        "oneOf": [
            {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            {"type": "object", "properties": {"name": {"type": "string"}}},
        ]
    },
    "oneOf-integer-or-number": {"oneOf": [{"type": "integer"}, {"type": "number"}]},
    "oneOf-with-siblings": {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"type": "string"}},
        "oneOf": [
            {"properties": {"kind": {"const": "a"}}},
            {"properties": {"kind": {"const": "b"}}},
        ],
    },
    "allOf-nested-refs": {
        "allOf": [
            {"$ref": "#/components/schemas/Entity"},
            {"properties": {"size": {"$ref": "#/components/schemas/Bounded"}}},
        ]
    },
    "allOf-tightest-bounds": {"allOf": [{"$ref": "#/components/schemas/Bounded"}, {"type": "integer", "maximum": 12}]},
    "allOf-same-property": {
        "allOf": [
            {"type": "object", "properties": {"n": {"type": "integer", "minimum": 5}}},
            {"required": ["n"], "properties": {"n": {"maximum": 6}}, "additionalProperties": False},
        ]
    },
    "const": {"const": {"a": [1, None]}},
    "enum": {"enum": ["x", 2, None]},
    "enum-of-a-type": {"type": "string", "enum": ["x", None]},
    "type-list": {"type": ["string", "integer", "null"], "minimum": 3, "minLength": 2},
    "prefixItems": {
        "type": "array",
        "prefixItems": [{"type": "string"}, {"type": "integer"}],
        "items": False,
        "minItems": 2,
    },
    "contains": {"type": "array", "items": {"type": "integer"}, "contains": {"const": 7}, "maxItems": 2},
    "not": {"type": "integer", "minimum": 0, "maximum": 3, "not": {"const": 2}},
    "not-pattern": {"type": "string", "not": {"pattern": "^[a-f]"}},
    "unknown-format": {"type": "string", "format": "x-sku", "maxLength": 6},
    **{f"format-{name}": {"type": "string", "format": name} for name in ("uuid", "date-time", "date", "time")},
    **{f"format-{name}": {"type": "string", "format": name} for name in ("email", "ipv4", "ipv6")},
}


def _keyword_instances(schema: Any) -> Iterator[Any]:
    document = {"components": {"schemas": COMPONENTS}}
    for seed in range(100):
        yield InstanceGenerator(document, random.Random(seed)).generate(schema)


@pytest.mark.parametrize("schema", list(KEYWORDS.values()), ids=list(KEYWORDS))
def test_each_keyword_gets_valid_instances(schema: Any) -> None:
    validator = Draft202012Validator(
        {"components": {"schemas": COMPONENTS}, **schema}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    bad = [instance for instance in _keyword_instances(schema) if not validator.is_valid(instance)]
    assert bad == []


def test_patterns_give_varied_strings() -> None:
    assert len(set(_keyword_instances(KEYWORDS["pattern"]))) > 50


def test_uri_and_hostname_formats_are_well_formed() -> None:
    for uri in _keyword_instances({"type": "string", "format": "uri"}):
        parsed = urlsplit(uri)
        assert parsed.scheme == "https" and parsed.netloc
    label = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
    for hostname in _keyword_instances({"type": "string", "format": "hostname"}):
        assert all(label.match(part) for part in hostname.split("."))


def test_an_unsatisfiable_one_of_leaves_its_optional_property_out() -> None:
    # The two branches accept the same arrays: no value of "data" matches exactly one.
    same = {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}}}}
    schema = {
        "type": "object",
        "properties": {"data": {"oneOf": [same, copy.deepcopy(same)]}, "n": {"type": "integer"}},
    }
    validator = Draft202012Validator(schema)
    instances = list(_keyword_instances(schema))
    assert all(validator.is_valid(instance) and "data" not in instance for instance in instances)
    assert any("n" in instance for instance in instances)


def test_a_type_json_schema_does_not_know_gives_a_string() -> None:
    assert all(isinstance(value, str) for value in _keyword_instances({"type": "file"}))
