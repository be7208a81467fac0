"""``conformance examples``: the examples of the specs and of the vendors' docs pages, against their schemas."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from conformance.cli._options import add_contracts, add_project, add_quiet, add_report_dir, catalog, known
from conformance.errors import UsageError

__all__ = ["register"]


def register(commands: Any) -> None:
    examples = commands.add_parser(
        "examples", help="check the examples of the specs and of the vendors' docs pages against their schemas"
    )
    examples.add_argument(
        "apis", nargs="*", metavar="API", help="vendored APIs whose spec and docs examples to check (default: all)"
    )
    examples.add_argument(
        "--spec", metavar="FILE|URL", help="check the examples of this spec instead (default: the vendored APIs)"
    )
    add_report_dir(examples, "reports/examples")
    add_quiet(examples)
    add_contracts(examples)
    add_project(examples)
    examples.set_defaults(command=_examples)


def _examples(args: argparse.Namespace) -> int:
    import asyncio

    from conformance.contracts.project import find_project
    from conformance.examples import check_examples, given_source, vendored_sources
    from conformance.reporting import ConsoleReporter, NdjsonReporter, ReportFiles, prepare_directory
    from conformance.runner import drive

    if args.spec:
        if args.apis or args.contracts or args.project:
            raise UsageError("--spec checks that spec alone: no API, --contracts or --project with it")
        sources = [given_source(args.spec)]
    else:
        apis = catalog(args)
        names = [known(apis, name).name for name in args.apis]
        sources = vendored_sources(apis, names, find_project(args.project).specs)
    events = check_examples(sources)  # every example read: a wrong docs file stops here
    prepare_directory(args.report_dir)
    files = ReportFiles(args.report_dir)
    console, stream = ConsoleReporter(quiet=args.quiet), NdjsonReporter(args.report_dir / "findings.ndjson")
    asyncio.run(drive(events, [console, stream, files]))
    print(f"reports: {', '.join(str(path) for path in (*files.paths, stream.path))}", file=sys.stderr)
    return 1 if files.result().failed else 0
