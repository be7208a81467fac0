"""Interrupting ``conformance run`` for real: signals during generation and in the middle of an
operation, and a stdout whose reader went away. Each runs the CLI in a subprocess, waits for a
marker (a report on disk, a server-side count, a line of output) rather than a fixed time, and
checks the exit status and the report.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conformance.contracts import Api
from conformance.mock import create_app
from tests.servers import serve

CLI = [sys.executable, "-m", "conformance", "run"]
REPORT_SCHEMA = json.loads((Path(__file__).parents[2] / "conformance/reporting/report.schema.json").read_text())


def _valid_report(directory: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((directory / "report.json").read_text())
    Draft202012Validator(REPORT_SCHEMA, format_checker=FormatChecker()).validate(document)
    return document


def _until(ready: Any, process: subprocess.Popen[bytes], what: str, within_s: float = 120.0) -> None:
    deadline = time.monotonic() + within_s
    while not ready():
        assert process.poll() is None, f"the run ended before {what}: {process.communicate()[1].decode()}"
        assert time.monotonic() < deadline, f"no {what} within {within_s} s"
        time.sleep(0.01)


def _interrupted(document: dict[str, Any], reason: str) -> None:
    assert document["header"]["interrupted"] is True and document["header"]["complete"] is False
    assert document["summary"]["stop_message"] == reason
    assert document["summary"]["verdict"].endswith("(incomplete: interrupted)")


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_generation_stops_the_run_at_once(tmp_path: Path, how: signal.Signals) -> None:
    # 1000 examples take the first operation's generation 15 s and more; the signal must not wait for it.
    command = [*CLI, "telnyx", "--max-examples", "1000", "--report-dir", str(tmp_path), "--quiet"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        _until((tmp_path / "report.json").exists, process, "report at the start of the run")
        sent = time.monotonic()
        process.send_signal(how)
        _, err = process.communicate(timeout=60)
        took = time.monotonic() - sent
    assert process.returncode == 128 + how, err.decode()
    assert took < 5.0, f"{took:.1f} s from {how.name} to exit"  # ~0.1 s measured; a loaded CI box is slower
    document = _valid_report(tmp_path)
    _interrupted(document, f"{how.name} received")
    assert document["summary"]["requests"] == 0  # it was still generating the first operation's requests
    assert f"conformance: interrupted ({how.name} received)" in err.decode() and b"Traceback" not in err


class _Counting:
    """An ASGI app in front of another, counting the HTTP requests it received."""

    def __init__(self, app: Any) -> None:
        self.app, self.received = app, 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.received += 1
        await self.app(scope, receive, send)


def test_the_report_counts_every_answered_request_of_the_operation_in_progress(
    catalog: dict[str, Api], tmp_path: Path
) -> None:
    """The report counts each request whose exchange ended (an answer read, or a transport failure);
    the server counts each request it received. They differ by the one request in flight when the
    signal came, if any: the server got it, the run never read its answer.
    """
    server = _Counting(create_app(catalog["telnyx"]))
    env = {**os.environ, "TELNYX_API_KEY": "sk-test-interrupts"}
    with serve(server) as base_url:
        command = [*CLI, "telnyx", "--base-url", base_url, "--max-examples", "200", "--report-dir", str(tmp_path)]
        with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
            _until(lambda: server.received >= 40, process, "40 requests on the server")
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=60)
        served = server.received
    assert process.returncode == 130, err.decode()
    document = _valid_report(tmp_path)
    _interrupted(document, "SIGINT received")
    assert served - 1 <= document["summary"]["requests"] <= served
    in_progress = document["operations"][-1]  # the first operation has hundreds of requests: still running
    requests = in_progress["requests"]["valid"] + in_progress["requests"]["invalid"]
    assert requests == document["summary"]["requests"] and sum(in_progress["statuses"].values()) == requests


def test_a_closed_stdout_stops_the_run_as_interrupted_with_exit_141(tmp_path: Path) -> None:
    # `conformance run | head -1`: the reader takes one line and goes.
    command = [*CLI, "--report-dir", str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read() if process.stderr is not None else b""
        process.wait(timeout=120)
    assert process.returncode == 141, err.decode()
    document = _valid_report(tmp_path)
    _interrupted(document, "stdout closed")
    assert document["summary"]["requests"] > 0
    assert b"Traceback" not in err and b"Exception ignored" not in err
