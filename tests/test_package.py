"""Package hygiene: every __all__ names things that exist, and package __all__ lists are sorted."""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

import pytest

import conformance


def _modules() -> list[str]:
    names = ["conformance"]
    for info in pkgutil.walk_packages(conformance.__path__, prefix="conformance."):
        if info.name != "conformance.__main__":  # importing it runs the command line
            names.append(info.name)
    return sorted(names)


MODULES = _modules()
PACKAGES = sorted(
    name for name in MODULES if hasattr(importlib.import_module(name), "__path__") and not name.endswith("_vendored")
)


def _isort_key(name: str) -> tuple[int, list[object]]:
    """Ruff's RUF022 "isort-style" order: CONSTANTS, then Classes, then everything else; natural order within."""
    if len(name) > 1 and name.isupper():
        kind = 0
    elif name[:1].isupper():
        kind = 1
    else:
        kind = 2
    return kind, [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _all(module: ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    assert isinstance(names, list), f"{module.__name__} has no __all__ list"
    return names


def test_the_walk_finds_the_subpackages() -> None:
    assert {
        "conformance.checks",
        "conformance.contracts",
        "conformance.reporting",
        "conformance.results",
        "conformance.runner",
        "conformance.specs",
        "conformance.transport",
    } <= set(PACKAGES)


@pytest.mark.parametrize("name", MODULES)
def test_every_name_in_all_exists(name: str) -> None:
    module = importlib.import_module(name)
    names = _all(module)
    assert len(names) == len(set(names)), f"{name}.__all__ repeats a name"
    missing = [item for item in names if not hasattr(module, item)]
    assert missing == []


@pytest.mark.parametrize("name", PACKAGES)
def test_package_all_is_sorted(name: str) -> None:
    names = _all(importlib.import_module(name))
    assert names == sorted(names, key=_isort_key)


def test_isort_key_orders_constants_classes_then_functions() -> None:
    shuffled = ["send", "Redactor", "REDACTED", "curl_command", "Exchange", "CHECK_CODES", "CHECKS"]
    assert sorted(shuffled, key=_isort_key) == [
        "CHECKS",
        "CHECK_CODES",
        "REDACTED",
        "Exchange",
        "Redactor",
        "curl_command",
        "send",
    ]


def test_version_is_a_string() -> None:
    assert isinstance(conformance.__version__, str) and conformance.__version__
