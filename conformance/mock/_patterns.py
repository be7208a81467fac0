"""Strings that match a regular expression, for ``pattern``: a walk of the stdlib's parse tree.

Hand-written for speed and determinism: Hypothesis's ``from_regex`` is a strategy, slow to
draw outside a test and not reproducible per call from a ``random.Random``. This walks
``re._parser``'s tree (literals, classes, categories, ranges, repeats, alternation, groups,
back-references; anchors and lookarounds write nothing) with the caller's generator, then
checks the result with ``re.search`` as jsonschema does. Several attempts, with repeats
stretched or shrunk, aim at ``minLength``/``maxLength`` too; ``None`` when none fits.
"""

from __future__ import annotations

import random
import re
import string
from functools import lru_cache
from re import _constants as sre
from re import _parser
from typing import Any

__all__ = ["matching_string"]

_ATTEMPTS = 24
_STRETCH = (2, 0, 1, 4, 8, 16, 32, 64)  # extra repetitions an open-ended repeat may take, by attempt
_PRINTABLE = string.ascii_letters + string.digits + "-_.~ "
_CATEGORIES = {
    sre.CATEGORY_DIGIT: string.digits,
    sre.CATEGORY_NOT_DIGIT: string.ascii_letters + "-_",
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_SPACE: string.ascii_letters + string.digits,
    sre.CATEGORY_WORD: string.ascii_letters + string.digits + "_",
    sre.CATEGORY_NOT_WORD: "-. ",
}


def matching_string(pattern: str, rng: random.Random, min_length: int = 0, max_length: int | None = None) -> str | None:
    """A string ``re.search(pattern, ...)`` finds a match in, within the lengths; None if none found."""
    compiled = _compile(pattern)
    if compiled is None:
        return None
    regex, tree = compiled
    high = max_length if max_length is not None else max(min_length, 0) + 256
    for attempt in range(_ATTEMPTS):
        text = _Writer(rng, _STRETCH[attempt % len(_STRETCH)]).write(tree)
        text = _pad(text, regex, min_length, rng)
        if min_length <= len(text) <= high and regex.search(text):
            return text
    return None


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> tuple[re.Pattern[str], Any] | None:
    try:
        return re.compile(pattern), _parser.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return None


def _pad(text: str, regex: re.Pattern[str], min_length: int, rng: random.Random) -> str:
    """Too short: letters after the match (or before it) when the pattern still finds it there."""
    missing = min_length - len(text)
    if missing <= 0:
        return text
    filler = "".join(rng.choice(string.ascii_lowercase) for _ in range(missing))
    for padded in (text + filler, filler + text):
        if regex.search(padded):
            return padded
    return text


class _Writer:
    def __init__(self, rng: random.Random, stretch: int) -> None:
        self._rng = rng
        self._stretch = stretch
        self._groups: dict[int, str] = {}

    def write(self, tree: Any) -> str:
        return "".join(self._node(op, argument) for op, argument in tree)

    def _node(self, op: Any, argument: Any) -> str:
        if op is sre.LITERAL:
            return chr(argument)
        if op is sre.NOT_LITERAL:
            return self._choose(_PRINTABLE.replace(chr(argument), ""))
        if op is sre.ANY:
            return self._choose(string.ascii_letters + string.digits)
        if op is sre.IN:
            return self._in(argument)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return self._repeat(*argument)
        if op is sre.SUBPATTERN:
            return self._group(argument[0], argument[-1])
        if op is sre.ATOMIC_GROUP:
            return self.write(argument)
        if op is sre.BRANCH:
            return self.write(self._rng.choice(argument[1]))
        if op is sre.GROUPREF:
            return self._groups.get(argument, "")
        if op is sre.GROUPREF_EXISTS:
            group, yes, no = argument
            return self.write(yes if group in self._groups else no or [])
        return ""  # AT (anchors, boundaries), ASSERT, ASSERT_NOT: nothing to write

    def _group(self, group: int | None, tree: Any) -> str:
        text = self.write(tree)
        if group is not None:
            self._groups[group] = text
        return text

    def _repeat(self, low: int, high: int, tree: Any) -> str:
        top = low + self._stretch if high == sre.MAXREPEAT else min(high, low + max(self._stretch, 1))
        return "".join(self.write(tree) for _ in range(self._rng.randint(low, top)))

    def _in(self, items: list[tuple[Any, Any]]) -> str:
        negated = bool(items) and items[0][0] is sre.NEGATE
        allowed = "".join(_class_characters(op, argument) for op, argument in items if op is not sre.NEGATE)
        if negated:
            allowed = "".join(c for c in _PRINTABLE if c not in allowed)
        return self._choose(allowed or "a")

    def _choose(self, characters: str) -> str:
        return self._rng.choice(characters)


def _class_characters(op: Any, argument: Any) -> str:
    if op is sre.LITERAL:
        return chr(argument)
    if op is sre.RANGE:
        low, high = argument
        return "".join(chr(code) for code in range(low, min(high, low + 255) + 1))
    if op is sre.CATEGORY:
        return _CATEGORIES.get(argument, "")
    return ""
