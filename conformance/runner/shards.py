"""``--shard K/N``: a deterministic share of a run's operations, for a CI matrix of N machines.

Operations are dealt like cards, in run order (API by API as given, each in spec order): the
first to shard 1, the second to shard 2, ..., the N+1th to shard 1 again. Every operation falls to
exactly one shard, the same one on every machine for the same specs and selection, and the shards
differ in size by one operation at most. ``conformance merge`` deals them back in the same order,
so the merged report lists operations as one run would.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from conformance.errors import UsageError

__all__ = ["Shard", "deal"]

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Shard:
    index: int  # 1-based, as people count machines
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = re.fullmatch(r"([1-9][0-9]{0,3})/([1-9][0-9]{0,3})", text.strip())
        if match is None or int(match[1]) > int(match[2]):
            raise UsageError(f"--shard {text!r}: expected K/N with 1 <= K <= N <= 9999, e.g. 2/4")
        return cls(int(match[1]), int(match[2]))

    def takes(self, position: int) -> bool:
        """Whether the operation at ``position`` (0-based, in run order) falls to this shard."""
        return position % self.count == self.index - 1

    @property
    def first(self) -> bool:
        """The shard that also reports what belongs to no operation (a spec's own defects)."""
        return self.index == 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def deal(groups: Sequence[tuple[K, Sequence[V]]], shard: Shard | None) -> list[tuple[K, list[V]]]:
    """Each group's items that fall to ``shard``, counting positions across the groups in order."""
    position, dealt = 0, []
    for key, items in groups:
        kept = [item for offset, item in enumerate(items) if shard is None or shard.takes(position + offset)]
        position += len(items)
        dealt.append((key, kept))
    return dealt
