"""The check registry, and the context every check reads.

A check is a small function registered under its code; the codes and what they mean live in
``conformance.findings.codes``. A check returns :class:`Issue` values (severity, message and
location); the run turns them into findings with their evidence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from conformance.contracts import Api
from conformance.findings import CODES, Location, Severity
from conformance.specs import DocumentedResponse, Operation
from conformance.specs.requests import Violation
from conformance.specs.schemas import missing_property
from conformance.transport import Exchange

__all__ = ["CHECKS", "CheckContext", "Issue", "Location", "Severity", "check", "location_of", "media_type"]

_WHOLE = Location()


@dataclass(frozen=True, slots=True)
class Issue:
    severity: Severity
    message: str
    location: Location = _WHOLE

    @property
    def pointer(self) -> str:
        return self.location.pointer


def location_of(error: ValidationError) -> Location:
    """Where a JSON Schema error is: the instance pointer (a missing property named), keyword, schema path."""
    tokens: list[str | int] = list(error.absolute_path)
    if error.validator == "required":
        tokens.append(missing_property(error))
    return Location.at(tokens, str(error.validator), list(error.absolute_schema_path))


_NOT_JSON = object()


class CheckContext:
    """One exchange and everything known about it; derived facts are computed once."""

    def __init__(
        self,
        api: Api,
        operation: Operation,
        exchange: Exchange,
        violations: Sequence[Violation],
        with_credentials: bool,
        meant_valid: bool = True,
    ) -> None:
        self.api = api
        self.operation = operation
        self.exchange = exchange
        self.violations = violations  # how the request sent breaks the spec; empty if valid
        self.with_credentials = with_credentials
        self.meant_valid = meant_valid  # what generation aimed at

    @property
    def status(self) -> int | None:
        return self.exchange.status

    @property
    def surely_valid(self) -> bool:
        """Valid by our validator and meant to be: formats it does not check (``date``, ``email``)
        leave a request meant to be invalid in doubt, and a rejection of it is no drift."""
        return not self.violations and self.meant_valid

    @property
    def without_body(self) -> bool:
        """A response that has no body by HTTP's rules: to HEAD, or 204 and 304."""
        return self.exchange.request.method == "HEAD" or self.status in (204, 304)

    @cached_property
    def documented(self) -> DocumentedResponse | None:
        return None if self.status is None else self.operation.response_for(self.status)

    @property
    def body_whole(self) -> bool:
        """Whether the body was read whole; one cut at the cap is never judged as if it were all."""
        return self.exchange.whole

    @cached_property
    def schema_pointer(self) -> str | None:
        """Where the response's schema is, when the response is documented JSON read whole."""
        if self.documented is None or not self.body_whole:
            return None
        if media_type(self.exchange.content_type) not in self.documented.schema_pointers:
            return None
        return self.documented.schema_pointers[media_type(self.exchange.content_type)]

    @cached_property
    def json_body(self) -> Any:
        """The parsed body, or ``_NOT_JSON`` (also for a body not read whole)."""
        if not self.body_whole:
            return _NOT_JSON
        try:
            return json.loads(self.exchange.body) if self.exchange.body.strip() else _NOT_JSON
        except (ValueError, UnicodeDecodeError):
            return _NOT_JSON

    @property
    def has_json(self) -> bool:
        return self.json_body is not _NOT_JSON

    @cached_property
    def schema_errors(self) -> tuple[ValidationError, ...]:
        """Violations of the documented response schema, each one at its deepest cause."""
        if self.schema_pointer is None or not self.has_json:
            return ()
        validator = self.api.validators.for_pointer(self.schema_pointer)
        return tuple(leaf for error in validator.iter_errors(self.json_body) for leaf in _leaves(error))


Check = Callable[[CheckContext], Iterable[Issue]]
CHECKS: dict[str, Check] = {}


def check(code: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        if code not in CODES:
            raise ValueError(f"check code {code!r} is not in the registry of codes")
        if code in CHECKS:
            raise ValueError(f"check code {code!r} registered twice")
        CHECKS[code] = function
        return function

    return register


def media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors that say what is wrong: inside anyOf/oneOf, those of the branch that came closest.

    ``best_match`` descends into the branches, preferring those of the instance's own type (the
    string branch of an Optional[str], not its null branch). Where it cannot choose (two object
    branches that both fail), the branch with the fewest errors is taken, unless every branch
    fails on its type alone: then the anyOf itself is the finding.
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    closest = best_match([error])
    if closest is not None and closest is not error:
        return [error] if closest.validator == "type" else [closest]
    branches: dict[Any, list[ValidationError]] = {}
    for candidate in error.context:
        branches.setdefault(candidate.relative_schema_path[0], []).append(candidate)
    fitting = [errors for errors in branches.values() if not any(_wrong_type(e) for e in errors)]
    if not fitting:
        return [error]
    return [leaf for candidate in min(fitting, key=len) for leaf in _leaves(candidate)]


def _wrong_type(error: ValidationError) -> bool:
    return error.validator == "type" and not error.relative_path
