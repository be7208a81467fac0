"""Layers enforced, not hoped for: each package imports only the layers below it.

specs + contracts -> generation -> transport -> checks -> findings -> results -> reporting, with
the runner and the command line composing them; examples, like the runner, produces events from checks.
A lower layer importing a higher one fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import conformance

PACKAGE = Path(conformance.__file__).parent

# What each package may import from the tool itself (besides its own modules, errors and _bundled).
ALLOWED: dict[str, set[str]] = {
    "specs": set(),
    "contracts": {"specs"},
    "generation": {"specs", "contracts"},
    "transport": set(),
    "findings": {"transport"},
    "checks": {"specs", "contracts", "transport", "findings"},
    "results": {"findings"},
    "mock": {"specs", "contracts"},
    "examples": {"specs", "contracts", "checks", "findings", "results"},
    "drift": {"specs", "contracts", "findings", "results"},
    "reporting": {"findings", "results", "checks", "transport"},
    "runner": {"specs", "contracts", "generation", "transport", "checks", "findings", "results", "mock"},
    "upgrade": {"specs", "contracts", "findings", "results", "drift", "runner"},
    "cli": {"specs", "contracts", "generation", "transport", "checks", "findings", "results", "mock", "examples"}
    | {"drift", "reporting", "runner", "_arguments", "upgrade"},
}
ANYWHERE = {"errors", "_bundled", "_lazy"}


def _imported(path: Path) -> set[str]:
    """The tool's top-level packages a module imports, at any depth of the module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        found |= {name.split(".")[1] for name in names if name.startswith("conformance.")}
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_layers_below_it(package: str) -> None:
    for path in sorted((PACKAGE / package).rglob("*.py")):
        extra = _imported(path) - ALLOWED[package] - ANYWHERE - {package}
        assert not extra, f"{path.relative_to(PACKAGE.parent)} imports {sorted(extra)}"


def test_every_package_has_its_layer() -> None:
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")} - {"_vendored"}
    assert packages == set(ALLOWED)
