"""The two versions: a file, a URL, a vendored API or a git REV:PATH; bad input is one line and exit 2."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from conformance.cli import main
from conformance.drift import load_versions
from conformance.errors import SpecError, UsageError
from tests.drift.support import BASE, edited
from tests.servers import serve

ROOT = Path(__file__).parents[2]
VENDORED = ROOT / "specs/telnyx/ai_assistants_tests.yml"


def _git(repository: Path, *arguments: str) -> None:
    command = ["git", "-C", str(repository), "-c", "user.name=t", "-c", "user.email=t@example.com", *arguments]
    subprocess.run(command, check=True, capture_output=True, timeout=30)


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose spec gained a required query parameter in its last commit."""
    spec = tmp_path / "specs" / "things.yaml"
    spec.parent.mkdir()
    spec.write_text(yaml.safe_dump(BASE))
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    required = {"name": "org", "in": "query", "required": True, "schema": {"type": "string"}}
    spec.write_text(yaml.safe_dump(edited(lambda d: d["paths"]["/things"]["get"].update(parameters=[required]))))
    _git(tmp_path, "commit", "-q", "-am", "second")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_git_revision_and_path_against_the_working_tree(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1:specs/things.yaml", "specs/things.yaml"]) == 1
    out = capsys.readouterr().out
    assert "  breaking             things GET /things  new_required_request_parameter: query parameter `org`" in out
    assert main(["diff", "HEAD:specs/things.yaml", "specs/things.yaml", "--quiet"]) == 0
    old, _ = load_versions("HEAD~1:specs/things.yaml", "specs/things.yaml")
    assert old.file == "HEAD~1:specs/things.yaml" and old.spec.name == "things"


@pytest.mark.parametrize(
    ("old", "expected"),
    [
        ("HEAD~9:specs/things.yaml", "HEAD~9:specs/things.yaml: git cat-file: fatal: "),
        ("HEAD:specs/nothing.yaml", "HEAD:specs/nothing.yaml: git cat-file: fatal: "),
        ("nothing.yaml", "nothing.yaml: cannot read: No such file or directory"),
        ("nosuchapi", "'nosuchapi' is not a file, a URL, a git REV:PATH or a vendored API (known: telnyx)"),
    ],
)
def test_bad_versions_are_one_line_and_exit_2(
    repository: Path, old: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "specs" / "telnyx", repository / "specs" / "telnyx")
    (repository / "contracts").mkdir()
    shutil.copy(ROOT / "contracts" / "telnyx.yaml", repository / "contracts")
    assert main(["diff", old, "specs/things.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"conformance: error: {expected}") and err.count("\n") == 1


def test_a_document_that_is_not_openapi_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.yaml").write_text("just: text\n")
    assert main(["diff", str(tmp_path / "x.yaml"), str(VENDORED)]) == 2
    assert "x.yaml: openapi: not an OpenAPI document (no 'openapi' version)" in capsys.readouterr().err


def test_a_vendored_api_and_a_file_go_by_the_api_name() -> None:
    old, new = load_versions("telnyx", str(VENDORED), ROOT)
    assert old.spec.name == new.spec.name == "telnyx"
    assert old.file == "specs/telnyx/ai_assistants_tests.yml" or old.file.endswith(
        "specs/telnyx/ai_assistants_tests.yml"
    )


def test_a_url_is_read_with_the_spec_loader() -> None:
    text = VENDORED.read_text()
    app = Starlette(routes=[Route("/openapi.yaml", lambda request: Response(text, media_type="application/yaml"))])
    with serve(app) as base:
        old, _ = load_versions(f"{base}/openapi.yaml", str(VENDORED), ROOT)
    assert old.file == f"{base}/openapi.yaml" and len(old.spec.operations) == 11


def test_an_unknown_api_without_a_project_lists_the_bundled_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="known: freeplay, revring, telnyx"):
        load_versions("nosuchapi", str(VENDORED))


def test_a_url_that_fails_is_a_spec_error() -> None:
    app = Starlette(routes=[])
    with serve(app) as base, pytest.raises(SpecError, match="HTTP 404"):
        load_versions(f"{base}/openapi.yaml", str(VENDORED))
