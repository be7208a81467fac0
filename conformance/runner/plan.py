"""``conformance run --plan``: what a run would send, worked out before anything is sent.

The plan selects operations exactly as the run does (safety gating, ``--operation``, ``--allow``)
and generates their requests (generation is local: it sends nothing), so its request counts are
the run's own, capped by the budgets. Retries can add at most ``Limits.retries`` to a request that
fails in transport; the plan says so rather than guess how many will.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from conformance.contracts import Api
from conformance.findings import Subject
from conformance.generation import CaseGenerator
from conformance.results import Skip
from conformance.runner.engine import RunOptions, selected_operations
from conformance.runner.selection import Selection, operation_cases

__all__ = ["PlannedOperation", "describe_plan", "plan"]


@dataclass(frozen=True, slots=True)
class PlannedOperation:
    subject: Subject
    safety: str
    requests: int  # what the run would send to it, within the per-operation budget
    skipped: Skip | None = None


async def plan(catalog: dict[str, Api], options: RunOptions) -> list[PlannedOperation]:
    """Every operation the run would meet, with its safety and the requests it would get."""
    plans = selected_operations(catalog, options)
    return [planned for api, selections in plans for planned in await _plan_api(api, selections, options)]


async def _plan_api(api: Api, selections: list[Selection], options: RunOptions) -> list[PlannedOperation]:
    generator = CaseGenerator(api, options.generation)
    budget = options.limits.max_requests_per_operation
    planned = []
    for selection in selections:
        operation = selection.operation
        subject = Subject(operation.api, operation.method, operation.path, operation.operation_id)
        cases, skipped = await operation_cases(generator, selection)
        requests = len(cases) if budget is None else min(len(cases), budget)
        planned.append(PlannedOperation(subject, api.policy(operation).safety.value, requests, skipped))
    return planned


def describe_plan(planned: Sequence[PlannedOperation], options: RunOptions) -> list[str]:
    """The plan as lines for a person: one per operation, then the totals and the limits."""
    target = options.base_url or "the embedded mock"
    share = "" if options.shard is None else f", shard {options.shard}"
    lines = [f"plan for {', '.join(options.apis)}{share} against {target} (nothing has been sent):"]
    for item in planned:
        where = f"{item.subject.api} {item.subject.label}  [{item.subject.operation_id}]"
        what = item.skipped.message if item.skipped else f"{item.requests} requests"
        lines.append(f"  {'skip' if item.skipped else 'run '}  {item.safety:7} {where}  {what}")
    return [*lines, _totals(planned, options)]


def _totals(planned: Sequence[PlannedOperation], options: RunOptions) -> str:
    limits = options.limits
    running = [item for item in planned if item.skipped is None]
    requests = sum(item.requests for item in running)
    if limits.max_requests is not None and requests > limits.max_requests:
        requests_text = f"{limits.max_requests} requests (the --max-requests budget; {requests} without it)"
        requests = limits.max_requests
    else:
        requests_text = f"{requests} requests"
    pace = ""
    if limits.rate_per_s:
        pace = f", at most {limits.rate_per_s:g} a second (at least {max(0, requests - 1) / limits.rate_per_s:.0f} s)"
    retries = f"; up to {limits.retries} retries each for idempotent requests that fail in transport"
    skipped = len(planned) - len(running)
    return f"{len(running)} operations to run, {skipped} skipped: {requests_text}{pace}{retries}"
