"""A session process killed with SIGKILL keeps every step it had committed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from supple.settings import Settings
from supple.store import open_store

WRITER = Path(__file__).with_name("helpers") / "step_writer.py"
STEPS_BEFORE_KILL = 12
INTERVAL = 0.05


def test_kill_9_keeps_every_committed_step(database_url: str, tmp_path: Path) -> None:
    configured = Settings(home=tmp_path, database_url=database_url)
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), database_url, str(INTERVAL)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert writer.stdout is not None
        first = writer.stdout.readline()
        assert first.startswith("session "), writer.stderr.read() if writer.stderr else first
        session_id = int(first.split()[1])
        with open_store(configured) as watcher:
            deadline = time.monotonic() + 30
            while len(watcher.step_events(session_id)) < STEPS_BEFORE_KILL:
                assert time.monotonic() < deadline, "the writer never reached the step count"
                assert writer.poll() is None, "the writer died on its own"
                time.sleep(INTERVAL / 2)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        acknowledged = [int(line.split()[1]) for line in writer.stdout.read().splitlines()]
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL

    with open_store(configured) as store:
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        indexes = [event.index for event in store.step_events(session_id)]
        # Every step the writer reported as written is there, in order; at most one
        # more (committed just before the kill, not yet reported) may follow.
        assert len(indexes) >= STEPS_BEFORE_KILL
        assert indexes == list(range(len(indexes)))
        assert set(acknowledged) <= set(indexes)
        assert len(indexes) - (max(acknowledged) + 1) <= 1
        session = store.get_session(session_id)
        assert session is not None and session.status == "in_progress"
        # The database still takes writes: the person can finish or start again.
        store.finish_session(session_id, status="quit", pain_after=3)
        store.record_step(
            store.start_session("me", session.plan_id, 2),
            index=0,
            kind="ready",
            exercise=None,
            side=None,
            planned_seconds=5,
            actual_seconds=5,
            outcome="done",
        )
