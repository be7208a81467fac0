"""specs/lock.yaml records how the vendored Telnyx trigger operation differs from its docs page
(seed 001). This keeps that record honest: any other difference fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from conformance.specs.documents import load_document
from tests.conftest import CORPUS

TRIGGER_PATH = "/ai/assistants/tests/{test_id}/runs"
# What the lock lists, as (where, what the vendored spec has, what the docs block has).
RECORDED = {
    ("operation", "parameters/0/description"): ("Unique identifier of the test.", None),
    ("operation", "x-latency-category"): ("responsive", None),
    ("TestRunResponse", "properties/created_at/example"): ("2024-01-24T10:30:00Z", "2024-01-23T10:30:00Z"),
}


def docs_block() -> dict[str, Any]:
    text = (CORPUS / "seeds" / "001_9905dc65871ddea6.txt").read_text(encoding="utf-8")
    block = text.split("````yaml", 1)[1].split("\n", 1)[1].split("````", 1)[0]
    document: dict[str, Any] = yaml.safe_load(block)
    return document


def differences(vendored: Any, docs: Any, where: str = "") -> dict[str, tuple[Any, Any]]:
    if isinstance(vendored, dict) and isinstance(docs, dict):
        found: dict[str, tuple[Any, Any]] = {}
        for key in vendored.keys() | docs.keys():
            found |= differences(vendored.get(key), docs.get(key), f"{where}/{key}")
        return found
    if isinstance(vendored, list) and isinstance(docs, list) and len(vendored) == len(docs):
        found = {}
        for index, (left, right) in enumerate(zip(vendored, docs, strict=True)):
            found |= differences(left, right, f"{where}/{index}")
        return found
    return {} if vendored == docs else {where.lstrip("/"): (vendored, docs)}


def test_trigger_operation_differs_from_its_docs_only_as_recorded(specs_root: Path) -> None:
    vendored = load_document(specs_root / "telnyx" / "ai_assistants_tests.yml")
    docs = docs_block()
    operation = {k: v for k, v in docs["paths"][TRIGGER_PATH]["post"].items() if k != "x-codeSamples"}
    found = {("operation", k): v for k, v in differences(vendored["paths"][TRIGGER_PATH]["post"], operation).items()}
    for name, schema in docs["components"]["schemas"].items():
        found |= {(name, k): v for k, v in differences(vendored["components"]["schemas"][name], schema).items()}
    assert found == RECORDED


def test_docs_block_carries_code_samples_the_spec_does_not(specs_root: Path) -> None:
    vendored = load_document(specs_root / "telnyx" / "ai_assistants_tests.yml")
    samples = docs_block()["paths"][TRIGGER_PATH]["post"]["x-codeSamples"]
    assert {sample["lang"] for sample in samples} == {"JavaScript", "Python", "Go", "Java", "Ruby", "CLI"}
    assert "x-codeSamples" not in vendored["paths"][TRIGGER_PATH]["post"]
