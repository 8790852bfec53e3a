"""supple session, history, progress and checkin, end to end, plus the real-process tests:
kill -9 in the middle of a session, and the key controls on a pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from conftest import require
from screen_cases import TODAY
from supple.cli import cli
from supple.store import open_store

REPO = Path(__file__).resolve().parents[1]
ANSWERS = REPO / "tests" / "fixtures" / "answers" / "ok.json"
SUPPLE = [sys.executable, "-m", "supple"]
runner = CliRunner()


def invoke(*args: str) -> Any:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result


def make_plan(minutes: int = 10) -> dict[str, Any]:
    result = invoke("plan", "--answers", str(ANSWERS), "--minutes", str(minutes), "--json")
    assert result.exit_code == 0, result.output
    plan: dict[str, Any] = json.loads(result.output)
    assert plan["routine"] is not None
    return plan


def timeline_steps() -> list[dict[str, Any]]:
    result = invoke("timeline", "--plan", "latest", "--json")
    assert result.exit_code == 0, result.output
    steps: list[dict[str, Any]] = json.loads(result.output)["steps"]
    return steps


def test_full_session_from_plan_to_progress() -> None:
    plan = make_plan()
    steps = timeline_steps()
    first, second = (item["exercise"] for item in plan["routine"]["items"][1:3])
    result = invoke(
        "session",
        "--plan",
        "latest",
        "--speed",
        "200",
        "--no-input",
        "--pain-before",
        "5",
        "--pain-after",
        "3",
        "--rating",
        f"{first}=hard",
        "--rating",
        f"{second}=right",
    )
    assert result.exit_code == 0, result.output
    assert "Session complete" in result.output

    with open_store() as store:
        (session,) = store.sessions("me")
        events = store.step_events(session.id)
        ratings = {r.exercise: r.rating for r in store.ratings(session.id)}
    assert (session.status, session.pain_before, session.pain_after) == ("completed", 5, 3)
    assert session.plan_id == store_latest_plan_id()
    assert [e.index for e in events] == list(range(len(steps)))
    assert [(e.kind, e.exercise, e.side) for e in events] == [
        (s["kind"], s["exercise"], s["side"]) for s in steps
    ]
    assert all(e.outcome == "done" for e in events)
    assert [e.planned_seconds for e in events] == [s["seconds"] for s in steps]
    assert sum(e.actual_seconds for e in events) == pytest.approx(
        sum(s["seconds"] for s in steps), rel=0.01
    )
    assert ratings == {first: "hard", second: "right"}

    history = json.loads(invoke("history", "--json").output)
    (row,) = history["sessions"]
    assert row["steps_done"] == len(steps) and row["ratings"][first] == "hard"

    progress = json.loads(invoke("progress", "--json").output)
    assert (
        progress["progress"]["sessions_completed"] == 1 and progress["progress"]["streak_days"] == 1
    )
    assert progress["progress"]["pain"][0]["change"] == -2
    changes = {c["exercise"]: c for c in progress["next_plan"]["changes"]}
    # Rated hard: easier next time, as the next plan really does it (at the lowest dose,
    # its easier version).
    assert changes[first]["action"] in ("step_down", "regress")
    assert changes[first]["reason"].startswith("Rated hard once")
    assert second not in changes

    shown = invoke("progress")
    assert shown.exit_code == 0
    assert "Sessions per week" in shown.output and "before" in shown.output


@pytest.mark.parametrize(("after", "praised"), [(3, True), (7, False)])
def test_the_terminal_praises_only_after_the_answers_show_nothing_hurt(
    after: int, praised: bool
) -> None:
    """Physiotherapist's review (MUST-1): "Session complete. Well done" was printed
    before pain after was asked, and for a session whose pain went from 3 to 7."""
    make_plan()
    result = invoke(
        "session", "--speed", "1000", "--no-input", "--pain-before", "3",
        "--pain-after", str(after),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    first = next(line for line in lines if line.startswith("Session "))
    assert "Well done" not in first and first.startswith("Session complete")
    saved = next(i for i, line in enumerate(lines) if line.startswith("Saved."))
    assert ("Well done" in "\n".join(lines[saved:])) == praised
    assert ("It hurt" in result.output) == (not praised)


def test_the_terminal_does_not_praise_while_an_escalation_stands(tmp_path: Path) -> None:
    """t13c N3: "Well done ... Another one is fine" after a session while the advice
    to see a GP or physiotherapist stood."""
    plan = make_plan()
    plan["escalation"] = "Book an appointment with a GP or physiotherapist. Your pain rose."
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    result = invoke(
        "session", "--plan", str(path), "--speed", "1000", "--no-input",
        "--pain-before", "3", "--pain-after", "3",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Well done" not in result.output and "Another one is fine" not in result.output
    assert "checked by a GP or physiotherapist" in result.output


def store_latest_plan_id() -> int:
    with open_store() as store:
        record = store.latest_plan("me")
    assert record is not None
    return record.id


def test_session_from_a_plan_file_saves_the_plan_first(tmp_path: Path) -> None:
    plan = make_plan()
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    result = invoke(
        "session", "--plan", str(path), "--speed", "1000", "--no-input", "--pain-before", "2"
    )
    assert result.exit_code == 0, result.output
    with open_store() as store:
        (session,) = store.sessions("me")
        assert session.plan_id == store.plans("me")[-1].id
        assert session.pain_after is None  # not given, not invented


def test_session_input_errors_exit_2_and_record_nothing() -> None:
    make_plan()
    missing_pain = invoke("session", "--no-input", "--speed", "1000")
    assert missing_pain.exit_code == 2 and "--pain-before" in missing_pain.output
    bad_rating = invoke(
        "session", "--no-input", "--pain-before", "3", "--rating", "pigeon-pose=great"
    )
    assert bad_rating.exit_code == 2 and "easy, right, hard, painful" in bad_rating.output
    not_in_plan = invoke(
        "session", "--no-input", "--pain-before", "3", "--rating", "no-such-move=easy"
    )
    assert not_in_plan.exit_code == 2 and "not in this plan" in not_in_plan.output
    with open_store() as store:
        assert store.sessions("me") == []


def test_session_without_a_saved_plan_says_how_to_make_one() -> None:
    result = invoke("session", "--no-input", "--pain-before", "3")
    assert result.exit_code == 2 and "supple plan" in result.output


def test_checkin_stores_the_peg3_and_progress_charts_it() -> None:
    result = invoke("checkin", "--pain", "6", "--enjoyment", "5", "--activity", "7", "--json")
    assert result.exit_code == 0, result.output
    stored = json.loads(result.output)
    assert (stored["pain"], stored["enjoyment"], stored["activity"]) == (6, 5, 7)
    assert stored["score"] == 6.0
    progress = json.loads(invoke("progress", "--json").output)
    assert progress["progress"]["peg"][0]["score"] == 6.0
    assert "PEG-3" in invoke("progress").output


def test_checkin_asks_for_missing_answers_and_refuses_without_a_terminal() -> None:
    result = invoke("checkin", "--pain", "4")
    assert result.exit_code == 2 and "--enjoyment" in result.output


def test_history_feeds_the_next_plan() -> None:
    """A pain stop recorded in the store swaps the exercise for its regression in the
    planner, through the history `stored_history` reads."""
    from supple.answers import parse_answers
    from supple.catalog import default_catalog
    from supple.cli.progress import stored_history
    from supple.planning import adaptation_for, plan_for

    plan = make_plan()
    catalog = default_catalog()
    items = [item["exercise"] for item in plan["routine"]["items"]]
    stopped = next(e for e in items if catalog.exercises[e].regression)
    with open_store() as store:
        plan_id = store.latest_plan("me").id  # type: ignore[union-attr]
        session = store.start_session("me", plan_id, 4)
        store.record_step(
            session,
            index=0,
            kind="hold",
            exercise=stopped,
            side="left",
            planned_seconds=30,
            actual_seconds=8,
            outcome="stopped_for_pain",
        )
        store.finish_session(session, status="completed", pain_after=5)
    history = stored_history()
    adjustments = adaptation_for(history, catalog, TODAY).adjustments()
    regression = catalog.exercises[stopped].regression
    assert adjustments.replacements == {stopped: regression}
    answers = parse_answers(json.loads(ANSWERS.read_text(encoding="utf-8")))
    replanned = plan_for(answers, history, TODAY, catalog=catalog, minutes=10)
    assert replanned.routine is not None
    assert stopped not in [item.exercise for item in replanned.routine.items]
    # The same happens through the command a person runs.
    again = invoke("plan", "--answers", str(ANSWERS), "--minutes", "10", "--json")
    assert again.exit_code == 0, again.output
    exercises = [item["exercise"] for item in json.loads(again.output)["routine"]["items"]]
    assert stopped not in exercises
    progress = json.loads(invoke("progress", "--json").output)
    assert progress["progress"]["stopped_for_pain"][0]["exercise"] == stopped


def test_progress_says_plainly_when_to_see_a_gp() -> None:
    make_plan()
    monday = datetime(2026, 1, 5, 9, tzinfo=UTC)
    with open_store() as store:
        plan_id = store.latest_plan("me").id  # type: ignore[union-attr]
        # Three rated sessions a week: 3/10, then 6/10 for two weeks in a row.
        for week, pain in ((0, 3), (1, 6), (2, 6)):
            for day in range(3):
                started = monday + timedelta(days=7 * week + day)
                session = store.start_session("me", plan_id, pain, now=started)
                store.finish_session(session, pain_after=pain, now=started + timedelta(minutes=15))
    progress = json.loads(invoke("progress", "--json").output)
    assert progress["next_plan"]["see_clinician"].startswith(
        "Book an appointment with a GP or physiotherapist in the next week or two"
    )
    assert "GP or physiotherapist" in invoke("progress").output


# Real processes ---------------------------------------------------------------------


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env.update(SUPPLE_HOME=str(home), TERM="xterm-256color", COLUMNS="100", LINES="40")
    return env


def test_kill_9_during_a_session_keeps_every_step_before_the_current_one() -> None:
    make_plan()
    steps = timeline_steps()
    home = Path(os.environ["SUPPLE_HOME"])
    # At speed 50 a 20-second step lasts 0.4 s: time enough to kill inside a step.
    process = subprocess.Popen(
        [
            *SUPPLE,
            "session",
            "--plan",
            "latest",
            "--speed",
            "50",
            "--no-input",
            "--pain-before",
            "4",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(home),
    )
    started = -1
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 60
        while started < 5:
            assert time.monotonic() < deadline, "the session never reached step 6"
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else "no output"
            match = re.match(r"\[(\d+)/\d+\]", line)
            if match:
                started = int(match.group(1)) - 1
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL

    with open_store() as store:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        (session,) = store.sessions("me")
        events = store.step_events(session.id)
    assert session.status == "in_progress" and session.ended_at is None
    indexes = [e.index for e in events]
    # Step `started` had begun, so every step before it was written; it may itself have
    # finished just before the kill landed, nothing later can have.
    assert indexes[:started] == list(range(started))
    assert len(indexes) in (started, started + 1)
    assert [(e.kind, e.exercise) for e in events] == [
        (s["kind"], s["exercise"]) for s in steps[: len(events)]
    ]


class Terminal:
    """`supple` on a pseudo-terminal: type keys, read the screen, wait for text."""

    def __init__(self, args: list[str], home: Path) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=environment(home), close_fds=True
        )
        os.close(slave)
        self.output = b""
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    data = os.read(self.master, 4096)
                except OSError:
                    return
                if not data:
                    return
                with self._lock:
                    self.output += data
            elif self.process.poll() is not None:
                return

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait_for(self, needle: str, after: int = 0, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                found = self.output.find(needle.encode(), after)
            if found >= 0:
                return found + len(needle)
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} never appeared; screen ends with {self.output[-800:]!r}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.master)


def wait_for_events(count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open_store() as store:
            sessions = store.sessions("me")
            if sessions and len(store.step_events(sessions[-1].id)) >= count:
                return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} steps were recorded")


def test_keys_skip_stop_for_pain_and_quit_on_a_real_terminal() -> None:
    make_plan()
    steps = timeline_steps()
    assert steps[0]["kind"] == "ready" and steps[1]["kind"] in ("warmup", "hold", "reps")
    home = Path(os.environ["SUPPLE_HOME"])
    term = Terminal([*SUPPLE, "session", "--plan", "latest"], home)
    try:
        at = term.wait_for("Pain right now")
        term.type("4\n")
        at = term.wait_for("Supple session", at)  # the full-screen view is up
        term.type("n")  # skip getting ready
        wait_for_events(1)
        term.type("x")  # sharp pain in the first exercise: everything pauses and asks
        at = term.wait_for("Is the pain easing", at)
        term.type("q")  # end the session
        wait_for_events(2)
        at = term.wait_for("Stopped for pain", at)
        at = term.wait_for("Pain right now", at)
        term.type("2\n")
        # The stopped exercise is not asked about, and nothing else was done.
        term.wait_for("Saved.", at)
        assert b"How did each exercise feel" not in term.output
        assert b"Well done" not in term.output
        assert term.process.wait(timeout=20) == 0
    finally:
        term.close()
    with open_store() as store:
        (session,) = store.sessions("me")
        events = store.step_events(session.id)
        ratings = {r.exercise: r.rating for r in store.ratings(session.id)}
    assert [(e.index, e.outcome) for e in events] == [(0, "skipped"), (1, "stopped_for_pain")]
    assert (session.status, session.pain_before, session.pain_after) == ("quit", 4, 2)
    assert ratings == {}


def test_voice_without_espeak_ng_says_plainly_it_is_not_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_plan()
    monkeypatch.setenv("PATH", "/nonexistent")
    result = invoke("session", "--voice", "--no-input", "--speed", "1000", "--pain-before", "3")
    assert result.exit_code == 0, result.output
    assert "espeak-ng, which is not installed" in " ".join(result.output.split())


def test_voice_speaks_each_cue_with_espeak_ng() -> None:
    import shutil

    from supple.player.voice import Voice

    program = shutil.which("espeak-ng")
    require(program is not None, "espeak-ng")
    voice = Voice()
    voice.say("Hold still and breathe.")
    speaking = voice._speaking
    assert speaking is not None and speaking.args[0] == program
    assert speaking.args[-1] == "Hold still and breathe."
    voice.say("Switch sides.")  # cuts the first cue off rather than talking over it
    assert speaking.poll() is not None
    voice.stop()
