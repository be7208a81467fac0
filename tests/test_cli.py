"""The command line as users script it: exit codes, one-line errors, reports, secrets, interrupts."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from conformance._arguments import shows_default
from conformance._bundled import contracts_dir
from conformance.cli import main, parser
from conformance.contracts import Api
from conformance.mock import create_app
from tests.contracts.pets import pets, write_pets
from tests.servers import drifted, free_port, json_drift, serve

SECRET = "sk-live/9f8e+7d6c=5b4a"
REPORT_SCHEMA = json.loads((Path(__file__).parents[1] / "conformance/reporting/report.schema.json").read_text())


def valid_report(directory: Path) -> dict[str, Any]:
    document = json.loads((directory / "report.json").read_text())
    Draft202012Validator(REPORT_SCHEMA, format_checker=FormatChecker()).validate(document)
    return document


def test_default_run_against_the_mock_exits_0_and_writes_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", "--report-dir", str(tmp_path), "--max-examples", "2"])
    assert code == 0
    document = valid_report(tmp_path)
    assert document["summary"]["errors"] == 0
    assert {op["api"] for op in document["operations"]} == {"telnyx", "freeplay", "revring"}
    assert document["header"]["complete"] is True
    assert (tmp_path / "junit.xml").is_file() and (tmp_path / "report.md").read_text().startswith(
        "# Conformance report: PASS"
    )
    assert "0 errors" in capsys.readouterr().out


def test_fail_on_warning_turns_warnings_into_exit_1(tmp_path: Path) -> None:
    # Freeplay documents no errors, so its 400s to invalid requests are warnings.
    assert main(["run", "freeplay", "--report-dir", str(tmp_path), "--max-examples", "1"]) == 0
    assert main(["run", "freeplay", "--report-dir", str(tmp_path), "--max-examples", "1", "--fail-on", "warning"]) == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run", "nosuchapi"], "unknown API 'nosuchapi'"),
        (["run", "telnyx", "--operation", "nope"], "--operation 'nope'"),
        (["run", "telnyx", "revring", "--base-url", "http://127.0.0.1:9"], "--base-url needs exactly one API"),
        (["run", "telnyx", "--base-url", "ftp://x"], "is not an http(s) URL"),
        (["mock", "nosuchapi"], "unknown API"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_bad_contract_names_file_and_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(contracts_dir(), tmp_path / "contracts")
    shutil.copytree(contracts_dir().parent / "specs", tmp_path / "specs")
    contract = tmp_path / "contracts" / "revring.yaml"
    contract.write_text(contract.read_text().replace("safety: costly", "safety: expensive"))
    assert main(["list", "--contracts", str(tmp_path / "contracts")]) == 2
    err = capsys.readouterr().err.strip()
    assert "revring.yaml" in err and "operations.startTestSuiteRun.safety" in err and "expensive" in err
    assert "\n" not in err


def test_broken_spec_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(contracts_dir(), tmp_path / "contracts")
    shutil.copytree(contracts_dir().parent / "specs", tmp_path / "specs")
    spec = tmp_path / "specs" / "revring" / "test_suite_runs.yml"
    spec.write_text(spec.read_text().replace("  /v1/test-suites/{id}/runs:", "  /v1/test-suites/{id}/runs: [", 1))
    assert main(["run", "revring", "--contracts", str(tmp_path / "contracts")]) == 2
    err = capsys.readouterr().err.strip()
    assert "test_suite_runs.yml: line " in err and "invalid YAML" in err and "\n" not in err


def test_unreachable_target_exits_3_with_a_report(tmp_path: Path) -> None:
    code = main(["run", "telnyx", "--base-url", f"http://127.0.0.1:{free_port()}", "--report-dir", str(tmp_path)])
    assert code == 3
    document = valid_report(tmp_path)
    assert document["summary"]["by_check"]["transport"]["error"] > 0


def test_secrets_never_leak_even_when_the_server_reflects_them(
    catalog: dict[str, Api], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELNYX_API_KEY", SECRET)
    with serve(_reflecting(create_app(catalog["telnyx"]))) as base_url:
        code = main(["run", "telnyx", "--base-url", base_url, "--report-dir", str(tmp_path), "--max-examples", "1"])
    assert code == 0
    output = capsys.readouterr()
    written = "".join(path.read_text() for path in tmp_path.iterdir())
    assert "undocumented_field" in written  # the reflected secret was reported...
    assert "[REDACTED]" in written  # ...with the secret replaced
    forms = {SECRET, quote(SECRET, safe=""), SECRET.replace("/", "\\/"), SECRET.replace("/", "~1"), "9f8e"}
    for text in (written, output.out, output.err):
        for form in forms:
            assert form not in text


def _reflecting(app: Any) -> Any:
    """A server that echoes the request's token every way a server might: as a value, as a key,
    percent-encoded in a header, and JSON-escaped with ``\\/``."""

    async def wrapper(scope: dict[str, Any], receive: Any, send: Any) -> None:
        auth = dict(scope.get("headers", [])).get(b"authorization", b"").decode()
        token = auth.removeprefix("Bearer ")
        chunks: list[bytes] = []
        start: dict[str, Any] = {}

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            if body.startswith(b"{"):
                reflected = {**json.loads(body), "echo": auth, token: 1}
                body = json.dumps(reflected).replace("/", "\\/").encode()
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            headers.append((b"x-echo-url", f"/?t={quote(token, safe='')}".encode()))
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, capture)

    return wrapper


def _slow(app: Any, delay: float) -> Any:
    async def wrapper(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await asyncio.sleep(delay)
        await app(scope, receive, send)

    return wrapper


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupted_or_killed_run_leaves_a_valid_report(catalog: dict[str, Api], tmp_path: Path, how: int) -> None:
    env = {**os.environ, "TELNYX_API_KEY": SECRET}
    with serve(_slow(create_app(catalog["telnyx"]), 0.02)) as base_url:
        command = [
            sys.executable,
            "-m",
            "conformance",
            "run",
            "telnyx",
            "--base-url",
            base_url,
            "--report-dir",
            str(tmp_path),
        ]
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
            _wait_for_an_operation(process)
            process.send_signal(how)
            _, err = process.communicate(timeout=30)
    document = valid_report(tmp_path)
    assert document["header"]["complete"] is False, (process.returncode, err.decode())
    assert (tmp_path / "findings.ndjson").exists()
    if how != signal.SIGKILL:
        assert process.returncode == 128 + how, err.decode()
        assert document["header"]["interrupted"] is True
        assert document["summary"]["verdict"].endswith("(incomplete: interrupted)")
        assert len(document["operations"]) >= 1  # what was done before the interruption is kept
        assert b"Traceback" not in err


def _wait_for(path: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "no report appeared"
        time.sleep(0.02)


def _wait_for_an_operation(process: subprocess.Popen[bytes]) -> None:
    """Until the console (plain lines, flushed as they come) says an operation has finished."""
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before it could be interrupted"
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready and b" requests, " in process.stdout.readline():
            return
    raise AssertionError("no operation finished within 60 s")


def test_a_report_dir_that_cannot_be_written_fails_before_any_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    occupied = tmp_path / "a-file"
    occupied.write_text("")
    assert main(["run", "revring", "--report-dir", str(occupied)]) == 2
    output = capsys.readouterr()
    assert "cannot write reports there" in output.err and "Traceback" not in output.err
    assert output.out == ""  # nothing was run


def test_live_runs_against_the_base_url_of_the_contract(
    catalog: dict[str, Api], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVRING_API_KEY", SECRET)
    contracts = tmp_path / "contracts"
    shutil.copytree(contracts_dir(), contracts)
    shutil.copytree(contracts_dir().parent / "specs", tmp_path / "specs")
    with serve(create_app(catalog["revring"])) as base_url:
        contract = contracts / "revring.yaml"
        contract.write_text(contract.read_text().replace("https://api.revring.ai", base_url))
        argv = ["run", "revring", "--live", "--contracts", str(contracts), "--report-dir", str(tmp_path / "r")]
        argv += ["--operation", "startTestSuiteRun", "--allow", "costly", "--max-examples", "1"]
        assert main(argv) == 0
    document = valid_report(tmp_path / "r")
    assert document["run"]["target"] == base_url
    assert document["summary"]["requests"] > 0


def test_costly_operation_is_not_sent_live_without_allow(catalog: dict[str, Api], tmp_path: Path) -> None:
    with serve(create_app(catalog["revring"])) as base_url:
        argv = ["run", "revring", "--base-url", base_url, "--operation", "startTestSuiteRun"]
        assert main([*argv, "--report-dir", str(tmp_path)]) == 2
    document = valid_report(tmp_path)
    [operation] = document["operations"]
    message = "costly: not sent to a live API without --allow costly"
    assert operation["skipped"] == {"code": "costly", "message": message}
    assert operation["requests"] == {"valid": 0, "invalid": 0}
    assert document["summary"]["verdict"] == "NOTHING TESTED"
    assert document["summary"]["stop_message"] == "every selected operation is costly: add --allow costly"


def test_a_run_that_tests_nothing_says_why_and_exits_2(
    catalog: dict[str, Api], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(create_app(catalog["revring"])) as base_url:
        assert main(["run", "revring", "--base-url", base_url, "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    expected = "every selected operation is costly: add --allow costly"
    assert f"conformance: error: nothing tested: {expected}" in err


def test_a_secret_with_a_trailing_newline_is_trimmed(
    catalog: dict[str, Api], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELNYX_API_KEY", SECRET + "\n")
    with serve(create_app(catalog["telnyx"])) as base_url:
        assert (
            main(["run", "telnyx", "--base-url", base_url, "--report-dir", str(tmp_path), "--max-examples", "1"]) == 0
        )
    assert "status_code" not in valid_report(tmp_path)["summary"]["by_check"]


def test_a_secret_with_control_characters_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELNYX_API_KEY", "abc\x01def")
    assert main(["run", "telnyx", "--base-url", "http://127.0.0.1:9", "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "TELNYX_API_KEY contains control characters" in err and "abc" not in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run", "telnyx", "--base-url", ""], "is not an http(s) URL with a host"),
        (["run", "telnyx", "--base-url", "http://"], "is not an http(s) URL with a host"),
        (["run", "telnyx", "--base-url", "http://127.0.0.1:99999"], "--base-url 'http://127.0.0.1:99999'"),
    ],
)
def test_bad_base_urls_are_usage_errors(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_mock_port_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["mock", "telnyx", "--port", "70000"])
    assert exited.value.code == 2
    assert "expected a port from 1 to 65535" in capsys.readouterr().err


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interrupting_the_default_run_against_the_mock_stops_it(tmp_path: Path, how: int) -> None:
    command = [sys.executable, "-m", "conformance", "run", "--report-dir", str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        _wait_for(tmp_path / "report.json", process)
        process.send_signal(how)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + how, err.decode()
    document = valid_report(tmp_path)
    assert document["header"]["interrupted"] is True and document["header"]["complete"] is False
    assert len(document["operations"]) < 15  # it stopped, it did not run to the end


def test_sigterm_stops_a_run_whose_sigint_is_ignored(tmp_path: Path) -> None:
    # What a job started with `&` from a script inherits: SIGINT ignored. SIGTERM must still work.
    command = [sys.executable, "-m", "conformance", "run", "--report-dir", str(tmp_path)]
    ignore_sigint = lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)  # noqa: E731
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=ignore_sigint
    ) as process:
        _wait_for(tmp_path / "report.json", process)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 143, err.decode()
    assert valid_report(tmp_path)["header"]["interrupted"] is True


def test_two_runs_with_the_same_seed_write_the_same_report(tmp_path: Path) -> None:
    # Nightly baselines compare tonight's report with last night's: only the header may differ.
    documents = []
    for name in ("first", "second"):
        command = [sys.executable, "-m", "conformance", "run", "--report-dir", str(tmp_path / name), "--seed", "11"]
        subprocess.run([*command, "--max-examples", "3"], check=True, capture_output=True)
        document = valid_report(tmp_path / name)
        del document["header"]
        documents.append(document)
    assert documents[0] == documents[1]
    junits = [
        re.sub(r' (time|timestamp)="[^"]*"', "", (tmp_path / n / "junit.xml").read_text()) for n in ("first", "second")
    ]
    assert junits[0] == junits[1]  # but for its times


def test_a_run_leaves_nothing_in_the_working_directory_but_its_reports(tmp_path: Path) -> None:
    work, cache = tmp_path / "work", tmp_path / "cache"
    work.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("HYPOTHESIS_STORAGE_DIRECTORY", None)
    command = [sys.executable, "-m", "conformance", "run", "revring", "--max-examples", "2"]
    subprocess.run(command, cwd=work, env=env, check=True, capture_output=True)
    assert sorted(p.name for p in work.iterdir()) == ["reports"]
    assert (cache / "conformance" / "hypothesis").is_dir()


def test_explain_prints_what_a_code_means(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "error_location"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("error_location: 422 blames the wrong part\n") and "Why it matters:" in out


def test_explain_an_unknown_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "nope"]) == 2
    assert "unknown finding code 'nope'" in capsys.readouterr().err


def test_run_help_lists_every_finding_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = capsys.readouterr().out
    assert "valid_request_rejected" in out and "conformance explain CODE" in out


def test_quiet_prints_only_the_final_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "revring", "--quiet", "--max-examples", "1", "--report-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert " requests in " in out[0] and out[0].endswith(" warnings")
    assert (tmp_path / "findings.ndjson").exists()


# Project folders, `conformance init` and `run --spec`: the pets spec of tests/contracts/pets.py.

TELNYX_GET = "get_assistant_tests_public_assistants_tests_get"


def test_init_vendors_the_spec_locks_it_and_writes_a_contract_that_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_pets(tmp_path / "openapi.json")
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    assert main(["init", "pets", "--spec", str(source)]) == 0
    vendored = project / "specs" / "pets" / "openapi.json"
    assert vendored.read_bytes() == source.read_bytes()
    entry = yaml.safe_load((project / "specs" / "lock.yaml").read_text())["pets"]
    assert entry["file"] == "pets/openapi.json" and entry["changes"] == "none"
    assert entry["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert entry["source"] == {"path": str(source)} and isinstance(entry["retrieved"], date)
    contract = (project / "contracts" / "pets.yaml").read_text()
    assert "  # POST /pets\n  add_pet: {safety: unsafe}\n" in contract
    assert "  # GET /pets/{pet_id}\n  get_pet: {safety: safe}\n" in contract
    assert yaml.safe_load(contract)["auth"] == {"env": "CONFORMANCE_TOKEN"}
    capsys.readouterr()
    assert main(["list"]) == 0
    listing = capsys.readouterr().out
    assert listing.startswith(f"contracts: {project / 'contracts'} (project folder)\n")
    assert "pets: Pet Store (no base URL; secret from CONFORMANCE_TOKEN)" in listing
    assert "  unsafe  POST /pets  [add_pet]  (live: only with --allow unsafe)\n" in listing
    assert "  safe    GET /pets/{pet_id}  [get_pet]\n" in listing
    assert main(["specs", "verify"]) == 0 and "ok  pets: openapi.json" in capsys.readouterr().out
    assert main(["run", "--report-dir", str(tmp_path / "r"), "--max-examples", "2"]) == 0
    document = valid_report(tmp_path / "r")
    assert {op["api"] for op in document["operations"]} == {"pets"} and document["summary"]["requests"] > 0


def test_init_refuses_to_overwrite_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_pets(tmp_path / "pets.yml")
    monkeypatch.chdir(tmp_path)
    assert main(["init", "pets", "--spec", str(source), "--auth-env", "PETS_TOKEN"]) == 0
    contract = tmp_path / "contracts" / "pets.yaml"
    contract.write_text(contract.read_text() + "# my edit\n")
    capsys.readouterr()
    assert main(["init", "pets", "--spec", str(source)]) == 2
    err = capsys.readouterr().err
    assert "already exist; --force overwrites" in err and err.count("\n") == 1
    assert contract.read_text().endswith("# my edit\n")
    assert main(["init", "pets", "--spec", str(source), "--force"]) == 0
    assert "# my edit" not in contract.read_text() and "env: CONFORMANCE_TOKEN" in contract.read_text()
    lock = (tmp_path / "specs" / "lock.yaml").read_text()
    assert lock.count("pets:") == 1 and "pets/pets.yml" in lock


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["init", "Pets!", "--spec", "x.json"], "API name 'Pets!'"),
        (["init", "pets", "--spec", "missing.json"], "missing.json: cannot read"),
        (["list", "--project", "nowhere"], "--project nowhere: no specs/ and contracts/ folders there"),
        (["run", "--spec", "x.json", "--contracts", "c"], "no --contracts or --project with it"),
    ],
)
def test_init_project_and_spec_usage_errors(
    argv: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1
    assert not (tmp_path / "specs").exists() and not (tmp_path / "contracts").exists()


def _edited_project(root: Path) -> Path:
    """A copy of the bundled folders where one safe telnyx operation is made costly."""
    shutil.copytree(contracts_dir(), root / "contracts")
    shutil.copytree(contracts_dir().parent / "specs", root / "specs")
    contract = root / "contracts" / "telnyx.yaml"
    edited = f"  {TELNYX_GET}: {{safety: safe}}"
    assert edited in contract.read_text()
    contract.write_text(contract.read_text().replace(edited, f"  {TELNYX_GET}: {{safety: costly}}"))
    return root


def _telnyx_get_safety(listing: str) -> str:
    [line] = [line for line in listing.splitlines() if f"[{TELNYX_GET}]" in line]
    return line.split()[0]


def test_an_edited_contract_in_the_project_folder_wins_over_the_bundled_one(tmp_path: Path) -> None:
    project = _edited_project(tmp_path / "project")
    command = [sys.executable, "-m", "conformance", "list"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    listing = subprocess.run(command, cwd=project, env=env, check=True, capture_output=True, text=True).stdout
    assert listing.startswith(f"contracts: {project / 'contracts'} (project folder)")
    assert _telnyx_get_safety(listing) == "costly"


def test_project_precedence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _edited_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["list"]) == 0
    listing = capsys.readouterr().out
    assert "(bundled with the package)" in listing.splitlines()[0] and _telnyx_get_safety(listing) == "safe"
    assert main(["list", "--project", str(project)]) == 0
    assert _telnyx_get_safety(capsys.readouterr().out) == "costly"
    monkeypatch.chdir(project)
    assert main(["list"]) == 0
    assert _telnyx_get_safety(capsys.readouterr().out) == "costly"
    assert main(["list", "--contracts", str(contracts_dir())]) == 0  # --contracts still overrides
    listing = capsys.readouterr().out
    assert listing.startswith(f"contracts: {contracts_dir()} (--contracts)") and _telnyx_get_safety(listing) == "safe"


def test_run_spec_file_runs_against_the_mock_without_a_contract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = write_pets(tmp_path / "pets.json")
    monkeypatch.chdir(tmp_path)
    assert main(["run", "--spec", str(spec), "--report-dir", str(tmp_path / "r"), "--max-examples", "2"]) == 0
    document = valid_report(tmp_path / "r")
    assert {op["api"] for op in document["operations"]} == {"pet-store"}
    assert document["summary"]["requests"] > 0 and document["summary"]["errors"] == 0
    assert not (tmp_path / "contracts").exists()


def test_run_spec_url_runs_against_the_origin_of_the_spec_plus_its_server_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Mount, Route

    from conformance.contracts import bind, derive_contract
    from conformance.specs import load_spec

    spec = load_spec("pet-store", write_pets(tmp_path / "pets.json"))
    api_app = create_app(bind(derive_contract(spec), spec))
    site = Starlette(
        routes=[Route("/docs/openapi.json", lambda request: JSONResponse(pets())), Mount("/v1", app=api_app)]
    )
    monkeypatch.setenv("PETS_TOKEN", SECRET)
    with serve(site) as origin:
        argv = ["run", "--spec", f"{origin}/docs/openapi.json", "--auth-env", "PETS_TOKEN"]
        assert main([*argv, "--report-dir", str(tmp_path / "r"), "--max-examples", "2"]) == 0
    document = valid_report(tmp_path / "r")
    assert document["run"]["target"] == f"{origin}/v1"
    skipped = {op["operation_id"]: op["skipped"] for op in document["operations"]}
    assert skipped["add_pet"] and skipped["list_pets"] is None  # a live target: unsafe is opt-in
    assert document["summary"]["errors"] == 0 and document["summary"]["requests"] > 0


def test_live_needs_a_base_url_when_the_spec_names_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_pets(tmp_path / "pets.json")
    assert main(["run", "--spec", str(spec), "--live", "--report-dir", str(tmp_path / "r")]) == 2
    assert "pet-store has no base URL" in capsys.readouterr().err


def test_auth_env_must_be_a_variable_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["init", "pets", "--spec", "x.json", "--auth-env", "my-token"])
    assert exited.value.code == 2
    assert "expected an environment variable name like MY_TOKEN, got 'my-token'" in capsys.readouterr().err


def test_findings_ndjson_grows_while_the_run_goes_on(catalog: dict[str, Api], tmp_path: Path) -> None:
    """Each finding is on disk as soon as it is seen, long before the run ends."""
    drift = json_drift(lambda method, path, status: status == 200, lambda body: {**body, "undocumented": 1})
    env = {**os.environ, "TELNYX_API_KEY": SECRET}
    findings = tmp_path / "findings.ndjson"
    with serve(_slow(drifted(create_app(catalog["telnyx"]), drift), 0.05)) as base_url:
        command = [sys.executable, "-m", "conformance", "run", "telnyx", "--base-url", base_url]
        command += ["--report-dir", str(tmp_path), "--quiet"]
        with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
            sizes = []
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline and len(set(sizes)) < 3:
                sizes.append(findings.stat().st_size if findings.exists() else 0)
                time.sleep(0.05)
            running = process.poll() is None
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=30)
    assert running, "the run ended before findings.ndjson was seen growing"
    assert len({size for size in sizes if size > 0}) >= 2  # it grew at least twice while the run went on
    lines = findings.read_text("utf-8").splitlines()
    assert lines and all(json.loads(line)["fingerprint"] for line in lines)


def test_a_bug_of_the_tool_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conformance.checks import base

    def broken(ctx: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(base.CHECKS, "schema", broken)
    assert main(["run", "revring", "--max-examples", "1", "--report-dir", str(tmp_path), "--quiet"]) == 70
    err = capsys.readouterr().err
    assert "conformance: internal error: ZeroDivisionError: division by zero" in err and "Traceback" not in err
    report = valid_report(tmp_path)
    assert report["summary"]["stop"] == "failed" and report["header"]["complete"] is False


def _subcommands(parser: argparse.ArgumentParser, name: str = "conformance") -> Iterator[tuple[str, Any]]:
    """Every parser of the command line, the top one and each subcommand's, at any depth."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, subparser in action.choices.items():
                yield from _subcommands(subparser, f"{name} {command}")


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    ignored = (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)
    return [action for action in parser._actions if not isinstance(action, ignored)]


SUBCOMMANDS = dict(_subcommands(parser()))


def test_the_walk_finds_every_subcommand() -> None:
    assert {"conformance run", "conformance mock", "conformance specs vendor"} <= set(SUBCOMMANDS)


@pytest.mark.parametrize("command", sorted(SUBCOMMANDS))
def test_every_option_says_what_it_does_and_its_default(command: str) -> None:
    parser = SUBCOMMANDS[command]
    formatter = parser._get_formatter()
    for action in _options(parser):
        name = "/".join(action.option_strings) or action.dest
        assert action.help and action.help is not argparse.SUPPRESS, f"{command} {name}: no help"
        shown = formatter._expand_help(action)
        if shows_default(action):
            assert "default" in shown, f"{command} {name}: the help does not name its default {action.default!r}"
    parser.format_help()  # every help text expands


def _has_subcommands(parser: argparse.ArgumentParser) -> bool:
    return any(isinstance(action, argparse._SubParsersAction) for action in parser._actions)


@pytest.mark.parametrize("command", [c for c, parser in sorted(SUBCOMMANDS.items()) if not _has_subcommands(parser)])
def test_a_mistyped_option_shows_the_usage_of_its_subcommand(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = command.split()[1:]
    required = {
        "conformance mock": ["telnyx"],
        "conformance explain": ["schema"],
        "conformance init": ["x", "--spec", "y"],
        "conformance diff": ["old.yml", "new.yml"],
        "conformance merge": ["shard-1"],
        "conformance upgrade-check": ["telnyx", "--new-spec", "new.yml"],
        "conformance specs update": ["telnyx", "--from", "new.yml"],
    }
    required["conformance specs vendor"] = ["spec.json", "--prefix", "/a", "--out", "x.json"]
    with pytest.raises(SystemExit) as exited:
        main([*argv, *required.get(command, []), "--bogus-option"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: {command} ") and "unrecognized arguments: --bogus-option" in err


def test_a_mistyped_option_names_the_nearest_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--max-exampels", "3"])
    err = capsys.readouterr().err
    assert err.startswith("usage: conformance run ")
    assert err.endswith("unrecognized arguments: --max-exampels (did you mean --max-examples?)\n")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run", "telnix"], "unknown API 'telnix' (did you mean 'telnyx'?)"),
        (["mock", "revrin"], "unknown API 'revrin' (did you mean 'revring'?)"),
        (["explain", "requierd_field"], "unknown finding code 'requierd_field' (did you mean 'required_field'?)"),
        (
            ["run", "revring", "--operation", "startTestSuiteRuns"],
            "--operation 'startTestSuiteRuns': no such operation in revring (did you mean 'startTestSuiteRun'?)",
        ),
    ],
)
def test_an_unknown_name_gets_a_suggestion(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert expected in capsys.readouterr().err


def test_examples_reports_the_telnyx_docs_run_lacking_its_statuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["examples", "telnyx", "--report-dir", str(tmp_path)]) == 1
    document = valid_report(tmp_path)
    assert document["run"]["command"] == "examples"
    missing = {
        (f["code"], f["severity"], f["method"], f["location"]["pointer"], f["evidence"]["file"])
        for f in document["findings"]
    }
    docs = "specs/telnyx/docs/002_33ea8541e6db1c64.yaml"
    assert missing == {
        ("required_field", "error", "GET", "/status", docs),
        ("required_field", "error", "GET", "/detail_status/0/status", docs),
    }
    out = capsys.readouterr().out
    assert "required_field: 'status' is a required property at /detail_status/0/status" in out
    assert re.fullmatch(r"\d+ examples in [0-9.]+ s: 2 errors, 0 warnings", out.splitlines()[-1])
    assert (tmp_path / "report.md").read_text().startswith("# Examples report: FAIL")
    lines = (tmp_path / "findings.ndjson").read_text().splitlines()
    assert len(lines) == 2


def test_examples_of_apis_whose_examples_fit_exit_0(tmp_path: Path) -> None:
    assert main(["examples", "freeplay", "revring", "--report-dir", str(tmp_path)]) == 0
    assert valid_report(tmp_path)["summary"]["errors"] == 0


def test_examples_of_an_unknown_api_is_one_line_naming_the_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["examples", "nope", "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "conformance: error: unknown API 'nope' (known: freeplay, revring, telnyx)"
    assert not (tmp_path / "report.json").exists()


def test_examples_of_a_users_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "pets.yaml"
    pet = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
    content = {"application/json": {"schema": pet, "example": {"name": "Rex"}}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1"},
        "paths": {"/pets": {"get": {"responses": {"200": {"description": "a pet", "content": content}}}}},
    }
    spec.write_text(yaml.safe_dump(document), encoding="utf-8")
    assert main(["examples", "--spec", str(spec), "--report-dir", str(tmp_path / "ok")]) == 0
    assert valid_report(tmp_path / "ok")["run"]["apis"] == ["pets"]
    content["application/json"]["example"] = {"nickname": "Rex"}
    spec.write_text(yaml.safe_dump(document), encoding="utf-8")
    assert main(["examples", "--spec", str(spec), "--report-dir", str(tmp_path / "bad")]) == 1
    codes = {f["code"] for f in valid_report(tmp_path / "bad")["findings"]}
    assert codes == {"required_field", "undocumented_field"}
    assert main(["examples", "telnyx", "--spec", str(spec), "--report-dir", str(tmp_path / "both")]) == 2
    assert "--spec checks that spec alone" in capsys.readouterr().err


def test_examples_of_a_spec_that_is_not_openapi_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "notes.yaml"
    spec.write_text("title: not a spec\n", encoding="utf-8")
    assert main(["examples", "--spec", str(spec), "--report-dir", str(tmp_path)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(spec) in line and "openapi" in line


def test_examples_with_a_wrong_docs_page_exits_2_before_any_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).parents[1]
    shutil.copytree(root / "specs", tmp_path / "specs")
    shutil.copytree(root / "contracts", tmp_path / "contracts")
    page = tmp_path / "specs" / "revring" / "docs" / "004_e96cf857a74b9962.yaml"
    page.write_text(page.read_text().replace("POST /v1/test-suites/{id}/runs", "POST /v1/suites"), encoding="utf-8")
    reports = tmp_path / "reports"
    assert main(["examples", "revring", "--project", str(tmp_path), "--report-dir", str(reports)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert (
        line == f"conformance: error: {page}: examples.0: 'POST /v1/suites' is not an operation of test_suite_runs.yml"
    )
    assert not reports.exists()


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["explain", "required_field"]])
def test_help_and_explain_load_none_of_the_run_machinery(argv: list[str]) -> None:
    """What makes them start at once (issue 9: under 0.2 s), kept: measured in benchmarks/startup.py."""
    code = (
        "import sys\nfrom conformance.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = {'httpx', 'hypothesis', 'schemathesis', 'rich', 'asyncio', 'jsonschema', 'referencing', 'yaml'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"
