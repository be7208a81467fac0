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
from typing import Any, Protocol

from jsonschema.exceptions import ValidationError, best_match

from conformance.contracts import Api
from conformance.findings import CODES, Location, Severity
from conformance.specs import DocumentedResponse, Operation
from conformance.specs.requests import Violation
from conformance.specs.schemas import SchemaValidators, missing_property
from conformance.transport import Exchange

__all__ = [
    "APPLIES",
    "BODY_CHECKS",
    "CHECKS",
    "CheckContext",
    "CheckedBody",
    "Issue",
    "Location",
    "Scope",
    "Severity",
    "any_request_sent",
    "applicable_checks",
    "body_check",
    "check",
    "location_of",
    "media_type",
    "schema_errors",
]

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


class CheckedBody(Protocol):
    """A JSON value and the schema it is documented by: what the body checks read.

    A response (:class:`CheckContext`) is one; a documented example (``conformance.examples``)
    is another, so both go through the same checks and give the same codes and pointers.
    """

    @property
    def validators(self) -> SchemaValidators: ...

    @property
    def schema_pointer(self) -> str | None: ...

    @property
    def json_body(self) -> Any: ...

    @property
    def has_json(self) -> bool: ...

    @property
    def schema_errors(self) -> tuple[ValidationError, ...]: ...


def schema_errors(validators: SchemaValidators, pointer: str, instance: Any) -> tuple[ValidationError, ...]:
    """Violations of the schema at ``pointer`` by ``instance``, each one at its deepest cause."""
    validator = validators.for_pointer(pointer)
    return tuple(leaf for error in validator.iter_errors(instance) for leaf in _leaves(error))


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
    def validators(self) -> SchemaValidators:
        return self.api.validators

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
        return schema_errors(self.validators, self.schema_pointer, self.json_body)


@dataclass(frozen=True, slots=True)
class Scope:
    """An operation and how many valid and invalid requests were sent to it: what decides which
    checks could have found anything there (see :func:`applicable_checks`)."""

    api: Api
    operation: Operation
    valid_sent: int
    invalid_sent: int

    @property
    def documents_a_response(self) -> bool:
        return bool(self.operation.responses)

    @property
    def documents_a_schema(self) -> bool:
        return any(response.schema_pointers for response in self.operation.documented_responses)


Check = Callable[[CheckContext], Iterable[Issue]]
Applies = Callable[[Scope], bool]
BodyCheck = Callable[[CheckedBody], Iterable[Issue]]
CHECKS: dict[str, Check] = {}
APPLIES: dict[str, Applies] = {}
BODY_CHECKS: dict[str, BodyCheck] = {}  # the checks of a body against its schema, a subset of CHECKS


def any_request_sent(scope: Scope) -> bool:
    return scope.valid_sent + scope.invalid_sent > 0


def check(code: str, applies: Applies = any_request_sent) -> Callable[[Check], Check]:
    """Register a check under ``code``; ``applies`` says for which operations it can find anything."""

    def register(function: Check) -> Check:
        if code not in CODES:
            raise ValueError(f"check code {code!r} is not in the registry of codes")
        if code in CHECKS:
            raise ValueError(f"check code {code!r} registered twice")
        CHECKS[code] = function
        APPLIES[code] = applies
        return function

    return register


def applicable_checks(scope: Scope) -> tuple[str, ...]:
    """The checks that apply to an operation: those that could have found something there, given
    what the spec documents for it and what was sent. Nothing applies where nothing was sent."""
    return tuple(code for code in sorted(CHECKS) if any_request_sent(scope) and APPLIES[code](scope))


def body_check(code: str, applies: Applies = any_request_sent) -> Callable[[BodyCheck], BodyCheck]:
    """Register a check that reads only the body and its schema: it runs on responses and examples alike."""

    def register(function: BodyCheck) -> BodyCheck:
        check(code, applies)(function)
        BODY_CHECKS[code] = function
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
