"""``conformance upgrade-check API --new-spec FILE|URL``: is it safe to move to the new spec, and to its SDK?"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from conformance.cli._options import AUTH_ENV, add_allow, add_contracts, add_project, add_quiet, add_report_dir, natural

__all__ = ["register"]

_EXITS = (
    "Exit codes: 0 nothing breaks and the target follows the new spec; 1 a breaking change, or the target "
    "breaks the new spec; 2 bad input; 3 target unreachable."
)


def register(commands: Any) -> None:
    upgrade = commands.add_parser(
        "upgrade-check",
        help="before an SDK upgrade: what the new spec changes, and whether the target already follows it",
        description=_EXITS,
    )
    upgrade.add_argument("api", metavar="API", help="a vendored API: its spec is the current version")
    upgrade.add_argument("--new-spec", required=True, metavar="FILE|URL", help="the new version of the spec")
    upgrade.add_argument(
        "--base-url", help="a running server of the API (default: the embedded mock of the current spec)"
    )
    upgrade.add_argument("--max-examples", type=natural, default=10, metavar="N", help="random requests per operation")
    upgrade.add_argument("--seed", type=int, default=0, help="makes generation reproducible")
    add_allow(upgrade)
    upgrade.add_argument("--auth-env", **AUTH_ENV)
    add_report_dir(upgrade, "reports/upgrade")
    add_quiet(upgrade)
    add_contracts(upgrade)
    add_project(upgrade)
    upgrade.set_defaults(command=_upgrade_check, spec=None)


def _upgrade_check(args: argparse.Namespace) -> int:
    import asyncio

    from conformance.cli._options import catalog, known
    from conformance.cli.run import exit_code, validated_base_url
    from conformance.contracts import Safety
    from conformance.drift import load_versions
    from conformance.reporting import ConsoleReporter, NdjsonReporter, ReportFiles, prepare_directory
    from conformance.runner import RunOptions, drive
    from conformance.runner.targets import environment_redactor
    from conformance.upgrade import upgrade_events

    api = known(catalog(args), args.api)
    old, new = load_versions(api.name, args.new_spec, args.project)
    if args.base_url is not None:
        validated_base_url(args.base_url, api.contract.auth.env)
    options = RunOptions(
        apis=[api.name],
        base_url=args.base_url,
        max_examples=args.max_examples,
        seed=args.seed,
        allow=frozenset(Safety(name) for name in args.allow),
    )
    prepare_directory(args.report_dir)
    files = ReportFiles(args.report_dir)
    console, stream = ConsoleReporter(quiet=args.quiet), NdjsonReporter(args.report_dir / "findings.ndjson")
    redactor = environment_redactor(args.auth_env, api.contract.auth.env)
    events = upgrade_events(api, old, new, options)
    finished = asyncio.run(drive(events, [console, stream, files], redactor))
    print(f"reports: {', '.join(str(path) for path in (*files.paths, stream.path))}", file=sys.stderr)
    return exit_code(finished, files.result().failed)
