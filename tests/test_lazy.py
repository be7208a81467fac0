"""Lazy packages: every public name still resolves, to the same object as its module's, imported on first use."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from conformance._lazy import _type_checking_imports

LAZY_PACKAGES = [
    "conformance.contracts",
    "conformance.generation",
    "conformance.reporting",
    "conformance.runner",
    "conformance.specs",
    "conformance.transport",
]


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_every_public_name_of_a_lazy_package_is_its_modules_object(name: str) -> None:
    package = importlib.import_module(name)
    where = _type_checking_imports(Path(str(package.__file__)))
    assert set(where) == set(package.__all__)
    for exported, module in where.items():
        assert getattr(package, exported) is getattr(importlib.import_module(module), exported)


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_an_unknown_name_is_an_attribute_error_naming_it(name: str) -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = importlib.import_module(name).no_such_name


def test_importing_a_lazy_package_imports_none_of_its_modules() -> None:
    code = (
        "import sys, conformance.transport, conformance.specs, conformance.runner; "
        "print(sorted(m for m in sys.modules if m.startswith(('conformance.transport.', 'conformance.runner.', "
        "'conformance.specs.'))))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"
