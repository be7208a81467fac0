"""conformance.specs.subset: chosen paths plus every component they reach."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main
from conformance.specs.documents import dump_document, load_document
from conformance.specs.lock import read_lock
from conformance.specs.subset import cut_subset, local_refs
from tests.conftest import REALWORLD


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Synthetic", "version": "1"},
        "tags": [{"name": "keep"}, {"name": "drop"}, {"name": "also-keep"}],
        "paths": {
            "/a": {
                "get": {
                    "operationId": "getA",
                    "tags": ["keep"],
                    "security": [{"tokenAuth": []}],
                    "responses": {"200": {"content": {"application/json": {"schema": _ref("A")}}}},
                },
                "parameters": [{"$ref": "#/components/parameters/Limit"}],
            },
            "/a/{id}": {
                "post": {
                    "operationId": "postA",
                    "tags": ["also-keep"],
                    "requestBody": {"$ref": "#/components/requestBodies/Body"},
                    "responses": {"204": {"description": "ok"}},
                }
            },
            "/ab": {"get": {"operationId": "getAb", "tags": ["drop"], "responses": {"200": {"description": "ok"}}}},
            "/d": {
                "get": {
                    "operationId": "getD",
                    "tags": ["drop"],
                    "security": [{"keyAuth": []}],
                    "responses": {"200": {"content": {"application/json": {"schema": _ref("D")}}}},
                }
            },
        },
        "webhooks": {"hook": {"post": {"responses": {"200": {"description": "ok"}}}}},
        "components": {
            "schemas": {
                "A": {"type": "object", "properties": {"b": _ref("B")}},
                "B": {"type": "array", "items": _ref("C")},
                "C": {"type": "string"},
                "D": {"type": "object", "properties": {"c": _ref("C")}},
                "Loop": {"type": "object", "properties": {"self": _ref("Loop")}},
                "Payload": {"allOf": [_ref("Loop")]},
            },
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                "Unused": {"name": "unused", "in": "query", "schema": {"type": "integer"}},
            },
            "requestBodies": {"Body": {"content": {"application/json": {"schema": _ref("Payload")}}}},
            "securitySchemes": {
                "tokenAuth": {"type": "http", "scheme": "bearer"},
                "keyAuth": {"type": "apiKey", "in": "header", "name": "x-key"},
            },
        },
    }


def test_keeps_only_paths_under_the_prefix() -> None:
    subset = cut_subset(_document(), ["/a"])
    assert list(subset["paths"]) == ["/a", "/a/{id}"]


def test_prefix_does_not_match_a_longer_segment() -> None:
    subset = cut_subset(_document(), ["/a"])
    assert "/ab" not in subset["paths"]


def test_prefix_with_trailing_slash_matches_children() -> None:
    subset = cut_subset(_document(), ["/a/"])
    assert list(subset["paths"]) == ["/a/{id}"]


def test_several_prefixes() -> None:
    subset = cut_subset(_document(), ["/ab", "/d"])
    assert list(subset["paths"]) == ["/ab", "/d"]


def test_transitive_refs_are_kept_and_unreached_dropped() -> None:
    subset = cut_subset(_document(), ["/a"])
    schemas = subset["components"]["schemas"]
    # /a -> A -> B -> C; /a/{id} -> requestBodies/Body -> Payload -> Loop -> Loop (a cycle)
    assert set(schemas) == {"A", "B", "C", "Loop", "Payload"}
    assert "D" not in schemas
    assert subset["components"]["parameters"] == {"Limit": _document()["components"]["parameters"]["Limit"]}
    assert set(subset["components"]["requestBodies"]) == {"Body"}


def test_kept_items_are_verbatim() -> None:
    source = _document()
    subset = cut_subset(source, ["/a"])
    assert subset["paths"]["/a"] == source["paths"]["/a"]
    assert subset["components"]["schemas"]["A"] == source["components"]["schemas"]["A"]
    assert subset["openapi"] == "3.1.0"


def test_source_document_is_not_modified() -> None:
    source = _document()
    before = copy.deepcopy(source)
    cut_subset(source, ["/a"])
    assert source == before


def test_every_ref_of_the_subset_resolves_inside_it() -> None:
    subset = cut_subset(_document(), ["/a"])
    for ref in local_refs(subset):
        _, section, kind, name = ref.split("/")
        assert name in subset[section][kind], ref


def test_security_schemes_kept_only_if_used() -> None:
    subset = cut_subset(_document(), ["/a"])
    assert set(subset["components"]["securitySchemes"]) == {"tokenAuth"}
    other = cut_subset(_document(), ["/d"])
    assert set(other["components"]["securitySchemes"]) == {"keyAuth"}


def test_top_level_security_keeps_its_scheme() -> None:
    source = _document()
    source["security"] = [{"keyAuth": []}]
    subset = cut_subset(source, ["/a/{id}"])
    assert subset["security"] == [{"keyAuth": []}]
    assert set(subset["components"]["securitySchemes"]) == {"keyAuth"}


def test_no_security_no_schemes_section() -> None:
    subset = cut_subset(_document(), ["/a/{id}"])
    assert "securitySchemes" not in subset["components"]


def test_tags_filtered_in_source_order() -> None:
    subset = cut_subset(_document(), ["/a"])
    assert subset["tags"] == [{"name": "keep"}, {"name": "also-keep"}]


def test_tags_key_removed_when_none_used() -> None:
    source = _document()
    del source["paths"]["/a"]["get"]["tags"]
    del source["paths"]["/a/{id}"]["post"]["tags"]
    assert "tags" not in cut_subset(source, ["/a"])


def test_webhooks_dropped() -> None:
    assert "webhooks" not in cut_subset(_document(), ["/a"])


def test_no_components_key_when_nothing_is_reached() -> None:
    assert "components" not in cut_subset(_document(), ["/ab"])


def test_info_records_the_subset() -> None:
    subset = cut_subset(_document(), ["/a", "/d"])
    assert subset["info"]["title"] == "Synthetic"
    assert subset["info"]["version"] == "1"
    provenance = subset["info"]["x-subset-of"]
    assert "/a, /d" in provenance


def test_prefix_matching_nothing_raises_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="/nowhere"):
        cut_subset(_document(), ["/a", "/nowhere"])


def test_prefix_matching_only_a_longer_segment_raises() -> None:
    with pytest.raises(KeyError, match="/d/x"):
        cut_subset(_document(), ["/d/x"])


def test_local_refs_skip_remote_refs() -> None:
    node = {"a": {"$ref": "#/components/schemas/A"}, "b": [{"$ref": "other.yml#/B"}, {"$ref": "#/c"}]}
    assert sorted(local_refs(node)) == ["#/c", "#/components/schemas/A"]


# Real-world cuts: the vendored specs are what `conformance specs vendor` makes of the sources.

TELNYX_PREFIX = "/ai/assistants/tests"
FREEPLAY_PREFIX = "/api/v2/projects/{project_id}/test-runs"


@pytest.fixture(scope="module")
def telnyx_cut() -> dict[str, Any]:
    source = REALWORLD / "telnyx" / "spec3.yml"
    assert source.is_file()
    return cut_subset(load_document(source), [TELNYX_PREFIX])


def test_telnyx_cut_equals_the_shipped_subset(telnyx_cut: dict[str, Any]) -> None:
    assert telnyx_cut == load_document(REALWORLD / "telnyx" / "ai_assistants_tests.subset.yml")


def test_telnyx_cut_has_the_locked_operation_count(telnyx_cut: dict[str, Any]) -> None:
    # specs/lock.yaml: "the paths with prefix /ai/assistants/tests ... (11 operations)"
    methods = {"get", "put", "post", "delete", "patch"}
    count = sum(1 for item in telnyx_cut["paths"].values() for method in item if method in methods)
    assert count == 11


def test_vendor_command_reproduces_the_vendored_freeplay_file_and_its_lock_hash(
    specs_root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "test_runs.json"
    source = REALWORLD / "freeplay" / "openapi.json"
    assert main(["specs", "vendor", str(source), "--prefix", FREEPLAY_PREFIX, "--out", str(out)]) == 0
    vendored = specs_root / "freeplay" / "test_runs.json"
    assert out.read_bytes() == vendored.read_bytes()
    locked = {entry.api: entry.sha256 for entry in read_lock(specs_root / "lock.yaml")}
    assert hashlib.sha256(out.read_bytes()).hexdigest() == locked["freeplay"]


def test_freeplay_cut_equals_the_vendored_spec(specs_root: Path) -> None:
    source = REALWORLD / "freeplay" / "openapi.json"
    assert source.is_file()
    cut = cut_subset(load_document(source), [FREEPLAY_PREFIX])
    vendored = specs_root / "freeplay" / "test_runs.json"
    assert cut == load_document(vendored)
    # lock.yaml: made by `conformance specs vendor ... --out specs/freeplay/test_runs.json`
    assert dump_document(cut, vendored) == vendored.read_text(encoding="utf-8")
