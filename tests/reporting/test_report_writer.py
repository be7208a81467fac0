"""ReportFiles: the three reports from the run's events, each replaced atomically, nothing left behind."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance.errors import OutputError
from conformance.findings import Severity
from conformance.reporting import (
    PastRun,
    ReportFiles,
    prepare_directory,
    recent_runs,
    render_html,
    render_json,
    render_junit,
    render_markdown,
    report_document,
)
from conformance.reporting import _atomic as atomic_module
from conformance.reporting import writer as writer_module
from conformance.reporting.history import read_history
from conformance.results import OperationFinished, RunResult
from tests.reporting.synthetic import error_and_warning, events_of, finding, synthetic_result

NAMES = ["junit.xml", "report.html", "report.json", "report.md"]
WITH_HISTORY = ["history.jsonl", *NAMES]


def _feed(files: ReportFiles, result: RunResult) -> None:
    for event in events_of(result):
        files.handle(event)


def test_writes_the_four_reports_of_the_run(tmp_path: Path) -> None:
    result = error_and_warning()
    files = ReportFiles(tmp_path / "reports" / "latest")
    _feed(files, result)
    document = report_document(result)
    directory = tmp_path / "reports" / "latest"
    assert sorted(p.name for p in directory.iterdir()) == NAMES
    assert (tmp_path / "reports" / "history.jsonl").is_file()
    assert [p.name for p in files.paths] == ["report.json", "junit.xml", "report.md", "report.html"]
    assert (directory / "report.json").read_text("utf-8") == render_json(document)
    assert (directory / "junit.xml").read_text("utf-8") == render_junit(document)
    assert (directory / "report.md").read_text("utf-8") == render_markdown(document, read_history(files.history))
    assert (directory / "report.html").read_text("utf-8") == render_html(
        document, recent_runs(read_history(files.history))
    )
    ET.parse(directory / "junit.xml")


def test_a_started_run_has_a_report_in_progress_at_once(tmp_path: Path) -> None:
    files = ReportFiles(tmp_path, history=tmp_path / "history.jsonl")
    files.handle(events_of(synthetic_result())[0])
    assert (tmp_path / "report.md").read_text("utf-8").startswith("# Conformance report: PASS (in progress)\n")
    assert json.loads((tmp_path / "report.json").read_text("utf-8"))["header"]["complete"] is False


def test_operations_finishing_do_not_rewrite_the_reports_each_time(tmp_path: Path) -> None:
    files = ReportFiles(tmp_path, history=tmp_path / "history.jsonl")
    events = events_of(error_and_warning())
    files.handle(events[0])
    before = (tmp_path / "report.json").stat().st_mtime_ns
    for event in events[1:]:
        if not isinstance(event, OperationFinished):
            continue
        files.handle(event)
    assert (tmp_path / "report.json").stat().st_mtime_ns == before  # a checkpoint waits some seconds


def test_a_checkpoint_is_written_once_it_is_due(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = ReportFiles(tmp_path, history=tmp_path / "history.jsonl")
    events = events_of(error_and_warning())
    files.handle(events[0])
    monkeypatch.setattr(writer_module, "_CHECKPOINT_EVERY_S", 0.0)
    monkeypatch.setattr(writer_module, "_CHECKPOINT_COST_FACTOR", 0)
    for event in events[1:-1]:
        files.handle(event)
    document = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert document["summary"]["errors"] == 3 and document["header"]["complete"] is False


def test_failed_write_leaves_old_report_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = ReportFiles(tmp_path, history=tmp_path / "history.jsonl")
    _feed(files, synthetic_result())
    before = (tmp_path / "report.json").read_text("utf-8")

    def fail(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic_module.os, "replace", fail)
    with pytest.raises(OutputError, match="cannot write reports there: disk full"):
        _feed(ReportFiles(tmp_path, history=tmp_path / "history.jsonl"), error_and_warning())
    assert (tmp_path / "report.json").read_text("utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == WITH_HISTORY


def test_reports_are_utf8(tmp_path: Path) -> None:
    _feed(
        ReportFiles(tmp_path, history=tmp_path / "history.jsonl"),
        synthetic_result(finding("schema", Severity.ERROR, "'ünï' is wrong")),
    )
    assert "'ünï' is wrong" in (tmp_path / "report.json").read_bytes().decode("utf-8")
    assert "'ünï' is wrong" in (tmp_path / "report.md").read_bytes().decode("utf-8")


def test_written_turns_true_only_after_a_complete_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = ReportFiles(tmp_path, history=tmp_path / "history.jsonl")
    assert files.written is False

    def fail(src: str, dst: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(atomic_module.os, "replace", fail)
        with pytest.raises(OutputError):
            _feed(files, synthetic_result())
    assert files.written is False
    files.write()
    assert files.written is True


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_reports_get_ordinary_permissions_under_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    # A CI artifact uploader running as another user must be able to read them (not mkstemp's 0600).
    previous = os.umask(umask)
    try:
        _feed(ReportFiles(tmp_path, history=tmp_path / "history.jsonl"), error_and_warning())
    finally:
        os.umask(previous)
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in tmp_path.iterdir()} == dict.fromkeys(
        WITH_HISTORY, mode
    )


def test_the_html_report_reads_the_history_beside_its_folder(tmp_path: Path) -> None:
    past = {"started_at": "2026-11-01T02:00:00Z", "verdict": "PASS", "requests": 5, "errors": 0, "warnings": 1}
    (tmp_path / "history.jsonl").write_text(json.dumps(past) + "\n")
    result = error_and_warning()
    _feed(ReportFiles(tmp_path / "latest"), result)
    expected = render_html(report_document(result), [PastRun("2026-11-01T02:00:00Z", "PASS", 5, 0, 1)])
    assert (tmp_path / "latest" / "report.html").read_text("utf-8") == expected
    assert "Findings over recent runs" in expected


_BLOCKED_WRITER = """
import os, sys, time
from pathlib import Path
from conformance.reporting import writer

def hold(descriptor):
    print("writing", flush=True)
    time.sleep(600)

os.fsync = hold  # stop in the middle of the write, its temporary file on disk
writer.write_atomically(Path(sys.argv[1]) / "report.json", "x" * 100_000)
"""


def _writer_in_the_middle_of_a_write(directory: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-c", _BLOCKED_WRITER, str(directory)], stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline() == b"writing\n"
    return process


def _temporaries(directory: Path) -> set[str]:
    return {path.name for path in directory.iterdir() if path.name.endswith(".tmp")}


def test_the_next_run_removes_what_a_killed_run_left_and_keeps_a_running_one(tmp_path: Path) -> None:
    killed = _writer_in_the_middle_of_a_write(tmp_path)
    left_behind = _temporaries(tmp_path)
    _stop(killed)
    running = _writer_in_the_middle_of_a_write(tmp_path)
    try:
        in_progress = _temporaries(tmp_path) - left_behind
        [name] = left_behind
        assert name.startswith(f".report.json.{killed.pid}.")
        old = tmp_path / ".junit.xml.k3j4h5g6.tmp"  # named as before the pid was in the name, an hour old
        fresh = tmp_path / ".report.md.a1b2c3d4.tmp"
        someone_elses = tmp_path / ".notes.txt.12345678.tmp"
        for path in (old, fresh, someone_elses):
            path.write_text("partial")
        os.utime(old, (time.time() - 3600, time.time() - 3600))
        os.utime(someone_elses, (time.time() - 3600, time.time() - 3600))
        prepare_directory(tmp_path)  # what a run does first
        assert _temporaries(tmp_path) == in_progress | {fresh.name, someone_elses.name}
    finally:
        _stop(running)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()  # SIGKILL: nothing of the writer runs any more
    process.wait(timeout=30)
    if process.stdout is not None:
        process.stdout.close()
