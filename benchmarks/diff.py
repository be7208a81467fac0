"""Speed of `conformance diff`: the real pair (examples/drift), and the full Telnyx spec with one edit.

Each diff runs in a fresh process, as a user runs it (start-up and loading both specs included);
then, in one process, how the time of the full spec splits between loading the two versions and
comparing them.

    python benchmarks/diff.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conformance.drift import diff_findings, load_versions

ROOT = Path(__file__).parents[1]
PAIR = ("telnyx", str(ROOT / "examples/drift/ai_assistants_tests.next.yml"))
FULL = ROOT / "tests/corpus/realworld/telnyx/spec3.yml"
_EDIT = ("      - error\n      title: TestStatus", "      - error\n      - cancelled\n      title: TestStatus")


def wall(old: str, new: str, repeat: int) -> float:
    walls = []
    for _ in range(repeat):
        command = [sys.executable, "-m", "conformance", "diff", old, new, "--project", str(ROOT), "--quiet"]
        started = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
    return statistics.median(walls)


def split(old: str, new: str) -> tuple[float, float, int]:
    started = time.perf_counter()
    versions = load_versions(old, new, ROOT)
    loaded = time.perf_counter()
    found = diff_findings(*versions)
    return loaded - started, time.perf_counter() - loaded, sum(len(f) for f in found.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    print(f"real pair, fresh process, median of {repeat}: {wall(*PAIR, repeat):.2f} s")
    with tempfile.TemporaryDirectory() as scratch:
        edited = Path(scratch) / "spec3.next.yml"
        edited.write_text(FULL.read_text().replace(*_EDIT, 1))
        full = wall(str(FULL), str(edited), repeat)
        print(f"full Telnyx spec, one edit, fresh process, median of {repeat}: {full:.2f} s")
        load, compare, changes = split(str(FULL), str(edited))
        print(f"  in one process: loading both {load:.2f} s, comparing {compare:.2f} s, {changes} changes")


if __name__ == "__main__":
    main()
