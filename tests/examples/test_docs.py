"""conformance.examples.docs: the examples of vendors' docs pages, vendored under specs/<api>/docs/."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance.contracts import Api, load_catalog
from conformance.errors import SpecError
from conformance.examples import collect_sites, vendored_sources
from conformance.examples.check import example_findings
from conformance.findings import DocumentEvidence, Finding
from tests.conftest import CORPUS
from tests.specs.test_docs_comparison import docs_block

GET_RUN = "GET /ai/assistants/tests/{test_id}/runs/{run_id}"
TRIGGER = "POST /ai/assistants/tests/{test_id}/runs"


def _docs_findings(catalog: dict[str, Api], specs_root: Path, api: str) -> list[Finding]:
    (source,) = vendored_sources(catalog, [api], specs_root)
    sites = [site for site in collect_sites(source) if site.file.startswith(f"specs/{api}/docs/")]
    return [finding for site in sites for finding in example_findings(source.api.validators, site)]


def test_the_telnyx_run_example_lacks_both_required_statuses(catalog: dict[str, Api], specs_root: Path) -> None:
    findings = _docs_findings(catalog, specs_root, "telnyx")
    assert sorted((f.code, f.severity.value, f.subject.label, f.location.pointer) for f in findings) == [
        ("required_field", "error", GET_RUN, "/detail_status/0/status"),
        ("required_field", "error", GET_RUN, "/status"),
    ]
    for finding in findings:
        assert finding.location.response == "200" and finding.location.keyword == "required"
        assert isinstance(finding.evidence, DocumentEvidence)
        assert finding.evidence.file == "specs/telnyx/docs/002_33ea8541e6db1c64.yaml"
        assert finding.evidence.pointer == "/examples/0/value"


@pytest.mark.parametrize("api", ["freeplay", "revring"])
def test_the_other_docs_pages_fit_their_specs(catalog: dict[str, Api], specs_root: Path, api: str) -> None:
    """Their placeholders ("<string>", 123) all fit the schemas; nothing is reported."""
    assert _docs_findings(catalog, specs_root, api) == []


def test_every_docs_example_names_what_it_illustrates(catalog: dict[str, Api], specs_root: Path) -> None:
    parts = {}
    for source in vendored_sources(catalog, [], specs_root):
        for site in collect_sites(source):
            if "/docs/" in site.file:
                parts.setdefault(site.file.rsplit("/", 1)[1], []).append((site.subject.label, site.part, site.at))
    assert parts["002_33ea8541e6db1c64.yaml"] == [(GET_RUN, "200", ())]
    assert parts["003_8d6aee7bcd7d64bb.yaml"] == [
        ("POST /api/v2/projects/{project_id}/test-runs", "request", ()),
        ("POST /api/v2/projects/{project_id}/test-runs", "201", ()),
    ]
    assert parts["004_e96cf857a74b9962.yaml"] == [
        ("POST /v1/test-suites/{id}/runs", "request", ()),
        ("POST /v1/test-suites/{id}/runs", "201", ()),
    ]
    assert parts["000_527ecf5e31ee64cf.yaml"][0] == (TRIGGER, "request", ("destination_version_id",))
    assert [at for _, _, at in parts["001_9905dc65871ddea6.yaml"]] == [
        ("destination_version_id",),
        ("run_id",),
        ("test_id",),
        ("triggered_by",),
        ("created_at",),
    ]


def test_the_openapi_block_examples_are_those_of_the_saved_page(specs_root: Path) -> None:
    """Seed 001 is also kept in tests/corpus: its block's examples are exactly the vendored ones."""
    vendored = yaml.safe_load((specs_root / "telnyx/docs/001_9905dc65871ddea6.yaml").read_text())
    schemas = docs_block()["components"]["schemas"]
    for example in vendored["examples"]:
        schema = "TriggerTestRunRequest" if example.get("request") else "TestRunResponse"
        assert schemas[schema]["properties"][example["field"][1:]]["example"] == example["value"]
    assert vendored["source"]["sha256"] == _corpus_sha("seeds/001_9905dc65871ddea6.txt")


def _corpus_sha(name: str) -> str:
    lock = yaml.safe_load((CORPUS / "lock.yaml").read_text())
    digest: str = lock[name]
    return digest


def _project_with_docs(tmp_path: Path, page: dict[str, Any]) -> tuple[dict[str, Api], Path]:
    """A copy of the freeplay project whose one docs page is ``page``."""
    shutil.copytree(Path(__file__).parents[2] / "specs" / "freeplay", tmp_path / "specs" / "freeplay")
    shutil.copytree(Path(__file__).parents[2] / "contracts", tmp_path / "contracts")
    for other in ("telnyx", "revring"):
        (tmp_path / "contracts" / f"{other}.yaml").unlink()
    docs = tmp_path / "specs" / "freeplay" / "docs"
    for old in docs.glob("*.yaml"):
        old.unlink()
    (docs / "page.yaml").write_text(yaml.safe_dump(page), encoding="utf-8")
    return load_catalog(tmp_path / "contracts"), tmp_path / "specs"


def _page(**example: Any) -> dict[str, Any]:
    base = {"operation": "POST /api/v2/projects/{project_id}/test-runs", "request": True}
    base |= {"media_type": "application/json", "shown": "curl", "value": {"dataset_name": "d"}}
    source = {"seed": "x.txt", "sha256": "0" * 64, "title": None, "url": None}
    return {"source": source, "examples": [{**base, **example}]}


@pytest.mark.parametrize(
    ("example", "key", "problem"),
    [
        ({"operation": "GET /nowhere"}, "examples.0", "'GET /nowhere' is not an operation of test_runs.json"),
        ({"media_type": "text/csv"}, "examples.0", "the request body of POST"),
        ({"field": "/nothing"}, "examples.0", "has no field /nothing in the request body"),
        ({"shown": ""}, "examples.0.shown", "should be non-empty"),
        ({"response": "201"}, "examples.0", "is valid under each of"),
    ],
)
def test_a_wrong_docs_file_is_one_line_naming_file_and_key(
    tmp_path: Path, example: dict[str, Any], key: str, problem: str
) -> None:
    catalog, specs = _project_with_docs(tmp_path, _page(**example))
    (source,) = vendored_sources(catalog, [], specs)
    with pytest.raises(SpecError) as caught:
        collect_sites(source)
    assert caught.value.key == key and caught.value.path.endswith("page.yaml")
    assert problem in caught.value.problem and "\n" not in str(caught.value)


def test_a_field_example_is_checked_against_the_field_schema(tmp_path: Path) -> None:
    page = _page(response="201", field="/test_cases/0/id", value="not-a-uuid")
    del page["examples"][0]["request"]
    catalog, specs = _project_with_docs(tmp_path, page)
    (source,) = vendored_sources(catalog, [], specs)
    (site,) = collect_sites(source)
    (finding,) = example_findings(source.api.validators, site)
    assert (finding.code, finding.location.pointer, finding.location.template) == (
        "format_uuid",
        "/test_cases/0/id",
        "/test_cases/*/id",
    )
