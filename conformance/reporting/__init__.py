"""Reporters: the console, findings.ndjson (streamed), and report.json, junit.xml and report.md."""

from conformance.reporting.baseline_file import load_baseline
from conformance.reporting.console import ConsoleReporter
from conformance.reporting.document import REPORT_VERSION, finding_document, report_document
from conformance.reporting.junit import render_junit
from conformance.reporting.markdown import render_markdown
from conformance.reporting.ndjson import NdjsonReporter
from conformance.reporting.writer import ReportFiles, prepare_directory, render_json

__all__ = [
    "REPORT_VERSION",
    "ConsoleReporter",
    "NdjsonReporter",
    "ReportFiles",
    "finding_document",
    "load_baseline",
    "prepare_directory",
    "render_json",
    "render_junit",
    "render_markdown",
    "report_document",
]
