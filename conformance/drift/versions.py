"""The two versions a diff compares, each given as a file, a URL, a vendored API or a git ``REV:PATH``.

Each is read with the bounds of :mod:`conformance.specs.sources` and loaded by the one spec
loader, so OpenAPI 3.0 reads as 3.1 and external ``$ref``s are bundled. ``REV:PATH`` (as oasdiff
and ``git show`` take it: ``origin/main:specs/x.yml``) is read with ``git show`` in the working
directory, its size checked first; its relative ``$ref``s resolve against the working tree's
files, not the revision's.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from conformance.contracts.catalog import project_catalog
from conformance.contracts.project import find_project
from conformance.contracts.sources import api_name
from conformance.errors import SpecError, UsageError
from conformance.specs import ApiSpec, SpecSource
from conformance.specs.documents import MAX_FILE_BYTES, parse_document
from conformance.specs.loader import build_spec
from conformance.specs.sources import is_url, read_source

__all__ = ["Version", "load_versions", "shown_path"]

GIT_TIMEOUT = 30.0  # seconds for one git command
_SUFFIXES = (".json", ".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a spec: how the report names it (a path, URL or ``REV:PATH``), and the spec."""

    file: str
    spec: ApiSpec


def load_versions(old: str, new: str, project: Path | None = None) -> tuple[Version, Version]:
    """Both versions, loaded under one API name: a vendored API's, else the new version's title."""
    read = [_read(text, project) for text in (old, new)]
    vendored = [found for found in reversed(read) if isinstance(found, Version)]
    if vendored:
        name = vendored[0].spec.name
    else:
        newest = read[1]
        assert isinstance(newest, SpecSource)
        name = api_name(newest.document, Path(newest.label).stem)
    first, second = (found if isinstance(found, Version) else _built(name, found) for found in read)
    return first, second


def _read(text: str, project: Path | None) -> Version | SpecSource:
    if is_url(text) or Path(text).exists():
        return read_source(text)
    if ":" in text:
        return _from_git(text)
    if "/" in text or text.endswith(_SUFFIXES):
        raise SpecError(text, "cannot read: No such file or directory")
    return _vendored(text, project)


def _built(name: str, source: SpecSource) -> Version:
    return Version(source.label, build_spec(name, source))


def _vendored(name: str, project: Path | None) -> Version:
    catalog = project_catalog(find_project(project))
    if name not in catalog:
        known = ", ".join(catalog)
        raise UsageError(f"{name!r} is not a file, a URL, a git REV:PATH or a vendored API (known: {known})")
    spec = catalog[name].spec
    return Version(shown_path(spec.source), spec)


def shown_path(path: Path) -> str:
    """A vendored file as the report shows it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _from_git(text: str) -> SpecSource:
    """The document at ``REV:PATH`` in the git repository of the working directory."""
    size = _git(text, "cat-file", "-s", text).strip()
    if not size.isdigit() or int(size) > MAX_FILE_BYTES:
        raise SpecError(text, f"larger than {MAX_FILE_BYTES // 2**20} MB")
    document = parse_document(_git(text, "show", text), text, SpecError, _format(text))
    if not isinstance(document, dict):
        raise SpecError(text, f"top level must be a mapping, not {type(document).__name__}")
    path = text.partition(":")[2]
    return SpecSource(document, Path(path).resolve().as_uri(), text)


def _git(label: str, *arguments: str) -> str:
    try:
        done = subprocess.run(["git", *arguments], capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError as exc:
        raise SpecError(label, "git is not installed, so a REV:PATH cannot be read") from exc
    except subprocess.TimeoutExpired as exc:
        raise SpecError(label, f"git took longer than {GIT_TIMEOUT:g} s") from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpecError(label, f"git {arguments[0]}: {reason[0] if reason else f'exit {done.returncode}'}")
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(label, f"cannot read: {exc}") from exc


def _format(text: str) -> str:
    suffix = Path(text.partition(":")[2]).suffix.lower()
    return "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else ""
