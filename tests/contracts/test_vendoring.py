"""conformance.contracts.vendoring: vendored files and their lock entries."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from conformance.contracts.vendoring import record_lock_entry, write_vendored
from conformance.specs.lock import verify_lock

LOCK = """\
# a comment kept as written
alpha:
  file: alpha/a.json
  sha256: 00
  derivation: >-
    two lines
    of text

# about beta
beta:
  file: beta/b.json
  sha256: 11
"""


def test_write_vendored_makes_folders_and_returns_the_sha256(tmp_path: Path) -> None:
    out = tmp_path / "specs" / "x" / "openapi.json"
    assert write_vendored(b"{}\n", out) == hashlib.sha256(b"{}\n").hexdigest()
    assert out.read_bytes() == b"{}\n"


def test_a_new_entry_is_appended_and_the_rest_kept_as_written(tmp_path: Path) -> None:
    lock = tmp_path / "lock.yaml"
    lock.write_text(LOCK)
    record_lock_entry(lock, "gamma", {"file": "gamma/g.yml", "sha256": "22"})
    assert lock.read_text() == LOCK + "gamma:\n  file: gamma/g.yml\n  sha256: '22'\n"


def test_an_entry_of_the_same_name_is_replaced(tmp_path: Path) -> None:
    lock = tmp_path / "lock.yaml"
    lock.write_text(LOCK)
    record_lock_entry(lock, "alpha", {"file": "alpha/new.json", "sha256": "33"})
    text = lock.read_text()
    assert "two lines" not in text and "# a comment kept as written" in text and "# about beta" in text
    assert yaml.safe_load(text) == {
        "beta": {"file": "beta/b.json", "sha256": 11},
        "alpha": {"file": "alpha/new.json", "sha256": "33"},
    }


def test_a_missing_lock_is_created_and_verifies(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    digest = write_vendored(b"openapi: 3.1.0\n", specs / "x" / "openapi.yaml")
    record_lock_entry(specs / "lock.yaml", "x", {"file": "x/openapi.yaml", "sha256": digest})
    assert (specs / "lock.yaml").read_text().startswith("# Provenance")
    [entry] = verify_lock(specs / "lock.yaml")
    assert (entry.api, entry.sha256) == ("x", digest)
