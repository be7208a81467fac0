"""Feeding a run's events to its reporters, and telling them when it is cut short."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Sequence

from conformance.results import Event, Reporter, RunFinished, RunStarted, StopReason, utc_now
from conformance.runner.targets import environment_redactor
from conformance.transport import Redactor

__all__ = ["drive"]


async def drive(
    events: AsyncGenerator[Event, None], reporters: Sequence[Reporter], redactor: Redactor | None = None
) -> RunFinished:
    """Hand every event to every reporter, in order; returns the run's last event.

    An interrupted run (Ctrl-C, SIGTERM, a cancelled task), or one the tool itself fails in, still
    ends with a ``RunFinished`` saying so, so every report is written; then the interruption or the
    error goes on up. A cancellation's message, when it has one, says why it was interrupted
    (``conformance.runner.interrupts``). Reporters are closed whatever happens. The error's text is
    redacted with ``redactor`` (default: the environment's secrets) before any report shows it.
    """
    started: float | None = None
    try:
        async for event in events:
            if isinstance(event, RunStarted):
                started = time.perf_counter()
            _dispatch(event, reporters)
            if isinstance(event, RunFinished):
                return event
        raise RuntimeError("the run ended without a RunFinished event")
    except (KeyboardInterrupt, asyncio.CancelledError) as exc:
        _finish(started, StopReason.INTERRUPTED, _why_interrupted(exc), reporters)
        raise
    except Exception as exc:  # the tool's own failure: the reports still say what was done, and why it stopped
        message = (redactor or environment_redactor()).text(f"{type(exc).__name__}: {exc}").splitlines()[0]
        _finish(started, StopReason.FAILED, message, reporters)
        raise
    finally:
        for reporter in reporters:
            reporter.close()
        await events.aclose()  # the run's own cleanup: its HTTP clients, its in-process mock


def _finish(started: float | None, stop: StopReason, message: str, reporters: Sequence[Reporter]) -> None:
    if started is not None:
        elapsed = round(time.perf_counter() - started, 3)
        _dispatch(RunFinished(stop, utc_now(), elapsed, message), reporters)


def _why_interrupted(exc: BaseException) -> str:
    reason = exc.args[0] if exc.args else None
    return reason if isinstance(reason, str) and reason else "interrupted"


def _dispatch(event: Event, reporters: Sequence[Reporter]) -> None:
    for reporter in reporters:
        reporter.handle(event)
