"""A project folder: ``specs/`` and ``contracts/`` side by side, and ``conformance init`` that fills it.

When the working directory (or ``--project DIR``) has both folders, they are used instead of the
copies bundled with the package, so an edited contract takes effect without reinstalling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from conformance._bundled import contracts_dir, specs_dir
from conformance.contracts.defaults import DEFAULT_AUTH_ENV, derive_contract
from conformance.contracts.sources import SpecSource, load_source, public_url, read_source, source_entry
from conformance.contracts.template import render_contract
from conformance.contracts.vendoring import record_lock_entry, write_vendored
from conformance.errors import UsageError

__all__ = ["Initialised", "Project", "find_project", "init_project"]

_API_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")  # as contract.schema.json requires


@dataclass(frozen=True, slots=True)
class Project:
    specs: Path
    contracts: Path
    bundled: bool  # the copies inside the installed package, not a project folder

    @classmethod
    def at(cls, root: Path) -> Project:
        return cls(root / "specs", root / "contracts", bundled=False)

    @property
    def description(self) -> str:
        kind = "bundled with the package" if self.bundled else "project folder"
        return f"{self.contracts} ({kind})"


def find_project(directory: Path | None = None) -> Project:
    """``directory`` (which must be a project folder), else the working directory if it is one, else the bundled."""
    if directory is not None:
        if not _is_project(directory):
            raise UsageError(f"--project {directory}: no specs/ and contracts/ folders there")
        return Project.at(directory)
    if _is_project(Path.cwd()):
        return Project.at(Path.cwd())
    return Project(specs_dir(), contracts_dir(), bundled=True)


def _is_project(directory: Path) -> bool:
    return (directory / "specs").is_dir() and (directory / "contracts").is_dir()


@dataclass(frozen=True, slots=True)
class Initialised:
    spec: Path
    contract: Path
    operations: int


def init_project(
    root: Path, name: str, source: str, *, force: bool = False, auth_env: str = DEFAULT_AUTH_ENV
) -> Initialised:
    """Vendor ``source`` into ``root/specs/name/``, lock it, and write ``root/contracts/name.yaml``."""
    project = Project.at(root)
    spec_folder, contract_path = project.specs / name, project.contracts / f"{name}.yaml"
    _check_target(name, (spec_folder, contract_path), force)
    read = read_source(source)
    spec = load_source(read, name)  # nothing is written for a spec that does not load
    contract = derive_contract(spec, auth_env=auth_env, source_url=read.url)
    vendored = spec_folder / read.file_name
    _lock(project, name, read, write_vendored(read.data, vendored))
    spec_ref = f"../specs/{name}/{read.file_name}"
    text = render_contract(contract, spec, spec_ref, _origin(read), date.today())
    contract_path.parent.mkdir(parents=True, exist_ok=True)
    contract_path.write_text(text, encoding="utf-8")
    return Initialised(vendored, contract_path, len(spec.operations))


def _check_target(name: str, paths: tuple[Path, ...], force: bool) -> None:
    if not _API_NAME.fullmatch(name):
        raise UsageError(f"API name {name!r}: use lower-case letters, digits, '-' and '_', starting with a letter")
    existing = [str(path) for path in paths if path.exists()]
    if existing and not force:
        verb = "exists" if len(existing) == 1 else "exist"
        raise UsageError(f"{' and '.join(existing)} already {verb}; --force overwrites")


def _lock(project: Project, name: str, read: SpecSource, sha256: str) -> None:
    entry = {
        "file": f"{name}/{read.file_name}",
        "sha256": sha256,
        "retrieved": date.today(),
        "source": source_entry(read),
        "changes": "none",
    }
    record_lock_entry(project.specs / "lock.yaml", name, entry)


def _origin(read: SpecSource) -> str:
    return public_url(read.url) if read.url else str(Path(read.source).resolve())
