"""conformance merge: the shards of a run merge into the report one unsharded run writes.

Each test runs the real CLI: ``run --shard K/N`` for every K, then ``merge``, against the same
target as one whole run, and compares what a user reads: findings (fingerprint, code, severity,
count, in order), operations in order, the summary, junit.xml up to its timings, and the exit code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from conformance.cli import main
from tests.apps.runs_service import create_app
from tests.conftest import ROOT
from tests.servers import serve

SCHEMA = json.loads((ROOT / "conformance/reporting/report.schema.json").read_text("utf-8"))


def _report(folder: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((folder / "report.json").read_text("utf-8"))
    Draft202012Validator(SCHEMA, format_checker=FormatChecker()).validate(document)
    return document


def _sharded_and_whole(tmp_path: Path, argv: Sequence[str], count: int) -> tuple[int, int, Path, Path]:
    reports = tmp_path / "reports"
    for index in range(1, count + 1):
        code = main([*argv, "--shard", f"{index}/{count}", "--report-dir", str(reports / f"shard-{index}"), "-q"])
        assert code in (0, 1)
    shards = [str(reports / f"shard-{index}") for index in range(1, count + 1)]
    merged = main(["merge", *shards, "--report-dir", str(reports / "merged"), "-q"])
    whole = main([*argv, "--report-dir", str(tmp_path / "whole" / "latest"), "-q"])
    return merged, whole, reports / "merged", tmp_path / "whole" / "latest"


def _same_run(merged: Path, whole: Path) -> None:
    a, b = _report(merged), _report(whole)
    shown = ("fingerprint", "code", "severity", "count", "operation_id", "message")
    assert [[f[k] for k in shown] for f in a["findings"]] == [[f[k] for k in shown] for f in b["findings"]]
    assert [
        (op["operation_id"], op["requests"], op["statuses"], op["checks"], op["observed"]) for op in a["operations"]
    ] == [(op["operation_id"], op["requests"], op["statuses"], op["checks"], op["observed"]) for op in b["operations"]]
    assert a["summary"] == b["summary"]
    assert a["run"] == b["run"] and a["run"]["shard"] is None
    untimed = [
        re.sub(r' (time|timestamp)="[^"]*"', "", (folder / "junit.xml").read_text("utf-8"))
        for folder in (merged, whole)
    ]
    assert untimed[0] == untimed[1]


@pytest.mark.parametrize("count", [2, 3])
def test_the_shards_of_the_default_run_merge_into_the_whole_run(tmp_path: Path, count: int) -> None:
    merged, whole, merged_dir, whole_dir = _sharded_and_whole(tmp_path, ["run", "--max-examples", "2"], count)
    assert merged == whole == 0
    _same_run(merged_dir, whole_dir)


def test_the_shards_of_a_drifting_server_merge_into_its_errors_and_exit_1(tmp_path: Path) -> None:
    with serve(create_app("required_field")) as base_url:
        argv = ["run", "--spec", f"{base_url}/openapi.json", "--base-url", base_url, "--allow", "unsafe"]
        merged, whole, merged_dir, whole_dir = _sharded_and_whole(tmp_path, [*argv, "--max-examples", "3"], 2)
    assert merged == whole == 1
    assert _report(merged_dir)["summary"]["errors"] > 0
    _same_run(merged_dir, whole_dir)


def test_a_spec_defect_is_reported_once_by_the_first_shard(tmp_path: Path) -> None:
    spec = tmp_path / "twice.yaml"
    operation = {"operationId": "same", "responses": {"200": {"description": "ok"}}}
    paths = {f"/items/{name}": {"get": operation} for name in ("a", "b", "c")}
    spec.write_text(yaml.safe_dump({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}))
    merged, whole, merged_dir, whole_dir = _sharded_and_whole(
        tmp_path, ["run", "--spec", str(spec), "--max-examples", "1"], 2
    )
    assert merged == whole
    codes = [f["code"] for f in _report(merged_dir)["findings"]]
    assert "duplicate_operation_id" in codes
    assert [f["code"] for f in _report(tmp_path / "reports" / "shard-2")["findings"]].count(
        "duplicate_operation_id"
    ) == 0
    _same_run(merged_dir, whole_dir)


def test_shards_append_no_history_and_the_merge_appends_one_line(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    for index in (1, 2):
        assert (
            main(
                [
                    "run",
                    "--max-examples",
                    "1",
                    "--shard",
                    f"{index}/2",
                    "--report-dir",
                    str(reports / f"s{index}"),
                    "-q",
                ]
            )
            == 0
        )
    assert not (reports / "history.jsonl").exists()
    assert main(["merge", str(reports / "s1"), str(reports / "s2"), "--report-dir", str(reports / "latest"), "-q"]) == 0
    assert len((reports / "history.jsonl").read_text("utf-8").splitlines()) == 1


@pytest.fixture(scope="module")
def two_shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reports = tmp_path_factory.mktemp("shards")
    for index in (1, 2):
        argv = ["run", "revring", "--max-examples", "1", "--shard", f"{index}/2", "-q"]
        assert main([*argv, "--report-dir", str(reports / f"s{index}")]) == 0
    return reports


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    capsys.readouterr()  # what the runs before printed
    assert main(["merge", *argv]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "Traceback" not in error
    return error


def test_a_missing_shard_is_refused(two_shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "shard 2/2 missing" in _refused(capsys, [str(two_shards / "s1"), "--report-dir", str(tmp_path)])


def test_a_shard_given_twice_is_refused(two_shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shard = str(two_shards / "s1")
    assert "given twice" in _refused(capsys, [shard, shard, "--report-dir", str(tmp_path)])


def test_a_shard_of_another_run_is_refused(
    two_shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    assert (
        main(
            ["run", "revring", "--max-examples", "1", "--seed", "9", "--shard", "2/2", "--report-dir", str(other), "-q"]
        )
        == 0
    )
    error = _refused(capsys, [str(two_shards / "s1"), str(other), "--report-dir", str(tmp_path / "out")])
    assert "another run" in error and "seed" in error


def test_a_whole_run_is_no_shard(two_shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = tmp_path / "whole"
    assert main(["run", "revring", "--max-examples", "1", "--report-dir", str(whole), "-q"]) == 0
    assert "not the report of a shard" in _refused(
        capsys, [str(two_shards / "s1"), str(whole), "--report-dir", str(tmp_path / "o")]
    )


def test_an_edited_finding_is_refused_by_its_fingerprint(
    two_shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "edited"
    edited.mkdir()
    document = _report(two_shards / "s1")
    finding = next(f for f in document["findings"])
    finding["location"]["template"] += "/edited"
    (edited / "report.json").write_text(json.dumps(document))
    error = _refused(capsys, [str(edited), str(two_shards / "s2"), "--report-dir", str(tmp_path / "o")])
    assert "/findings/0" in error and "fingerprint" in error


def test_a_file_that_is_not_a_report_is_refused(
    two_shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "report.json"
    broken.write_text("{not json")
    assert "not JSON" in _refused(capsys, [str(broken), str(two_shards / "s2"), "--report-dir", str(tmp_path / "o")])


def test_an_interrupted_shard_makes_the_merged_run_incomplete_and_red(
    two_shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    interrupted = tmp_path / "interrupted"
    interrupted.mkdir()
    document = _report(two_shards / "s2")
    document["summary"]["stop"], document["header"]["complete"] = "interrupted", False
    (interrupted / "report.json").write_text(json.dumps(document))
    out = tmp_path / "merged"
    main(["merge", str(two_shards / "s1"), str(interrupted), "--report-dir", str(out), "-q"])
    summary = _report(out)["summary"]
    assert summary["stop"] == "interrupted" and "2/2" in summary["stop_message"]
    assert "run [interrupted]" in (out / "junit.xml").read_text("utf-8")
