"""history.jsonl: one line per run, the last 365 kept, rewritten atomically, corrupt lines skipped,
no secret in it; and the trend report.md shows."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from conformance.errors import OutputError
from conformance.reporting import ReportFiles, render_markdown, report_document
from conformance.reporting import _atomic as atomic_module
from conformance.reporting.history import KEEP, append_history, history_entry, public_target, read_history
from conformance.results import Baseline, KnownFinding, RunCollector, RunResult, StopReason
from tests.reporting.synthetic import error_and_warning, events_of, synthetic_result


def _entry(n: int) -> dict[str, object]:
    return {"started_at": f"2026-01-01T00:00:{n:02d}Z", "verdict": "PASS", "requests": n}


def test_a_line_per_run_with_what_the_trend_needs() -> None:
    entry = history_entry(error_and_warning())
    assert entry == {
        "started_at": "2025-01-02T03:04:05Z",
        "command": "run",
        "target": "https://api.test/v2",
        "apis": ["telnyx"],
        "seed": 7,
        "max_examples": 3,
        "verdict": "FAIL",
        "stop": "completed",
        "requests": 6,
        "errors": 3,
        "warnings": 1,
        "findings": 2,
        "new": None,
        "known": None,
        "fixed": None,
        "not_checked": None,
        "observed_changes": None,
    }


def test_with_a_baseline_the_line_counts_new_known_and_fixed() -> None:
    result = error_and_warning()
    gone = KnownFinding("0123456789abcdef", "schema", result.findings[0].severity, result.findings[0].subject, "x")
    known = KnownFinding(result.findings[0].fingerprint, "required_field", gone.severity, gone.subject, "y")
    collector = RunCollector(Baseline("old.json", (known, gone)))
    for event in events_of(result):
        collector.handle(event)
    entry = history_entry(collector.result())
    counts = {key: entry[key] for key in ("new", "known", "fixed", "not_checked", "observed_changes")}
    assert counts == {"new": 1, "known": 1, "fixed": 1, "not_checked": 0, "observed_changes": 0}


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("https://user:pa55@api.test:8443/v2?token=abc#x", "https://api.test:8443/v2"),
        ("http://[::1]:8000/", "http://[::1]:8000/"),
        ("embedded mock", "embedded mock"),
        ("http://host:99999/", "(a target that is not a URL)"),
    ],
)
def test_the_target_is_kept_without_userinfo_or_query(target: str, kept: str) -> None:
    assert public_target(target) == kept
    result = synthetic_result()
    line = json.dumps(history_entry(replace(result, info=replace(result.info, target=target))))
    assert "pa55" not in line and "token" not in line


def test_only_the_last_365_runs_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_text("".join(json.dumps(_entry(n % 60)) + "\n" for n in range(KEEP + 20)), "utf-8")
    entries = append_history(path, _entry(1))
    assert len(entries) == KEEP == len(path.read_text("utf-8").splitlines())
    assert read_history(path) == entries and entries[-1] == _entry(1)


def test_corrupt_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    lines = [json.dumps(_entry(1)), "{cut sho", "[]", "\x00\xff", json.dumps({"no": "date"}), json.dumps(_entry(2))]
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\n\xff\xfe\n")
    assert read_history(path) == [_entry(1), _entry(2)]
    assert append_history(path, _entry(3)) == [_entry(1), _entry(2), _entry(3)]


def test_a_missing_history_is_empty(tmp_path: Path) -> None:
    assert read_history(tmp_path / "history.jsonl") == []


def test_a_failed_rewrite_keeps_the_old_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "history.jsonl"
    append_history(path, _entry(1))
    before = path.read_bytes()

    def fail(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic_module.os, "replace", fail)
    with pytest.raises(OutputError, match="cannot write the run history: disk full"):
        append_history(path, _entry(2))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.jsonl"]


def _feed(files: ReportFiles, result: RunResult) -> None:
    for event in events_of(result):
        files.handle(event)


@pytest.mark.parametrize("stop", [StopReason.COMPLETED, StopReason.INTERRUPTED, StopReason.FAILED])
def test_every_finished_run_appends_one_line_and_report_md_ends_with_its_trend(
    tmp_path: Path, stop: StopReason
) -> None:
    for _ in range(12):
        _feed(ReportFiles(tmp_path, history=tmp_path / "history.jsonl"), replace(error_and_warning(), stop=stop))
    entries = read_history(tmp_path / "history.jsonl")
    assert len(entries) == 12 and {entry["stop"] for entry in entries} == {stop.value}
    markdown = (tmp_path / "report.md").read_text("utf-8")
    trend = markdown[markdown.index("## Trend (last 10 runs)") :].splitlines()
    assert trend[2] == "| date | verdict | requests | errors | warnings | new | fixed |"
    assert len(trend) == 4 + 10
    assert trend[-1].startswith("| 2025-01-02T03:04:05Z | FAIL") and trend[-1].endswith("| 6 | 3 | 1 | - | - |")


def test_a_run_that_has_not_finished_appends_nothing(tmp_path: Path) -> None:
    _feed(ReportFiles(tmp_path, history=tmp_path / "history.jsonl"), synthetic_result(complete=False))
    assert not (tmp_path / "history.jsonl").exists()
    assert "## Trend" not in render_markdown(report_document(synthetic_result()))
