"""``conformance diff OLD NEW``: what changed between two versions of a spec, and what it breaks."""

from __future__ import annotations

import argparse
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

from conformance.cli._options import add_project, add_quiet, add_report_dir

if TYPE_CHECKING:
    from conformance.results import Event

__all__ = ["register", "report_diff"]


def register(commands: Any) -> None:
    diff = commands.add_parser("diff", help="what changed between two versions of a spec, and what it breaks")
    diff.add_argument("old", metavar="OLD", help="a file, URL, vendored API or git REV:PATH (e.g. origin/main:x.yml)")
    diff.add_argument("new", metavar="NEW", help="the same kinds as OLD")
    add_project(diff)
    add_report_dir(diff, None)
    add_quiet(diff)
    diff.set_defaults(command=_diff)


def _diff(args: argparse.Namespace) -> int:
    from conformance.drift import diff_events, load_versions

    old, new = load_versions(args.old, args.new, args.project)
    return report_diff(diff_events(old, new), args)


def report_diff(events: AsyncGenerator[Event, None], args: argparse.Namespace) -> int:
    """The diff's events to the console and, with --report-dir, the report files; exit 1 when it breaks clients."""
    import asyncio

    from conformance.reporting import ConsoleReporter, NdjsonReporter, ReportFiles, prepare_directory
    from conformance.results import Reporter, RunCollector
    from conformance.runner import drive

    collector = RunCollector()
    reporters: list[Reporter] = [ConsoleReporter(quiet=args.quiet), collector]
    if args.report_dir is not None:
        prepare_directory(args.report_dir)
        reporters += [NdjsonReporter(args.report_dir / "findings.ndjson"), ReportFiles(args.report_dir)]
    asyncio.run(drive(events, reporters))
    return 1 if collector.result().failed else 0
