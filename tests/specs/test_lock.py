"""conformance.specs.lock: every vendored spec still has the sha256 its lock entry records."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from conformance.errors import SpecError
from conformance.specs.lock import read_lock, verify_lock


def _copy_specs(specs_root: Path, destination: Path) -> Path:
    """The vendored specs folder, lock included, copied under ``destination``."""
    target = destination / "specs"
    shutil.copytree(specs_root, target)
    return target / "lock.yaml"


DOCS_PAGES = {
    "telnyx/docs/000_527ecf5e31ee64cf",
    "telnyx/docs/001_9905dc65871ddea6",
    "telnyx/docs/002_33ea8541e6db1c64",
    "freeplay/docs/003_8d6aee7bcd7d64bb",
    "revring/docs/004_e96cf857a74b9962",
}


def test_real_lock_verifies(specs_root: Path) -> None:
    entries = verify_lock(specs_root / "lock.yaml")
    assert {entry.api for entry in entries} == {"telnyx", "freeplay", "revring", *DOCS_PAGES}
    for entry in entries:
        assert entry.file.is_file()
        assert specs_root in entry.file.parents
        assert hashlib.sha256(entry.file.read_bytes()).hexdigest() == entry.sha256


def test_entries_point_at_the_contracts_specs(specs_root: Path) -> None:
    files = {entry.api: entry.file.relative_to(specs_root).as_posix() for entry in read_lock(specs_root / "lock.yaml")}
    assert files == {
        "telnyx": "telnyx/ai_assistants_tests.yml",
        "freeplay": "freeplay/test_runs.json",
        "revring": "revring/test_suite_runs.yml",
        **{page: f"{page}.yaml" for page in DOCS_PAGES},
    }


def test_every_vendored_docs_page_is_locked_with_the_seed_it_names(specs_root: Path) -> None:
    """Each docs examples file is in the lock, and the lock and the file name the same saved page."""
    lock = yaml.safe_load((specs_root / "lock.yaml").read_text("utf-8"))
    pages = {path.relative_to(specs_root).with_suffix("").as_posix() for path in specs_root.glob("*/docs/*.yaml")}
    assert pages == DOCS_PAGES
    for page in pages:
        source = yaml.safe_load((specs_root / f"{page}.yaml").read_text("utf-8"))["source"]
        assert lock[page]["source"]["sha256"] == source["sha256"]
        assert lock[page]["source"]["seed"].startswith(source["seed"])
        assert page.endswith(source["seed"].removesuffix(".txt"))


def test_tampered_spec_names_api_and_both_hashes(specs_root: Path, tmp_path: Path) -> None:
    lock = _copy_specs(specs_root, tmp_path)
    spec = lock.parent / "freeplay" / "test_runs.json"
    recorded = hashlib.sha256(spec.read_bytes()).hexdigest()
    spec.write_bytes(spec.read_bytes() + b"\n")
    actual = hashlib.sha256(spec.read_bytes()).hexdigest()
    with pytest.raises(SpecError) as caught:
        verify_lock(lock)
    message = str(caught.value)
    assert caught.value.key == "freeplay"
    assert caught.value.path == str(lock)
    assert recorded in message
    assert actual in message
    assert "test_runs.json" in message
    assert "\n" not in message


def test_missing_spec_file_raises(specs_root: Path, tmp_path: Path) -> None:
    lock = _copy_specs(specs_root, tmp_path)
    (lock.parent / "revring" / "test_suite_runs.yml").unlink()
    with pytest.raises(SpecError) as caught:
        verify_lock(lock)
    assert caught.value.key == "revring"
    assert "test_suite_runs.yml" in str(caught.value)
    assert "missing" in str(caught.value)


def test_entry_without_sha256_names_the_key(tmp_path: Path) -> None:
    lock = tmp_path / "lock.yaml"
    (tmp_path / "spec.yml").write_text("openapi: 3.1.0\n", encoding="utf-8")
    lock.write_text(yaml.safe_dump({"someapi": {"file": "spec.yml"}}), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        verify_lock(lock)
    assert caught.value.key == "someapi"
    assert "sha256" in str(caught.value)
    assert str(lock) in str(caught.value)


def test_entry_that_is_not_a_mapping_is_rejected(tmp_path: Path) -> None:
    lock = tmp_path / "lock.yaml"
    lock.write_text("someapi: spec.yml\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        read_lock(lock)
    assert caught.value.key == "someapi"


def test_lock_paths_are_relative_to_the_lock(tmp_path: Path) -> None:
    (tmp_path / "nested").mkdir()
    spec = tmp_path / "nested" / "spec.yml"
    spec.write_bytes(b"openapi: 3.1.0\n")
    lock = tmp_path / "lock.yaml"
    digest = hashlib.sha256(spec.read_bytes()).hexdigest()
    lock.write_text(yaml.safe_dump({"one": {"file": "nested/spec.yml", "sha256": digest}}), encoding="utf-8")
    (entry,) = verify_lock(lock)
    assert entry.file == spec
    assert entry.actual_sha256() == digest


def test_unreadable_lock_is_a_spec_error(tmp_path: Path) -> None:
    lock = tmp_path / "lock.yaml"
    lock.write_text("telnyx: [\n", encoding="utf-8")
    with pytest.raises(SpecError, match="line"):
        verify_lock(lock)
