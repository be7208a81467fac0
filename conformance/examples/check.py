"""An example through the very checks a response body goes through: the same codes and pointers.

The example is a :class:`CheckedBody` like a response is, so ``required_field``,
``enum_value``, ``format_uuid``, ``format_date_time``, ``schema`` and ``undocumented_field``
come from ``conformance.checks`` unchanged. Two things differ, both because an example is not
a message on the wire:

- a required property that is ``readOnly`` may be left out of a request's example, and one that
  is ``writeOnly`` out of a response's (OpenAPI's rule); an example of neither (a component
  schema's) may leave out either;
- a value that breaks its schema and is a placeholder a docs generator printed
  (``examples/placeholders.py``) is reported as ``example_placeholder``, a warning.

A schema that cannot be used (a ``$ref`` that points nowhere, a ``pattern`` that does not
compile) checks nothing: :func:`example_findings` raises :class:`UnusableSchema`, and the
example is noted, not checked. The spec's own findings (``conformance run``) report the defect.

A finding's pointer is where the value is in what the example illustrates: into the example
itself, after the field it shows (a property's example) or the parameter (``/query/limit``).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cached_property
from typing import Any

import referencing.exceptions
from jsonschema.exceptions import ValidationError

from conformance.checks import BODY_CHECKS, Issue
from conformance.checks.base import schema_errors
from conformance.errors import UnresolvedReference
from conformance.examples.placeholders import is_placeholder
from conformance.examples.sites import ExampleSite
from conformance.findings import DocumentEvidence, Finding, Location, Severity
from conformance.specs.coercion import property_schema
from conformance.specs.documents import unescape_token
from conformance.specs.schemas import SchemaValidators, missing_property

__all__ = ["EXCERPT_CHARS", "ExampleBody", "UnusableSchema", "example_findings"]

EXCERPT_CHARS = 300
_VALUE_CODES = ("enum_value", "format_uuid", "format_date_time", "schema")
_OMITTABLE = {"request": ("readOnly",), "response": ("writeOnly",), "": ("readOnly", "writeOnly")}
_MISSING = object()
_UNUSABLE = (UnresolvedReference, referencing.exceptions.Unresolvable, re.error)


class UnusableSchema(Exception):
    """The schema an example illustrates cannot be used: nothing can be checked against it."""


class ExampleBody:
    """An example as the body checks read it (:class:`conformance.checks.CheckedBody`)."""

    has_json = True

    def __init__(self, validators: SchemaValidators, site: ExampleSite) -> None:
        self.validators = validators
        self.schema_pointer: str | None = site.schema_pointer
        self.json_body = site.value
        self._omittable = _OMITTABLE[site.direction]

    @cached_property
    def schema_errors(self) -> tuple[ValidationError, ...]:
        assert self.schema_pointer is not None
        found = schema_errors(self.validators, self.schema_pointer, self.json_body)
        return tuple(error for error in found if not self._may_leave_out(error))

    def _may_leave_out(self, error: ValidationError) -> bool:
        if error.validator != "required" or not isinstance(error.schema, dict):
            return False
        written = property_schema(error.schema, missing_property(error), self.validators)
        declared = self.validators.resolver.resolve(written)
        return any(declared.get(keyword) is True for keyword in self._omittable)


def example_findings(validators: SchemaValidators, site: ExampleSite) -> list[Finding]:
    """Every finding of one example, in check order; raises :class:`UnusableSchema`."""
    body = ExampleBody(validators, site)
    try:
        return [
            _finding(site, *_as_placeholder(code, issue, site.value))
            for code, check in BODY_CHECKS.items()
            for issue in check(body)
        ]
    except _UNUSABLE as exc:
        raise UnusableSchema(f"{site.schema_pointer}: {exc}".splitlines()[0]) from exc


def _as_placeholder(code: str, issue: Issue, example: Any) -> tuple[str, Issue]:
    """A broken value that a docs generator printed is a placeholder, not a defect of the API."""
    value = _value_at(example, issue.pointer)
    if code not in _VALUE_CODES or value is _MISSING or not is_placeholder(value):
        return code, issue
    message = f"{json.dumps(value)} is a placeholder, not a real value ({issue.message})"
    return "example_placeholder", Issue(Severity.WARNING, message, issue.location)


def _finding(site: ExampleSite, code: str, issue: Issue) -> Finding:
    before = Location.at(site.at)
    location = replace(
        issue.location,
        pointer=before.pointer + issue.location.pointer,
        template=before.template + issue.location.template,
        response=site.part if site.direction == "response" else "",
    )
    evidence = DocumentEvidence(site.file, site.file_pointer, excerpt(site.value, issue.pointer))
    return Finding(code, issue.severity, site.subject, location, issue.message, evidence)


def excerpt(example: Any, pointer: str) -> str:
    """The JSON of what holds the value at ``pointer`` (the whole example at most), bounded."""
    holder = _value_at(example, pointer.rpartition("/")[0]) if pointer else example
    text = json.dumps(example if holder is _MISSING else holder, ensure_ascii=False)
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def _value_at(example: Any, pointer: str) -> Any:
    node = example
    for token in pointer.split("/")[1:]:
        token = unescape_token(token)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return _MISSING
    return node
