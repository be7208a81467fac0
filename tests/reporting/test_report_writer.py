"""ReportWriter: the three reports, each replaced atomically, nothing left behind."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance.checks import Severity
from conformance.errors import OutputError
from conformance.reporting import ReportWriter, render_json, render_junit, render_markdown, report_document
from conformance.reporting import writer as writer_module
from tests.reporting.synthetic import error_and_warning, finding, group, synthetic_result

NAMES = ["junit.xml", "report.json", "report.md"]


def test_writes_the_three_reports(tmp_path: Path) -> None:
    result = error_and_warning()
    writer = ReportWriter(tmp_path / "reports" / "latest")
    writer(result)
    document = report_document(result)
    directory = tmp_path / "reports" / "latest"
    assert sorted(p.name for p in directory.iterdir()) == NAMES
    assert [p.name for p in writer.paths] == ["report.json", "junit.xml", "report.md"]
    assert (directory / "report.json").read_text("utf-8") == render_json(document)
    assert (directory / "junit.xml").read_text("utf-8") == render_junit(document)
    assert (directory / "report.md").read_text("utf-8") == render_markdown(document)
    json.loads((directory / "report.json").read_text("utf-8"))
    ET.parse(directory / "junit.xml")


def test_each_call_replaces_the_reports(tmp_path: Path) -> None:
    writer = ReportWriter(tmp_path)
    writer(synthetic_result(complete=False))
    assert "(in progress)" in (tmp_path / "report.md").read_text("utf-8")
    writer(error_and_warning())
    assert (tmp_path / "report.md").read_text("utf-8").startswith("# Conformance report: FAIL\n")
    assert json.loads((tmp_path / "report.json").read_text("utf-8"))["header"]["complete"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == NAMES


def test_failed_write_leaves_old_report_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = ReportWriter(tmp_path)
    writer(synthetic_result())
    before = (tmp_path / "report.json").read_text("utf-8")

    def fail(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writer_module.os, "replace", fail)
    with pytest.raises(OutputError, match="cannot write reports there: disk full"):
        writer(error_and_warning())
    assert (tmp_path / "report.json").read_text("utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == NAMES


def test_reports_are_utf8(tmp_path: Path) -> None:
    ReportWriter(tmp_path)(synthetic_result(group(finding("schema", Severity.ERROR, "'ünï' is wrong"))))
    assert "'ünï' is wrong" in (tmp_path / "report.json").read_bytes().decode("utf-8")
    assert "'ünï' is wrong" in (tmp_path / "report.md").read_bytes().decode("utf-8")


def test_written_turns_true_only_after_a_complete_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = ReportWriter(tmp_path)
    assert writer.written is False

    def fail(src: str, dst: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(writer_module.os, "replace", fail)
        with pytest.raises(OutputError):
            writer(synthetic_result())
    assert writer.written is False
    writer(synthetic_result())
    assert writer.written is True
