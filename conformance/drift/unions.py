"""Which ``oneOf``/``anyOf`` branch of the old version is which branch of the new one.

Branches have no names, and neither their order nor how they are written (a ``$ref`` or the
same schema inline) may count. A new branch is paired with an old one, first by the place it
is written (the same component), then by its shape (types, property names and enum values),
then by the property names they share most; one branch left on each side are the same branch
changed. What is left over was added or removed.
"""

from __future__ import annotations

import json

from conformance.drift.views import SchemaView

__all__ = ["branch_label", "match_branches"]

_Pairs = list[tuple[SchemaView, SchemaView]]


def match_branches(old: list[SchemaView], new: list[SchemaView]) -> tuple[_Pairs, list[SchemaView], list[SchemaView]]:
    """(old, new) pairs of the same branch, the old branches removed, and the new ones added."""
    pairs: _Pairs = []
    old, new = list(old), list(new)
    for score in (_same_place, _same_shape, _shared_properties):
        for branch in list(new):
            best = max(old, key=lambda candidate: score(candidate, branch), default=None)
            if best is not None and score(best, branch) > 0:
                pairs.append((best, branch))
                old.remove(best)
                new.remove(branch)
    if len(old) == len(new) == 1:
        return [*pairs, (old[0], new[0])], [], []
    return pairs, old, new


def branch_label(view: SchemaView) -> str:
    """A branch as a reader knows it: its title, its component's name, or its types."""
    title = view.keywords.get("title")
    if isinstance(title, str) and title:
        return repr(title)
    if view.pointer.startswith("/components/schemas/"):
        return repr(view.pointer.split("/")[3].replace("~1", "/").replace("~0", "~"))
    types = view.declared_types()
    return "of any type" if types is None else "of type " + "/".join(sorted(types))


def _same_place(old: SchemaView, new: SchemaView) -> int:
    return int(old.key == new.key)


def _same_shape(old: SchemaView, new: SchemaView) -> int:
    return int(_shape(old) == _shape(new))


def _shared_properties(old: SchemaView, new: SchemaView) -> int:
    return len(old.properties.keys() & new.properties.keys())


def _shape(view: SchemaView) -> str:
    types = view.declared_types()
    return json.dumps(
        [sorted(types or ()), sorted(view.properties), view.keywords.get("enum"), view.keywords.get("format")],
        sort_keys=True,
        default=str,
    )
