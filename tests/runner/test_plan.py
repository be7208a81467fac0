"""The plan: what a run would send, with the run's own selection and generation, nothing sent."""

from __future__ import annotations

import asyncio

from conformance.contracts import Api, Safety
from conformance.generation import CaseGenerator
from conformance.runner import RunOptions
from conformance.runner.engine import operations_to_run
from conformance.runner.limits import Limits
from conformance.runner.plan import describe_plan, plan

TELNYX_GET_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
LIVE = "https://api.telnyx.test"


def test_a_live_plan_runs_the_safe_operations_and_says_why_the_others_are_skipped(catalog: dict[str, Api]) -> None:
    options = RunOptions(apis=["telnyx"], base_url=LIVE, max_examples=2)
    planned = asyncio.run(plan(catalog, options))
    assert len(planned) == len(catalog["telnyx"].spec.operations)
    for item in planned:
        assert (item.skipped is None) == (item.safety == "safe"), item
        assert item.skipped is None or item.skipped.code in ("unsafe", "costly")


def test_the_planned_requests_are_the_ones_the_run_would_generate(catalog: dict[str, Api]) -> None:
    options = RunOptions(apis=["telnyx"], base_url=LIVE, operations=[TELNYX_GET_RUN], max_examples=3)
    [item] = asyncio.run(plan(catalog, options))
    api = catalog["telnyx"]
    [selection] = operations_to_run(api, options)
    cases = CaseGenerator(api, options.generation).cases(selection.operation)
    assert item.requests == len(cases) > 0


def test_budgets_cap_the_plan_and_the_totals_say_so(catalog: dict[str, Api]) -> None:
    limits = Limits(max_requests=5, max_requests_per_operation=2, rate_per_s=0.5)
    options = RunOptions(apis=["telnyx"], base_url=LIVE, max_examples=2, limits=limits)
    planned = asyncio.run(plan(catalog, options))
    running = [item for item in planned if item.skipped is None]
    assert running and all(item.requests <= 2 for item in running)
    lines = describe_plan(planned, options)
    assert lines[0] == f"plan for telnyx against {LIVE} (nothing has been sent):"
    assert len(lines) == len(planned) + 2
    total = sum(item.requests for item in running)
    assert (
        f"5 requests (the --max-requests budget; {total} without it), at most 0.5 a second (at least 8 s)" in lines[-1]
    )


def test_against_the_mock_every_operation_is_planned(catalog: dict[str, Api]) -> None:
    options = RunOptions(apis=["revring"], max_examples=1, allow=frozenset({Safety.COSTLY}))
    planned = asyncio.run(plan(catalog, options))
    assert planned and all(item.skipped is None and item.requests > 0 for item in planned)
    assert "against the embedded mock" in describe_plan(planned, options)[0]
