"""How the command line's parsers behave, for every subcommand and every option, present or added later.

- Every option's help ends with its default (``default: ...``), unless its text already says it:
  the formatter adds it, so an option added tomorrow needs nothing more than its help text.
- A mistyped option is reported by the subcommand that was given it, with that subcommand's usage
  and the nearest option names. Stock argparse hands a subcommand's unknown arguments up to the
  top-level parser, which prints ``usage: conformance [-h] [--version] COMMAND ...``: no help.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

__all__ = ["HelpFormatter", "SubcommandParser", "shows_default"]


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs as written; each option's help followed by its default."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if not shows_default(action) or "default" in text:
            return text
        return f"{text} (default: {_shown(action.default).replace('%', '%%')})"


class SubcommandParser(argparse.ArgumentParser):
    """A subcommand's parser: it reports the arguments it does not know itself, with its own usage."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}{self._nearest(extras)}")
        return parsed, extras

    def _nearest(self, extras: list[str]) -> str:
        options = list(self._option_string_actions)
        for extra in extras:
            close = difflib.get_close_matches(extra.split("=", 1)[0], options, n=1, cutoff=0.6)
            if close:
                return f" (did you mean {close[0]}?)"
        return ""


def shows_default(action: argparse.Action) -> bool:
    """Whether an option's help must name its default: it has one worth naming."""
    default = action.default
    return default is not None and default is not False and default is not argparse.SUPPRESS


def _shown(default: Any) -> str:
    if isinstance(default, str | PurePath):
        return str(default)
    if isinstance(default, list | tuple | set | frozenset):
        return ", ".join(sorted(map(str, default))) or "none"
    return str(default)
