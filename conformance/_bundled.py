"""Where the vendored specs and contracts are: inside the wheel, or at the root of a source tree."""

from __future__ import annotations

from pathlib import Path

__all__ = ["contracts_dir", "specs_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_vendored" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def contracts_dir() -> Path:
    return _find("contracts")


def specs_dir() -> Path:
    return _find("specs")
