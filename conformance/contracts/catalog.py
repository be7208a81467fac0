"""The APIs a command works on: a project folder's contracts, or one spec with its derived contract."""

from __future__ import annotations

from pathlib import Path

from conformance.contracts.defaults import DEFAULT_AUTH_ENV, derive_contract
from conformance.contracts.loader import bind, load_catalog
from conformance.contracts.model import Api
from conformance.contracts.project import Project
from conformance.contracts.sources import is_url, load_source, read_source

__all__ = ["project_catalog", "spec_base_url", "spec_catalog"]


def project_catalog(
    project: Project, contracts: Path | None = None, auth_env: str = DEFAULT_AUTH_ENV
) -> dict[str, Api]:
    """Every contract of the project (or of ``contracts``, which overrides it), bound to its spec."""
    return load_catalog(contracts or project.contracts, auth_env)


def spec_catalog(source: str, auth_env: str = DEFAULT_AUTH_ENV) -> dict[str, Api]:
    """One API from a spec file or URL and the contract derived from it; named after ``info.title``."""
    read = read_source(source)
    spec = load_source(read)
    return {spec.name: bind(derive_contract(spec, auth_env=auth_env, source_url=read.url), spec)}


def spec_base_url(source: str, catalog: dict[str, Api]) -> str | None:
    """Where a ``--spec`` run goes without ``--base-url``: a URL spec's API, a file spec's embedded mock (None)."""
    [api] = catalog.values()
    return api.contract.base_url if is_url(source) else None
