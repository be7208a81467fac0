"""specs update: re-vendor under the same subset rule, show the diff, update the lock; exit 1 when breaking."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from conformance.cli import main
from conformance.contracts.project import Project
from conformance.drift.update import update_vendored
from conformance.errors import UsageError
from conformance.specs.documents import load_document
from conformance.specs.lock import verify_lock

ROOT = Path(__file__).parents[2]
NEXT = ROOT / "examples/drift/ai_assistants_tests.next.yml"
FULL = ROOT / "tests/corpus/realworld/telnyx/spec3.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the Telnyx subset vendored, as the repository has it."""
    shutil.copytree(ROOT / "specs" / "telnyx", tmp_path / "specs" / "telnyx")
    (tmp_path / "contracts").mkdir()
    shutil.copy(ROOT / "contracts" / "telnyx.yaml", tmp_path / "contracts")
    lock = yaml.safe_load((ROOT / "specs" / "lock.yaml").read_text())
    (tmp_path / "specs" / "lock.yaml").write_text(yaml.safe_dump({"telnyx": lock["telnyx"]}, sort_keys=False))
    return tmp_path


def _vendored(project: Path) -> Path:
    return project / "specs" / "telnyx" / "ai_assistants_tests.yml"


def test_a_breaking_upstream_change_is_vendored_locked_and_exits_1(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = project / "reports"
    assert (
        main(
            ["specs", "update", "telnyx", "--from", str(NEXT), "--project", str(project), "--report-dir", str(reports)]
        )
        == 1
    )
    out, err = capsys.readouterr()
    assert "breaking             telnyx GET /ai/assistants/tests  new_required_request_parameter" in out
    assert out.splitlines()[-1].startswith("27 changes in ")
    vendored = _vendored(project)
    assert f"{vendored}: re-vendored from {NEXT}, sha256 " in err
    entry = yaml.safe_load((project / "specs" / "lock.yaml").read_text())["telnyx"]
    assert entry["sha256"] == hashlib.sha256(vendored.read_bytes()).hexdigest()
    assert entry["retrieved"] == date.today() and entry["source"] == {"path": str(NEXT)}
    assert entry["compared_with_docs"]["operation"]  # the rest of the entry is kept
    assert verify_lock(project / "specs" / "lock.yaml")
    assert load_document(vendored)["info"]["x-subset-of"].startswith("paths with prefix /ai/assistants/tests ")
    assert (reports / "report.json").is_file()


def test_the_full_upstream_spec_is_cut_to_the_same_subset_and_nothing_changes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The vendored file was cut from spec3.yml: re-vendoring from it gives the same operations and schemas."""
    assert main(["specs", "update", "telnyx", "--from", str(FULL), "--project", str(project), "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("0 changes in ")
    assert len(load_document(_vendored(project))["paths"]) == 6


def test_an_unreadable_source_changes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (project / "specs" / "lock.yaml").read_text(), _vendored(project).read_bytes()
    assert main(["specs", "update", "telnyx", "--from", str(project / "none.yml"), "--project", str(project)]) == 2
    assert "none.yml: cannot read: No such file or directory" in capsys.readouterr().err
    (project / "bad.yml").write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/other: {get: {responses: {}}}}\n"
    )
    assert main(["specs", "update", "telnyx", "--from", str(project / "bad.yml"), "--project", str(project)]) == 2
    assert "bad.yml: paths: no path starts with '/ai/assistants/tests'" in capsys.readouterr().err
    assert ((project / "specs" / "lock.yaml").read_text(), _vendored(project).read_bytes()) == before


def test_an_api_not_in_the_lock_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["specs", "update", "pets", "--from", str(NEXT), "--project", str(project)]) == 2
    assert "no vendored API 'pets' (known: telnyx)" in capsys.readouterr().err


def test_the_specs_bundled_with_the_package_are_never_updated() -> None:
    bundled = Project(ROOT / "specs", ROOT / "contracts", bundled=True)
    with pytest.raises(UsageError, match="specs update changes a project folder"):
        update_vendored(bundled, "telnyx", str(NEXT))


def test_a_whole_spec_stays_whole_and_is_written_byte_for_byte(tmp_path: Path) -> None:
    whole = NEXT.read_text().replace("  x-subset-of: paths with prefix", "  x-cut-from: paths with prefix")
    (tmp_path / "openapi.yml").write_text(whole)
    assert main(["init", "pets", "--spec", str(tmp_path / "openapi.yml"), "--project", str(tmp_path)]) == 0
    changed = tmp_path / "next.yml"
    changed.write_text(whole.replace("      - cancelled\n", ""))
    assert main(["specs", "update", "pets", "--from", str(changed), "--project", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / "specs" / "pets" / "openapi.yml").read_bytes() == changed.read_bytes()
