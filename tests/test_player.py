"""The session runner on a fake clock: deadlines, keys and speed."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.player import SAFETY_REMINDER, RunResult, StepResult, Tick, run_timeline, whole_seconds
from supple.player.pain_stop import QUESTION
from supple.timeline import Step


class FakeClock:
    """Monotonic time that only moves when the runner sleeps, oversleeping as asked."""

    def __init__(self, start: float = 1000.0, oversleep: float = 0.0, seed: int = 0) -> None:
        self.now = start
        self.start = start
        self.oversleep = oversleep
        self.sleeps = 0
        self.random = random.Random(seed)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        self.now += max(seconds, 0.0) + self.random.uniform(0, self.oversleep)


class ScriptedKeys:
    """Delivers each key once the clock has reached its time (seconds after the start)."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, str]]) -> None:
        self.clock = clock
        self.script = sorted(script)

    def __call__(self) -> str | None:
        if self.script and self.clock.now - self.clock.start >= self.script[0][0] - 1e-9:
            return self.script.pop(0)[1]
        return None


def routine() -> list[Step]:
    """Two exercises: a one-sided hold with two sets, then a rep block."""
    return [
        Step("ready", "figure-four", None, 15, "Get ready."),
        Step("hold", "figure-four", "left", 30, "Hold left."),
        Step("switch", "figure-four", "right", 5, "Switch."),
        Step("hold", "figure-four", "right", 30, "Hold right."),
        Step("rest", "figure-four", None, 15, "Rest."),
        Step("hold", "figure-four", "left", 30, "Hold left."),
        Step("switch", "figure-four", "right", 5, "Switch."),
        Step("hold", "figure-four", "right", 30, "Hold right."),
        Step("transition", "bird-dog", None, 20, "Onto all fours."),
        Step("reps", "bird-dog", None, 40, "Ten slow reps."),
    ]


def run(
    steps: list[Step],
    clock: FakeClock,
    script: list[tuple[float, str]] | None = None,
    speed: float = 1.0,
    ticks: list[Tick] | None = None,
) -> tuple[RunResult, list[StepResult]]:
    written: list[StepResult] = []
    result = run_timeline(
        steps,
        clock=clock,
        sleep=clock.sleep,
        on_tick=ticks.append if ticks is not None else None,
        on_step_done=written.append,
        keys=ScriptedKeys(clock, script or []),
        speed=speed,
    )
    return result, written


def test_every_step_ends_on_its_planned_deadline() -> None:
    clock = FakeClock()
    result, written = run(routine(), clock)
    assert result.finished and not result.quit
    assert written == list(result.results)  # each step reported the moment it ended
    ends = [r.ended_at - clock.start for r in result.results]
    planned, total = [], 0
    for step in routine():
        total += step.seconds
        planned.append(total)
    assert ends == pytest.approx(planned, abs=1e-9)
    assert all(r.outcome == "done" for r in result.results)
    assert [r.actual_seconds for r in result.results] == pytest.approx(
        [s.seconds for s in routine()], abs=1e-9
    )


def test_no_drift_over_a_long_session_with_late_wake_ups() -> None:
    # Two hours of 1-second steps; every sleep overshoots by up to 5 ms. Naive
    # per-second sleeping would end about 18 seconds late.
    steps = [Step("hold", "figure-four", None, 1, "Hold.") for _ in range(7200)]
    clock = FakeClock(oversleep=0.005, seed=7)
    result, _ = run(steps, clock)
    lateness = [r.ended_at - r.deadline for r in result.results]
    assert max(lateness) <= 0.005 + 1e-9
    assert result.results[-1].deadline - clock.start == pytest.approx(7200, abs=1e-6)
    # Each step is credited with its planned second: late wake-ups are not time practised.
    assert sum(r.actual_seconds for r in result.results) == pytest.approx(7200, abs=1e-6)


@given(
    st.lists(st.integers(0, 90), min_size=1, max_size=40),
    st.floats(0, 0.05),
    st.sampled_from([0.5, 1.0, 3.0, 200.0]),
    st.integers(0, 1000),
)
@settings(max_examples=60, deadline=None)
def test_deadlines_follow_the_plan_whatever_the_wake_up_delays(
    seconds: list[int], oversleep: float, speed: float, seed: int
) -> None:
    steps = [Step("hold", "figure-four", None, s, "Hold.") for s in seconds]
    clock = FakeClock(oversleep=oversleep, seed=seed)
    result, _ = run(steps, clock, speed=speed)
    assert [r.index for r in result.results] == list(range(len(steps)))
    total = 0
    for r, s in zip(result.results, seconds, strict=True):
        total += s
        assert r.deadline - clock.start == pytest.approx(total / speed, abs=1e-6)
        assert 0 <= r.ended_at - r.deadline <= oversleep + 1e-9


def test_speed_scales_real_time_but_not_session_seconds() -> None:
    clock = FakeClock()
    result, _ = run(routine(), clock, speed=200)
    total = sum(s.seconds for s in routine())
    assert clock.now - clock.start == pytest.approx(total / 200, abs=1e-9)
    assert [r.actual_seconds for r in result.results] == pytest.approx(
        [s.seconds for s in routine()], abs=1e-6
    )


def test_pause_shifts_every_later_deadline_by_the_time_paused() -> None:
    clock = FakeClock()
    ticks: list[Tick] = []
    result, _ = run(routine(), clock, [(20.0, " "), (32.5, " ")], ticks=ticks)
    ends = [r.ended_at - clock.start for r in result.results]
    assert ends[0] == pytest.approx(15)  # ended before the pause
    assert ends[1] == pytest.approx(45 + 12.5)
    assert ends[-1] == pytest.approx(sum(s.seconds for s in routine()) + 12.5)
    # The paused hold still counts 30 active seconds, and the display said paused.
    assert result.results[1].actual_seconds == pytest.approx(30)
    paused = [t for t in ticks if t.paused]
    assert paused and all(t.index == 1 for t in paused)
    assert {round(t.remaining, 6) for t in paused} == {25.0}


def test_skip_ends_the_step_early_and_the_next_starts_at_once() -> None:
    clock = FakeClock()
    result, _ = run(routine(), clock, [(20.0, "n")])
    first, skipped, after = result.results[:3]
    assert first.outcome == "done"
    assert skipped.outcome == "skipped" and skipped.actual_seconds == pytest.approx(5)
    assert skipped.ended_at - clock.start == pytest.approx(20)
    assert after.index == 2 and after.ended_at - clock.start == pytest.approx(25)


def test_previous_goes_back_one_step_and_does_it_again() -> None:
    clock = FakeClock()
    result, _ = run(routine(), clock, [(47.0, "p")])
    indexes = [r.index for r in result.results]
    # At 47 s the switch (step 2) is under way; step 1 runs again, then 2 onwards.
    assert indexes[:4] == [0, 1, 1, 2]
    assert result.results[2].ended_at - clock.start == pytest.approx(47 + 30)


def test_previous_on_the_first_step_restarts_it() -> None:
    clock = FakeClock()
    result, _ = run(routine(), clock, [(10.0, "p")])
    assert result.results[0].ended_at - clock.start == pytest.approx(25)


def test_pain_key_pauses_then_skipping_stops_the_whole_exercise_and_reminds_the_rule() -> None:
    clock = FakeClock()
    ticks: list[Tick] = []
    result, written = run(routine(), clock, [(25.0, "x"), (40.0, "n")], ticks=ticks)
    assert [(r.index, r.outcome) for r in written] == [
        (0, "done"),
        (1, "stopped_for_pain"),
        (8, "done"),
        (9, "done"),
    ]
    assert result.stopped_for_pain == ("figure-four",) and not result.ended_by_pain
    # Nothing ran while the question was on screen: 10 s of the hold, then a 15 s pause.
    assert written[1].actual_seconds == pytest.approx(10)
    assert written[2].ended_at - clock.start == pytest.approx(40 + 20)
    paused = [t for t in ticks if t.paused and t.index == 1]
    assert paused and all(t.notice and t.notice.startswith(QUESTION) for t in paused)
    notices = [t for t in ticks if t.notice == SAFETY_REMINDER]
    assert notices[0].index == 8


def test_quit_keeps_what_was_done_and_not_the_step_under_way() -> None:
    clock = FakeClock()
    result, written = run(routine(), clock, [(50.0, "q")])
    assert result.quit and not result.finished
    assert [r.index for r in written] == [0, 1]
    assert clock.now - clock.start == pytest.approx(50)


def test_three_two_one_is_announced_once_per_step_at_the_right_moment() -> None:
    clock = FakeClock()
    ticks: list[Tick] = []
    run([Step("hold", "a", None, 10, "x"), Step("hold", "b", None, 2, "y")], clock, ticks=ticks)
    marks = [(t.index, t.countdown, round(t.remaining, 6)) for t in ticks if t.countdown]
    assert marks == [(0, 3, 3.0), (0, 2, 2.0), (0, 1, 1.0), (1, 1, 1.0)]
    assert [t.index for t in ticks if t.started] == [0, 1]


def test_countdown_shows_whole_seconds_reaching_zero_at_the_end() -> None:
    assert [whole_seconds(x) for x in (30.0, 29.2, 1.0, 0.4, 0.0)] == [30, 30, 1, 1, 0]


def test_speed_must_be_positive() -> None:
    with pytest.raises(ValueError, match="speed"):
        run(routine(), FakeClock(), speed=0)


def test_time_spent_drawing_the_screen_never_makes_a_step_late() -> None:
    clock = FakeClock()

    def slow_draw(tick: Tick) -> None:
        clock.now += 0.008  # a redraw that takes 8 ms

    steps = [Step("hold", "figure-four", None, s, "Hold.") for s in (5, 7, 30)]
    result = run_timeline(
        steps, clock=clock, sleep=clock.sleep, on_tick=slow_draw, speed=1.0, tick=0.05
    )
    assert [r.ended_at - r.deadline for r in result.results] == pytest.approx([0, 0, 0], abs=1e-9)


def test_the_screen_shows_exercise_side_countdown_cue_next_and_keys() -> None:
    import io

    from rich.console import Console

    from supple.player.display import SessionDisplay, big, clock_text

    steps = routine()
    screen = Console(file=io.StringIO(), width=100, record=True)
    display = SessionDisplay(steps, {"figure-four": "Figure-four stretch"}, screen, live=False)
    tick = Tick(1, steps[1], steps[2], 12.3, 0.59, 0.2, paused=False, notice=SAFETY_REMINDER)
    display.tick(tick)  # remembers the notice; plain mode prints it
    screen.print(display.render(tick, 0.0))
    text = screen.export_text()
    assert "Hold · Figure-four stretch · left side" in text
    assert big("13").splitlines()[0] in text  # 12.3 s left reads 13
    assert "Hold left." in text and "Next: Switch sides" in text
    assert "x sharp pain" in text and "Stopped. Sharp" in text
    assert "2:56 left in the session" in text  # 80% of 220 s
    assert clock_text(75) == "1:15" and clock_text(9.2) == "10"
