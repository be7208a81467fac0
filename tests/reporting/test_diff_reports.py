"""The reporters on a spec diff: class words instead of severities, no request figures, counts per class."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from conformance.drift import diff_events
from conformance.reporting import ConsoleReporter, render_junit, render_markdown, report_document
from conformance.results import Event, RunCollector
from tests.drift.support import BASE, edited, version
from tests.reporting.synthetic import error_and_warning


def _diff_events() -> list[Event]:
    def edit(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["Thing"]["properties"]["status"]["enum"].append("cancelled")
        document["paths"]["/things"]["get"]["summary"] = "List every thing"

    async def collect() -> list[Event]:
        return [event async for event in diff_events(version(BASE, "old.yml"), version(edited(edit), "new.yml"))]

    return asyncio.run(collect())


def _console(events: list[Event], **options: Any) -> list[str]:
    stream = io.StringIO()
    console = ConsoleReporter(stream, **options)
    for event in events:
        console.handle(event)
    console.close()
    return stream.getvalue().splitlines()


def test_the_console_prints_each_change_with_its_class_then_counts() -> None:
    lines = _console(_diff_events())
    assert lines[0] == (
        "  breaking             things GET /things  response_enum_value_added: "
        'response 200 `/*/status`: value "cancelled" added'
    )
    assert lines[-2] == "  informational        things GET /things  description_changed: operation: summary changed"
    assert len(lines) == 5 and lines[-1].startswith("4 changes in ")
    assert lines[-1].endswith(" s: 3 breaking, 0 potentially breaking, 0 non-breaking, 1 informational")


def test_quiet_keeps_the_counts_and_a_terminal_gets_no_progress_bar() -> None:
    assert len(_console(_diff_events(), quiet=True)) == 1
    assert _console(_diff_events(), live=True)[-1].startswith("4 changes in ")


def _document(events: list[Event]) -> dict[str, Any]:
    collector = RunCollector()
    for event in events:
        collector.handle(event)
    return report_document(collector.result())


def test_report_json_gives_each_change_its_class_and_a_run_none() -> None:
    document = _document(_diff_events())
    assert {f["change"] for f in document["findings"]} == {"breaking", "informational"}
    assert all(op["safety"] == "" for op in document["operations"])
    assert {f["change"] for f in report_document(error_and_warning())["findings"]} == {None}


def test_markdown_and_junit_of_a_diff() -> None:
    document = _document(_diff_events())
    markdown = render_markdown(document)
    assert markdown.startswith("# Spec changes: breaking\n\nFrom **old.yml → new.yml**, compared in ")
    assert "| things | `GET /things` | 1 | 0 | 1 |" in markdown
    assert "### `response_enum_value_added` (breaking) on things `GET /things` (1x)" in markdown
    assert "Old: `old.yml` at `/components/schemas/Thing/properties/status/enum`." in markdown
    junit = render_junit(document)
    assert "[status_code]" not in junit and 'name="GET /things [response_enum_value_added]"' in junit
    assert "old: old.yml at /components/schemas/Thing/properties/status/enum" in junit
