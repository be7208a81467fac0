"""conformance.specs.documents: reading and writing YAML/JSON with one-line errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from conformance.errors import InputError, SpecError
from conformance.specs.documents import dump_document, load_document, parse_document


def test_load_yaml_mapping(tmp_path: Path) -> None:
    path = tmp_path / "doc.yml"
    path.write_text("openapi: 3.1.0\npaths:\n  /a: {}\nlist: [1, 2]\n", encoding="utf-8")
    assert load_document(path) == {"openapi": "3.1.0", "paths": {"/a": {}}, "list": [1, 2]}


def test_load_json_mapping(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{"b": 1, "a": {"c": [true, null]}}', encoding="utf-8")
    document = load_document(path)
    assert document == {"b": 1, "a": {"c": [True, None]}}
    assert list(document) == ["b", "a"]


def test_yaml_suffix_yaml_is_parsed_as_yaml(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("key: value\n", encoding="utf-8")
    assert load_document(path) == {"key": "value"}


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("a: 1\n  b: 2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(path)
    message = str(caught.value)
    assert str(path) in message
    assert "line 2" in message
    assert "invalid YAML" in message
    assert caught.value.key == "line 2"
    assert "\n" not in message


def test_invalid_yaml_raises_the_given_subclass(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_document(path, SpecError)
    assert caught.value.path == str(path)
    assert caught.value.key.startswith("line ")


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"a": 1,\n "b": }\n', encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_document(path, SpecError)
    message = str(caught.value)
    assert str(path) in message
    assert "line 2" in message
    assert "invalid JSON" in message
    assert "\n" not in message


def test_json_suffix_is_not_parsed_as_yaml(tmp_path: Path) -> None:
    # Valid YAML, but not JSON: the suffix decides the parser.
    path = tmp_path / "doc.json"
    path.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        load_document(path)


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [("list.yml", "- 1\n- 2\n", "list"), ("list.json", "[1, 2]", "list"), ("scalar.yml", "hello\n", "str")],
)
def test_top_level_must_be_a_mapping(tmp_path: Path, name: str, text: str, kind: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert str(path) in str(caught.value)
    assert "mapping" in str(caught.value)
    assert kind in str(caught.value)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yml"
    with pytest.raises(SpecError) as caught:
        load_document(path, SpecError)
    assert caught.value.path == str(path)
    assert "cannot read" in str(caught.value)


def test_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_document(tmp_path)
    assert str(tmp_path) in str(caught.value)
    assert "not a regular file" in str(caught.value)


def test_non_utf8_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert str(path) in str(caught.value)
    assert "cannot read" in str(caught.value)


def test_dump_json_by_suffix() -> None:
    document = {"z": 1, "a": {"é": [1, 2]}}
    text = dump_document(document, Path("out.json"))
    assert text.endswith("\n")
    assert json.loads(text) == document
    assert text.index('"z"') < text.index('"a"')  # key order kept
    assert "é" in text  # not escaped
    assert '\n  "a"' in text  # indented by two


@pytest.mark.parametrize("name", ["out.yml", "out.yaml"])
def test_dump_yaml_by_suffix(name: str) -> None:
    document = {"z": 1, "a": {"é": [1, 2]}}
    text = dump_document(document, Path(name))
    assert not text.lstrip().startswith("{")
    assert yaml.safe_load(text) == document
    assert text.index("z:") < text.index("a:")  # not sorted
    assert "é" in text


def test_dump_then_load_round_trips(tmp_path: Path) -> None:
    document = {"openapi": "3.1.0", "paths": {"/a/{id}": {"get": {"operationId": "x"}}}}
    for name in ("doc.json", "doc.yml"):
        path = tmp_path / name
        path.write_text(dump_document(document, path), encoding="utf-8")
        loaded = load_document(path)
        assert loaded == document
        assert list(loaded) == list(document)


@pytest.mark.parametrize("text", ['{"a": 1}', "a: 1\n", "{a: 1}"], ids=["json", "yaml", "yaml-flow"])
def test_parse_document_tells_json_from_yaml_by_content(text: str) -> None:
    assert parse_document(text, "spec") == {"a": 1}


def test_yaml_reads_as_json_data_status_keys_are_strings_and_dates_text(tmp_path: Path) -> None:
    path = tmp_path / "spec.yml"
    path.write_text("info: {version: 2021-01-01}\nresponses:\n  200: {description: ok}\n  on: 1\n")
    assert load_document(path) == {
        "info": {"version": "2021-01-01"},
        "responses": {"200": {"description": "ok"}, "true": 1},
    }


def test_deeply_nested_json_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="nested too deeply"):
        load_document(path)


def test_a_special_file_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        load_document(fifo)  # would block forever if it were opened
    with pytest.raises(InputError, match="not a regular file"):
        load_document(Path("/dev/zero"))
