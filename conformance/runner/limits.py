"""How hard a run may push a live target: request budgets, pacing, Retry-After, a circuit breaker, retries.

A run is one ``RunGuard``; each operation gets an ``OperationGuard`` from it, which sends every
request of the operation:

- **budgets**: ``max_requests`` for the whole run and ``max_requests_per_operation``, counted per
  request that goes on the wire (a retry is one more). A spent budget stops the operation (and,
  for the run's, the run) with a reason the reports show; it is not a failure of the tool.
- **pacing**: at most ``rate_per_s`` requests per second, spaced evenly (a next-send time, no
  bursts). A 429 or 503 with ``Retry-After`` pushes the next send back by what it asks, up to
  ``max_retry_after_s``; a server that asks for longer stops the operation ("rate_limited").
- **circuit breaker**: ``breaker`` answers in a row that are 5xx, 429 or no answer at all stop
  the operation ("circuit_breaker").
- **retries**: a request is sent again, at most ``retries`` times with a short backoff and
  within its one deadline, only when it failed before any response in a way sending again may fix
  (refused, reset) and only when sending it twice cannot do harm: an idempotent method (RFC 9110
  section 9.2.2: GET, HEAD, OPTIONS, TRACE, PUT, DELETE) of an operation the contract does not
  mark costly (each call of a costly one is paid for, whatever the method says).

Retry-After is parsed here (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date); httpx does
not read it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from conformance.results import Skip
from conformance.transport import Exchange, ReadLimits

__all__ = ["IDEMPOTENT", "Limits", "OperationGuard", "RunGuard", "parse_rate", "retry_after"]

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
_BACKOFF_S = 0.25  # before the first retry; doubled for each next one
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}
Attempt = Callable[[float], Awaitable[Exchange]]  # sends once, by the given deadline (event-loop time)


@dataclass(frozen=True, slots=True)
class Limits:
    max_requests: int | None = None  # the whole run; None: no budget
    max_requests_per_operation: int | None = None
    rate_per_s: float | None = None  # None: as fast as the target answers
    max_retry_after_s: float = 60.0
    breaker: int = 5  # answers in a row that are 5xx, 429 or none, before an operation stops; 0: never
    retries: int = 2
    read: ReadLimits = field(default_factory=ReadLimits)


def parse_rate(text: str) -> float:
    """Requests per second from ``10``, ``10/s``, ``600/m`` or ``36000/h``; ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:/\s*([smh]))?\s*", text)
    if match is None or float(match[1]) <= 0:
        raise ValueError(f"expected a rate like 10, 10/s or 600/m, got {text!r}")
    return float(match[1]) / _UNITS[match[2] or "s"]


def retry_after(value: str, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delay-seconds or an HTTP-date); None if unreadable."""
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RunGuard:
    """The run's side of the limits: its request count and when the next request may go."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.sent = 0
        self.cut_short = False  # the run's budget stopped something that had more to send
        self._next_send = 0.0  # event-loop time

    @property
    def spent(self) -> bool:
        return self.limits.max_requests is not None and self.sent >= self.limits.max_requests

    @property
    def budget_skip(self) -> Skip:
        return Skip("budget", f"the run's budget of {self.limits.max_requests} requests (--max-requests) is spent")

    def operation(self, resend_safe: bool) -> OperationGuard:
        return OperationGuard(self, resend_safe)

    async def wait_turn(self) -> None:
        """Sleep until the next request may go (pacing, Retry-After), then book the slot after it."""
        loop = asyncio.get_running_loop()
        delay = self._next_send - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        interval = 1 / self.limits.rate_per_s if self.limits.rate_per_s else 0.0
        self._next_send = max(self._next_send, loop.time()) + interval

    def hold(self, seconds: float) -> None:
        """No request goes for ``seconds`` from now (what a Retry-After asks)."""
        self._next_send = max(self._next_send, asyncio.get_running_loop().time() + seconds)


class OperationGuard:
    """Sends one operation's requests within the limits; ``stopped`` says why it stopped early."""

    def __init__(self, run: RunGuard, resend_safe: bool) -> None:
        self.run, self.limits = run, run.limits
        self.resend_safe = resend_safe  # idempotent and not costly: a transport failure may be retried
        self.sent = 0
        self.streak: list[str] = []  # the statuses of the answers in a row that are 5xx, 429 or none
        self.stopped: Skip | None = None

    def allows_another(self) -> bool:
        """Whether another request may go; if not, ``stopped`` says why."""
        if self.stopped is None and self.run.spent:
            self.run.cut_short = True
            self.stopped = self.run.budget_skip
        budget = self.limits.max_requests_per_operation
        if self.stopped is None and budget is not None and self.sent >= budget:
            message = f"stopped at its budget of {budget} requests (--max-requests-per-operation)"
            self.stopped = Skip("budget", message)
        return self.stopped is None

    async def send(self, attempt: Attempt) -> Exchange:
        """Send once, and again while a retry is allowed, all by one deadline; then note the answer."""
        loop = asyncio.get_running_loop()
        await self.run.wait_turn()
        deadline = loop.time() + self.limits.read.timeout_s
        exchange = await self._attempt(attempt, deadline)
        for retry in range(self.limits.retries if self.resend_safe else 0):
            backoff = _BACKOFF_S * 2**retry
            if not exchange.resendable or loop.time() + backoff >= deadline or not self.allows_another():
                break
            await asyncio.sleep(backoff)
            await self.run.wait_turn()
            exchange = await self._attempt(attempt, deadline)
        self._note(exchange)
        return exchange

    async def _attempt(self, attempt: Attempt, deadline: float) -> Exchange:
        self.sent += 1
        self.run.sent += 1
        return await attempt(deadline)

    def _note(self, exchange: Exchange) -> None:
        status = exchange.status
        failing = status is None or status == 429 or status >= 500
        self.streak = [*self.streak, str(status or "no response")] if failing else []
        if self.limits.breaker and len(self.streak) >= self.limits.breaker:
            kinds = ", ".join(f"{kind} x{self.streak.count(kind)}" for kind in sorted(set(self.streak)))
            message = f"stopped after {len(self.streak)} failing answers in a row ({kinds}): circuit breaker"
            self.stopped = Skip("circuit_breaker", message)
        if status in (429, 503) and exchange.response is not None:
            self._honour_retry_after(exchange.response.headers)

    def _honour_retry_after(self, headers: tuple[tuple[str, str], ...]) -> None:
        asked = next((retry_after(value) for name, value in headers if name.lower() == "retry-after"), None)
        if asked is None:
            return
        if asked > self.limits.max_retry_after_s:
            cap = f"{self.limits.max_retry_after_s:g}"
            message = f"the server asked to wait {asked:g} s (Retry-After), more than --max-retry-after {cap}"
            self.stopped = self.stopped or Skip("rate_limited", message)
            return
        self.run.hold(asked)
