"""One change between two versions of a spec, before it becomes a finding, and which rule it is.

The schema walk is the same for requests and responses; what a change means depends on the
direction. It says what happened (a ``kind``: "enum_values_added", "became_optional"...) and
:func:`rule_for` names the rule: a new enum value is harmless in a request and breaks a strict
client in a response; a field made optional is the reverse.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Change", "Direction", "edit_word", "rule_for"]


class Direction(enum.Enum):
    REQUEST = "request"  # what a client sends: the server must accept all the old version allowed
    RESPONSE = "response"  # what a client reads: it must still understand all the new version allows


@dataclass(frozen=True, slots=True)
class Change:
    """A change, placed in the operation: ``where`` is the field path, ``old``/``new`` JSON pointers
    into each version's document (None where the thing is absent)."""

    rule: str
    detail: str  # what changed, in words: "value 'cancelled' added"
    old: str | None
    new: str | None
    where: tuple[str, ...] = ()  # field path below the context; "*" for array items
    keyword: str = ""  # the keyword that changed ("enum", "required", "maxLength") or the object kind
    context: str = ""  # "response 200", "request body", "query parameter `limit`"
    response: str = ""  # the documented response's status key, for response changes

    def below(self, *tokens: str) -> Change:
        """The same change, one level further from the root of the walk (``tokens`` before ``where``)."""
        return Change(self.rule, self.detail, self.old, self.new, (*tokens, *self.where), self.keyword)


# kind -> (the rule in a request, the rule in a response); None: not a change in that direction
_RULES: dict[str, tuple[str | None, str | None]] = {
    "property_added_required": ("new_required_request_property", "response_property_added"),
    "property_added_optional": ("new_optional_request_property", "response_property_added"),
    "property_removed_required": ("request_property_removed", "response_required_property_removed"),
    "property_removed_optional": ("request_property_removed", "response_optional_property_removed"),
    "became_required": ("request_property_became_required", "response_property_became_required"),
    "became_optional": ("request_property_became_optional", "response_property_became_optional"),
    "became_nullable": ("request_type_widened", "response_property_became_nullable"),
    "became_not_nullable": ("request_type_narrowed", "response_type_narrowed"),
    "types_widened": ("request_type_widened", "response_type_changed"),
    "types_narrowed": ("request_type_narrowed", "response_type_narrowed"),
    "types_changed": ("request_type_narrowed", "response_type_changed"),
    "format_added": ("request_format_changed", "response_format_added"),
    "format_removed": ("request_bound_loosened", "response_format_changed"),
    "format_changed": ("request_format_changed", "response_format_changed"),
    "enum_values_added": ("request_enum_value_added", "response_enum_value_added"),
    "enum_values_removed": ("request_enum_value_removed", "response_enum_value_removed"),
    "enum_set": ("request_bound_tightened", "response_bound_tightened"),
    "enum_dropped": ("request_bound_loosened", "response_enum_value_added"),
    "tightened": ("request_bound_tightened", "response_bound_tightened"),
    "loosened": ("request_bound_loosened", "response_bound_loosened"),
    "pattern_changed": ("request_pattern_changed", "response_pattern_changed"),
    "closed": ("request_additional_properties_closed", "response_bound_tightened"),
    "opened": ("request_bound_loosened", "response_bound_loosened"),
    "branch_added": ("request_union_branch_added", "response_union_branch_added"),
    "branch_removed": ("request_union_branch_removed", "response_union_branch_removed"),
    "default_changed": ("request_default_changed", None),
    "description_changed": ("description_changed", "description_changed"),
    "example_changed": ("example_changed", "example_changed"),
}


def rule_for(kind: str, direction: Direction) -> str | None:
    """The rule id of a change of ``kind`` in ``direction``; None when it changes nothing there."""
    request, response = _RULES[kind]
    return request if direction is Direction.REQUEST else response


def edit_word(was_there: bool, is_there: bool) -> str:
    """How a piece of documentation changed: added, removed or changed."""
    if not was_there:
        return "added"
    return "removed" if not is_there else "changed"
