"""``conformance list`` (the APIs, their operations and how safe each is) and ``conformance explain CODE``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from conformance.cli._options import add_contracts, add_project, catalog
from conformance.errors import UsageError, did_you_mean

if TYPE_CHECKING:
    from conformance.contracts import OperationPolicy

__all__ = ["register"]


def register(commands: Any) -> None:
    listing = commands.add_parser("list", help="APIs, their operations and how safe each is")
    add_contracts(listing)
    add_project(listing)
    listing.set_defaults(command=_list)

    explain = commands.add_parser("explain", help="what a finding code means and why it matters")
    explain.add_argument("code", metavar="CODE", help="a finding code, e.g. required_field")
    explain.set_defaults(command=_explain)


def _explain(args: argparse.Namespace) -> int:
    from conformance.findings.codes import CODES, describe

    if args.code not in CODES:
        hint = did_you_mean(args.code, CODES)
        raise UsageError(f"unknown finding code {args.code!r}{hint} (known: {', '.join(sorted(CODES))})")
    print(describe(args.code))
    return 0


def _list(args: argparse.Namespace) -> int:
    from conformance.contracts.project import find_project

    folder = f"{args.contracts} (--contracts)" if args.contracts else find_project(args.project).description
    print(f"contracts: {folder}")
    for name, api in catalog(args).items():
        contract = api.contract
        where = contract.base_url or "no base URL"
        secret = "no auth" if contract.auth.scheme == "none" else f"secret from {contract.auth.env}"
        print(f"{name}: {contract.title} ({where}; {secret})")
        for operation in api.spec.operations:
            policy = api.policy(operation)
            print(f"  {policy.safety.value:7} {operation.label}  [{operation.operation_id}]{_live_note(policy)}")
    return 0


def _live_note(policy: OperationPolicy) -> str:
    """How a live run treats the operation, as ``select_operations`` decides it."""
    from conformance.contracts import Safety

    if policy.safety is not Safety.SAFE:
        return f"  (live: only with --allow {policy.safety.value})"
    return "" if policy.run_by_default else "  (live: only when named with --operation)"
