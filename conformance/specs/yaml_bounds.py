"""Bounds on a YAML document, checked before anything of it is built: depth, and values once its
aliases are expanded.

Hand-written because PyYAML (and libyaml under it) has no limit of its own, and neither bound can
be put in its loader from outside:

- **Aliases.** An alias is built as a reference to its anchor's value, so a "billion laughs"
  document (nine aliases of nine aliases of ...) loads in a blink and then explodes in whatever
  walks it: a copy, a validation, a report.
- **Depth.** The C loader builds nested collections by recursion in C: 100,000 ``[`` overflow the
  C stack and the process dies of a segfault, with no exception to catch.

So the document's events are read first (libyaml's parser is iterative, and cheap beside
building: a tenth of the load time), counting the depth and the values each anchor stands for;
a document past a bound is refused with the line where it went past, before the loader runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["MAX_DEPTH", "MAX_VALUES", "YamlTooLarge", "check_yaml_bounds"]

MAX_DEPTH = 500  # nested collections; OpenAPI documents nest a few dozen deep
MAX_VALUES = 5_000_000  # scalars and collections, aliases expanded; a 64 MB file holds fewer written out

_EVENTS_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlTooLarge(ValueError):
    """A document past one of the bounds; ``line`` is where (1-based)."""

    def __init__(self, problem: str, line: int) -> None:
        self.problem, self.line = problem, line
        super().__init__(f"line {line}: {problem}")


@dataclass(slots=True)
class _Scan:
    total: int = 0
    frames: list[list[Any]] = field(default_factory=list)  # [values so far, anchor] per open collection
    sizes: dict[str, int] = field(default_factory=dict)  # anchor -> the values it stands for

    def add(self, values: int, mark: Any) -> None:
        self.total += values
        if self.frames:
            self.frames[-1][0] += values
        if self.total > MAX_VALUES:
            raise YamlTooLarge(
                f"more than {MAX_VALUES:,} values once its aliases are expanded (an alias bomb?)", _line(mark)
            )


def check_yaml_bounds(text: str) -> None:
    """Raise ``YamlTooLarge`` when ``text`` nests deeper than ``MAX_DEPTH`` or expands past ``MAX_VALUES``.

    Syntax errors are left to the loader, which reports them with their own line.
    """
    scan = _Scan()
    try:
        for event in yaml.parse(text, Loader=_EVENTS_LOADER):
            _step(scan, event)
    except yaml.YAMLError:
        return


def _step(scan: _Scan, event: Any) -> None:
    if isinstance(event, yaml.ScalarEvent):
        scan.add(1, event.start_mark)
        if event.anchor:
            scan.sizes[event.anchor] = 1
    elif isinstance(event, yaml.AliasEvent):
        scan.add(scan.sizes.get(event.anchor or "", 1), event.start_mark)
    elif isinstance(event, yaml.CollectionStartEvent):
        if len(scan.frames) >= MAX_DEPTH:
            raise YamlTooLarge(f"nested more than {MAX_DEPTH} levels deep (no API needs that)", _line(event.start_mark))
        scan.add(1, event.start_mark)
        scan.frames.append([1, event.anchor])
    elif isinstance(event, yaml.CollectionEndEvent):
        values, anchor = scan.frames.pop()
        if anchor:
            scan.sizes[anchor] = values
        if scan.frames:
            scan.frames[-1][0] += values - 1  # its start was counted already


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 0
