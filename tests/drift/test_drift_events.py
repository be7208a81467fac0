"""A diff as run events: breaking changes first, each operation touched finishes, one RunFinished."""

from __future__ import annotations

import asyncio
from typing import Any

from conformance.drift import diff_events
from conformance.results import FindingObserved, OperationFinished, RunCollector, RunFinished, RunStarted, StopReason
from tests.drift.support import BASE, edited, version


def _events(old: dict[str, Any], new: dict[str, Any]) -> list[Any]:
    async def collect() -> list[Any]:
        return [event async for event in diff_events(version(old, "old.yml"), version(new, "new.yml"))]

    return asyncio.run(collect())


def _edit(document: dict[str, Any]) -> None:
    document["components"]["schemas"]["Thing"]["properties"]["name"]["description"] = "Its name."
    document["components"]["schemas"]["NewThing"]["properties"]["mode"]["enum"].remove("slow")
    document["paths"]["/things"]["get"]["deprecated"] = True


def test_the_events_of_a_diff() -> None:
    events = _events(BASE, edited(_edit))
    started, finished = events[0], events[-1]
    assert isinstance(started, RunStarted) and isinstance(finished, RunFinished)
    assert started.info.command == "diff" and started.info.target == "old.yml → new.yml"
    assert started.info.apis == ("things",) and started.operations == 3
    assert finished.stop is StopReason.COMPLETED
    observed = [event.finding.code for event in events if isinstance(event, FindingObserved)]
    assert observed[0] == "request_enum_value_removed"  # the one breaking change first
    assert observed[1:] == ["operation_deprecated", *["description_changed"] * 3]
    results = [event.result for event in events if isinstance(event, OperationFinished)]
    assert [result.subject.operation_id for result in results] == ["listThings", "createThing", "getThing"]
    assert all(result.safety == "" and result.requests == 0 for result in results)


def test_the_collected_result_fails_only_on_breaking_changes() -> None:
    collector = RunCollector()
    for event in _events(BASE, edited(_edit)):
        collector.handle(event)
    assert collector.result().failed
    collector = RunCollector()
    for event in _events(BASE, edited(lambda d: d["paths"]["/things"]["get"].update(deprecated=True))):
        collector.handle(event)
    assert not collector.result().failed and len(collector.result().findings) == 1


def test_one_change_seen_in_two_media_types_is_one_finding_counted_twice() -> None:
    def two_media_types(document: dict[str, Any]) -> None:
        content = document["paths"]["/things"]["post"]["requestBody"]["content"]
        content["application/x-www-form-urlencoded"] = content["application/json"]

    both = edited(two_media_types)
    events = _events(both, edited(lambda d: d["components"]["schemas"]["NewThing"]["required"].append("mode"), both))
    [result] = [event.result for event in events if isinstance(event, OperationFinished)]
    [finding] = result.findings
    assert finding.code == "request_property_became_required" and finding.count == 2
