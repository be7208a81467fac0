"""conformance.generation.background: cases made off the event loop, stopped when the wait is cancelled."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from conformance.contracts import Api
from conformance.errors import GenerationFailed
from conformance.generation import CaseGenerator, GenerationSettings
from conformance.generation.background import STOP_GRACE_S, generate_cases

LIST_TESTS = "get_assistant_tests_public_assistants_tests_get"


def _generator_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("generate ")]


def test_the_cases_are_those_the_generator_makes(catalog: dict[str, Api]) -> None:
    api = catalog["telnyx"]
    operation = api.spec.find(LIST_TESTS)
    assert operation is not None
    settings = GenerationSettings(max_examples=3, seed=5)
    expected = CaseGenerator(api, settings).cases(operation)
    assert asyncio.run(generate_cases(CaseGenerator(api, settings), operation)) == expected


def test_the_event_loop_stays_free_and_a_cancelled_wait_stops_the_generation(catalog: dict[str, Api]) -> None:
    api = catalog["telnyx"]
    operation = api.spec.find(LIST_TESTS)
    assert operation is not None
    generator = CaseGenerator(api, GenerationSettings(max_examples=100_000))  # hours, if not stopped
    ticks = 0

    async def cancel_during_generation() -> float:
        nonlocal ticks
        task = asyncio.ensure_future(generate_cases(generator, operation))
        while ticks < 20:  # the loop goes on turning while the thread generates
            await asyncio.sleep(0.01)
            ticks += 1
        cancelled = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - cancelled

    waited = asyncio.run(cancel_during_generation())
    assert ticks == 20
    assert waited < STOP_GRACE_S + 1.0
    deadline = time.monotonic() + 30  # the thread notices its stop event between two cases
    while _generator_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _generator_threads()


def test_a_failure_in_the_thread_is_raised_to_the_caller(catalog: dict[str, Api]) -> None:
    foreign = catalog["revring"].spec.operations[0]  # not an operation the telnyx generator knows
    generator = CaseGenerator(catalog["telnyx"], GenerationSettings())
    with pytest.raises(GenerationFailed, match="Schemathesis cannot read this operation"):
        asyncio.run(generate_cases(generator, foreign))
