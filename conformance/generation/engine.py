"""Generating requests for an operation, with Schemathesis as the engine.

Three sources, in this order:

- **coverage**: Schemathesis's deterministic coverage phase: every operation with and without
  its optional fields, each enum value, boundary values; and invalid requests: wrong types,
  missing required fields, values past their bounds, unsupported Content-Types.
- **fuzzing**: Hypothesis cases, valid and invalid, ``max_examples`` of each per operation,
  reproducible for a seed.
- **malformed**: bodies that are not JSON at all, for operations that take a JSON body: one cut
  short, and one in Latin-1 rather than UTF-8 (servers often answer that one differently, 400
  or 500: sent every run, it is found whatever the seed).

Credentials are never generated: the run adds them when it builds the request, so no case
spends itself on the Authorization header. Duplicates are sent once.

Generation is synchronous and can take seconds per operation; ``cases`` takes a ``stop`` event,
checked between two cases, so a caller in another thread can end it at once (see
``conformance.generation.background``).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any
from unittest import SkipTest
from urllib.parse import quote, urlsplit

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import HypothesisException, Unsatisfiable
from schemathesis import GenerationMode

from conformance.contracts import Api
from conformance.errors import GenerationFailed, SpecError
from conformance.generation._internals import (
    SchemathesisError,
    case_meta,
    coverage_cases,
    operations_of,
    prepare,
    stop_point,
    without_local_constants,
)
from conformance.generation.cases import PHASES, GeneratedCase, Intent
from conformance.specs import Operation

__all__ = ["PHASES", "CaseGenerator", "GenerationSettings"]

_PLACEHOLDER = "http://conformance.invalid"
_DROPPED_HEADERS = frozenset({"x-schemathesis-testcaseid", "user-agent", "content-length"})
_CONFIG = {
    "generation": {"with-security-parameters": False},
    # Probing methods the spec does not define has no operation to check the answer against.
    "phases": {"coverage": {"unexpected-methods": []}},
}
_MALFORMED_BODIES = {
    b'{"unterminated": ': "Body is not valid JSON",
    b'{"name": "caf\xe9"}': "Body is not UTF-8 (Latin-1)",
}


_BATCH = 200  # examples per Hypothesis run (see _draw_in_batches)


@dataclass(frozen=True, slots=True)
class GenerationSettings:
    max_examples: int = 10  # Hypothesis cases of each kind (valid, invalid) per operation
    seed: int = 0
    phases: frozenset[str] = frozenset(PHASES)


class CaseGenerator:
    """Requests for the operations of one API."""

    def __init__(self, api: Api, settings: GenerationSettings) -> None:
        self._api = api
        self._settings = settings
        try:
            self._schema = schemathesis.openapi.from_dict(
                dict(api.spec.document), config=schemathesis.Config.from_dict(_CONFIG)
            )
            found = operations_of(self._schema)
        except SchemathesisError as exc:
            raise SpecError(api.spec.source, f"cannot generate requests: {exc}") from exc
        # Keyed by method and path: operationIds may repeat in a spec (the later one is renamed).
        self._operations = {(op.method.upper(), op.path): op for op in found}

    def cases(self, operation: Operation, stop: threading.Event | None = None) -> list[GeneratedCase]:
        """The requests for ``operation``; none for an operation the spec leaves unusable.

        Raises ``GenerationFailed`` when no request can be made for this operation (the rest of
        the spec still runs), and ``DrawingStopped`` (a ``BaseException``) soon after ``stop`` is set.
        """
        if operation.unusable is not None:
            return []
        engine_operation = self._operations.get((operation.method, operation.path))
        if engine_operation is None:
            raise GenerationFailed(f"{operation.label}: Schemathesis cannot read this operation")
        unique: dict[Any, GeneratedCase] = {}
        try:
            for case in self._generate(operation, engine_operation, stop or threading.Event()):
                unique.setdefault(case.key, case)
        except (SchemathesisError, HypothesisException, ValueError, TypeError, KeyError) as exc:
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            raise GenerationFailed(f"{operation.label}: cannot generate requests: {reason}") from exc
        return list(unique.values())

    def _generate(self, operation: Operation, engine_operation: Any, stop: threading.Event) -> Iterator[GeneratedCase]:
        phases = self._settings.phases
        if "coverage" in phases:
            for case in coverage_cases(self._schema, engine_operation, stop):
                yield self._convert(operation, case)
        seed = zlib.crc32(f"{self._settings.seed}:{operation.operation_id}".encode())
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if "fuzzing" in phases else ():
            if mode is GenerationMode.NEGATIVE and not _negatable(operation, self._api):
                continue
            strategy = engine_operation.as_strategy(generation_mode=mode)
            for case in _draw_in_batches(strategy, self._settings.max_examples, seed, stop):
                yield self._convert(operation, case)
        if "malformed" in phases and operation.request_body_pointer() is not None:
            yield from self._malformed(operation)

    def _convert(self, operation: Operation, case: Any) -> GeneratedCase:
        meta = case_meta(case)
        if not meta.negative_path:
            self._apply_path_examples(case)
        try:
            prepared = prepare(case, _PLACEHOLDER)
        except TypeError as exc:
            raise SpecError(self._api.spec.source, str(exc), key=operation.label) from exc
        return GeneratedCase(
            operation_id=operation.operation_id,
            method=prepared.method,
            target=_relative(prepared.url),
            headers=tuple((k, v) for k, v in prepared.headers if k.lower() not in _DROPPED_HEADERS),
            body=prepared.body,
            intent=Intent.INVALID if meta.negative else Intent.VALID,
            phase=meta.phase,
            reason=meta.description.replace("\n", "; "),
        )

    def _apply_path_examples(self, case: Any) -> None:
        examples: Mapping[str, str] = self._api.contract.path_parameters
        for name in list(case.path_parameters or {}):
            if name in examples:
                case.path_parameters[name] = quote(examples[name], safe="")

    def _malformed(self, operation: Operation) -> Iterator[GeneratedCase]:
        target = operation.path
        for name in operation.path_parameter_names():
            value = self._api.contract.path_parameters.get(name, name)
            target = target.replace("{" + name + "}", quote(value, safe=""))
        for body, reason in _MALFORMED_BODIES.items():
            yield GeneratedCase(
                operation_id=operation.operation_id,
                method=operation.method,
                target=target,
                headers=(("Content-Type", "application/json"),),
                body=body,
                intent=Intent.INVALID,
                phase="malformed",
                reason=reason,
            )


def _draw_in_batches(strategy: Any, count: int, seed: int, stop: threading.Event) -> Iterator[Any]:
    """``count`` cases, drawn in Hypothesis runs of at most ``_BATCH`` examples each.

    One Hypothesis run keeps state for every example it has made (its tree of choices, for
    novelty) until it ends: about 25 KB an example, so one run of 1500 grew the process by
    30 MB. Runs of ``_BATCH`` free theirs as they end. The first batch keeps the seed, so a run
    of up to ``_BATCH`` examples draws what it always drew; the next ones get seeds derived from it.
    """
    for batch, start in enumerate(range(0, count, _BATCH)):
        batch_seed = seed if batch == 0 else zlib.crc32(f"{seed}:{batch}".encode())
        yield from _draw(strategy, min(_BATCH, count - start), batch_seed, stop)


def _draw(strategy: Any, count: int, seed: int, stop: threading.Event) -> list[Any]:
    """``count`` cases from a Hypothesis strategy, the same ones for the same seed; ends early once ``stop`` is set."""
    drawn: list[Any] = []
    if count <= 0:
        return drawn

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(strategy)
    def collect(case: Any) -> None:
        stop_point(stop)
        drawn.append(case)

    with suppress(Unsatisfiable, SkipTest), without_local_constants():  # SkipTest: nothing to make invalid
        collect()
    return drawn


def _negatable(operation: Operation, api: Api) -> bool:
    """Whether any input can be made invalid; Hypothesis spends ~0.7 s finding out otherwise."""
    if operation.request_body_pointer() is not None:
        return True
    return any(_constrained(api.validators.resolver.resolve_at(p.pointer)) for p in operation.parameters)


def _constrained(schema: Any) -> bool:
    annotations = {"title", "description", "example", "examples", "default", "deprecated"}
    if not isinstance(schema, Mapping):
        return False
    return schema.get("type") not in (None, "string") or bool(set(schema) - annotations - {"type"})


def _relative(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
