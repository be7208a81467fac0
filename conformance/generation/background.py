"""Generating an operation's cases off the event loop, so a signal is acted on during generation.

Schemathesis and Hypothesis generate synchronously: seconds for one operation with a large
``--max-examples``. Run on the event loop, that holds off SIGINT and SIGTERM until it ends. Here
the cases are made in a worker thread while the loop waits, free to take a signal. Cancelling the
wait sets the generator's stop event, which it checks between two cases (Hypothesis can only be
stopped from inside its test body), and waits a moment for the thread to end, so no generation
outlives its run. The thread is a daemon: one stuck inside a single draw never holds the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from typing import Any

from conformance.generation.cases import GeneratedCase
from conformance.generation.engine import CaseGenerator
from conformance.specs import Operation

__all__ = ["STOP_GRACE_S", "generate_cases"]

STOP_GRACE_S = 0.2  # how long a cancelled wait gives the thread to notice its stop event


async def generate_cases(generator: CaseGenerator, operation: Operation) -> list[GeneratedCase]:
    """``generator.cases(operation)``, made in a worker thread; cancelling the await stops it."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[list[GeneratedCase]] = loop.create_future()
    stop = threading.Event()

    def work() -> None:
        try:
            outcome: tuple[Any, BaseException | None] = (generator.cases(operation, stop), None)
        except BaseException as exc:  # handed to the waiting coroutine, which raises it
            outcome = (None, exc)
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            loop.call_soon_threadsafe(_settle, done, *outcome)

    thread = threading.Thread(target=work, name=f"generate {operation.label}", daemon=True)
    thread.start()
    try:
        return await done
    except asyncio.CancelledError:
        stop.set()
        await _joined(thread, STOP_GRACE_S)
        raise


def _settle(done: asyncio.Future[list[GeneratedCase]], cases: Any, error: BaseException | None) -> None:
    if done.done():
        return
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(cases)


async def _joined(thread: threading.Thread, within_s: float) -> None:
    """Until ``thread`` ends, or ``within_s`` seconds have passed, without blocking the loop."""
    deadline = time.monotonic() + within_s
    while thread.is_alive() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
