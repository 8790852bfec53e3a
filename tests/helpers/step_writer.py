"""Record session steps one by one until killed; used by the kill -9 durability test.

Usage: step_writer.py DATABASE_URL INTERVAL_SECONDS

Prints ``session N`` once, then ``step I`` after each step is committed (stdout is
flushed each time), so the test knows exactly which steps were acknowledged as
written before it killed the process.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from supple.settings import Settings
from supple.store import open_store


def main(url: str, interval: float) -> None:
    store = open_store(Settings(home=Path.cwd(), database_url=url))
    plan_id = store.save_plan("me", {"routine": None})
    session_id = store.start_session("me", plan_id, pain_before=3)
    print(f"session {session_id}", flush=True)
    index = 0
    while True:
        store.record_step(
            session_id,
            index=index,
            kind="hold" if index % 2 else "rest",
            exercise="supine-figure-four" if index % 2 else None,
            side="left" if index % 2 else None,
            planned_seconds=interval,
            actual_seconds=interval,
            outcome="done",
        )
        print(f"step {index}", flush=True)
        index += 1
        time.sleep(interval)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
