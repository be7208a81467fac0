"""``conformance merge DIR...``: one report from the reports of a run's shards (``run --shard K/N``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from conformance.cli._options import add_quiet, add_report_dir

__all__ = ["register"]


def register(commands: Any) -> None:
    merge = commands.add_parser(
        "merge",
        help="merge the reports of a run's shards into the report of the whole run",
        description="Exit codes as for run: 0 no error finding, 1 error findings, 2 bad or missing shards "
        "(or nothing tested), 3 target unreachable.",
    )
    merge.add_argument("shards", nargs="+", type=Path, metavar="DIR", help="each shard's report folder or report.json")
    add_report_dir(merge, "reports/latest")
    merge.add_argument(
        "--baseline",
        type=Path,
        metavar="PATH",
        help="an earlier report.json (or its folder): findings of the merged run are marked new, known or fixed "
        "(default: none)",
    )
    add_quiet(merge)
    merge.set_defaults(command=_merge)


def _merge(args: argparse.Namespace) -> int:
    import asyncio

    from conformance.cli.run import exit_code
    from conformance.reporting import ConsoleReporter, NdjsonReporter, ReportFiles, load_baseline, prepare_directory
    from conformance.reporting.merge import merge_events, read_shards
    from conformance.runner import drive

    shards = read_shards(args.shards)  # every shard read and checked before anything is written
    baseline = None if args.baseline is None else load_baseline(args.baseline)
    prepare_directory(args.report_dir)
    files = ReportFiles(args.report_dir, baseline)
    console = ConsoleReporter(quiet=args.quiet, baseline=None if baseline is None else baseline.fingerprints)
    stream = NdjsonReporter(args.report_dir / "findings.ndjson")
    finished = asyncio.run(drive(merge_events(shards), [console, stream, files]))
    print(f"reports: {', '.join(str(path) for path in (*files.paths, stream.path))}", file=sys.stderr)
    return exit_code(finished, files.result().failed)
