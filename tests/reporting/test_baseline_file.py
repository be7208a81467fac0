"""Reading a baseline report: what a run wrote reads back; a wrong file is one clear line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance.errors import InputError
from conformance.reporting import load_baseline, render_json, report_document
from conformance.results import Observed, ObservedResponse, operation_key
from tests.reporting.synthetic import CHECKED, SKIPPED, error_and_warning


def _write(path: Path, document: Any) -> Path:
    path.write_text(document if isinstance(document, str) else render_json(document), "utf-8")
    return path


def test_a_report_reads_back_as_a_baseline_from_its_file_or_its_folder(tmp_path: Path) -> None:
    result = error_and_warning()
    observed = Observed(responses=(ObservedResponse("200", ("application/json",), ("/status",), {"/status": ("a",)}),))
    checked = replace(result.operations[0], observed=observed)
    document = report_document(replace(result, operations=(checked, result.operations[1])))
    _write(tmp_path / "report.json", document)
    for given in (tmp_path, tmp_path / "report.json"):
        baseline = load_baseline(given)
        assert baseline.file == str(tmp_path / "report.json")
        assert baseline.fingerprints == {f.fingerprint for f in result.findings}
        assert [f.subject for f in baseline.findings] == [CHECKED, CHECKED]
        ran, skipped = baseline.operations[operation_key(CHECKED)], baseline.operations[operation_key(SKIPPED)]
        assert (ran.ran, ran.statuses, skipped.ran) == (True, {"200": 4, "422": 2}, False)
        assert ran.observed is not None and ran.observed.responses == observed.responses


def test_a_report_of_version_3_is_a_baseline_without_observations(tmp_path: Path) -> None:
    document = report_document(error_and_warning())
    document["report_version"] = 3
    for operation in document["operations"]:
        del operation["observed"]
    baseline = load_baseline(_write(tmp_path / "report.json", document))
    assert len(baseline.findings) == 2
    assert all(operation.observed is None for operation in baseline.operations.values())


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such baseline report"),
        ("{not json", "not JSON"),
        (b"\xff\xfe\x00", "not JSON"),
        ([1, 2], "not a conformance report"),
        ({"findings": []}, "not a conformance report"),
        ({"report_version": 2, "findings": [], "operations": []}, "/report_version: report_version 2 cannot be"),
        ({"report_version": True, "findings": [], "operations": []}, "report_version True cannot be"),
        ({"report_version": 4, "findings": {}, "operations": []}, "/findings: expected a list"),
        ({"report_version": 4, "findings": [{"fingerprint": 7}], "operations": []}, "/findings/0/severity"),
        ({"report_version": 4, "findings": [], "operations": [{"api": "a"}]}, "/operations/0/method"),
    ],
)
def test_a_wrong_baseline_is_one_line_naming_the_file_and_the_pointer(
    tmp_path: Path, content: Any, problem: str
) -> None:
    path = tmp_path / "old.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        _write(path, json.dumps(content) if not isinstance(content, str) else content)
    with pytest.raises(InputError) as raised:
        load_baseline(path)
    message = str(raised.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message
    assert raised.value.exit_code == 2


def test_a_broken_operation_entry_names_its_pointer(tmp_path: Path) -> None:
    document = report_document(error_and_warning())
    document["operations"][0]["statuses"] = ["200"]
    with pytest.raises(InputError, match="/operations/0: not an operation of a report"):
        load_baseline(_write(tmp_path / "report.json", document))
