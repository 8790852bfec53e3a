"""How far the session timer drifts: the deadline runner next to a naive countdown.

Both run at the same time, at real speed, for the same length (60 s by default):

- the real ``run_timeline`` on ``time.monotonic``/``time.sleep`` with a display-like
  tick callback but no terminal, over a timeline of hold, switch and rest steps;
- a naive countdown that calls ``time.sleep(1)`` once per second, the way a simple
  timer is often written.

It prints how late each one's last step ended against its planned end (goal for
the runner: under 10 ms).

Run: .venv/bin/python benchmarks/timer_drift.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import time

from rich.console import Console

from supple.player.display import SessionDisplay
from supple.player.runner import StepResult, Tick, run_timeline
from supple.timeline import Step

PATTERN = (
    ("ready", None, 10),
    ("hold", "left", 20),
    ("switch", "right", 5),
    ("hold", "right", 20),
    ("rest", None, 5),
)


def timeline(seconds: int) -> list[Step]:
    """Steps from the pattern above until ``seconds`` are filled (the last one trimmed)."""
    steps: list[Step] = []
    left = seconds
    while left > 0:
        for kind, side, length in PATTERN:
            if left <= 0:
                break
            take = min(length, left)
            steps.append(Step(kind, "seated-figure-four", side, take, f"{kind} {side or ''}"))  # type: ignore[arg-type]
            left -= take
    return steps


def naive(seconds: int, out: multiprocessing.SimpleQueue[float]) -> None:
    start = time.monotonic()
    for _ in range(seconds):
        time.sleep(1)
    out.put(time.monotonic() - (start + seconds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()

    steps = timeline(args.seconds)
    # The real display's screen, drawn into memory on every tick, so the runner pays
    # the same rendering cost as in a session, only without a terminal.
    screen = Console(file=io.StringIO(), width=100, height=40, force_terminal=True)
    display = SessionDisplay(steps, {}, screen, live=False)
    shown: list[float] = []

    def on_tick(tick: Tick) -> None:
        shown.append(tick.remaining)
        screen.print(display.render(tick, time.monotonic()))
        screen.file.truncate(0)

    # The naive countdown runs in its own process so the two never wait on each other
    # for Python's interpreter lock; both share the machine, as in real use.
    queue: multiprocessing.SimpleQueue[float] = multiprocessing.SimpleQueue()
    other = multiprocessing.Process(target=naive, args=(args.seconds, queue))
    ended: list[StepResult] = []
    other.start()
    start = time.monotonic()
    result = run_timeline(
        steps,
        clock=time.monotonic,
        sleep=time.sleep,
        on_tick=on_tick,
        on_step_done=ended.append,
        tick=0.05,
    )
    naive_late = queue.get()
    other.join()
    last = result.results[-1]
    lateness = [(r.ended_at - r.deadline) * 1000 for r in result.results]
    print(f"Timeline: {len(steps)} steps, {sum(s.seconds for s in steps)} s, {len(shown)} ticks")
    print(f"Deadline runner: last step ended {lateness[-1]:.3f} ms after its deadline")
    mean = sum(lateness) / len(lateness)
    print(f"                 worst step {max(lateness):.3f} ms, mean {mean:.3f} ms")
    overall = (last.ended_at - (start + args.seconds)) * 1000
    print(f"                 session end against the planned end: {overall:.3f} ms")
    print(f"Naive sleep(1) x {args.seconds}: ended {naive_late * 1000:.3f} ms late")
    print("Goal for the runner: under 10 ms.", "Met." if lateness[-1] < 10 else "NOT met.")
    # A busy machine delays any wake-up; the load average says how busy this one was.
    print("Load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
