"""The rules of a spec diff: each change between two versions of a spec, with its class.

A rule id names one kind of change, in snake_case after oasdiff's check ids
(``response-property-became-nullable`` is ``response_property_became_nullable`` here). Its class
says what it does to a client generated from the old version, talking to a server that follows
the new one, and gives the finding's severity:

- **breaking** (error): such a client fails, or a request it sends is now rejected;
- **potentially breaking** (warning): it may, depending on what cannot be told from the spec
  (a new ``pattern``, a request field the server may or may not ignore), or it breaks code
  regenerated from the new spec rather than the wire (an operationId or argument renamed);
- **non-breaking** (info): additive, or it loosens what a request may be;
- **informational** (info): documentation only (descriptions, summaries, examples).

Rule ids are part of the finding codes: never renamed (``tests/findings/test_codes.py``).
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from conformance.findings.model import Severity

__all__ = ["SPEC_CHANGE_RULES", "ChangeClass", "SpecChangeRule"]


class ChangeClass(enum.Enum):
    BREAKING = "breaking"
    POTENTIALLY_BREAKING = "potentially breaking"
    NON_BREAKING = "non-breaking"
    INFORMATIONAL = "informational"

    @property
    def severity(self) -> Severity:
        return _SEVERITIES[self]

    @property
    def why(self) -> str:
        """Why a change of this class matters, where its rule says nothing more precise."""
        return _WHY[self]


_SEVERITIES = {
    ChangeClass.BREAKING: Severity.ERROR,
    ChangeClass.POTENTIALLY_BREAKING: Severity.WARNING,
    ChangeClass.NON_BREAKING: Severity.INFO,
    ChangeClass.INFORMATIONAL: Severity.INFO,
}
_WHY = {
    ChangeClass.BREAKING: "A client generated from the old spec fails against a server that follows the new one, "
    "or a request it sends is now rejected.",
    ChangeClass.POTENTIALLY_BREAKING: "It may break clients, depending on what the spec cannot tell; review it.",
    ChangeClass.NON_BREAKING: "Clients built from the old spec keep working; new clients can use it.",
    ChangeClass.INFORMATIONAL: "Documentation only: no request or response changes.",
}


class SpecChangeRule(NamedTuple):
    code: str
    change: ChangeClass
    title: str
    meaning: str
    why: str = ""  # empty: the class says why


_B, _P, _N, _I = (
    ChangeClass.BREAKING,
    ChangeClass.POTENTIALLY_BREAKING,
    ChangeClass.NON_BREAKING,
    ChangeClass.INFORMATIONAL,
)
_SDK = "The wire is unchanged, but an SDK regenerated from the new spec renames it: code that calls it breaks."
_STRICT = "Strict clients (closed enums, validated models) reject what they were never told about."

SPEC_CHANGE_RULES: tuple[SpecChangeRule, ...] = (
    # operations and paths
    SpecChangeRule("path_removed", _B, "path removed", "A path, and every operation on it, is gone."),
    SpecChangeRule("operation_removed", _B, "operation removed", "An operation is gone; its path remains."),
    SpecChangeRule(
        "operation_renamed", _B, "operation moved", "An operation keeps its operationId but has a new method or path."
    ),
    SpecChangeRule("operation_added", _N, "operation added", "A new operation."),
    SpecChangeRule("operation_id_changed", _P, "operationId changed", "An operation's operationId changed.", _SDK),
    SpecChangeRule(
        "path_parameter_renamed",
        _P,
        "path parameter renamed",
        "A path parameter has a new name (`{id}` to `{run_id}`).",
        _SDK,
    ),
    SpecChangeRule("operation_deprecated", _N, "operation deprecated", "An operation is marked deprecated."),
    # parameters
    SpecChangeRule(
        "new_required_request_parameter", _B, "required parameter added", "A new parameter that requests must send."
    ),
    SpecChangeRule("new_optional_request_parameter", _N, "optional parameter added", "A new optional parameter."),
    SpecChangeRule(
        "request_parameter_removed",
        _P,
        "parameter removed",
        "A parameter is no longer documented.",
        "Clients still send it: a server that rejects unknown parameters now fails their requests.",
    ),
    SpecChangeRule(
        "request_parameter_became_required", _B, "parameter made required", "An optional parameter is now required."
    ),
    SpecChangeRule(
        "request_parameter_became_optional", _N, "parameter made optional", "A required parameter is now optional."
    ),
    # request bodies
    SpecChangeRule(
        "request_body_added_required", _B, "required body added", "A request body, required, where none was."
    ),
    SpecChangeRule(
        "request_body_added_optional", _N, "optional body added", "An optional request body where none was."
    ),
    SpecChangeRule("request_body_became_required", _B, "body made required", "The request body is now required."),
    SpecChangeRule("request_body_became_optional", _N, "body made optional", "The request body is now optional."),
    SpecChangeRule(
        "request_body_removed",
        _P,
        "body removed",
        "The operation no longer documents a request body.",
        "Clients still send one: a server that rejects it now fails their requests.",
    ),
    SpecChangeRule(
        "request_media_type_removed",
        _B,
        "request media type removed",
        "A request body media type is no longer accepted.",
    ),
    SpecChangeRule(
        "request_media_type_added", _N, "request media type added", "A request body media type is accepted."
    ),
    # request schemas (bodies and parameters)
    SpecChangeRule(
        "new_required_request_property", _B, "required request field added", "A new required request field."
    ),
    SpecChangeRule(
        "new_optional_request_property", _N, "optional request field added", "A new optional request field."
    ),
    SpecChangeRule(
        "request_property_removed",
        _P,
        "request field removed",
        "A request field is no longer documented.",
        "Clients still send it: a server that rejects unknown fields now fails their requests.",
    ),
    SpecChangeRule(
        "request_property_became_required",
        _B,
        "request field made required",
        "An optional request field is now required.",
    ),
    SpecChangeRule(
        "request_property_became_optional",
        _N,
        "request field made optional",
        "A required request field is now optional.",
    ),
    SpecChangeRule(
        "request_enum_value_removed",
        _B,
        "request enum value removed",
        "A value a request could send is no longer allowed.",
    ),
    SpecChangeRule("request_enum_value_added", _N, "request enum value added", "A request may send a new enum value."),
    SpecChangeRule(
        "request_bound_tightened",
        _B,
        "request bound tightened",
        "A request constraint is stricter: minimum, maximum, their exclusive forms, minLength, maxLength, "
        "minItems, maxItems, minProperties, maxProperties, multipleOf, uniqueItems, enum, items, or a pattern "
        "set where none was.",
    ),
    SpecChangeRule(
        "request_bound_loosened", _N, "request bound loosened", "A request constraint is looser, or gone (format too)."
    ),
    SpecChangeRule(
        "request_pattern_changed",
        _P,
        "request pattern changed",
        "A request value's pattern changed.",
        "Whether the new pattern rejects values the old one allowed cannot be told in general.",
    ),
    SpecChangeRule(
        "request_additional_properties_closed",
        _B,
        "request closed to extra fields",
        "A request object no longer allows properties it does not declare (`additionalProperties: false`).",
    ),
    SpecChangeRule(
        "request_type_narrowed",
        _B,
        "request type narrowed",
        "A request value accepts fewer types (a type replaced or removed, or null no longer allowed).",
    ),
    SpecChangeRule(
        "request_type_widened",
        _N,
        "request type widened",
        "A request value accepts more types (integer to number, null allowed, no type).",
    ),
    SpecChangeRule(
        "request_format_changed",
        _P,
        "request format changed",
        "A request value's format is new or different.",
        "A server that validates formats may reject values clients send.",
    ),
    SpecChangeRule(
        "request_union_branch_removed",
        _B,
        "request oneOf/anyOf branch removed",
        "A request shape is no longer accepted.",
    ),
    SpecChangeRule(
        "request_union_branch_added", _N, "request oneOf/anyOf branch added", "A request may take a new shape."
    ),
    SpecChangeRule(
        "request_default_changed",
        _P,
        "request default changed",
        "The default of a request value changed.",
        "Clients that leave it out get another behaviour than before.",
    ),
    # responses
    SpecChangeRule(
        "response_success_status_removed", _B, "success status removed", "A 2xx response is no longer documented."
    ),
    SpecChangeRule(
        "response_error_status_removed",
        _P,
        "error status removed",
        "A response other than 2xx (an error, a redirect, default) is no longer documented.",
        "A server may still send it; an SDK regenerated from the new spec no longer reads its body.",
    ),
    SpecChangeRule(
        "response_success_status_added",
        _P,
        "success status added",
        "A new 2xx response.",
        "A strict client handles only the statuses it knows; whether the server now answers with it cannot be told.",
    ),
    SpecChangeRule(
        "response_error_status_added", _N, "error status added", "A new documented response other than 2xx."
    ),
    SpecChangeRule(
        "response_media_type_removed",
        _B,
        "response media type removed",
        "A response is no longer sent in a media type.",
    ),
    SpecChangeRule(
        "response_media_type_added", _N, "response media type added", "A response may come in a new media type."
    ),
    SpecChangeRule(
        "response_required_property_removed", _B, "response field removed", "A field every response carried is gone."
    ),
    SpecChangeRule(
        "response_optional_property_removed",
        _P,
        "optional response field removed",
        "An optional response field is no longer documented.",
        "Clients that read it get nothing any more.",
    ),
    SpecChangeRule("response_property_added", _N, "response field added", "A new response field."),
    SpecChangeRule(
        "response_property_became_optional",
        _B,
        "response field made optional",
        "A response field that was always there may now be missing.",
    ),
    SpecChangeRule(
        "response_property_became_required",
        _N,
        "response field made required",
        "An optional response field is now always there.",
    ),
    SpecChangeRule(
        "response_property_became_nullable", _B, "response field made nullable", "A response value may now be null."
    ),
    SpecChangeRule(
        "response_type_changed",
        _B,
        "response type changed",
        "A response value may now have a type it could not have before (a type replaced or widened, or dropped).",
    ),
    SpecChangeRule(
        "response_type_narrowed", _N, "response type narrowed", "A response value has fewer possible types."
    ),
    SpecChangeRule(
        "response_format_changed",
        _B,
        "response format changed",
        "A response value's format changed or was dropped.",
        "Clients parse the value by its format (a uuid, a date-time); another format fails to parse.",
    ),
    SpecChangeRule("response_format_added", _N, "response format added", "A response value now states its format."),
    SpecChangeRule(
        "response_enum_value_added",
        _B,
        "response enum value added",
        "A response value may be a new enum value (or any value, the enum gone).",
        _STRICT,
    ),
    SpecChangeRule("response_enum_value_removed", _N, "response enum value removed", "A response enum value is gone."),
    SpecChangeRule(
        "response_bound_loosened",
        _P,
        "response bound loosened",
        "A response constraint is looser or gone (minimum, maxLength, additionalProperties...).",
        "Clients that validate responses against the old bounds reject values outside them.",
    ),
    SpecChangeRule("response_bound_tightened", _N, "response bound tightened", "A response constraint is stricter."),
    SpecChangeRule(
        "response_pattern_changed",
        _P,
        "response pattern changed",
        "A response value's pattern changed.",
        "Clients that validate responses against the old pattern may reject the new values.",
    ),
    SpecChangeRule(
        "response_union_branch_added",
        _B,
        "response oneOf/anyOf branch added",
        "A response may take a shape it could not before.",
        _STRICT,
    ),
    SpecChangeRule(
        "response_union_branch_removed", _N, "response oneOf/anyOf branch removed", "A response shape is gone."
    ),
    # security
    SpecChangeRule("security_scheme_removed", _B, "security scheme removed", "A security scheme is gone."),
    SpecChangeRule("security_scheme_added", _N, "security scheme added", "A new security scheme."),
    SpecChangeRule(
        "security_scheme_changed",
        _B,
        "security scheme changed",
        "A security scheme's type, scheme, location or name changed: clients send credentials another way.",
    ),
    SpecChangeRule(
        "operation_security_tightened",
        _B,
        "security tightened",
        "An operation no longer accepts a way of authenticating it accepted (a scheme or scope required, "
        "anonymous access gone).",
    ),
    SpecChangeRule(
        "operation_security_loosened", _N, "security loosened", "An operation accepts a new way of authenticating."
    ),
    # documentation
    SpecChangeRule("description_changed", _I, "description changed", "A description or summary changed."),
    SpecChangeRule("example_changed", _I, "example changed", "An example changed."),
)
