"""The desk routine: one to two minutes of chair and standing moves for a break.

The moves come from the catalog by the planner's own rules: only positions the person
said they can get into (never the floor, so no lying or kneeling at a desk), their
history's exclusions and easier variants, gentle mode's easier variants, and the same
precautions (``supple.planning.precautions``) applied the same way. A precaution that
allows a class only for some seconds per routine leaves such moves out here: a desk
break is not worth spending that allowance on. Each move is done once, at the shortest
hold, fewest reps or shortest time its source allows, so the whole break stays short.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from supple.answers import Answers, AnswersDocument
from supple.catalog import Catalog
from supple.catalog.models import Exercise, Position
from supple.planning import Plan
from supple.planning.filters import allowed_positions, easier_variant, is_eligible
from supple.planning.precautions import apply_precautions, default_precautions
from supple.timeline import SWITCH_SECONDS, rep_block_seconds, transition_seconds

DESK_POSITIONS: frozenset[Position] = frozenset({"seated-chair", "standing"})
# Walking and jogging on the spot are the walking goal's, not a desk move.
LEFT_OUT_CLASSES = frozenset({"upright_walking"})
MIN_SECONDS = 60
MAX_SECONDS = 120
MAX_MOVES = 3
DESK_EQUIPMENT = ("chair",)  # a desk has a chair, whatever the person has at home


@dataclass(frozen=True)
class DeskMove:
    exercise: str
    name: str
    variant: str | None
    position: Position
    per_side: bool
    hold_seconds: int | None
    reps: int | None
    work_seconds: int | None
    seconds: int
    cues: tuple[str, ...] = ()

    @property
    def dose_line(self) -> str:
        side = " each side" if self.per_side else ""
        if self.reps is not None:
            return f"{self.reps} slow repetitions{side}"
        if self.hold_seconds is not None:
            return f"hold {self.hold_seconds} seconds{side}"
        return f"{self.work_seconds} seconds"

    def to_dict(self) -> dict[str, object]:
        return {
            "exercise": self.exercise,
            "name": self.name,
            "variant": self.variant,
            "position": self.position,
            "per_side": self.per_side,
            "hold_seconds": self.hold_seconds,
            "reps": self.reps,
            "work_seconds": self.work_seconds,
            "seconds": self.seconds,
            "dose": self.dose_line,
            "cues": list(self.cues),
        }


@dataclass(frozen=True)
class DeskRoutine:
    """The moves (empty when ``withheld`` says why none are offered) and their length."""

    moves: tuple[DeskMove, ...]
    seconds: int
    withheld: str | None = None
    # Why no break reminders are offered at all (the page, the banner schedule and the
    # calendar file refuse with these words), or None when they may be.
    reminders_refused: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "moves": [move.to_dict() for move in self.moves],
            "seconds": self.seconds,
            "withheld": self.withheld,
            "reminders_refused": self.reminders_refused,
        }


WITHHELD_SCREEN = (
    "Your answers mean Supple gives no exercises for now; follow the advice on your plan. "
    "Getting up and changing position gently is still fine."
)
# Under an emergency or urgent screen the screen's own title and action stand in for the
# routine, and no reminders are offered (a physiotherapist's review of issue 17): a
# reminder every 45 minutes does not belong beside "call 999" or "see a doctor today".
NO_REMINDER_LEVELS = frozenset({"emergency", "urgent"})
NO_REMINDERS = (
    "No movement break reminders while your answers need a doctor first: do what the "
    "advice above says, then answer the questions again (supple start, or Start in the app)."
)
WITHHELD_ANSWERS = (
    "Answer the questions first (Start in the web app, or supple start) so the break moves fit you."
)
WITHHELD_NONE = (
    "None of Supple's chair or standing moves fits your answers; at each break, stand up "
    "or shift how you sit for a minute instead."
)


def _move(exercise: Exercise, variant: str | None, cues: Sequence[str]) -> DeskMove:
    dose = exercise.dosage.levels()[0][1]  # the gentlest level the exercise has
    limits = exercise.limits
    sides = 2 if exercise.per_side else 1
    hold = reps = work = None
    if dose.work_seconds is not None:
        low = int(limits.work_seconds[0]) if limits.work_seconds else dose.work_seconds
        work = min(dose.work_seconds, low)
        per_side = work
    elif dose.reps is not None and dose.seconds_per_rep is not None:
        reps = min(dose.reps, int(limits.reps[0])) if limits.reps else dose.reps
        hold = dose.hold_seconds
        per_side = rep_block_seconds(reps, dose.seconds_per_rep)
    else:
        assert dose.hold_seconds is not None  # a dose has one of the three shapes
        low = int(limits.hold_seconds[0]) if limits.hold_seconds else dose.hold_seconds
        hold = min(dose.hold_seconds, low)
        per_side = hold
    return DeskMove(
        exercise=exercise.id,
        name=exercise.name,
        variant=variant,
        position=exercise.position_of(variant),
        per_side=exercise.per_side,
        hold_seconds=hold if reps is None else None,
        reps=reps,
        work_seconds=work,
        seconds=sides * per_side + (sides - 1) * SWITCH_SECONDS,
        cues=tuple(cues),
    )


def _candidates(answers: Answers, plan: Plan, catalog: Catalog) -> list[DeskMove]:
    prefs = answers.preferences
    positions = allowed_positions(prefs.can) & DESK_POSITIONS
    equipment = sorted({*prefs.equipment, *DESK_EQUIPMENT})
    gentle = plan.screen.gentle
    adjustments = plan.adjustments
    pool = [
        exercise
        for key, exercise in sorted(catalog.exercises.items())
        if key not in adjustments.removed
        and not (exercise.classes_of() & LEFT_OUT_CLASSES)
        and is_eligible(
            exercise, positions=positions, equipment=equipment, level="beginner", gentle=gentle
        )
    ]
    base = {
        e.id: variant
        for e in pool
        if (
            variant := adjustments.variants.get(e.id)
            or (easier_variant(e, equipment) if gentle else None)
        )
    }
    triggered = default_precautions().triggered(answers.facts())
    guarded = apply_precautions(pool, triggered, equipment=equipment, base_variants=base)
    moves = []
    for exercise in guarded.pool:
        variant = guarded.variants.get(exercise.id)
        if exercise.position_of(variant) not in positions:
            continue
        if any(rule.loads(exercise, variant) for rule in guarded.budgets):
            continue
        if exercise.classes_of(variant) & LEFT_OUT_CLASSES:
            continue
        cues = [
            change.rule.cue
            for change in guarded.softened
            if change.exercise == exercise.id and change.rule.cue
        ]
        moves.append(_move(exercise, variant, cues))
    return moves


def _fill(candidates: Collection[DeskMove]) -> tuple[tuple[DeskMove, ...], int]:
    """Up to three moves within two minutes, chair and standing taken in turn."""
    chair = [m for m in candidates if m.position == "seated-chair"]
    standing = [m for m in candidates if m.position == "standing"]
    ordered: list[DeskMove] = []
    for pair in zip(chair, standing, strict=False):
        ordered.extend(pair)
    longer = chair if len(chair) > len(standing) else standing
    ordered.extend(longer[min(len(chair), len(standing)) :])
    chosen: list[DeskMove] = []
    total = 0
    for move in ordered:
        if len(chosen) == MAX_MOVES or total >= MIN_SECONDS + 30:
            break
        extra = move.seconds + (
            transition_seconds(chosen[-1].position, move.position) if chosen else 0
        )
        if total + extra <= MAX_SECONDS:
            chosen.append(move)
            total += extra
    # Too few moves fit the person to fill a minute: the same moves once more.
    for move in list(chosen):
        if total >= MIN_SECONDS:
            break
        extra = move.seconds + transition_seconds(chosen[-1].position, move.position)
        if total + extra <= MAX_SECONDS:
            chosen.append(move)
            total += extra
    return tuple(chosen), total


def desk_routine(
    answers: AnswersDocument | None, plan: Plan | None, catalog: Catalog
) -> DeskRoutine:
    """The break routine for these answers and their plan (``supple.planning.plan_for``,
    so the history's exclusions and variants count here too)."""
    if answers is None or plan is None or not isinstance(answers, Answers):
        return DeskRoutine((), 0, WITHHELD_ANSWERS)
    if plan.screen.level in NO_REMINDER_LEVELS:
        own = f"{plan.screen.title}. {plan.screen.action}"
        return DeskRoutine((), 0, own, NO_REMINDERS)
    if not plan.screen.routine_allowed:
        return DeskRoutine((), 0, WITHHELD_SCREEN)
    moves, seconds = _fill(_candidates(answers, plan, catalog))
    if seconds < MIN_SECONDS:
        return DeskRoutine((), 0, WITHHELD_NONE)
    return DeskRoutine(moves, seconds)


__all__ = [
    "DESK_POSITIONS",
    "MAX_SECONDS",
    "MIN_SECONDS",
    "NO_REMINDERS",
    "DeskMove",
    "DeskRoutine",
    "desk_routine",
]
