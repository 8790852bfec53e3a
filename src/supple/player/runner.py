"""The session clock: runs a timeline step by step against deadlines.

Why deadlines: sleeping one second per countdown second adds every wake-up delay
to the next one, so a long session slowly runs late. Here every step's end is fixed
in advance as ``base + (planned seconds up to and including it) / speed`` on a
monotonic clock. A late wake-up makes one step end a little late, never the ones
after it. ``base`` changes only when the person changes the plan: a pause moves it
later by the time paused, a skip or a step back re-anchors it at the moment of the
key press.

Nothing here touches a terminal, a database or the real clock: ``clock``, ``sleep``
and ``keys`` are passed in (``time.monotonic``/``time.sleep``/a raw key reader in the
shell, a fake clock in tests), and what happens is reported through callbacks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from supple.player.pain_stop import (
    CHOICE_LABELS,
    COUNT_IT_LABEL,
    LEG_PAIN_EMERGENCY,
    QUESTION,
    Choice,
    PainStopState,
    after_pain_stop,
    step_kind,
)

Outcome = Literal["done", "skipped", "stopped_for_pain", "stopped_leg_pain", "leg_pain_uncounted"]

PAUSE, SKIP, PREVIOUS, PAIN, QUIT = " ", "n", "p", "x", "q"
LEG, COUNT_IT = "l", "c"
KEYS_HELP = "space pause/resume · n skip · p previous · x sharp pain: stop · q quit"
# After the pain key: the keys that make each choice of the follow-on rule.
PAIN_KEYS: dict[str, Choice] = {
    SKIP: "skip_to_next",
    QUIT: "end_session",
    LEG: "end_and_warning_signs",
}
COUNTDOWN = (3, 2, 1)

SAFETY_REMINDER = (
    "Stopped. Sharp, shooting or radiating pain means stop, never push through it. "
    "Rest in a comfortable position; if the pain stays, spreads down the leg, or comes "
    "with numbness, tingling or weakness, contact a GP or physiotherapist."
)


class StepLike(Protocol):
    """What the runner needs from a timeline step (supple.timeline.Step fits)."""

    @property
    def kind(self) -> str: ...
    @property
    def exercise(self) -> str | None: ...
    @property
    def side(self) -> str | None: ...
    @property
    def seconds(self) -> int | float: ...
    @property
    def say(self) -> str: ...


@dataclass(frozen=True)
class StepResult:
    """One step as it went. ``actual_seconds`` is active time in session seconds
    (pauses left out, multiplied back by ``speed``), so it compares with the plan."""

    index: int
    step: StepLike
    outcome: Outcome
    planned_seconds: float
    actual_seconds: float
    deadline: float
    ended_at: float


@dataclass(frozen=True)
class Tick:
    """The state of the session at one moment, for the display.

    ``countdown`` is 3, 2 or 1 on the tick where that many seconds remain (for the
    beeps), ``started`` is true on a step's first tick, ``notice`` carries a message
    the person must see (the safety reminder after a pain stop).
    """

    index: int
    step: StepLike
    next_step: StepLike | None
    remaining: float
    step_fraction: float
    session_fraction: float
    paused: bool
    started: bool = False
    countdown: int | None = None
    notice: str | None = None
    # The pain-stop question is waiting: only its keys do anything until it is answered.
    pain_stop: bool = False


def pain_question(state: PainStopState, counts: bool) -> str:
    """The paused screen after the pain key: the question, then each choice's key."""
    lines = [
        QUESTION,
        f"  n  if it is easing: {CHOICE_LABELS['skip_to_next'].lower()}",
        f"  q  {CHOICE_LABELS['end_session'].lower()}",
        f"  l  {CHOICE_LABELS['end_and_warning_signs'].lower()}",
        LEG_PAIN_EMERGENCY,
    ]
    if state.kind != "exercise" and state.exercise:
        mark = "yes" if counts else "no"
        lines.append(f"  c  {COUNT_IT_LABEL.lower()}: {mark}")
    return "\n".join(lines)


@dataclass(frozen=True)
class RunResult:
    """How the run ended. ``ended_by_pain`` is a session ended from the pain stop;
    ``ask_warning_signs`` means the person chose "pain down the leg" and the warning-sign
    questions come next; ``stopped_leg_pain`` the exercises that stop counts against."""

    results: tuple[StepResult, ...]
    quit: bool
    stopped_for_pain: tuple[str, ...]
    ended_by_pain: bool = False
    ask_warning_signs: bool = False
    stopped_leg_pain: tuple[str, ...] = ()

    @property
    def finished(self) -> bool:
        return not self.quit


@dataclass
class _State:
    index: int = 0
    base: float = 0.0
    paused_at: float | None = None
    started: bool = True
    announced: set[int] = field(default_factory=set)
    notice: str | None = None
    pain: PainStopState | None = None
    counts: bool = False

    def enter(self, index: int) -> None:
        self.index = index
        self.started = True
        self.announced = set()

    def resume(self, now: float) -> None:
        """Shift every remaining deadline later by the time spent paused."""
        if self.paused_at is not None:
            self.base += now - self.paused_at
            self.paused_at = None


def run_timeline(
    steps: Sequence[StepLike],
    *,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    on_tick: Callable[[Tick], None] | None = None,
    on_step_done: Callable[[StepResult], None] | None = None,
    keys: Callable[[], str | None] | None = None,
    speed: float = 1.0,
    tick: float = 0.1,
) -> RunResult:
    """Play ``steps`` in order; return what was done.

    ``keys`` is polled without blocking and returns one pending key or None. ``tick``
    is the longest the runner sleeps between display updates and key checks, in real
    seconds; it also wakes exactly at each deadline and each 3-2-1 moment.
    """
    if speed <= 0:
        raise ValueError("speed must be positive")
    starts = [0.0]
    for step in steps:
        starts.append(starts[-1] + float(step.seconds))
    total = starts[-1]
    results: list[StepResult] = []
    stopped: list[str] = []
    state = _State(base=clock())

    def deadline_of(i: int) -> float:
        return state.base + starts[i + 1] / speed

    def jump(i: int, now: float) -> None:
        """Start step ``i`` now: the plan is re-anchored at the key press."""
        state.enter(i)
        state.base = now - starts[min(i, len(steps))] / speed

    def finish(i: int, outcome: Outcome, now: float) -> None:
        # base already includes pauses, so this is the active time of the step. A step
        # that ran out ends at its deadline: the next one starts there, not at the
        # (slightly later) moment the runner woke up to notice.
        end = min(now, deadline_of(i)) if outcome == "done" else now
        active = max(0.0, end - (state.base + starts[i] / speed))
        result = StepResult(
            i, steps[i], outcome, float(steps[i].seconds), active * speed, deadline_of(i), now
        )
        results.append(result)
        if on_step_done is not None:
            on_step_done(result)

    def end_of_exercise(i: int) -> int:
        exercise = steps[i].exercise
        after = i + 1
        while after < len(steps) and steps[after].exercise == exercise:
            after += 1
        return after

    leg: list[str] = []
    while state.index < len(steps):
        i = state.index
        now = clock()
        key = keys() if keys is not None else None
        key = key.lower() if key else None
        if state.pain is not None:
            # Everything is paused until the person chooses what happens next.
            if key == COUNT_IT and state.pain.kind != "exercise":
                state.counts = not state.counts
            elif key in PAIN_KEYS:
                follow = after_pain_stop(
                    state.pain, PAIN_KEYS[key], counts_against_upcoming=state.counts
                )
                state.pain, state.counts = None, False
                state.resume(now)
                finish(i, follow.step_outcome, now)
                if follow.stopped_exercise:
                    stopped.append(follow.stopped_exercise)
                    if follow.pain_kind == "down_the_leg":
                        leg.append(follow.stopped_exercise)
                if follow.next != "next_exercise":
                    return RunResult(
                        tuple(results),
                        True,
                        tuple(stopped),
                        ended_by_pain=True,
                        ask_warning_signs=follow.next == "warning_signs",
                        stopped_leg_pain=tuple(leg),
                    )
                jump(end_of_exercise(i), now)
                state.notice = SAFETY_REMINDER
                continue
            if state.pain is not None:
                state.notice = pain_question(state.pain, state.counts)
                if on_tick is not None:
                    on_tick(_tick(steps, starts, total, state, now, speed, paused=True))
                sleep(tick)
                continue
        if key == QUIT:
            return RunResult(tuple(results), True, tuple(stopped), stopped_leg_pain=tuple(leg))
        if key == PAUSE:
            if state.paused_at is None:
                state.paused_at = now
            else:
                state.resume(now)
        elif key in (SKIP, PREVIOUS, PAIN):
            state.resume(now)
            if key == SKIP:
                finish(i, "skipped", now)
                jump(i + 1, now)
                continue
            if key == PREVIOUS:
                jump(max(i - 1, 0), now)
                continue
            if steps[i].exercise:
                state.paused_at = now
                state.pain = PainStopState(step_kind(steps[i].kind), steps[i].exercise)
                continue
        if state.paused_at is not None:
            if on_tick is not None:
                on_tick(_tick(steps, starts, total, state, now, speed, paused=True))
            sleep(tick)
            continue
        deadline = deadline_of(i)
        if now >= deadline:
            # base is untouched: the next step starts at this deadline, however late
            # this wake-up was, so lateness never carries over.
            finish(i, "done", now)
            state.enter(i + 1)
            continue
        if on_tick is not None:
            on_tick(_tick(steps, starts, total, state, now, speed, paused=False))
        state.started = False
        state.notice = None
        # Read the clock again: drawing the screen takes time, and sleeping for a
        # duration computed before it would overshoot the deadline by that much.
        wake = _next_wake(deadline, now, speed, state.announced, tick)
        sleep(max(0.0, wake - clock()))
    return RunResult(tuple(results), False, tuple(stopped), stopped_leg_pain=tuple(leg))


def _next_wake(
    deadline: float, now: float, speed: float, announced: set[int], tick: float
) -> float:
    """The next moment worth waking for: a 3-2-1 mark not yet passed, the deadline, or
    the next display tick.

    Ticks are counted back from the deadline (deadline - k * tick), not forward from
    the last wake-up, so the last redraw before a step ends happens a full tick early
    and its drawing time can never push the end of the step late.
    """
    marks = [deadline - n / speed for n in COUNTDOWN if n not in announced]
    ticks_left = math.floor((deadline - now) / tick)
    grid = deadline - ticks_left * tick
    if grid <= now:
        grid += tick
    return min([m for m in marks if m > now] + [grid, deadline])


def _tick(
    steps: Sequence[StepLike],
    starts: Sequence[float],
    total: float,
    state: _State,
    now: float,
    speed: float,
    *,
    paused: bool,
) -> Tick:
    i = state.index
    seconds = float(steps[i].seconds)
    moment = state.paused_at if state.paused_at is not None else now
    elapsed = min(max((moment - state.base) * speed - starts[i], 0.0), seconds)
    remaining = seconds - elapsed
    countdown = None
    if not paused:
        due = [n for n in COUNTDOWN if n < seconds and remaining <= n and n not in state.announced]
        if due:
            countdown = min(due)
            state.announced.update(due)
    return Tick(
        index=i,
        step=steps[i],
        next_step=steps[i + 1] if i + 1 < len(steps) else None,
        remaining=remaining,
        step_fraction=elapsed / seconds if seconds else 1.0,
        session_fraction=(starts[i] + elapsed) / total if total else 1.0,
        paused=paused,
        started=state.started,
        countdown=countdown,
        notice=state.notice,
        pain_stop=state.pain is not None,
    )


def whole_seconds(remaining: float) -> int:
    """What a countdown shows: 2.3 s left reads 3, so it reaches 0 exactly at the end."""
    return max(0, math.ceil(remaining - 1e-9))
