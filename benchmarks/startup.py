"""How long ``supple --help`` takes to start, next to a bare Python start.

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
    helped = median_wall([str(SUPPLE), "--help"], args.runs)
    print(f"runs per command:        {args.runs}")
    print(f"python -c pass (median): {bare * 1000:7.1f} ms")
    print(f"supple --help (median):  {helped * 1000:7.1f} ms")
    print(f"ratio:                   {helped / bare:7.2f}x")


if __name__ == "__main__":
    main()
