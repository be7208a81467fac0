"""The observed schema: what an operation's responses actually held, beside what its spec documents.

Observations are not findings: they never fail a run. They say what a run saw (statuses, media
types, fields as pointer templates with ``*`` for array indices, enum values, formats), what the
spec documents that was never seen, and what was seen that the spec does not document. They are
bounded: past a cap, distinct entries are no longer added and ``capped`` says which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["FormatTally", "Gaps", "Observed", "ObservedResponse", "Scalar", "enum_cap_note"]

Scalar = str | int | float | bool  # an enum value as JSON holds it (null is a type, not an enum value here)


def enum_cap_note(status: str, template: str) -> str:
    """How ``capped`` names an enum field whose distinct values reached the cap."""
    return f"enum_values {status} {template}"


@dataclass(frozen=True, slots=True)
class FormatTally:
    """How often a field with a declared ``format`` was seen, and how often its value broke it."""

    format: str
    seen: int = 0
    violated: int = 0


@dataclass(frozen=True, slots=True)
class ObservedResponse:
    """What the responses of one status held."""

    status: str  # "200": the status received, not the documented key
    media_types: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()  # pointer templates of object keys seen ("/data/*/run_id")
    enum_values: Mapping[str, tuple[Scalar, ...]] = field(default_factory=dict)  # template -> values seen
    formats: Mapping[str, FormatTally] = field(default_factory=dict)  # template -> tally


@dataclass(frozen=True, slots=True)
class Gaps:
    """Statuses, fields and enum values on one side of spec and target but not the other."""

    statuses: tuple[str, ...] = ()
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # status -> templates
    enum_values: Mapping[str, Mapping[str, tuple[Scalar, ...]]] = field(default_factory=dict)  # status -> template

    def __bool__(self) -> bool:
        return bool(self.statuses or self.fields or self.enum_values)


@dataclass(frozen=True, slots=True)
class Observed:
    """One operation's observed schema and its gaps against the spec."""

    responses: tuple[ObservedResponse, ...] = ()
    never_seen: Gaps = Gaps()  # documented, never returned (statuses, optional fields, enum values)
    undocumented: Gaps = Gaps()  # returned, not documented
    capped: tuple[str, ...] = ()  # "fields", "media_types 200", enum_cap_note(...): what stopped growing

    def response(self, status: str) -> ObservedResponse | None:
        return next((response for response in self.responses if response.status == status), None)
