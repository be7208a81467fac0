"""Reporters: report.json (with its JSON Schema), junit.xml and report.md, from one document."""

from conformance.reporting.document import REPORT_VERSION, report_document
from conformance.reporting.junit import render_junit
from conformance.reporting.markdown import render_markdown
from conformance.reporting.writer import ReportWriter, render_json

__all__ = ["REPORT_VERSION", "ReportWriter", "render_json", "render_junit", "render_markdown", "report_document"]
