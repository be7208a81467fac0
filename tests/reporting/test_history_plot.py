"""history.jsonl as report.html plots it: runs checked one by one, bad ones skipped, the last ones kept."""

from __future__ import annotations

import json
from pathlib import Path

from conformance.reporting import PastRun, read_history, recent_runs, report_document
from conformance.reporting.history import MAX_RUNS, this_run
from tests.reporting.synthetic import error_and_warning


def _line(day: int, **extra: object) -> str:
    run = {"started_at": f"2026-10-{day:02}T02:00:00Z", "verdict": "PASS", "requests": 9, "errors": 0, "warnings": day}
    return json.dumps(run | extra) + "\n"


def test_well_formed_runs_are_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_text(_line(1) + _line(2, new=1, fixed=2, extra="kept out"))
    assert recent_runs(read_history(path)) == (
        PastRun("2026-10-01T02:00:00Z", "PASS", 9, 0, 1),
        PastRun("2026-10-02T02:00:00Z", "PASS", 9, 0, 2, new=1, fixed=2),
    )


def test_bad_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    bad = [
        "not json\n",
        "[1, 2]\n",
        "\n",
        json.dumps({"started_at": "x", "verdict": "PASS"}) + "\n",  # counts missing
        _line(3).replace('"errors": 0', '"errors": -1'),
        _line(4).replace('"errors": 0', '"errors": true'),
        _line(5).replace('"requests": 9', '"requests": "9"'),
        _line(6, new="two"),
    ]
    path.write_bytes("".join(bad).encode() + b"\xff\xfe\n" + _line(7).encode())
    assert [run.started_at[:10] for run in recent_runs(read_history(path))] == ["2026-10-07"]


def test_the_last_runs_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_text("".join(_line(day % 28 + 1) for day in range(MAX_RUNS + 12)))
    runs = recent_runs(read_history(path))
    assert len(runs) == MAX_RUNS
    assert runs[-1].warnings == (MAX_RUNS + 11) % 28 + 1


def test_only_the_tail_of_a_large_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_text(_line(1) + "x" * (8 << 20) + "\n" + _line(2))  # an 8 MB line cut by the tail
    assert [run.warnings for run in recent_runs(read_history(path))] == [2]


def test_a_missing_file_is_no_history(tmp_path: Path) -> None:
    assert recent_runs(read_history(tmp_path / "nowhere.jsonl")) == ()


def test_this_run_counts_new_findings_only_with_a_baseline() -> None:
    document = report_document(error_and_warning())
    assert this_run(document) == PastRun("2025-01-02T03:04:05Z", "FAIL", 6, 3, 1)
    document["findings"][0]["baseline"] = "new"
    document["findings"][1]["baseline"] = "known"
    assert this_run(document).new == 1
