"""Checks on the status line: documented codes, server errors, invalid requests let through, transport."""

from __future__ import annotations

from collections.abc import Iterator

from conformance.checks.base import CheckContext, Issue, Severity, check

__all__: list[str] = []


@check("transport")
def transport(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.exchange.error is not None:
        yield Issue(Severity.ERROR, f"no response: {ctx.exchange.error}")


@check("server_error")
def server_error(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.status is not None and ctx.status >= 500:
        yield Issue(Severity.ERROR, f"server error {ctx.status}")


@check("status_code")
def status_code(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.status is None or ctx.status >= 500 or ctx.documented is not None:
        return
    documented = ", ".join(ctx.operation.documented_statuses) or "none"
    message = f"status {ctx.status} is not documented (documented: {documented})"
    yield Issue(_undocumented_severity(ctx, ctx.status), message)


def _undocumented_severity(ctx: CheckContext, status: int) -> Severity:
    if not ctx.operation.responses:
        return Severity.WARNING  # the spec documents no response at all: it is silent
    if status in (401, 403) and not ctx.with_credentials:
        return Severity.WARNING  # sent without credentials: the spec need not say
    if 400 <= status < 500 and ctx.violations and not ctx.operation.documents_errors:
        return Severity.WARNING  # an invalid request rejected, on an operation that documents no errors
    return Severity.ERROR


@check("invalid_request_accepted")
def invalid_request_accepted(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.status is None or not 200 <= ctx.status < 300 or not ctx.violations:
        return
    first = ctx.violations[0]
    where = ".".join(str(part) for part in first.loc)
    more = f" (and {len(ctx.violations) - 1} more)" if len(ctx.violations) > 1 else ""
    yield Issue(Severity.ERROR, f"invalid request answered {ctx.status}: {where}: {first.msg}{more}")
