"""Checks on the status line: documented codes, server errors, transport, and how requests were judged.

A request is judged on what was actually sent (``CheckContext.violations``): an invalid one
answered 2xx is ``invalid_request_accepted``; a valid one answered 4xx is
``valid_request_rejected``, not an undocumented ``status_code``, because the useful news is that
the server wants something its spec does not say.
"""

from __future__ import annotations

from collections.abc import Iterator

from conformance.checks.base import CheckContext, Issue, Location, Severity, check
from conformance.contracts import NOT_REJECTIONS

__all__: list[str] = []

# Statuses a spec often leaves out because it is silent on them, not wrong: an unknown id.
_SILENT = frozenset({404})
# A rate limit says how busy the server is, not what its API does: never a status finding (the run
# waits as it asks, and stops the operation when it keeps asking; see conformance.runner.limits).
_RATE_LIMITED = 429


@check("transport")
def transport(ctx: CheckContext) -> Iterator[Issue]:
    error = ctx.exchange.error
    if error is not None:  # one finding, whether tonight's failure is a reset, a timeout or a body past the cap
        yield Issue(Severity.ERROR, error if ctx.status is not None else f"no response: {error}")


@check("server_error")
def server_error(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.status is not None and ctx.status >= 500:
        yield Issue(Severity.ERROR, f"server error {ctx.status}", Location(keyword=str(ctx.status)))


@check("status_code")
def status_code(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.status is None or ctx.status >= 500 or ctx.status == _RATE_LIMITED:
        return
    if ctx.documented is not None or _rejects_valid(ctx):
        return
    documented = ", ".join(ctx.operation.documented_statuses) or "none"
    message = f"status {ctx.status} is not documented (documented: {documented})"
    yield Issue(_undocumented_severity(ctx, ctx.status), message, Location(keyword=str(ctx.status)))


def _undocumented_severity(ctx: CheckContext, status: int) -> Severity:
    if not ctx.operation.responses:
        return Severity.WARNING  # the spec documents no response at all: it is silent
    if status in (401, 403) and not ctx.with_credentials:
        return Severity.WARNING  # sent without credentials: the spec need not say
    if status in _SILENT:
        return Severity.WARNING  # an unknown id, a rate limit: the spec is silent, the server is not wrong
    if 400 <= status < 500 and not ctx.surely_valid:
        return Severity.WARNING  # an invalid request rejected: right, though the spec does not list the status
    return Severity.ERROR


@check("invalid_request_accepted", applies=lambda scope: scope.invalid_sent > 0)
def invalid_request_accepted(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.status is None or not 200 <= ctx.status < 300:
        return
    for violation in ctx.violations:
        where = ".".join(str(part) for part in violation.loc)
        message = f"invalid request answered {ctx.status}: {where}: {violation.msg}"
        yield Issue(Severity.ERROR, message, Location.at(violation.loc, violation.type))


@check("valid_request_rejected", applies=lambda scope: scope.valid_sent > 0)
def valid_request_rejected(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.status is None or not _rejects_valid(ctx):
        return
    documented = ctx.documented is not None
    severity = Severity.WARNING if documented else Severity.ERROR
    note = "documented, so the spec allows it" if documented else "not a status the operation documents"
    message = f"a request the spec allows was answered {ctx.status} ({note})"
    yield Issue(severity, message, Location(keyword=str(ctx.status)))


def _rejects_valid(ctx: CheckContext) -> bool:
    status = ctx.status
    return status is not None and 400 <= status < 500 and status not in NOT_REJECTIONS and ctx.surely_valid
