"""A pain stop the person never followed, and the only two ways on from it.

If the app is closed at "Stopped. Is the pain easing?" (before answering, or after
"No, it is not easing"), the stop is remembered (a mark written when it was pressed)
but no step says how it ended. Resuming there would start again the very exercise
that hurt, in its full version, as if nothing had happened. The rule, towards
caution: such a session is never resumed into that exercise. Whoever opens it again
(home, ``/play``, the player's address) is told it stopped for pain and is offered

- to end it, recorded as the player records "End the session" at that step; or
- only on saying the pain has eased, to carry on from the next exercise, recorded as
  the player records "Skip to the next exercise" (the rest of that exercise is
  skipped).

Both follow ``supple.player.pain_stop.after_pain_stop``, so nothing here records a
stop differently from the player. A stop counts against a get-ready step's exercise
only if the person said so, which they could not: it is not counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from supple.player.pain_stop import PainStopState, Recorded, after_pain_stop, step_kind
from supple.timeline import Step

OpenStopChoice = Literal["end", "eased"]
OPEN_STOP_CHOICES: tuple[OpenStopChoice, ...] = ("end", "eased")


@dataclass(frozen=True)
class PainStopMark:
    """What the player wrote when the stop was pressed (and the easing answer, if any).

    ``events_before`` is how many steps the session had recorded at that moment.
    """

    index: int
    easing: bool | None
    events_before: int


@dataclass(frozen=True)
class StepToRecord:
    """One step the chosen way on writes, as the player would have."""

    index: int
    outcome: Recorded


@dataclass(frozen=True)
class WayOn:
    """What to record, and where the session goes next.

    ``resume_at`` is the step the player carries on from (None: the session ends,
    shown the finish screen as after a pain end).
    """

    record: tuple[StepToRecord, ...]
    resume_at: int | None


def stop_left_open(mark: PainStopMark | None, events_recorded: int) -> bool:
    """Whether the session's last word is a pain stop nobody followed.

    Any step recorded since the mark settles it: the player records the stopped step
    as soon as a way on is chosen. An answer of "easing" without a choice is still
    open: the person chose nothing.
    """
    return mark is not None and events_recorded == mark.events_before


def way_on(mark: PainStopMark, steps: Sequence[Step], choice: OpenStopChoice) -> WayOn:
    """The steps to record for ``choice`` and where to go next."""
    if not 0 <= mark.index < len(steps):
        return WayOn((), None)
    step = steps[mark.index]
    state = PainStopState(step_kind(step.kind), step.exercise)
    follow = after_pain_stop(state, "skip_to_next" if choice == "eased" else "end_session")
    record = [StepToRecord(mark.index, follow.step_outcome)]
    if choice == "end":
        return WayOn(tuple(record), None)
    after = mark.index + 1
    while (
        follow.skip_exercise
        and after < len(steps)
        and steps[after].exercise == (follow.skip_exercise)
    ):
        record.append(StepToRecord(after, "skipped"))
        after += 1
    return WayOn(tuple(record), after if after < len(steps) else None)


__all__ = [
    "OPEN_STOP_CHOICES",
    "OpenStopChoice",
    "PainStopMark",
    "StepToRecord",
    "WayOn",
    "stop_left_open",
    "way_on",
]
