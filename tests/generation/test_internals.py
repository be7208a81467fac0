"""The Schemathesis and Hypothesis internals we rely on are still where and what we expect.

Each test names the internal it guards, so an upgrade that moves one fails here, loudly, and
not as wrong cases somewhere downstream.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
import schemathesis
from hypothesis import given, settings
from hypothesis.internal.conjecture import providers

from conformance.generation import _internals

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/things/{id}": {
            "post": {
                "operationId": "make",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"type": "object", "required": ["n"]}}},
                },
                "responses": {"201": {"description": "made"}},
            }
        }
    },
}


def _operation() -> tuple[Any, Any]:
    schema = schemathesis.openapi.from_dict(SPEC)
    [operation] = _internals.operations_of(schema)
    return schema, operation


def test_operations_of_reads_the_ok_results_of_get_all_operations() -> None:
    _, operation = _operation()
    assert (operation.method.upper(), operation.path) == ("POST", "/things/{id}")


def test_coverage_cases_and_their_meta_say_valid_or_invalid_phase_and_why() -> None:
    schema, operation = _operation()
    cases = _internals.coverage_cases(schema, operation)
    metas = [_internals.case_meta(case) for case in cases]
    assert {meta.phase for meta in metas} == {"coverage"}
    assert {meta.negative for meta in metas} == {True, False}
    assert any(meta.negative_path for meta in metas) and any(not meta.negative_path for meta in metas)
    assert all(isinstance(meta.description, str) and meta.description for meta in metas)


def test_prepare_builds_the_bytes_a_case_sends() -> None:
    schema, operation = _operation()
    valid = next(c for c in _internals.coverage_cases(schema, operation) if not _internals.case_meta(c).negative)
    prepared = _internals.prepare(valid, "http://base.invalid")
    assert prepared.method == "POST"
    assert prepared.url.startswith("http://base.invalid/things/")
    assert isinstance(prepared.body, bytes) and prepared.body.startswith(b"{")
    assert all(isinstance(name, str) and isinstance(value, str) for name, value in prepared.headers)


def test_hypothesis_local_constants_are_swapped_and_restored() -> None:
    original = providers._get_local_constants, providers.CONSTANTS_CACHE
    with _internals.without_local_constants():
        assert providers._get_local_constants() == _internals._NO_LOCAL_CONSTANTS
        assert providers.CONSTANTS_CACHE is _internals._CONSTANTS_CACHE
    assert (providers._get_local_constants, providers.CONSTANTS_CACHE) == original


def test_strategies_still_draw_inside_the_swap() -> None:
    _, operation = _operation()
    drawn: list[Any] = []

    @settings(max_examples=2, database=None, deadline=None)
    @given(operation.as_strategy())
    def collect(case: Any) -> None:
        drawn.append(_internals.case_meta(case))

    with _internals.without_local_constants():
        collect()
    assert drawn and all(meta.phase == "fuzzing" and not meta.negative for meta in drawn)


def test_schemathesis_errors_are_one_class_we_can_catch() -> None:
    assert issubclass(_internals.SchemathesisError, Exception)


def test_drawing_stopped_ends_a_hypothesis_run_at_once_without_a_replay() -> None:
    # Hypothesis replays a failing example (an Exception) before it raises; a BaseException it
    # lets through from the example that raised it. The stop relies on that.
    _, operation = _operation()
    calls: list[int] = []
    stop = threading.Event()

    @settings(max_examples=50, database=None, deadline=None)
    @given(operation.as_strategy())
    def collect(case: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            stop.set()
        _internals.stop_point(stop)

    with pytest.raises(_internals.DrawingStopped), _internals.without_local_constants():
        collect()
    assert len(calls) == 3
    assert not issubclass(_internals.DrawingStopped, Exception)


def test_coverage_cases_stop_between_two_cases() -> None:
    schema, operation = _operation()
    stop = threading.Event()
    assert _internals.coverage_cases(schema, operation, stop)  # not set: every case
    stop.set()
    with pytest.raises(_internals.DrawingStopped):
        _internals.coverage_cases(schema, operation, stop)
