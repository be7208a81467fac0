"""Real specs against themselves written another way: every schema component renamed, and a 3.0 spec
against its own 3.1 reading. No change may be found: a false breaking change is a bug of the tool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.drift import Version, diff_findings
from conformance.specs import SpecSource
from conformance.specs.documents import load_document
from conformance.specs.loader import build_spec

REALWORLD = Path(__file__).parents[1] / "corpus" / "realworld"


def _renamed(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every schema component renamed, and every reference to it."""
    text = json.dumps(document).replace('"#/components/schemas/', '"#/components/schemas/Renamed')
    renamed: dict[str, Any] = json.loads(text)
    schemas = renamed["components"]["schemas"]
    renamed["components"]["schemas"] = {f"Renamed{name}": schema for name, schema in schemas.items()}
    return renamed


@pytest.mark.parametrize(
    "path", ["arize-phoenix/openapi.json", "langfuse/openapi.yml", "freeplay/openapi.json", "telnyx/spec3.yml"]
)
def test_a_real_spec_with_its_components_renamed_has_no_change(path: str) -> None:
    file = REALWORLD / path
    old = Version("old", build_spec("api", SpecSource(load_document(file), file.as_uri(), str(file))))
    renamed = _renamed(dict(old.spec.document))  # as loaded: a 3.0 spec is now written as 3.1
    new = Version("new", build_spec("api", SpecSource(renamed, file.as_uri(), "renamed")))
    found = [finding for findings in diff_findings(old, new).values() for finding in findings]
    assert [(f.code, f.subject.label, f.message) for f in found] == []
    assert len(old.spec.operations) == len(new.spec.operations) > 0
