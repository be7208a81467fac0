"""Every use of Schemathesis's and Hypothesis's internals, and nothing else.

Their public APIs give us strategies (``as_strategy``) and schemas (``openapi.from_dict``);
what we also need is not public: the metadata of a generated case (valid or invalid, which
phase, why), turning a case into the bytes it would send, the coverage phase's cases, and
Hypothesis's pool of local constants (see ``without_local_constants``), and a way to stop a
Hypothesis run between two draws (``DrawingStopped``). Both are pinned to
their minor series in pyproject.toml, and ``tests/generation/test_internals.py`` fails loudly
when one of these moves.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from hypothesis.internal.cache import LRUCache
from hypothesis.internal.conjecture import providers as _providers
from hypothesis.internal.constants_ast import Constants
from schemathesis import GenerationMode
from schemathesis.config import SanitizationConfig
from schemathesis.core.errors import SchemathesisError
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.result import Ok
from schemathesis.transport.prepare import prepare_request

__all__ = [
    "CaseMeta",
    "DrawingStopped",
    "PreparedCase",
    "SchemathesisError",
    "case_meta",
    "coverage_cases",
    "operations_of",
    "prepare",
    "stop_point",
    "without_local_constants",
]

_NO_SANITIZING = SanitizationConfig(enabled=False)
_NO_LOCAL_CONSTANTS = Constants()
_CONSTANTS_CACHE: LRUCache[Any, Any] = LRUCache(1024)  # only ever holds Hypothesis's own constants


@dataclass(frozen=True, slots=True)
class CaseMeta:
    negative: bool  # generated to break the spec
    negative_path: bool  # a path parameter is what it breaks
    phase: str  # "coverage", "fuzzing", ...
    description: str  # what the case tries, in Schemathesis's words


@dataclass(frozen=True, slots=True)
class PreparedCase:
    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None


class DrawingStopped(BaseException):
    """Ends a Hypothesis run from inside its test body, at once.

    A ``BaseException`` on purpose: Hypothesis takes an ``Exception`` (or ``SystemExit``,
    ``GeneratorExit``) raised by the test body for a failing example and replays it before it
    raises; any other ``BaseException`` it lets through as it is (its
    ``ConjectureRunner.test_function`` re-raises it; ``failure_exceptions_to_catch`` lists what it
    keeps). Schemathesis's coverage generator is a plain generator: stopping it is not iterating it.
    """


def stop_point(stop: threading.Event) -> None:
    """Raise ``DrawingStopped`` when ``stop`` is set; called between two cases."""
    if stop.is_set():
        raise DrawingStopped


def operations_of(schema: Any) -> list[Any]:
    """The operations Schemathesis could read; the ones it could not are left out."""
    return [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]


def coverage_cases(schema: Any, operation: Any, stop: threading.Event | None = None) -> list[Any]:
    """Schemathesis's deterministic coverage phase for one operation, valid and invalid.

    With ``stop``, checked between two cases: ``DrawingStopped`` once it is set.
    """
    config = schema.config.generation_for(operation=operation, phase="coverage")
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    cases = []
    with without_local_constants():
        for case in schema.iter_coverage_cases(operation, generation_modes=modes, generation_config=config):
            if stop is not None:
                stop_point(stop)
            cases.append(case)
    return cases


def case_meta(case: Any) -> CaseMeta:
    """Read before the case is touched: Schemathesis re-labels a case once it is changed."""
    meta = case._meta
    return CaseMeta(
        negative=meta.generation.mode is GenerationMode.NEGATIVE,
        negative_path=bool(meta.is_negative_at(ParameterLocation.PATH)),
        phase=str(meta.phase.name.value),
        description=str(meta.phase.data.description),
    )


def prepare(case: Any, base_url: str) -> PreparedCase:
    """The request a case sends, as Schemathesis's own transport would build it (no sanitizing)."""
    prepared = prepare_request(case, None, config=_NO_SANITIZING, base_url=base_url)
    body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
    if body is not None and not isinstance(body, bytes):
        raise TypeError("a generated body is a stream, not bytes")
    headers = tuple((k, v if isinstance(v, str) else v.decode("latin-1")) for k, v in prepared.headers.items())
    return PreparedCase(str(prepared.method), str(prepared.url), headers, body or None)


@contextmanager
def without_local_constants() -> Iterator[None]:
    """Draw without the literals Hypothesis collects from every imported local module.

    Hypothesis mixes constants from the source of the caller's modules into its draws, so the
    cases for a seed would change with whatever was imported before, or with any edit that adds
    a literal to this package. Nightly baselines need the same cases for the same seed: give
    Hypothesis an empty local pool, and a cache of its own that an earlier run cannot have filled.
    """
    saved = _providers._get_local_constants, _providers.CONSTANTS_CACHE
    _providers._get_local_constants = lambda: _NO_LOCAL_CONSTANTS
    _providers.CONSTANTS_CACHE = _CONSTANTS_CACHE
    try:
        yield
    finally:
        _providers._get_local_constants, _providers.CONSTANTS_CACHE = saved
