"""The secret-planting test: a server echoes the secret in every place and every encoding, and
nothing the tool writes or prints holds it in any of them (the encodings are computed by
``tests.secret_encodings``, independently of the redactor). Every file under the test's folder
is searched: the reports, the working directory, $HOME, the caches.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance.runner.targets import MOCK_SECRET
from tests.apps.secret_echo import NAMED_VALUE, create_app
from tests.secret_encodings import leaks
from tests.servers import serve

SECRET = "pl4nted/S3cr3t+Value=~9x"
BASIC_SECRET = "planted-user:pa55/W0rd+Basic=~7"


def _leaks(data: bytes, secret: str) -> list[str]:
    """The encodings of the secret (and for basic, of the password alone) in ``data``."""
    text = data.decode("utf-8", errors="replace")
    parts = [secret] + ([secret.partition(":")[2]] if ":" in secret else [])
    found = [f"{part!r} {name}" for part in parts for name in leaks(text, part)]
    return found + (["named value"] if NAMED_VALUE in text else [])


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path


def _run(tmp_path: Path, scheme: str, secret: str) -> tuple[subprocess.CompletedProcess[str], dict[str, int]]:
    app = create_app(scheme, secret)
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    env = {
        **os.environ,
        "CONFORMANCE_TOKEN": secret,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "HYPOTHESIS_STORAGE_DIRECTORY": str(home / "hypothesis"),
    }
    with serve(app) as base_url:
        command = [sys.executable, "-m", "conformance", "run", "--spec", f"{base_url}/openapi.json"]
        command += ["--report-dir", str(work / "reports"), "--max-examples", "2"]
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False)
    return done, app.state.seen


@pytest.mark.parametrize(("scheme", "secret"), [("bearer", SECRET), ("query", SECRET), ("basic", BASIC_SECRET)])
def test_no_artifact_holds_the_planted_secret_in_any_encoding(tmp_path: Path, scheme: str, secret: str) -> None:
    done, seen = _run(tmp_path, scheme, secret)
    assert done.returncode == 1, done.stderr  # findings, and they were reported
    assert seen["with_secret"] >= 3 and seen["with_secret"] == seen["requests"]  # the tool sent the secret
    written = {str(path.relative_to(tmp_path)): path.read_bytes() for path in _files(tmp_path)}
    assert {"work/reports/report.json", "work/reports/junit.xml", "work/reports/report.md"} <= set(written)
    written |= {"stdout": done.stdout.encode(), "stderr": done.stderr.encode()}
    assert [(where, leak) for where, data in written.items() for leak in _leaks(data, secret)] == []
    _assert_the_findings_still_say_what_broke(json.loads(written["work/reports/report.json"]))


def _assert_the_findings_still_say_what_broke(report: dict[str, Any]) -> None:
    findings = report["findings"]
    codes = {(finding["code"], finding["location"]["pointer"]) for finding in findings}
    planted = {("schema", "/count"), ("schema", "/access_token"), ("format_uuid", "/id"), ("enum_value", "/status")}
    assert planted | {("server_error", "")} <= codes
    assert all("[REDACTED]" in finding["message"] for finding in findings if finding["location"]["pointer"] == "/count")
    text = json.dumps(report)
    assert '\\"key_count\\": 3' in text and '\\"monkey\\": \\"banana\\"' in text  # evidence that is no secret stays
    assert '\\"refresh_token\\": \\"[REDACTED]\\"' in text  # the name stays, its value goes


def test_no_artifact_holds_the_embedded_mock_credential(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "HYPOTHESIS_STORAGE_DIRECTORY": str(tmp_path / "hypothesis")}
    command = [sys.executable, "-m", "conformance", "run", "revring", "--max-examples", "1", "--report-dir", "reports"]
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr
    written = [path.read_bytes() for path in _files(tmp_path)] + [done.stdout.encode(), done.stderr.encode()]
    assert (work / "reports" / "report.json").exists()
    assert [found for data in written for found in _leaks(data, MOCK_SECRET)] == []
