"""Stopping a run from outside: SIGINT, SIGTERM, or a reader of its output that went away.

Each one cancels the run's task, with the reason as the cancellation's message. The run then
stops where it is: the operation in progress ends with what it did so far, ``drive`` gives the
reporters a ``RunFinished`` saying "interrupted" and why, and the reports are written. Then
:class:`~conformance.errors.Interrupted` goes up, with the exit status a shell gives a process
ended by that signal: 130 for SIGINT, 143 for SIGTERM, 141 (SIGPIPE) for a closed stdout, so
``conformance run | head`` in a ``set -o pipefail`` script fails as it would with any other tool.

A SIGINT that was ignored when the run started (a job started with ``&`` by a script) stays
ignored, as a shell would have it; SIGTERM still stops the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Awaitable
from typing import TypeVar

from conformance.errors import Interrupted

__all__ = ["Interrupts"]

T = TypeVar("T")
_CLOSED_OUTPUT = "stdout closed"


class Interrupts:
    """What stops a run from outside, and which one did."""

    def __init__(self) -> None:
        self.cause: Interrupted | None = None
        self._task: asyncio.Task[object] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def run(self, run: Awaitable[T]) -> T:
        """Await ``run`` with SIGINT and SIGTERM stopping it; raises ``Interrupted`` when one did."""
        self._task, self._loop = asyncio.current_task(), asyncio.get_running_loop()
        handled = [signal.SIGTERM]
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            handled.append(signal.SIGINT)
        for number in handled:
            self._loop.add_signal_handler(number, self.stop, f"{number.name} received", number)
        try:
            return await run
        except asyncio.CancelledError:
            if self.cause is None:
                raise
            if self._task is not None:
                self._task.uncancel()  # the cancellation is answered: it becomes ``Interrupted``
            raise self.cause from None
        finally:
            for number in handled:
                self._loop.remove_signal_handler(number)

    def stop(self, reason: str, number: int) -> None:
        """Cancel the run (the first cause is the one reported); safe to call from a reporter."""
        if self.cause is None:
            self.cause = Interrupted(reason, number)
        if self._loop is not None and self._task is not None:
            # Soon, not now: a reporter calls this in the middle of handling an event, and a run
            # that ends with that event has nothing left to interrupt.
            self._loop.call_soon(self._task.cancel, reason)

    def output_closed(self) -> None:
        """The reader of stdout went away: stop the run, and let the rest of its output go nowhere
        (else Python's final flush of stdout fails again, and exits 120 instead)."""
        with contextlib.suppress(OSError, ValueError):  # no real stdout (a test's capture): nothing to do
            stdout = sys.stdout.fileno()
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout)
            os.close(devnull)
        self.stop(_CLOSED_OUTPUT, signal.SIGPIPE)
