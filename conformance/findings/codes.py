"""Every finding code, with what it means: the one registry reporters, ``--help`` and ``explain`` read.

The codes are a public interface: users filter and baseline by them, so a code is never renamed
or removed (``tests/findings/test_codes.py`` lists them). A check function registers under one
of these codes (``conformance.checks``); spec findings come from loading the spec; spec changes
from diffing two versions (``conformance.drift``, its rules in ``spec_changes``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from conformance.findings.model import Severity
from conformance.findings.spec_changes import SPEC_CHANGE_RULES, ChangeClass

__all__ = ["CODES", "Category", "ChangeClass", "Code", "describe"]


class Category(enum.Enum):
    RESPONSE = "response"  # what a server answered
    REQUEST = "request"  # how a server treated what it was sent
    EXAMPLE = "example"  # a documented example against its schema
    SPEC_CHANGE = "spec change"  # one version of a spec against the next
    SPEC = "spec"  # the spec itself
    UPGRADE = "upgrade"  # a target against two versions of its spec (upgrade-check)


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    title: str
    meaning: str
    why: str
    severity: Severity  # the default; some checks lower it where the spec is silent
    category: Category
    change: ChangeClass | None = None  # for spec changes: breaking, potentially breaking, ...


_E, _W = Severity.ERROR, Severity.WARNING
_RESPONSE, _REQUEST, _SPEC = Category.RESPONSE, Category.REQUEST, Category.SPEC

CODES: dict[str, Code] = {
    code.code: code
    for code in (
        Code(
            "status_code",
            "undocumented status",
            "The response status is not documented for the operation (nor by a range like 4XX, nor default).",
            "Generated clients raise on, or mis-parse, statuses they were not told about.",
            _E,
            _RESPONSE,
        ),
        Code(
            "content_type",
            "undocumented Content-Type",
            "The response's Content-Type is not one the operation documents, or its body does not parse as declared.",
            "Clients pick a parser by Content-Type; a wrong one fails before any field is read.",
            _E,
            _RESPONSE,
        ),
        Code(
            "required_field",
            "required field missing",
            "A property the response schema marks required is absent, at any depth.",
            "Strict clients (pydantic, generated SDKs) reject the whole response.",
            _E,
            _RESPONSE,
        ),
        Code(
            "enum_value",
            "value outside the enum",
            "A value is not one of the schema's enum (or const) values.",
            "Clients with closed enums fail to decode it; switch statements miss a case.",
            _E,
            _RESPONSE,
        ),
        Code(
            "format_uuid",
            "not a uuid",
            "A string declared `format: uuid` is not a hyphenated RFC 4122 uuid.",
            "Clients that parse ids as UUIDs fail on it.",
            _E,
            _RESPONSE,
        ),
        Code(
            "format_date_time",
            "not an RFC 3339 date-time",
            "A string declared `format: date-time` is not an RFC 3339 date-time with its offset.",
            "Date parsers reject it, or read it in the wrong time zone.",
            _E,
            _RESPONSE,
        ),
        Code(
            "schema",
            "schema violation",
            "Any other violation of the response schema: type, nullability, bounds, pattern, length.",
            "Typed clients fail to decode the response, or hold a value their code does not expect.",
            _E,
            _RESPONSE,
        ),
        Code(
            "undocumented_field",
            "undocumented property",
            "The response carries a property its schema does not declare (and does not allow for).",
            "Not a break, but drift: the spec no longer describes what the server sends.",
            _W,
            _RESPONSE,
        ),
        Code(
            "error_shape",
            "error not in the API's convention",
            "A 422 whose body is not a `detail` list of `{loc, msg, type}` (APIs with the FastAPI convention).",
            "Clients show validation errors field by field from that shape.",
            _E,
            _RESPONSE,
        ),
        Code(
            "error_location",
            "422 blames the wrong part",
            "A 422 answered an invalid request, but no `detail[].loc` names the part that was invalid "
            "(`body`, `query`, `path`, `header`, then the field).",
            "A form that shows the error beside the wrong field, or only 'invalid body' for a bad query "
            "parameter, leaves the user guessing.",
            _E,
            _RESPONSE,
        ),
        Code(
            "server_error",
            "server error",
            "The server answered 5xx.",
            "A crash on input the spec allows (or should reject cleanly).",
            _E,
            _RESPONSE,
        ),
        Code(
            "transport",
            "no response",
            "The request got no whole response: connection refused or reset, no answer by the --timeout "
            "deadline, a body cut short, undecodable or past --max-response-bytes, an answer that is not HTTP.",
            "Nothing can be checked, and clients see the same failure.",
            _E,
            _RESPONSE,
        ),
        Code(
            "invalid_request_accepted",
            "invalid request accepted",
            "A request that breaks the spec (judged on the bytes actually sent) was answered 2xx.",
            "The server accepts what its spec forbids: validation is missing, or the spec is stricter than the server.",
            _E,
            _REQUEST,
        ),
        Code(
            "valid_request_rejected",
            "valid request rejected",
            "A request the spec allows was answered 4xx (other than 401, 403, 404 or 429). Schemathesis "
            "calls it positive data acceptance.",
            "The server needs something its spec does not say (a field it calls optional, a format it "
            "does not state): clients built from the spec send requests that fail.",
            _E,
            _REQUEST,
        ),
        Code(
            "example_placeholder",
            "example shows a placeholder",
            'A documented example shows a placeholder a docs generator printed (`<string>`, `123`, `"string"`), '
            "not a real value, where a real value would have to fit the schema.",
            "Not an API defect, but a reader (or a tool) copying the example gets a value the API rejects.",
            _W,
            Category.EXAMPLE,
        ),
        Code(
            "spec_invalid",
            "spec does not validate",
            "The OpenAPI document breaks the OpenAPI schema, or a schema in it is not valid JSON Schema.",
            "Tools read an invalid spec differently; code generators may fail or guess.",
            _W,
            _SPEC,
        ),
        Code(
            "duplicate_operation_id",
            "duplicate operationId",
            "Two operations share an operationId; the later one is known by its `METHOD /path` instead.",
            "SDK generators name methods after operationIds: one of the two is lost or renamed.",
            _W,
            _SPEC,
        ),
        Code(
            "unresolved_ref",
            "$ref points nowhere",
            "A `$ref` in the spec points at nothing; the operations that use it are not run.",
            "Nothing can generate requests or check responses against a schema that is not there.",
            _E,
            _SPEC,
        ),
        Code(
            "behaves_like_old_spec",
            "target still follows the old spec",
            "upgrade-check: the target answers this operation as the current spec says, and breaks the new one.",
            "A client built from the new spec fails against this target until it is deployed in its new version.",
            _W,
            Category.UPGRADE,
        ),
        Code(
            "behaves_like_new_spec",
            "target already follows the new spec",
            "upgrade-check: the target answers this operation as the new spec says (and breaks the current one).",
            "A client built from the new spec works against this target now; one built from the current may not.",
            Severity.INFO,
            Category.UPGRADE,
        ),
        Code(
            "behaves_like_neither_spec",
            "target follows neither spec",
            "upgrade-check: the target breaks both the current and the new spec for this operation.",
            "Upgrading the client does not help here: the target itself drifts from both versions.",
            _W,
            Category.UPGRADE,
        ),
    )
} | {
    rule.code: Code(
        rule.code,
        rule.title,
        rule.meaning,
        rule.why or rule.change.why,
        rule.change.severity,
        Category.SPEC_CHANGE,
        rule.change,
    )
    for rule in SPEC_CHANGE_RULES
}


def describe(code: str) -> str:
    """What ``conformance explain CODE`` prints."""
    entry = CODES[code]
    return "\n".join(
        [
            f"{entry.code}: {entry.title}",
            f"  category: {entry.category.value}; default severity: {entry.severity.value}"
            + (f"; change: {entry.change.value}" if entry.change else ""),
            "",
            f"  What it means: {entry.meaning}",
            f"  Why it matters: {entry.why}",
        ]
    )
