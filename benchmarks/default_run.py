"""Speed of the default run (every vendored API against the embedded mock).

Prints the wall time and requests per second of `conformance run`, each in a fresh process as
a user runs it, then where the time goes in one process: generation per case (cold, then warm), and sending
plus checking per request (a warm whole run less its generation).

    python benchmarks/default_run.py [--repeat N] [--max-examples N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conformance._bundled import contracts_dir
from conformance.contracts import Api, load_catalog
from conformance.generation import CaseGenerator, GenerationSettings
from conformance.results import RunCollector
from conformance.runner import RunOptions, drive, run


def whole_runs(repeat: int, max_examples: int) -> None:
    walls, requests = [], 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as scratch:
            command = [sys.executable, "-m", "conformance", "run", "--report-dir", scratch]
            command += ["--max-examples", str(max_examples)]
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - started)
            requests = json.loads((Path(scratch) / "report.json").read_text())["summary"]["requests"]
    wall = statistics.median(walls)
    print(f"default run (--max-examples {max_examples}), fresh process, median of {repeat}:")
    print(f"  wall time           {wall:.2f} s  (runs: {', '.join(f'{w:.2f}' for w in walls)})")
    print(f"  requests            {requests}")
    print(f"  requests per second {requests / wall:.0f}  (wall, generation included)")


def generation(catalog: dict[str, Api], max_examples: int) -> float:
    """Seconds to generate every case, cold (first in the process) then warm; returns warm."""
    elapsed = 0.0
    for label in ("cold", "warm"):
        started, count = time.perf_counter(), 0
        for api in catalog.values():
            generator = CaseGenerator(api, GenerationSettings(max_examples=max_examples))
            count += sum(len(generator.cases(operation)) for operation in api.spec.operations)
        elapsed = time.perf_counter() - started
        print(f"  generation, {label:4}   {elapsed:.2f} s for {count} cases: {elapsed / count * 1000:.2f} ms per case")
    return elapsed


def run_in_process(catalog: dict[str, Api], max_examples: int, generation_s: float) -> None:
    options = RunOptions(apis=list(catalog), max_examples=max_examples)
    started = time.perf_counter()
    collector = RunCollector()
    asyncio.run(drive(run(catalog, options), [collector]))
    result = collector.result()
    elapsed = time.perf_counter() - started
    sending = elapsed - generation_s
    print(f"  whole run, warm     {elapsed:.2f} s for {result.requests} requests")
    rate = result.requests / sending
    print(f"  send + check        ~{sending:.2f} s: ~{rate:.0f} requests per second (whole run less generation)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-examples", type=int, default=10)
    args = parser.parse_args()
    whole_runs(args.repeat, args.max_examples)
    print("where the time goes (one process):")
    catalog = load_catalog(contracts_dir())
    run_in_process(catalog, args.max_examples, generation(catalog, args.max_examples))


if __name__ == "__main__":
    main()
