"""What changed in how clients authenticate: the security schemes, and each operation's requirements.

An operation's requirements are alternatives, each a set of schemes (with scopes) sent together;
an empty alternative, or no requirement at all, lets a request go without credentials. A client
built for one old alternative keeps working when some new alternative asks no more of it (no
scheme it does not send, no scope it does not hold). When one old alternative no longer works,
security is tightened; otherwise, when the alternatives changed, it is loosened.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance.drift.changes import Change
from conformance.specs import ApiSpec, Operation
from conformance.specs.documents import escape_token

__all__ = ["requirement_changes", "scheme_changes"]

_HOW = ("type", "scheme", "in", "name", "bearerFormat", "flows", "openIdConnectUrl")
_Alternative = frozenset[tuple[str, frozenset[str]]]  # (scheme, its scopes) sent together


def scheme_changes(old: ApiSpec, new: ApiSpec) -> Iterator[Change]:
    was, now = _schemes(old.document), _schemes(new.document)
    for name in dict.fromkeys([*was, *now]):
        pointer = f"/components/securitySchemes/{escape_token(name)}"
        before, after = was.get(name), now.get(name)
        if after is None:
            yield Change("security_scheme_removed", f"scheme {name!r} removed", pointer, None, context="security")
        elif before is None:
            yield Change("security_scheme_added", f"scheme {name!r} added", None, pointer, context="security")
        else:
            yield from _scheme_changed(name, pointer, before, after)


def requirement_changes(
    old: ApiSpec, new: ApiSpec, old_operation: Operation, new_operation: Operation
) -> Iterator[Change]:
    (old_pointer, was), (new_pointer, now) = _requirements(old, old_operation), _requirements(new, new_operation)
    if was == now:
        return
    lost = [alternative for alternative in was if not _still_works(alternative, now)]
    if lost:
        detail = "no longer accepts " + "; ".join(_describe(alternative) for alternative in lost)
        yield Change(
            "operation_security_tightened", detail, old_pointer, new_pointer, keyword="security", context="security"
        )
    else:
        gained = [alternative for alternative in now if alternative not in was]
        detail = "now also accepts " + "; ".join(_describe(alternative) for alternative in gained)
        yield Change(
            "operation_security_loosened", detail, old_pointer, new_pointer, keyword="security", context="security"
        )


def _schemes(document: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, Mapping) else None
    if not isinstance(schemes, Mapping):
        return {}
    return {str(name): scheme for name, scheme in schemes.items() if isinstance(scheme, Mapping)}


def _scheme_changed(name: str, pointer: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterator[Change]:
    changed = [key for key in _HOW if _normal(key, before.get(key)) != _normal(key, after.get(key))]
    if changed:
        detail = f"scheme {name!r}: {', '.join(changed)} changed"
        yield Change("security_scheme_changed", detail, pointer, pointer, keyword=changed[0], context="security")
    if before.get("description") != after.get("description"):
        pointers = f"{pointer}/description", f"{pointer}/description"
        yield Change("description_changed", f"scheme {name!r}: description changed", *pointers, context="security")


def _normal(key: str, value: Any) -> Any:
    return value.lower() if key == "scheme" and isinstance(value, str) else value


def _requirements(spec: ApiSpec, operation: Operation) -> tuple[str, frozenset[_Alternative]]:
    """The requirements in force for the operation, and where they are written."""
    if "security" in operation.definition:
        written, pointer = operation.definition["security"], f"{operation.pointer}/security"
    else:
        written, pointer = spec.document.get("security"), "/security"
    alternatives = (
        [_alternative(entry) for entry in written if isinstance(entry, Mapping)] if isinstance(written, list) else []
    )
    return pointer, frozenset(alternatives or [frozenset()])


def _alternative(entry: Mapping[str, Any]) -> _Alternative:
    return frozenset(
        (str(name), frozenset(map(str, scopes if isinstance(scopes, list) else ()))) for name, scopes in entry.items()
    )


def _still_works(client: _Alternative, alternatives: frozenset[_Alternative]) -> bool:
    """Whether a client sending ``client``'s credentials meets one of ``alternatives``."""
    held = dict(client)
    return any(all(name in held and scopes <= held[name] for name, scopes in wanted) for wanted in alternatives)


def _describe(alternative: _Alternative) -> str:
    if not alternative:
        return "no credentials"
    parts = [name + (f" ({', '.join(sorted(scopes))})" if scopes else "") for name, scopes in sorted(alternative)]
    return " + ".join(parts)
