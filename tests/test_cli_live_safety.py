"""Pointing the command line at a misbehaving server: every fault classified, the run bounded.

A chaos server on 127.0.0.1 (tests/apps/chaos.py) misbehaves below HTTP and above it. The
done-when figures of a huge body, a gzip bomb and a slow drip (within --timeout, peak RSS under
200 MB, reports under 1 MB) are measured on the real command in a fresh process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main
from tests.apps.chaos import answer, chaos_server, chaos_spec
from tests.test_cli import valid_report

# Runs a command and prints the peak RSS (KiB) of the processes it waited for: only that command.
_PEAK_RSS = "import resource, subprocess, sys; subprocess.run(sys.argv[1:]); " + (
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
EXPECTED = {  # fault path -> the codes of its findings
    "/ok": set(),
    "/close": {"transport"},
    "/reset": {"transport"},
    "/drip": {"transport"},
    "/silent": {"transport"},
    "/truncated": {"transport"},
    "/invalid-json": {"content_type"},
    "/garbage": {"transport"},
    "/huge": {"transport"},
    "/gzip-bomb": {"transport"},
    "/rate-limited": set(),
    "/rate-limited-long": set(),
    "/server-error": {"server_error"},
}


def write_spec(folder: Path, document: dict[str, Any]) -> str:
    path = folder / "chaos.json"
    path.write_text(json.dumps(document))
    return str(path)


def test_every_fault_is_classified_the_run_goes_on_and_the_reports_are_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, reports = write_spec(tmp_path, chaos_spec()), tmp_path / "reports"
    with chaos_server() as server:
        argv = ["run", "--spec", spec, "--base-url", server.base_url, "--report-dir", str(reports), "--timeout", "1"]
        code = main([*argv, "--max-retry-after", "2", "--max-examples", "1"])
    assert code == 1
    document = valid_report(reports)
    assert document["header"]["complete"] is True and document["summary"]["stop"] == "completed"
    codes: dict[str, set[str]] = {path: set() for path in EXPECTED}
    for finding in document["findings"]:
        codes[finding["path"]].add(finding["code"])
    assert codes == EXPECTED
    operations = {op["path"]: op for op in document["operations"]}
    assert all(op["requests"]["valid"] + op["requests"]["invalid"] > 0 for op in operations.values())
    limited = operations["/rate-limited-long"]["stopped"]
    assert limited["code"] == "rate_limited"
    assert "stopped: the server asked to wait 3600 s" in (reports / "report.md").read_text()
    assert "stopped early: the server asked to wait 3600 s" in (reports / "junit.xml").read_text()
    out = capsys.readouterr().out
    assert "stop   chaos GET /rate-limited-long after 1 requests: the server asked to wait 3600 s" in out


def test_tls_to_a_plain_port_is_a_transport_finding_and_an_unreachable_target(tmp_path: Path) -> None:
    spec, reports = write_spec(tmp_path, chaos_spec(["/ok"])), tmp_path / "reports"
    with chaos_server() as server:
        base_url = server.base_url.replace("http://", "https://")
        assert main(["run", "--spec", spec, "--base-url", base_url, "--report-dir", str(reports)]) == 3
    document = valid_report(reports)
    [finding] = document["findings"]
    assert finding["code"] == "transport" and "SSL" in finding["message"]


def test_the_plan_sends_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec, reports = write_spec(tmp_path, chaos_spec(["/ok", "/server-error"], methods=("get", "post"))), tmp_path / "r"
    with chaos_server() as server:
        argv = ["run", "--spec", spec, "--base-url", server.base_url, "--report-dir", str(reports), "--plan"]
        assert main([*argv, "--max-requests", "3"]) == 0
        assert server.received == []
    assert not reports.exists()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"plan for chaos against {server.base_url} (nothing has been sent):"
    assert any(line.startswith("  run   safe    chaos GET /ok  [get_ok]  ") for line in out)
    assert "  skip  unsafe  chaos POST /ok  [post_ok]  unsafe: not sent to a live API without --allow unsafe" in out
    assert "3 requests (the --max-requests budget;" in out[-1]


def test_a_run_stopped_by_its_budget_says_so_and_is_no_failure_of_the_tool(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, reports = write_spec(tmp_path, chaos_spec(["/server-error", "/ok"])), tmp_path / "reports"
    with chaos_server() as server:
        argv = ["run", "--spec", spec, "--base-url", server.base_url, "--report-dir", str(reports)]
        assert main([*argv, "--max-requests", "1"]) == 1  # the 500 is an error finding; the budget is not
        assert len(server.received) == 1
    document = valid_report(reports)
    assert document["summary"]["stop"] == "budget spent" and document["header"]["complete"] is True
    assert document["operations"][1]["skipped"]["code"] == "budget"
    assert "(budget spent: stopped after 1 requests: the run's budget of 1 requests" in capsys.readouterr().out


def test_no_method_the_spec_does_not_declare_reaches_a_live_server(tmp_path: Path) -> None:
    declared = {"/items": {"GET", "POST"}, "/things": {"GET", "PUT", "DELETE"}}
    document = chaos_spec(["/items"], methods=("get", "post"), query=True)
    document["paths"].update(chaos_spec(["/things"], methods=("get", "put", "delete"), query=True)["paths"])
    spec, reports = write_spec(tmp_path, document), tmp_path / "reports"
    with chaos_server() as server:
        argv = ["run", "--spec", spec, "--base-url", server.base_url, "--report-dir", str(reports), "--allow", "unsafe"]
        main([*argv, "--max-examples", "5", "--phases", "coverage,fuzzing,malformed"])
        received = {(request.path, request.method) for request in server.received}
    assert {path for path, _ in received} == set(declared)
    assert all(method in declared[path] for path, method in received), received


@pytest.mark.parametrize("fault", ["/huge", "/gzip-bomb", "/drip"])
def test_a_huge_body_a_gzip_bomb_and_a_drip_stay_within_time_memory_and_report_size(tmp_path: Path, fault: str) -> None:
    spec, reports = write_spec(tmp_path, chaos_spec([fault])), tmp_path / "reports"
    timeout = 3
    with chaos_server() as server:
        command = [sys.executable, "-m", "conformance", "run", "--spec", spec, "--base-url", server.base_url]
        command += ["--report-dir", str(reports), "--timeout", str(timeout), "--max-requests", "1", "--quiet"]
        measured = subprocess.run([sys.executable, "-c", _PEAK_RSS, *command], capture_output=True, text=True)
        peak_kib = int(measured.stdout.splitlines()[-1])  # after the run's own last line
        assert len(server.received) == 1
    document = valid_report(reports)
    assert document["header"]["duration_s"] < timeout + 2
    assert [finding["code"] for finding in document["findings"]] == ["transport"]
    assert peak_kib < 200 * 1024
    assert all(path.stat().st_size < 1_000_000 for path in reports.iterdir())


def test_no_finding_quotes_more_than_a_few_hundred_characters_of_what_a_server_sent(tmp_path: Path) -> None:
    # A 5 MB string where an integer belongs (jsonschema's message embeds it whole) and a 1 MB key.
    document = chaos_spec(["/values"])
    schema = {"type": "object", "properties": {"value": {"type": "integer"}}, "additionalProperties": False}
    document["paths"]["/values"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = schema
    body = json.dumps({"value": "v" * 5_000_000, "k" * 1_000_000: 1}).encode()
    spec, reports = write_spec(tmp_path, document), tmp_path / "reports"
    with chaos_server({"/values": answer(200, body)}) as server:
        argv = ["run", "--spec", spec, "--base-url", server.base_url, "--report-dir", str(reports)]
        assert main([*argv, "--max-requests", "1"]) == 1
    findings = valid_report(reports)["findings"]
    assert {finding["code"] for finding in findings} == {"schema", "undocumented_field"}
    for finding in findings:
        assert len(finding["message"]) < 400 and len(finding["location"]["pointer"]) < 400
    assert any(finding["message"].endswith("is not of type 'integer'") for finding in findings)
    assert all(path.stat().st_size < 100_000 for path in reports.iterdir())
