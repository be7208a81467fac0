"""The rules: every kind of change has a registered rule in each direction, and every rule is proved by a case."""

from __future__ import annotations

from conformance.drift.changes import _RULES, Direction, rule_for
from conformance.findings import CODES, Category
from tests.drift import (
    test_drift_operations,
    test_drift_requests,
    test_drift_responses,
    test_drift_schemas,
    test_drift_security,
)

_CASES = [
    *test_drift_schemas.RESPONSE_CASES.values(),
    *test_drift_schemas.REQUEST_CASES.values(),
    *test_drift_requests.CASES.values(),
    *test_drift_responses.CASES.values(),
    *test_drift_security.CASES.values(),
    *test_drift_operations.CASES.values(),
]


def test_every_kind_names_a_registered_spec_change_rule() -> None:
    for kind in _RULES:
        for direction in Direction:
            rule = rule_for(kind, direction)
            assert rule is None or CODES[rule].category is Category.SPEC_CHANGE


def test_a_kind_breaks_one_way_only_where_the_direction_says() -> None:
    assert rule_for("enum_values_added", Direction.REQUEST) == "request_enum_value_added"
    assert rule_for("enum_values_added", Direction.RESPONSE) == "response_enum_value_added"
    assert rule_for("default_changed", Direction.RESPONSE) is None


def test_every_spec_change_rule_is_proved_by_a_pair_of_specs() -> None:
    proved = {rule for case in _CASES for rule, _ in case.expected}
    rules = {code for code, entry in CODES.items() if entry.category is Category.SPEC_CHANGE}
    assert rules - proved == set()


def test_each_case_states_the_class_the_registry_gives() -> None:
    for case in _CASES:
        for rule, change in case.expected:
            entry = CODES[rule].change
            assert entry is not None and entry.value == change
