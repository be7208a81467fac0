"""Memory over a long run, and the cost of writing reports as a run grows.

1. Peak RSS of a run of 1k, 10k and 100k requests, each in a fresh process: the real engine, checks,
   findings.ndjson, report files and console, against an in-process server that answers every
   request with a drifted body (a missing required field, an undocumented one), so every
   response gives findings. The cases of one operation are sent again and again (generation is
   measured by default_run.py; this measures what a long run holds on to). Flat means the run
   keeps its report, not its requests.
   And the same with real generation: one operation (Telnyx's trigger, which takes a body) with
   ``--max-examples`` 100, 1000 and 3000 against the embedded mock, so the requests of one
   operation are all generated (Schemathesis and Hypothesis) before they are sent.
2. Report writing (report.json, junit.xml, report.md and report.html) for runs of 15 to 1500 operations:
   the time per operation stays flat when writing is linear in the run's size; and how many
   times the reports of a whole run are written (start, bounded checkpoints, end).

    python benchmarks/long_run.py [--requests 1000 10000 100000] [--generated 100 1000 3000]
                                  [--operations 15 150 1500]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from conformance.findings import ExchangeEvidence, Finding, Location, Severity, Subject
from conformance.reporting import render_html, render_json, render_junit, render_markdown, report_document
from conformance.results import OperationResult, RunInfo, RunResult, StopReason
from conformance.transport import RequestRecord, ResponseRecord

_RUN_ID = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
_TRIGGER = "trigger_test_run_public_assistants_tests__test_id__runs_post"


def memory(requests: int) -> None:
    """In this process: one long run; prints peak RSS and wall time as JSON."""
    import httpx

    from conformance._bundled import contracts_dir
    from conformance.contracts import load_catalog
    from conformance.generation import CaseGenerator
    from conformance.reporting import ConsoleReporter, NdjsonReporter, ReportFiles
    from conformance.runner import RunOptions, drive, run, targets

    catalog = load_catalog(contracts_dir())
    api = catalog["telnyx"]
    base = CaseGenerator.cases

    def repeated(self: CaseGenerator, operation: Any) -> list[Any]:
        cases = base(self, operation)
        return list(itertools.islice(itertools.cycle(cases), requests))

    CaseGenerator.cases = repeated  # type: ignore[method-assign]
    body = json.dumps({"test_id": "t", "status": "passed", "extra_field": 1}).encode()

    async def drifted(scope: dict[str, Any], receive: Any, send: Any) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    targets.mock_target = lambda api, seed: targets.Target(  # type: ignore[assignment]
        "http://drifted.test", "secret", httpx.ASGITransport(app=drifted)
    )
    options = RunOptions(apis=["telnyx"], operations=[_RUN_ID], max_examples=1)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        files = ReportFiles(folder)
        quiet = ConsoleReporter(io.StringIO(), quiet=True)
        reporters = [quiet, NdjsonReporter(folder / "findings.ndjson"), files]
        started = time.perf_counter()
        asyncio.run(drive(run(catalog, options), reporters))
        wall = time.perf_counter() - started
        result = files.result()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"requests": result.requests, "peak_mib": peak_kib / 1024, "wall_s": wall, "api": api.name}))


def generated(max_examples: int) -> None:
    """In this process: one operation's generated requests against the embedded mock; prints as ``memory``."""
    from conformance._bundled import contracts_dir
    from conformance.contracts import load_catalog
    from conformance.results import RunCollector
    from conformance.runner import RunOptions, drive, run

    catalog = load_catalog(contracts_dir())
    options = RunOptions(apis=["telnyx"], operations=[_TRIGGER], max_examples=max_examples)
    collector = RunCollector()
    started = time.perf_counter()
    asyncio.run(drive(run(catalog, options), [collector]))
    wall = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"requests": collector.result().requests, "peak_mib": peak_kib / 1024, "wall_s": wall}))


def memory_table(title: str, flag: str, sizes: list[int]) -> None:
    print(title)
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, flag, str(size)], check=True, capture_output=True, text=True
        ).stdout
        figures = json.loads(out.strip().splitlines()[-1])
        rate = figures["requests"] / figures["wall_s"]
        print(
            f"  {figures['requests']:>7} requests: peak RSS {figures['peak_mib']:.0f} MiB, "
            f"{figures['wall_s']:.1f} s ({rate:.0f} requests/s)"
        )


def _synthetic(operations: int) -> RunResult:
    request = RequestRecord("GET", "https://api.test/runs/1", (("accept", "*/*"),), None)
    evidence = ExchangeEvidence(request, ResponseRecord(200, (), '{"a": 1}'), "curl https://api.test/runs/1")
    results, findings = [], []
    for index in range(operations):
        subject = Subject("api", "GET", f"/things{index}/{{id}}", f"op{index}")
        results.append(OperationResult(subject, "safe", 8, 4, {"200": 8, "422": 4}))
        for code in ("required_field", "undocumented_field"):
            severity = Severity.ERROR if code == "required_field" else Severity.WARNING
            location = Location.at(["data", 0, "id"], "required")
            findings.append(Finding(code, severity, subject, location, "'id' is a required property", evidence, 3))
    info = RunInfo("bench", "2026-01-01T00:00:00Z", "https://api.test", ("api",), 0, 10)
    return RunResult(info, tuple(results), tuple(findings), "2026-01-01T00:01:00Z", 60.0, StopReason.COMPLETED)


def writing_table(sizes: list[int]) -> None:
    print("writing the four reports once (report.json + junit.xml + report.md + report.html)")
    for size in sizes:
        result = _synthetic(size)
        started = time.perf_counter()
        document = report_document(result)
        texts = (render_json(document), render_junit(document), render_markdown(document), render_html(document))
        elapsed = time.perf_counter() - started
        kib = sum(len(text) for text in texts) / 1024
        per_op = elapsed / size * 1000
        print(f"  {size:>5} operations: {elapsed * 1000:7.1f} ms, {per_op:.3f} ms per operation, {kib:,.0f} KiB")
    print("  a run writes them at its start and end, and in between at most once every 5 s")
    print("  and never more often than 10x the last write's cost: at most ~10% of the run's time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--generated", type=int, nargs="+", default=[100, 1000, 3000], metavar="MAX_EXAMPLES")
    parser.add_argument("--operations", type=int, nargs="+", default=[15, 150, 1500])
    parser.add_argument("--child-memory", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-generated", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_memory:
        memory(args.child_memory)
        return
    if args.child_generated:
        generated(args.child_generated)
        return
    writing_table(args.operations)
    memory_table(
        "peak RSS of a long run in one operation (fresh process each; every response drifted)",
        "--child-memory",
        args.requests,
    )
    memory_table(
        "peak RSS of one operation's generated requests (fresh process each; --max-examples as given)",
        "--child-generated",
        args.generated,
    )


if __name__ == "__main__":
    main()
