"""findings.ndjson: one line per finding, flushed as it is first seen."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from conformance.errors import OutputError
from conformance.reporting import NdjsonReporter, finding_document
from conformance.results import FindingObserved
from tests.reporting.synthetic import error_and_warning, events_of


def test_each_observed_finding_is_a_line_on_disk_at_once(tmp_path: Path) -> None:
    path = tmp_path / "findings.ndjson"
    reporter = NdjsonReporter(path)
    observed = [event for event in events_of(error_and_warning()) if isinstance(event, FindingObserved)]
    reporter.handle(observed[0])
    lines = path.read_text("utf-8").splitlines()  # before close: flushed
    assert [json.loads(line) for line in lines] == [finding_document(observed[0].finding)]
    for event in events_of(error_and_warning()):
        if not isinstance(event, FindingObserved):
            reporter.handle(event)
    reporter.handle(observed[1])
    reporter.close()
    codes = [json.loads(line)["code"] for line in path.read_text("utf-8").splitlines()]
    assert codes == ["required_field", "undocumented_field"]


def test_an_earlier_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "findings.ndjson"
    path.write_text('{"stale": true}\n')
    NdjsonReporter(path).close()
    assert path.read_text("utf-8") == ""


def test_an_unwritable_place_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write findings there"):
        NdjsonReporter(tmp_path / "missing" / "findings.ndjson")


def test_the_file_gets_ordinary_permissions_under_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        NdjsonReporter(tmp_path / "findings.ndjson").close()
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "findings.ndjson").stat().st_mode) == 0o644
