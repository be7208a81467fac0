"""``conformance examples``: every example of a spec and of its docs pages, as the events of a run.

    RunStarted (command "examples")
    ├── FindingObserved     (a fingerprint seen for the first time)
    ├── OperationFinished   (per operation, or component, with examples: how many per part, its findings)
    RunFinished

No request is sent. An operation's ``statuses`` count its examples by the part they illustrate
(``request``, ``parameters``, a response key such as ``200``, ``component`` for an example outside
any operation), and those noted but not checked by why (``not fetched``: an ``externalValue``;
``serialised``: the text of an array or object parameter; ``unusable schema``: a schema with a
``$ref`` that points nowhere or a ``pattern`` that does not compile). An example outside any
operation (in ``components``) is about its component, named where an operation's id would be
(``#/components/schemas/Run``); checking it sends nothing, so its safety is ``safe``. Every
example is read before the first event, so a docs file that is wrong stops the command before
any report is written.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncGenerator, Iterable, Sequence
from dataclasses import replace

from conformance import __version__
from conformance.contracts import Api
from conformance.examples.check import UnusableSchema, example_findings
from conformance.examples.docs import docs_sites
from conformance.examples.sites import ExampleSite, spec_sites
from conformance.examples.sources import ExampleSource
from conformance.findings import Finding, Subject
from conformance.results import (
    Event,
    FindingObserved,
    OperationFinished,
    OperationResult,
    RunFinished,
    RunInfo,
    RunStarted,
    StopReason,
    utc_now,
)

__all__ = ["check_examples", "collect_sites"]


def collect_sites(source: ExampleSource) -> list[ExampleSite]:
    """Every example of the spec, then of its docs pages."""
    sites = list(spec_sites(source.api, source.written, source.file))
    if source.docs_root is not None:
        sites += docs_sites(source.api, source.docs_root)
    return sites


def check_examples(sources: Sequence[ExampleSource]) -> AsyncGenerator[Event, None]:
    """The events of checking every example of ``sources``; a wrong docs file raises here, before any event."""
    plans = [(source.api, _grouped(source.api, collect_sites(source))) for source in sources]
    return _events(sources, plans)


async def _events(
    sources: Sequence[ExampleSource], plans: list[tuple[Api, dict[Subject, list[ExampleSite]]]]
) -> AsyncGenerator[Event, None]:
    clock = time.perf_counter()
    info = RunInfo(
        tool_version=__version__,
        started_at=utc_now(),
        target=", ".join(source.file for source in sources),
        apis=tuple(source.api.name for source in sources),
        seed=0,
        max_examples=0,
        command="examples",
    )
    yield RunStarted(info, operations=sum(len(groups) for _, groups in plans))
    for api, groups in plans:
        for subject, sites in groups.items():
            started = time.perf_counter()
            kept, counts = _Kept(), Counter[str]()
            for site in sites:
                findings, unchecked = _checked(api, site)
                counts[unchecked or site.part or "component"] += 1
                for finding in kept.add(findings):
                    yield FindingObserved(finding)
            result = OperationResult(subject, _safety(api, subject), statuses=dict(counts), findings=kept.findings())
            yield OperationFinished(replace(result, duration_s=round(time.perf_counter() - started, 3)))
    yield RunFinished(StopReason.COMPLETED, utc_now(), round(time.perf_counter() - clock, 3))


class _Kept:
    """Per fingerprint of one operation: how often it was seen, and its most telling example."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.kept: dict[str, Finding] = {}

    def add(self, findings: Iterable[Finding]) -> list[Finding]:
        """Count ``findings``; returns those first seen, or seen as more severe."""
        shown = []
        for finding in findings:
            known = self.kept.get(finding.fingerprint)
            self.counts[finding.fingerprint] += 1
            if known is None or finding.rank < known.rank:
                self.kept[finding.fingerprint] = finding
                if known is None or finding.severity.rank < known.severity.rank:
                    shown.append(finding)
        return shown

    def findings(self) -> tuple[Finding, ...]:
        counted = (replace(finding, count=self.counts[fp]) for fp, finding in self.kept.items())
        return tuple(sorted(counted, key=lambda finding: finding.sort_key))


def _grouped(api: Api, sites: list[ExampleSite]) -> dict[Subject, list[ExampleSite]]:
    """Sites by subject: the spec's operations in its order, then components as met."""
    order = {(operation.method, operation.path): index for index, operation in enumerate(api.spec.operations)}
    groups: dict[Subject, list[ExampleSite]] = {}
    for site in sites:
        groups.setdefault(site.subject, []).append(site)
    ranked = sorted(groups, key=lambda subject: order.get((subject.method, subject.path), len(order)))
    return {subject: groups[subject] for subject in ranked}


def _checked(api: Api, site: ExampleSite) -> tuple[list[Finding], str | None]:
    """The example's findings, or why it is noted and not checked."""
    if site.unchecked is not None:
        return [], site.unchecked
    try:
        return example_findings(api.validators, site), None
    except UnusableSchema:
        return [], "unusable schema"


def _safety(api: Api, subject: Subject) -> str:
    operation = api.spec.find(subject.label) if subject.method else None
    return "safe" if operation is None else api.policy(operation).safety.value
