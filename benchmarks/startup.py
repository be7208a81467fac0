"""Start-up: how long the light commands take, each in a fresh process as a user runs it.

Side by side with Schemathesis's ``st --help`` (its CLI is installed with it). Issue 9's target:
``--help``, ``list`` and ``explain`` under 0.2 s.

    python benchmarks/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = {
    "conformance --help": ["-m", "conformance", "--help"],
    "conformance run --help": ["-m", "conformance", "run", "--help"],
    "conformance explain required_field": ["-m", "conformance", "explain", "required_field"],
    "conformance list": ["-m", "conformance", "list"],
    "python -c pass (the interpreter alone)": ["-c", "pass"],
}


def median_seconds(command: list[str], repeat: int) -> float:
    walls = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
    return statistics.median(walls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    print(f"start-up, fresh process, median of {repeat}:")
    for label, arguments in COMMANDS.items():
        print(f"  {label:42} {median_seconds([sys.executable, *arguments], repeat):.3f} s")
    schemathesis = shutil.which("st") or str(Path(sys.executable).with_name("st"))
    if Path(schemathesis).exists():
        print(f"  {'st --help (Schemathesis)':42} {median_seconds([schemathesis, '--help'], repeat):.3f} s")
    else:
        print("  st --help (Schemathesis): not installed beside this interpreter")


if __name__ == "__main__":
    main()
