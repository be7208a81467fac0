"""Hostile and unusual specs through the command line, as a user meets them.

A spec no tool can walk (a ``$ref`` cycle with no structure, an alias bomb, 100,000 levels of
nesting) or that is not OpenAPI 3 makes every command that reads it exit 2 with one line naming
the file, where in it, and the problem: no traceback, no hang, no crash. A recursive schema with
real structure and parameters declared with ``content`` are valid OpenAPI and work. The specs are
in ``tests/specs/hostile/`` (see its README); the large ones are made here.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.servers import free_port

HOSTILE = Path(__file__).parent / "specs" / "hostile"
WITHIN_S = 20  # each command, on a loaded machine; before these fixes some never ended
CLI = [sys.executable, "-m", "conformance"]


def _deep_json(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_text('{"openapi": "3.1.0", "x-deep":\n' + "[" * 100_000 + "]" * 100_000 + "}\n")
    return path


def _deep_yaml(folder: Path) -> Path:
    path = folder / "deep.yaml"  # the C loader recursed into this until the process died (SIGSEGV)
    path.write_text("openapi: 3.1.0\nx-deep: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return path


def _huge_version(folder: Path) -> Path:
    path = folder / "huge.json"  # an error quotes the version: a few hundred characters of it, not all
    path.write_text(json.dumps({"openapi": "4." + "0" * 200_000, "info": {"title": "t", "version": "1"}}))
    return path


def _vendored(name: str) -> Any:
    return lambda folder: HOSTILE / name


# (the spec, what its one line says after the file name)
REFUSED = {
    "ref_cycle": (
        _vendored("ref_cycle.json"),
        "/components/schemas/A: $ref cycle with no structure "
        "(/components/schemas/A -> /components/schemas/B -> /components/schemas/A)",
    ),
    "allof_self": (_vendored("allof_self.yaml"), "/components/schemas/Node: $ref cycle with no structure"),
    "alias_bomb": (_vendored("alias_bomb.yaml"), "line 11: more than 5,000,000 values once its aliases are expanded"),
    "deep_json": (_deep_json, "line 2: nested too deeply to read"),
    "deep_yaml": (_deep_yaml, "line 2: nested more than 500 levels deep"),
    "array": (_vendored("array.json"), "not an OpenAPI document: the top level is an array"),
    "scalar": (_vendored("scalar.yaml"), "not an OpenAPI document: the top level is a string"),
    "no_openapi": (_vendored("no_openapi.json"), "openapi: not an OpenAPI document (no 'openapi' version)"),
    "swagger2": (_vendored("swagger2.json"), "swagger: Swagger 2.0 is not supported; OpenAPI 3.0 and 3.1 are"),
    "huge_value": (_huge_version, "openapi: OpenAPI 4.000"),
}
# The ones that hung or crashed the tool: every command that reads a spec meets them.
EVERY_COMMAND = ("ref_cycle", "allof_self", "alias_bomb", "deep_yaml")


def _project(folder: Path, spec: Path) -> Path:
    """A project folder whose one contract points at ``spec`` (as if the file had been edited after init)."""
    (folder / "specs" / "h").mkdir(parents=True)
    (folder / "contracts").mkdir()
    copy = folder / "specs" / "h" / spec.name
    copy.write_bytes(spec.read_bytes())
    (folder / "contracts" / "h.yaml").write_text(f"api: h\nspec: ../specs/h/{spec.name}\n")
    return copy


def _commands(spec: Path, folder: Path) -> dict[str, tuple[list[str], Path]]:
    """Each command that reads a spec, and the file its error must name."""
    copy = _project(folder / "project", spec)
    project = ["--project", str(folder / "project")]
    return {
        "run --spec": ([*CLI, "run", "--spec", str(spec), "--report-dir", str(folder / "r")], spec),
        "init": ([*CLI, "init", "h2", "--spec", str(spec), "--project", str(folder / "init")], spec),
        "list": ([*CLI, "list", *project], copy),
        "run": ([*CLI, "run", "h", *project, "--report-dir", str(folder / "r2")], copy),
        "mock": ([*CLI, "mock", "h", *project, "--port", str(free_port())], copy),
    }


def _one_line_error(command: list[str], named: Path, says: str) -> None:
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=WITHIN_S, check=False)
    took = time.monotonic() - started
    assert done.returncode == 2, (command, done.returncode, done.stderr[-2000:])
    [line] = done.stderr.splitlines()
    assert line.startswith(f"conformance: error: {named}: "), line
    assert says in line and len(line) < 1500, line
    assert took < WITHIN_S


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_hostile_spec_is_one_line_and_exit_2_for_run(case: str, tmp_path: Path) -> None:
    make, says = REFUSED[case]
    spec = make(tmp_path)
    _one_line_error([*CLI, "run", "--spec", str(spec), "--report-dir", str(tmp_path / "r")], spec, says)


@pytest.mark.parametrize("case", EVERY_COMMAND)
def test_a_spec_that_hung_or_crashed_the_tool_is_one_line_for_every_command(case: str, tmp_path: Path) -> None:
    make, says = REFUSED[case]
    for name, (command, named) in _commands(make(tmp_path), tmp_path).items():
        if name != "run --spec":  # the test above
            _one_line_error(command, named, says)


def test_a_recursive_schema_with_structure_runs_with_no_finding(tmp_path: Path) -> None:
    spec = HOSTILE / "tree.yaml"
    command = [*CLI, "run", "--spec", str(spec), "--report-dir", str(tmp_path), "--max-examples", "2", "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["findings"] == [] and report["summary"]["requests"] > 0


def test_the_mock_of_a_recursive_schema_serves_valid_bounded_trees(tmp_path: Path) -> None:
    _project(tmp_path, HOSTILE / "tree.yaml")
    port = free_port()
    command = [*CLI, "mock", "h", "--project", str(tmp_path), "--port", str(port)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        try:
            trees = [_get(process, f"http://127.0.0.1:{port}/trees/{number}") for number in range(1, 6)]
        finally:
            process.terminate()
            process.communicate(timeout=30)
    document = yaml.safe_load((HOSTILE / "tree.yaml").read_text())
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:tree", resource)
    validator = Draft202012Validator({"$ref": "urn:tree#/components/schemas/Node"}, registry=registry)
    for tree in trees:
        validator.validate(tree)
        assert _depth(tree) <= 12 and len(json.dumps(tree)) < 50_000


def _get(process: subprocess.Popen[bytes], url: str) -> Any:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, process.communicate()[1].decode()
        try:
            response = httpx.get(url, timeout=30)
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the mock did not start"
            time.sleep(0.05)
            continue
        assert response.status_code == 200, response.text
        return response.json()


def _depth(value: Any) -> int:
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return 1 + max((_depth(child) for child in children), default=0)


def test_parameters_declared_with_content_work(tmp_path: Path) -> None:
    spec = HOSTILE / "content_parameter.yaml"
    command = [*CLI, "run", "--spec", str(spec), "--report-dir", str(tmp_path), "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    [operation] = report["operations"]
    assert report["findings"] == []
    assert operation["requests"]["valid"] > 0 and operation["statuses"]["200"] == operation["requests"]["valid"]
    assert operation["statuses"]["422"] == operation["requests"]["invalid"]


def test_the_mock_on_a_busy_port_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        _project(tmp_path, HOSTILE / "tree.yaml")
        command = [*CLI, "mock", "h", "--project", str(tmp_path), "--port", str(port)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=WITHIN_S, check=False, env=os.environ)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"conformance: error: port {port} on 127.0.0.1 is in use; choose another with --port"
    ]
