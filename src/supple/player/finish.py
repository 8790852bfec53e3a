"""The end of a session: whether it counts as completed, and what the finish screen asks.

One rule for the terminal player, the browser player and the API (which decides the
status when the page does not say), so a session counts the same wherever it was
played and the progress figures agree.

- A session is **completed** when it was not ended early, every step of its timeline
  was recorded, done or skipped, or passed over because its exercise was stopped for
  pain (the rest of a stopped exercise is never played), and at least half of its
  exercises were actually worked at (done, or begun and stopped for pain). Skipping
  most of a routine does not count: a completed session feeds the streak, adherence
  and the level-up rule, which must not grow from steps that were only skipped.
- The finish screen asks how each exercise felt **only for exercises that were done**:
  at least one of their work steps (warm-up, hold, reps) ran to its end, and they
  were not stopped for pain (the stop already says how it felt).
- It **congratulates** only a completed session in which nothing was stopped for pain
  (a "well done" above a pain stop reads as if the pain did not matter). Even then the
  heading before anything is answered stays neutral ("How was it?"): praise waits
  until the answers show that nothing hurt.
- **Praise after the answers** (``may_praise``, the home card's "well done") is withheld
  when the session had a pain stop, any exercise was rated painful, or pain after was
  at least ``PAIN_RISE_NO_PRAISE`` points above pain before: praising a session that
  hurt reads as if the pain did not matter, and invites another one the same day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

WORK_KINDS = frozenset({"warmup", "hold", "reps"})
# The step outcomes that stop an exercise for pain, sharp or spreading down the leg.
PAIN_STOPS = frozenset({"stopped_for_pain", "stopped_leg_pain"})
# Pain down the leg, counted against an exercise or not (a stop while getting ready).
LEG_PAIN_OUTCOMES = frozenset({"stopped_leg_pain", "leg_pain_uncounted"})
Status = Literal["completed", "quit"]
# How the player ended a session early: "End now", ended from a pain stop, or ended
# from a pain stop for pain down the leg (the warning-sign questions come next).
Ended = Literal["early", "pain", "leg"]
ENDED: tuple[Ended, ...] = ("early", "pain", "leg")
# A rise of this many points (0-10 scale) from before to after a session withholds praise.
PAIN_RISE_NO_PRAISE = 2
# Every outcome that says pain stopped something, counted against an exercise or not.
HURT_OUTCOMES = PAIN_STOPS | LEG_PAIN_OUTCOMES
# What a session that hurt is told instead of praise, on home and in the terminal.
AFTER_IT_HURT = (
    "It hurt, so rest and go easy for the rest of today rather than doing another "
    "session. If the pain has not settled within a few days, or keeps coming back with "
    "these exercises, see a GP or physiotherapist."
)
PRAISE = "Well done: today's session is saved. Another one is fine if you feel like it."


class TimelineStep(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def exercise(self) -> str | None: ...


class RecordedStep(Protocol):
    """A step as recorded (``supple.store.StepEventRecord`` and ``StepResult`` fit)."""

    @property
    def index(self) -> int: ...
    @property
    def outcome(self) -> str: ...


def stopped_exercises(steps: Sequence[TimelineStep], events: Iterable[RecordedStep]) -> set[str]:
    return {
        str(steps[e.index].exercise)
        for e in events
        if e.outcome in PAIN_STOPS and 0 <= e.index < len(steps) and steps[e.index].exercise
    }


def session_status(
    steps: Sequence[TimelineStep], events: Sequence[RecordedStep], *, ended_early: bool
) -> Status:
    """``completed`` or ``quit``, by the rule above."""
    if ended_early:
        return "quit"
    recorded = {e.index for e in events}
    stopped = stopped_exercises(steps, events)
    for i, step in enumerate(steps):
        if i not in recorded and step.exercise not in stopped:
            return "quit"
    exercises = {s.exercise for s in steps if s.exercise}
    worked = worked_exercises(steps, events) | stopped
    if 2 * len(worked) < len(exercises):
        return "quit"
    return "completed"


def ended_by_leg_pain(events: Iterable[RecordedStep]) -> bool:
    """Pain spread down the leg in this session (counted against an exercise or not):
    the session is over, and the warning-sign questions come next."""
    return any(e.outcome in LEG_PAIN_OUTCOMES for e in events)


def hurt_by_pain_stop(events: Iterable[RecordedStep]) -> bool:
    """Any stop for pain in this session, counted against an exercise or not."""
    return any(e.outcome in HURT_OUTCOMES for e in events)


def recorded_ending(
    given: Ended | None, steps: Sequence[TimelineStep], events: Sequence[RecordedStep]
) -> Ended | None:
    """How the session ended, from what was recorded as well as what the page says.

    The finish screen may be opened again later without the player's word (from home,
    a bookmark, after a reload): a session that pain ended still says so, and one with
    a stop for pain down the leg still leads to the warning-sign questions. A session
    played to its end after a stop stays a finished one.
    """
    if given is None and session_status(steps, events, ended_early=False) == "completed":
        return None
    if ended_by_leg_pain(events):
        return "leg"
    if given is None and hurt_by_pain_stop(events):
        return "pain"
    return given


def worked_exercises(steps: Sequence[TimelineStep], events: Iterable[RecordedStep]) -> set[str]:
    """Exercises at least one of whose work steps (warm-up, hold, reps) ran to its end."""
    return {
        str(steps[e.index].exercise)
        for e in events
        if e.outcome == "done"
        and 0 <= e.index < len(steps)
        and steps[e.index].kind in WORK_KINDS
        and steps[e.index].exercise
    }


@dataclass(frozen=True)
class FinishScreen:
    status: Status
    rate: tuple[str, ...]
    congratulate: bool
    stopped_for_pain: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "rate": list(self.rate),
            "congratulate": self.congratulate,
            "stopped_for_pain": list(self.stopped_for_pain),
        }


def finish_screen(
    steps: Sequence[TimelineStep],
    events: Sequence[RecordedStep],
    *,
    ended_early: bool,
    ended_by_pain: bool,
) -> FinishScreen:
    """What the finish screen says and asks, in the timeline's order of exercises."""
    status = session_status(steps, events, ended_early=ended_early or ended_by_pain)
    stopped = stopped_exercises(steps, events)
    done = worked_exercises(steps, events)
    order = list(dict.fromkeys(str(s.exercise) for s in steps if s.exercise))
    return FinishScreen(
        status=status,
        rate=tuple(ex for ex in order if ex in done and ex not in stopped),
        congratulate=status == "completed" and not ended_by_pain and not hurt_by_pain_stop(events),
        stopped_for_pain=tuple(ex for ex in order if ex in stopped),
    )


def may_praise(
    *,
    stopped_for_pain: bool,
    ratings: Iterable[str],
    pain_before: int,
    pain_after: int | None,
) -> bool:
    """Whether a finished session may be praised ("well done"), by the rule above.

    Pain after not yet answered withholds praise too (the safer choice: nothing is
    known yet to praise).
    """
    return pain_after is not None and not session_hurt(
        stopped_for_pain=stopped_for_pain,
        ratings=ratings,
        pain_before=pain_before,
        pain_after=pain_after,
    )


def session_hurt(
    *,
    stopped_for_pain: bool,
    ratings: Iterable[str],
    pain_before: int,
    pain_after: int | None,
) -> bool:
    """Whether what is known shows the session hurt: a pain stop, a ``painful`` rating,
    or pain after ``PAIN_RISE_NO_PRAISE`` or more above pain before. Such a session is
    told to rest instead of being praised (``AFTER_IT_HURT``)."""
    rose = pain_after is not None and pain_after - pain_before >= PAIN_RISE_NO_PRAISE
    return stopped_for_pain or "painful" in ratings or rose
