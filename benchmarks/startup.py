"""How long ``supple --help`` takes to start, next to a bare Python start.

``--help``, ``-h`` and ``--version`` are answered without importing click (see
supple/launch.py; the goal is within 2x of ``python -c pass``); ``supple exercises
--help`` goes through click and the lazily imported subcommand, for comparison.

Run: .venv/bin/python benchmarks/startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

SUPPLE = Path(sys.executable).with_name("supple")
GOAL_RATIO = 2.0  # issue 14


def median_wall(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    bare = median_wall([sys.executable, "-c", "pass"], args.runs)
    print(f"runs per command: {args.runs} (median wall time; ratio to python -c pass)")
    print(f"goal: --help, -h and --version within {GOAL_RATIO:g}x of python -c pass")
    print(f"{'python -c pass':28} {bare * 1000:7.1f} ms")
    for command in (["--help"], ["-h"], ["--version"], ["exercises", "--help"]):
        took = median_wall([str(SUPPLE), *command], args.runs)
        label = "supple " + " ".join(command)
        verdict = ""
        if command[0] != "exercises":  # the goal is for the answers launch.py gives itself
            verdict = "  met" if took / bare <= GOAL_RATIO else "  NOT met"
        print(f"{label:28} {took * 1000:7.1f} ms  {took / bare:5.2f}x{verdict}")


if __name__ == "__main__":
    main()
