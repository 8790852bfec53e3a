"""The one time model: how long a routine takes, step by step.

The planner's ``estimated_seconds`` and the session player's countdowns both come from
here, so the time a person is promised is exactly the time the player runs. Every
duration is a whole number of seconds; fixed pauses are named constants below.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

from supple.catalog import Catalog
from supple.catalog.models import Exercise, Kind, Position

if TYPE_CHECKING:
    from supple.planning.routine import Routine

StepKind = Literal["ready", "warmup", "hold", "reps", "switch", "rest", "transition"]
STEP_KINDS: tuple[StepKind, ...] = (
    "ready",
    "warmup",
    "hold",
    "reps",
    "switch",
    "rest",
    "transition",
)

READY_SECONDS = 15
"""Before the first exercise: time to read what comes and get into its position."""

SWITCH_SECONDS = 5
"""Between the left and the right side of a one-sided move: ease out, set up again."""

REST_SECONDS = 15
"""Between two sets of the same exercise: a few calm breaths so the next set is done well."""

TRANSITION_SAME_SECONDS = 5
"""Next exercise in the same position: only a small adjustment is needed."""

TRANSITION_SECONDS = 10
"""Next exercise in another position on the same level (say supine to side-lying)."""

TRANSITION_FLOOR_SECONDS = 20
"""Getting down to the floor or back up from it: done slowly, it is the riskiest move,
which is also why the planner keeps these to a minimum."""

FLOOR_POSITIONS: frozenset[Position] = frozenset(
    {"seated-floor", "supine", "prone", "side-lying", "kneeling", "half-kneeling", "all-fours"}
)


def is_floor(position: Position) -> bool:
    return position in FLOOR_POSITIONS


class Dosed(Protocol):
    """What the time model needs to know about a routine item."""

    @property
    def exercise(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def position(self) -> Position: ...
    @property
    def per_side(self) -> bool: ...
    @property
    def hold_seconds(self) -> int | None: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def sets(self) -> int: ...
    @property
    def work_seconds(self) -> int | None: ...
    @property
    def seconds_per_rep(self) -> float | None: ...


@dataclass(frozen=True)
class Tempo:
    """The pace of one rep, so the player can count reps and cue each part of them.

    ``up`` is the lift (or the opening, the reach), ``hold`` the pause at the top and
    ``down`` the return; together they are the item's ``seconds_per_rep``.
    """

    up: float
    hold: float
    down: float

    @property
    def seconds(self) -> float:
        return self.up + self.hold + self.down

    def to_dict(self) -> dict[str, float]:
        return {"up": self.up, "hold": self.hold, "down": self.down}


def rep_tempo(seconds_per_rep: float, hold_seconds: int | None) -> Tempo:
    """Split a rep into an even lift and return around the pause at the top.

    The same slow pace both ways is the simplest controlled rhythm to follow by ear
    (the step's cue says "slow reps"); the pause, when the dose has one, sits between.
    """
    hold = float(hold_seconds or 0)
    up = round(max(seconds_per_rep - hold, 0.0) / 2, 3)
    return Tempo(up=up, hold=hold, down=seconds_per_rep - hold - up)


@dataclass(frozen=True)
class Step:
    kind: StepKind
    exercise: str
    side: str | None
    seconds: int
    say: str
    reps: int | None = None
    """For a "reps" step: how many reps the block holds, at ``tempo``."""
    tempo: Tempo | None = None
    variant: str | None = None  # the easier version the plan chose, cued and shown

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "exercise": self.exercise,
            "side": self.side,
            "seconds": self.seconds,
            "say": self.say,
            "reps": self.reps,
            "tempo": self.tempo.to_dict() if self.tempo else None,
            "variant": self.variant,
        }


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]
    total_seconds: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "steps": [step.to_dict() for step in self.steps],
            "total_seconds": self.total_seconds,
        }


def rep_block_seconds(reps: int, seconds_per_rep: float) -> int:
    """A block of paced reps, rounded up so the pace is never rushed."""
    # round() first: 10 * 0.7 is 7.000000000000001 in floating point, not 8 seconds.
    return math.ceil(round(reps * seconds_per_rep, 6))


def transition_seconds(before: Position, after: Position) -> int:
    if is_floor(before) != is_floor(after):
        return TRANSITION_FLOOR_SECONDS
    return TRANSITION_SAME_SECONDS if before == after else TRANSITION_SECONDS


def _side_text(side: str | None) -> str:
    return f", {side} side" if side else ""


def variant_of(item: Dosed) -> str | None:
    """The variant a routine item is done as (the planner's gentle "easier version for
    now"); the planner's own candidates carry none, and are timed the same."""
    variant = getattr(item, "variant", None)
    return variant if isinstance(variant, str) and variant else None


def _titled(item: Dosed) -> str:
    variant = variant_of(item)
    return f"{item.name}, as {variant}" if variant else item.name


def _work_step(item: Dosed, exercise: Exercise, side: str | None) -> Step:
    variant = variant_of(item)
    step = _work_step_cued(item, exercise, side)
    return replace(step, variant=variant) if variant else step


def _work_seconds(item: Dosed) -> int:
    """The seconds of one block of work (one side of one set)."""
    if item.reps is not None:
        if item.seconds_per_rep is None:
            raise ValueError(f"{item.exercise}: a rep-based item needs seconds_per_rep")
        return rep_block_seconds(item.reps, item.seconds_per_rep)
    if item.work_seconds is not None:
        return item.work_seconds
    if item.hold_seconds is None:
        raise ValueError(f"{item.exercise}: an item needs hold_seconds, reps or work_seconds")
    return item.hold_seconds


def _work_step_cued(item: Dosed, exercise: Exercise, side: str | None) -> Step:
    name = _titled(item)
    if item.reps is not None:
        seconds = _work_seconds(item)
        pause = f", pausing {item.hold_seconds} seconds each time" if item.hold_seconds else ""
        say = f"{name}{_side_text(side)}: {item.reps} slow reps{pause}. "
        say += exercise.cues.breathing
        per_rep = item.seconds_per_rep
        if per_rep is None:  # _work_seconds has already refused this; said again for mypy
            raise ValueError(f"{item.exercise}: a rep-based item needs seconds_per_rep")
        tempo = rep_tempo(per_rep, item.hold_seconds)
        return Step("reps", item.exercise, side, seconds, say, reps=item.reps, tempo=tempo)
    if item.work_seconds is not None:
        say = f"{name}{_side_text(side)}: keep moving at an easy, steady pace. "
        return Step("warmup", item.exercise, side, item.work_seconds, say + exercise.cues.breathing)
    if item.hold_seconds is None:
        raise ValueError(f"{item.exercise}: an item needs hold_seconds, reps or work_seconds")
    say = f"{name}{_side_text(side)}: hold still and breathe. {exercise.cues.feel}"
    return Step("hold", item.exercise, side, item.hold_seconds, say)


def item_steps(item: Dosed, exercise: Exercise) -> list[Step]:
    """The steps of one exercise, without the transition into it.

    Each set does the left side, a switch, then the right side; sets are separated by a
    rest. The item's ``duration_seconds`` is the sum of these steps.
    """
    sides: tuple[str | None, ...] = ("left", "right") if item.per_side else (None,)
    steps: list[Step] = []
    variant = variant_of(item)
    for number in range(1, item.sets + 1):
        for index, side in enumerate(sides):
            if index:
                say = f"Switch sides: ease out of {item.name} and set up on the {side}."
                steps.append(
                    Step("switch", item.exercise, side, SWITCH_SECONDS, say, variant=variant)
                )
            steps.append(_work_step(item, exercise, side))
        if number < item.sets:
            say = f"Rest and breathe. Set {number + 1} of {item.sets} of {item.name} comes next."
            steps.append(Step("rest", item.exercise, None, REST_SECONDS, say, variant=variant))
    return steps


def item_seconds(item: Dosed, exercise: Exercise) -> int:
    """The sum of ``item_steps``' seconds, counted without building the steps and their
    spoken words: the planner asks for it for every candidate it tries (issue 14)."""
    if item.sets < 1:
        return 0
    sides = 2 if item.per_side else 1
    per_set = sides * _work_seconds(item) + (sides - 1) * SWITCH_SECONDS
    return item.sets * per_set + (item.sets - 1) * REST_SECONDS


def _move_words(before: Position, after: Position) -> str:
    if is_floor(after) and not is_floor(before):
        return "Lower yourself to the floor slowly, a hand on something steady if you need it."
    if is_floor(before) and not is_floor(after):
        return "Come up slowly: roll onto your side, push up with your hands, then rise."
    if before == after:
        return "Stay where you are."
    return "Change position calmly."


def timeline_steps(items: Sequence[Dosed], catalog: Catalog) -> list[Step]:
    """The whole routine: a get-ready step, then each exercise with a transition before it."""
    steps: list[Step] = []
    previous: Dosed | None = None
    for item in items:
        exercise = catalog.exercises[item.exercise]
        variant = variant_of(item)
        # Done as an easier version: the set-up cue is that version's own.
        how = next((v.how for v in exercise.variants if v.name == variant), exercise.steps[0])
        title = f"{item.name}, as its easier version for now: {variant}" if variant else item.name
        if previous is None:
            say = f"Get ready. First: {title}. {how}"
            steps.append(Step("ready", item.exercise, None, READY_SECONDS, say, variant=variant))
        else:
            say = f"{_move_words(previous.position, item.position)} Next: {title}. {how}"
            seconds = transition_seconds(previous.position, item.position)
            steps.append(Step("transition", item.exercise, None, seconds, say, variant=variant))
        steps.extend(item_steps(item, exercise))
        previous = item
    return steps


def build_timeline(routine: Routine, catalog: Catalog) -> Timeline:
    steps = tuple(timeline_steps(routine.items, catalog))
    return Timeline(steps, sum(step.seconds for step in steps))


def continuous_work_seconds(duration: int, sets: int, per_side: bool) -> int | None:
    """Invert ``item_seconds`` for a continuous move: the seconds of one block of work.

    The published routine gives a warm-up's length only as ``duration_seconds``; this
    recovers the per-set work so a saved plan rebuilds exactly the same timeline.
    """
    sides = 2 if per_side else 1
    overhead = sets * (sides - 1) * SWITCH_SECONDS + (sets - 1) * REST_SECONDS
    work, remainder = divmod(duration - overhead, sets * sides)
    return work if remainder == 0 and work > 0 else None
