from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from conformance._bundled import contracts_dir, specs_dir
from conformance.contracts import Api, Safety, load_catalog
from conformance.results import RunCollector, RunResult
from conformance.runner import RunOptions, drive, run

ROOT = Path(__file__).resolve().parents[1]
# Third-party documents vendored for the tests (tests/corpus/README.md says where each comes from).
CORPUS = ROOT / "tests" / "corpus"
REALWORLD = CORPUS / "realworld"
# Hypothesis's caches stay in the (git-ignored) .hypothesis/ of the repository, not in $HOME.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(ROOT / ".hypothesis"))

# Our own Hypothesis tests stay small and quick; Schemathesis's generation has its own settings.
settings.register_profile("conformance", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("conformance")


@pytest.fixture(scope="session")
def catalog() -> dict[str, Api]:
    return load_catalog(contracts_dir())


@pytest.fixture(scope="session")
def specs_root() -> Path:
    return specs_dir()


def run_sync(
    catalog: dict[str, Api],
    apis: Sequence[str],
    *,
    base_url: str | None = None,
    operations: Sequence[str] = (),
    max_examples: int = 3,
    seed: int = 0,
) -> RunResult:
    """A whole run, as ``conformance run`` does it, without writing reports."""
    options = RunOptions(
        apis=list(apis),
        base_url=base_url,
        operations=list(operations),
        max_examples=max_examples,
        seed=seed,
        allow=frozenset({Safety.UNSAFE, Safety.COSTLY}),
    )
    collector = RunCollector()
    asyncio.run(drive(run(catalog, options), [collector]))
    return collector.result()
