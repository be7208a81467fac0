"""The vendored test corpus is what its lock says: exact copies of their sources."""

from __future__ import annotations

import hashlib

import yaml

from tests.conftest import CORPUS


def test_every_corpus_file_matches_its_lock() -> None:
    lock = yaml.safe_load((CORPUS / "lock.yaml").read_text(encoding="utf-8"))
    for name, digest in lock.items():
        assert hashlib.sha256((CORPUS / name).read_bytes()).hexdigest() == digest, name


def test_the_lock_lists_every_corpus_file() -> None:
    lock = yaml.safe_load((CORPUS / "lock.yaml").read_text(encoding="utf-8"))
    on_disk = {
        str(path.relative_to(CORPUS))
        for path in CORPUS.rglob("*")
        if path.is_file() and path.name not in ("README.md", "lock.yaml")
    }
    assert on_disk == set(lock)
