"""Every example of the real-world specs in tests/corpus, each finding inspected by hand and pinned here."""

from __future__ import annotations

import pytest

from conformance.examples import collect_sites, given_source
from conformance.examples.check import example_findings
from conformance.findings import Finding
from tests.conftest import REALWORLD


def _findings(name: str) -> tuple[int, list[Finding]]:
    source = given_source(str(REALWORLD / name))
    sites = collect_sites(source)
    checked = [site for site in sites if site.unchecked is None]
    return len(sites), [finding for site in checked for finding in example_findings(source.api.validators, site)]


@pytest.mark.parametrize(
    ("name", "examples"),
    [
        ("arize-phoenix/openapi.json", 4),
        ("langfuse/openapi.yml", 0),
        ("freeplay/openapi.json", 0),
        ("telnyx/ai_assistants_tests.subset.yml", 17),
    ],
)
def test_the_examples_of_these_specs_fit_their_schemas(name: str, examples: int) -> None:
    count, findings = _findings(name)
    assert (count, findings) == (examples, [])


def test_the_full_telnyx_spec_has_17_examples_that_break_their_schemas() -> None:
    """16 are ``null`` where the schema says ``nullable: true``, which OpenAPI 3.1 (this spec's
    version) does not know: the schema allows only a string or integer, and a strict client of the
    3.1 document rejects the null. One is a date-time with a space where RFC 3339 puts a ``T``."""
    count, findings = _findings("telnyx/spec3.yml")
    assert count == 6639
    nulls = [f for f in findings if f.code == "schema"]
    assert len(nulls) == 16 and all(f.message.startswith("None is not of type") for f in nulls)
    (date,) = [f for f in findings if f.code == "format_date_time"]
    assert (date.subject.operation_id, date.location.pointer) == ("#/components/schemas/OptOutItem", "/created_at")
    assert len(findings) == 17
