"""Reporters: the console, findings.ndjson (streamed), and report.json, junit.xml, report.md and report.html."""

from typing import TYPE_CHECKING

from conformance._lazy import lazy_exports

if TYPE_CHECKING:
    from conformance.reporting.baseline_file import load_baseline
    from conformance.reporting.console import ConsoleReporter
    from conformance.reporting.document import REPORT_VERSION, finding_document, report_document
    from conformance.reporting.history import PastRun, read_history, recent_runs
    from conformance.reporting.html import render_html
    from conformance.reporting.junit import render_junit
    from conformance.reporting.markdown import render_markdown
    from conformance.reporting.ndjson import NdjsonReporter
    from conformance.reporting.writer import ReportFiles, prepare_directory, render_json

__getattr__ = lazy_exports(__name__, __file__)

__all__ = [
    "REPORT_VERSION",
    "ConsoleReporter",
    "NdjsonReporter",
    "PastRun",
    "ReportFiles",
    "finding_document",
    "load_baseline",
    "prepare_directory",
    "read_history",
    "recent_runs",
    "render_html",
    "render_json",
    "render_junit",
    "render_markdown",
    "report_document",
]
