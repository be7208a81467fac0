"""The tool's own errors: one root, one subclass per failure kind.

A broken API contract is never an error of the tool: it is a finding (see
``conformance.results``). These exceptions are about the tool's inputs and
environment, and each renders as one line naming the file, the key and the problem.

    ConformanceError
    ├── UsageError            (bad command line: exit 2)
    ├── InputError            (a file we were given is wrong: exit 2)
    │   ├── SpecError         (an OpenAPI document, or the spec lock)
    │   │   └── UnresolvedReference  (a $ref or pointer that leads nowhere; also a LookupError)
    │   └── ContractError     (a contract file)
    ├── OutputError           (reports cannot be written: exit 2)
    ├── GenerationFailed      (no request can be made for one operation: it is skipped, the run goes on)
    ├── TargetUnreachable     (no response at all from the target: exit 3)
    └── Interrupted           (a signal, or a closed stdout, stopped the run: exit 128 + the signal)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "MAX_QUOTED",
    "ConformanceError",
    "ContractError",
    "GenerationFailed",
    "InputError",
    "Interrupted",
    "OutputError",
    "SpecError",
    "TargetUnreachable",
    "UnresolvedReference",
    "UsageError",
    "clip",
    "did_you_mean",
]

MAX_QUOTED = 300  # characters of any one value an error message quotes


def clip(text: str, limit: int = MAX_QUOTED) -> str:
    """Each line of ``text`` at most ``limit`` characters: an error quotes a value, never a whole spec."""
    return "\n".join(_clip_line(line, limit) for line in text.split("\n"))


def _clip_line(line: str, limit: int) -> str:
    return line if len(line) <= limit else f"{line[:limit]}... ({len(line) - limit} more characters)"


class ConformanceError(Exception):
    """Root of every error the tool raises on purpose."""

    exit_code = 2


class UsageError(ConformanceError):
    """The command line asks for something that cannot be done."""


def did_you_mean(given: str, known: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` when a known name is close to ``given``, else ``""``."""
    close = difflib.get_close_matches(given, list(known), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(name) for name in close)}?)" if close else ""


class InputError(ConformanceError):
    """A file given to the tool is unreadable or invalid.

    Rendered as ``file: key: problem`` so the user can go straight to it.
    """

    def __init__(self, path: Path | str, problem: str, key: str = "") -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{clip(self.path)}: {clip(self.key)}" if self.key else clip(self.path)
        return f"{where}: {clip(self.problem, 2 * MAX_QUOTED)}"


class SpecError(InputError):
    """An OpenAPI document, or its entry in the spec lock, is wrong."""


class UnresolvedReference(SpecError, LookupError):
    """A ``$ref`` or JSON pointer that leads nowhere in the document it is looked up in."""

    def __init__(self, reference: str, problem: str, path: Path | str = "OpenAPI document") -> None:
        self.reference = reference
        super().__init__(path, problem, key=f"$ref {reference}")


class ContractError(InputError):
    """A contract file is wrong."""


class OutputError(ConformanceError):
    """A report cannot be written where it was asked for."""


class GenerationFailed(ConformanceError):
    """No request can be generated for one operation; the run skips it and goes on."""


class TargetUnreachable(ConformanceError):
    """Not a single request reached the target."""

    exit_code = 3


class Interrupted(ConformanceError):
    """The run was stopped from outside; its reports say so and hold what was done.

    The exit code is the one a shell gives a process ended by that signal: 128 + its number
    (130 for SIGINT, 143 for SIGTERM, 141 for SIGPIPE, that is a closed stdout).
    """

    def __init__(self, reason: str, signal_number: int) -> None:
        self.reason = reason
        self.exit_code = 128 + signal_number
        super().__init__(reason)
