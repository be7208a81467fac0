"""Packages whose names are imported on first use (PEP 562), so a command imports only what it runs.

A package lists its public names once, as imports under ``if TYPE_CHECKING:`` (which is what type
checkers and readers see), and sets ``__getattr__ = lazy_exports(__name__, __file__)``. The first
access to a name imports its module; ``conformance --help`` then never loads httpx, Hypothesis or
Schemathesis. Hand-written because it is twenty lines; scientific-python's ``lazy_loader`` does the
same from a ``.pyi`` stub, a dependency and a second file for each package.
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["lazy_exports"]


def lazy_exports(package: str, init_file: str) -> Callable[[str], object]:
    """The ``__getattr__`` of ``package``: each name of its ``TYPE_CHECKING`` imports, imported when asked."""
    where = _type_checking_imports(Path(init_file))

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where[name]), name)
        setattr(sys.modules[package], name, value)  # asked once: later lookups are plain attributes
        return value

    return __getattr__


def _type_checking_imports(init_file: Path) -> dict[str, str]:
    """``{name: module}`` for every ``from module import name`` under ``if TYPE_CHECKING:``."""
    where: dict[str, str] = {}
    for node in ast.parse(init_file.read_text("utf-8")).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    where |= {alias.asname or alias.name: statement.module for alias in statement.names}
    return where
