"""Which operations a run sends requests to, and why the others are left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from conformance.contracts import Api, Safety
from conformance.errors import GenerationFailed, UsageError, did_you_mean
from conformance.generation import CaseGenerator, GeneratedCase
from conformance.generation.background import generate_cases
from conformance.results import Skip
from conformance.specs import Operation

__all__ = ["Selection", "operation_cases", "select_operations"]


@dataclass(frozen=True, slots=True)
class Selection:
    operation: Operation
    skipped: Skip | None = None  # why it will not run


def select_operations(api: Api, requested: Sequence[str], live: bool, allowed: frozenset[Safety]) -> list[Selection]:
    """The operations to run, in spec order.

    Against the embedded mock every operation is harmless, so all run. Against a live API,
    an operation runs when its safety is allowed (safe always, unsafe and costly only with
    ``--allow``) and it is named, or, with none named, when the contract runs it by default or
    ``--allow`` names its safety: ``--allow unsafe`` is the opt-in to run the unsafe operations.
    """
    named = _resolve(api, requested)
    selections = []
    for operation in api.spec.operations:
        if named and operation not in named:
            continue
        selections.append(Selection(operation, _why_skipped(api, operation, bool(named), live, allowed)))
    return selections


def _resolve(api: Api, requested: Sequence[str]) -> list[Operation]:
    found = []
    for reference in requested:
        operation = api.spec.find(reference)
        if operation is None:
            known = [name for op in api.spec.operations for name in (op.operation_id, f"{op.method} {op.path}")]
            hint = did_you_mean(reference, known)
            raise UsageError(f"--operation {reference!r}: no such operation in {api.name}{hint}")
        found.append(operation)
    return found


def _why_skipped(api: Api, operation: Operation, named: bool, live: bool, allowed: frozenset[Safety]) -> Skip | None:
    if operation.unusable is not None:
        return Skip("unusable", f"the spec is broken here: {operation.unusable}")
    if not live:
        return None
    policy = api.policy(operation)
    if policy.safety is not Safety.SAFE and policy.safety not in allowed:
        safety = policy.safety.value
        return Skip(safety, f"{safety}: not sent to a live API without --allow {safety}")
    if not named and not policy.run_by_default and policy.safety is Safety.SAFE:
        return Skip("not_run_by_default", "not run by default against a live API (name it with --operation)")
    return None


async def operation_cases(generator: CaseGenerator, selection: Selection) -> tuple[list[GeneratedCase], Skip | None]:
    """The requests a selected operation would send, or why it is skipped (generation sends nothing).

    They are made off the event loop, so a signal stops a run, or a plan, even during generation."""
    if selection.skipped is not None:
        return [], selection.skipped
    try:
        cases = await generate_cases(generator, selection.operation)
    except GenerationFailed as exc:
        return [], Skip("unusable", str(exc))
    if not cases:
        return [], Skip("no_cases", "no request was generated for it (see --phases)")
    return cases, None
