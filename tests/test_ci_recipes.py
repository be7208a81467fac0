"""The CI recipes in examples/ci/: valid YAML of the right shape, and every command in them run.

Each recipe is executed as its CI would: the steps (GitHub) or script lines (GitLab) that run
``conformance`` go through bash, in order, in a clone of a small repository holding the project's
specs and contracts, with the CI's expressions and variables set to local values: the API is the
embedded mock of telnyx served on 127.0.0.1, a matrix or ``parallel`` job runs once per shard, and
an artifact download is the folder the shards wrote. Only installing the tool (``pip install``) and
the ``uses:`` actions are left to the CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance.mock import create_app
from conformance.runner import MOCK_SECRET
from tests.conftest import ROOT
from tests.servers import serve

RECIPES = ROOT / "examples" / "ci"
GITHUB = sorted((RECIPES / "github").glob("*.yml"))
GITLAB = RECIPES / "gitlab" / ".gitlab-ci.yml"
NEXT_SPEC = ROOT / "examples" / "drift" / "ai_assistants_tests.next.yml"
SPEC_FILE = "specs/telnyx/ai_assistants_tests.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


@dataclass(frozen=True)
class Step:
    name: str
    script: str
    env: Mapping[str, str]


@dataclass(frozen=True)
class Done:
    name: str
    code: int
    output: str


def _load(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(document, dict), path
    return document


@pytest.fixture(scope="module")
def mock_url(catalog: dict[str, Any]) -> Iterator[str]:
    with serve(create_app(catalog["telnyx"])) as url:
        yield url


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A clone, as CI has it, of a repository whose main holds the project's specs and contracts."""
    origin, clone = tmp_path / "origin", tmp_path / "checkout"
    origin.mkdir()
    for folder in ("specs", "contracts"):
        shutil.copytree(ROOT / folder, origin / folder)
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "-c", "user.name=ci", "-c", "user.email=ci@example.invalid", "commit", "-q", "-m", "specs")
    _git(tmp_path, "clone", "-q", str(origin), str(clone))
    return clone


def _git(where: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=where, check=True, capture_output=True)


def _expand(text: str, values: Mapping[str, str]) -> str:
    return EXPRESSION.sub(lambda match: values[match.group(1)], text)


def _environment(checkout: Path, *layers: Mapping[str, str]) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "CI_"))}
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment["HOME"] = str(checkout.parent)
    environment["XDG_CACHE_HOME"] = str(checkout.parent / "cache")
    for layer in layers:
        environment.update(layer)
    return environment


def _run_steps(steps: list[Step], checkout: Path, *layers: Mapping[str, str]) -> list[Done]:
    done = []
    for step in steps:
        shell = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.script],
            cwd=checkout,
            env=_environment(checkout, *layers, step.env),
            capture_output=True,
            text=True,
            timeout=600,
        )
        done.append(Done(step.name, shell.returncode, shell.stdout + shell.stderr))
    return done


# GitHub Actions


def _github_steps(workflow: dict[str, Any], job: str, values: Mapping[str, str]) -> list[Step]:
    """The job's steps that run conformance, with their expressions evaluated."""
    steps = []
    for step in workflow["jobs"][job]["steps"]:
        script = step.get("run", "")
        if "conformance " not in script or script.startswith("pip install"):
            continue
        env = {key: _expand(str(value), values) for key, value in step.get("env", {}).items()}
        steps.append(Step(step.get("name", script), _expand(script, values), env))
    assert steps, f"job {job} runs no conformance command"
    return steps


def _github_values(mock_url: str, **more: str) -> dict[str, str]:
    return {
        "vars.API_BASE_URL": mock_url,
        "secrets.TELNYX_API_KEY": MOCK_SECRET,
        "github.run_id": "1",
        "github.base_ref": "main",
        **more,
    }


@pytest.mark.parametrize("path", GITHUB, ids=[path.name for path in GITHUB])
def test_a_github_workflow_has_the_shape_actions_needs(path: Path) -> None:
    workflow = _load(path)
    assert workflow["name"] and workflow["jobs"]
    assert True in workflow or "on" in workflow  # YAML 1.1 reads a bare `on` as true
    for job in workflow["jobs"].values():
        assert job["runs-on"] and job["timeout-minutes"] <= 60
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            for expression in EXPRESSION.findall(step.get("run", "")):
                pytest.fail(f"{path.name}: {expression!r} inside a script (pass it through env:)")
    assert (RECIPES.parent.parent / "README.md").read_text("utf-8").count(f"examples/ci/github/{path.name}") >= 1


def test_the_nightly_workflow_runs_then_compares_with_the_night_before(mock_url: str, checkout: Path) -> None:
    workflow = _load(RECIPES / "github" / "conformance-nightly.yml")
    steps = _github_steps(workflow, "nightly", _github_values(mock_url))
    first = _run_steps(steps, checkout)
    second = _run_steps(steps, checkout)
    assert [step.code for step in first + second] == [0] * (2 * len(steps)), first + second
    summary = json.loads((checkout / "reports" / "latest" / "report.json").read_text("utf-8"))["summary"]
    assert summary["baseline"]["new"] == 0  # the second night was compared with the first: nothing new
    assert summary["baseline"]["known"] == summary["errors"] + summary["warnings"] + summary["infos"]
    assert len((checkout / "reports" / "history.jsonl").read_text("utf-8").splitlines()) == 2


def test_the_pull_request_workflow_passes_an_unchanged_spec_and_stops_a_breaking_one(
    mock_url: str, checkout: Path
) -> None:
    workflow = _load(RECIPES / "github" / "conformance-pull-request.yml")
    values = _github_values(mock_url)
    steps = _github_steps(workflow, "spec", values)
    unchanged = _run_steps(steps, checkout, workflow["env"])
    assert [step.code for step in unchanged] == [0] * len(steps), unchanged
    shutil.copyfile(NEXT_SPEC, checkout / SPEC_FILE)
    breaking = _run_steps(steps, checkout, workflow["env"])
    assert breaking[0].code == 1, breaking[0]
    assert (checkout / "reports" / "diff" / "report.json").is_file()


def test_the_pre_upgrade_workflow_tells_a_same_spec_from_a_breaking_one(mock_url: str, checkout: Path) -> None:
    workflow = _load(RECIPES / "github" / "conformance-pre-upgrade.yml")
    same = _run_steps(
        _github_steps(workflow, "upgrade-check", _github_values(mock_url, **{"inputs.new_spec": SPEC_FILE})), checkout
    )
    assert [step.code for step in same] == [0], same
    shutil.copyfile(NEXT_SPEC, checkout / "next.yml")
    breaking = _run_steps(
        _github_steps(workflow, "upgrade-check", _github_values(mock_url, **{"inputs.new_spec": "next.yml"})), checkout
    )
    assert [step.code for step in breaking] == [1], breaking
    assert (checkout / "reports" / "upgrade" / "report.json").is_file()


def test_the_sharded_workflow_merges_its_shards_into_one_run(mock_url: str, checkout: Path) -> None:
    workflow = _load(RECIPES / "github" / "conformance-sharded.yml")
    shards = workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"]
    for shard in shards:
        done = _run_steps(
            _github_steps(workflow, "shard", _github_values(mock_url, **{"matrix.shard": str(shard)})), checkout
        )
        assert [step.code for step in done] == [0], done
    merged = _run_steps(_github_steps(workflow, "merge", _github_values(mock_url)), checkout)
    assert [step.code for step in merged] == [0], merged
    assert _operations(checkout / "reports" / "latest") == 15


def _operations(report_dir: Path) -> int:
    return len(json.loads((report_dir / "report.json").read_text("utf-8"))["operations"])


# GitLab CI


def _gitlab_script(job: dict[str, Any]) -> str:
    return "\n".join(line for line in job["script"] if "pip install" not in line)


def test_the_gitlab_pipeline_has_the_shape_gitlab_needs() -> None:
    pipeline = _load(GITLAB)
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    assert set(jobs) == {"conformance-shard", "conformance-merge", "spec-diff"}
    for job in jobs.values():
        assert job["stage"] in pipeline["stages"]
        assert all(isinstance(line, str) for line in job["script"])
    assert jobs["conformance-merge"]["needs"] == ["conformance-shard"]
    assert "examples/ci/gitlab/.gitlab-ci.yml" in (ROOT / "README.md").read_text("utf-8")


def test_the_gitlab_pipeline_runs_its_shards_merges_them_and_diffs_a_merge_request(checkout: Path) -> None:
    pipeline = _load(GITLAB)
    total = int(pipeline["conformance-shard"]["parallel"])
    variables = {key: str(value) for key, value in pipeline["variables"].items()}
    for index in range(1, total + 1):
        shard = Step("shard", _gitlab_script(pipeline["conformance-shard"]), {})
        done = _run_steps([shard], checkout, variables, {"CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(total)})
        assert done[0].code == 0, done
    merge = _run_steps([Step("merge", _gitlab_script(pipeline["conformance-merge"]), {})], checkout, variables)
    assert merge[0].code == 0, merge
    assert _operations(checkout / "reports" / "latest") == 15
    shutil.copyfile(NEXT_SPEC, checkout / SPEC_FILE)
    request = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_PIPELINE_SOURCE": "merge_request_event"}
    diff = _run_steps([Step("diff", _gitlab_script(pipeline["spec-diff"]), {})], checkout, variables, request)
    assert diff[0].code == 1, diff
    assert (checkout / "reports" / "diff" / "report.json").is_file()
