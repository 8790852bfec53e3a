"""Which exercises a person may be given at all, and at what dose.

Eligibility is a hard safety rule, never a preference: an exercise in a position the
person cannot get into, or needing equipment they do not have, is simply absent from
everything the planner considers afterwards.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from supple.catalog import Catalog
from supple.catalog.models import Dose, Exercise, Level, Position
from supple.planning.history_notes import ChangeReason, LevelUp, RecheckCause

# What each answer to "what can you do?" opens up. Kneeling needs both `kneel` and
# `floor`: getting onto the knees means getting down to the floor first.
POSITIONS_BY_CAN: Mapping[str, frozenset[Position]] = {
    "floor": frozenset({"seated-floor", "supine", "prone", "side-lying"}),
    "chair": frozenset({"seated-chair"}),
    "standing": frozenset({"standing"}),
}
KNEELING_POSITIONS: frozenset[Position] = frozenset({"kneeling", "half-kneeling", "all-fours"})


def allowed_positions(can: Collection[str]) -> frozenset[Position]:
    positions: set[Position] = set()
    for answer in can:
        positions |= POSITIONS_BY_CAN.get(answer, frozenset())
    if "kneel" in can and "floor" in can:
        positions |= KNEELING_POSITIONS
    return frozenset(positions)


# The history's causes that mean an exercise hurt (``history_notes.Cause``).
PAIN_CAUSES = frozenset(
    {"stopped_once", "stopped_once_no_easier", "stopped_twice", "leg_pain_stop"}
    | {"same_movement_as_leg_pain_stop"}
)


@dataclass(frozen=True)
class Adjustments:
    """Changes learned from the person's history (issue 4), applied on top of the rules.

    - ``replacements``: exercise id -> the id to give instead (its regression), after the
      exercise was stopped for sharp or radiating pain.
    - ``variants``: exercise id -> the easier variant to do it as, where the regression
      chain ends in a variant (the exercise itself, or the replacement above).
    - ``exclusions``: exercises left out entirely (stopped twice); the plan advises having
      them checked.
    - ``step_downs``: exercise id -> how many dosage steps down (rated hard or painful).
      One step is one level lower; below beginner each step removes a set (never below 1).
    - ``offer_level``: a higher level the person has earned; the plan mentions it but
      does not apply it, because moving up is the person's choice.
    - ``reasons``: exercise id -> why it was replaced, left out or dosed down, as decided
      by ``supple.progress.adapt`` and worded by ``supple.planning.history_notes``.
    - ``escalation``: the advice to see a GP or physiotherapist, with its figures; while
      it stands it is the first line of the plan's advice and no level is offered.
    - ``level_up``: the earned offer with what it would change (doses, variants).
    - ``recheck``: why the warning-sign questions must be answered again.
    - ``success``: the progress core's words for pain that stayed at 0-2 (never with an
      escalation); the plan says it beside its routine.

    Empty adjustments change nothing.
    """

    replacements: Mapping[str, str] = field(default_factory=dict)
    variants: Mapping[str, str] = field(default_factory=dict)
    exclusions: frozenset[str] = frozenset()
    step_downs: Mapping[str, int] = field(default_factory=dict)
    offer_level: Level | None = None
    reasons: Mapping[str, ChangeReason] = field(default_factory=dict)
    escalation: str | None = None
    level_up: LevelUp | None = None
    recheck: tuple[RecheckCause, ...] = ()
    success: str | None = None
    # The variants exercises were stopped for pain as (``History.stopped_as``): one
    # stopped at the easier version the history now asks for has nothing easier left
    # (``supple.planning.settle``).
    done_as: Mapping[str, str] = field(default_factory=dict)
    # Exercises the person swapped out after they hurt: never offered back as a swap
    # (their pain reason gives way to "swapped" in ``reasons``).
    swapped_after_pain: frozenset[str] = frozenset()

    @property
    def removed(self) -> frozenset[str]:
        return self.exclusions | frozenset(self.replacements)

    @property
    def hurt(self) -> frozenset[str]:
        """Every exercise the history changed because it hurt: stopped for pain (once is
        enough), left out after or beside a leg-pain stop, or rated ``painful``. The
        bad-day routine leaves these out, and warm-ups are never harder after them."""
        return self.exclusions | {
            exercise
            for exercise, reason in self.reasons.items()
            if reason.cause in PAIN_CAUSES
            or (reason.cause == "rated_too_much" and "painful" in reason.ratings)
        }

    @property
    def not_for_swapping_in(self) -> frozenset[str]:
        """What a swap may never put in (``Plan.kept_out`` less what the routine holds):
        what the history left out or replaced and everything it changed because it hurt,
        including an exercise swapped out after it hurt; an exercise the person merely
        swapped out may be swapped back."""
        swapped_freely = {
            k for k, r in self.reasons.items() if r.cause == "swapped"
        } - self.swapped_after_pain
        return (self.removed | self.hurt | self.swapped_after_pain) - swapped_freely


def is_eligible(
    exercise: Exercise,
    *,
    positions: Collection[Position],
    equipment: Collection[str],
    level: Level,
    gentle: bool,
) -> bool:
    if exercise.position not in positions:
        return False
    # Weight through a knee on the floor needs the person to be able to kneel, whatever
    # the position is called (pigeon rests on the front shin and the back knee).
    if "kneeling_load" in exercise.movement_classes and not set(positions) >= KNEELING_POSITIONS:
        return False
    if not set(exercise.required_equipment) <= set(equipment):
        return False
    # Advanced-only moves need the advanced level and a screen with no caution.
    return not exercise.advanced_only or (level == "advanced" and not gentle)


def eligible_exercises(
    catalog: Catalog,
    *,
    can: Collection[str],
    equipment: Collection[str],
    level: Level,
    gentle: bool,
    adjustments: Adjustments,
) -> list[Exercise]:
    """Every exercise this person may do today, by id, minus what their history rules out."""
    positions = allowed_positions(can)
    return [
        exercise
        for key, exercise in sorted(catalog.exercises.items())
        if key not in adjustments.removed
        and is_eligible(
            exercise, positions=positions, equipment=equipment, level=level, gentle=gentle
        )
    ]


@dataclass(frozen=True)
class Dosing:
    """The dose an exercise starts at and how many sets it may grow to when filling time."""

    dose: Dose
    max_sets: int


def dosing(exercise: Exercise, level: Level, steps_down: int = 0) -> Dosing:
    """The level's dose, stepped down if the person found it too much.

    The maximum sets is the level's own ``max_sets`` when it has one (strength moves:
    one set at beginner, two at intermediate, up to three at advanced), else the upper
    bound of the articles' range (never below the level's own sets); a stepped-down
    exercise never grows back within a plan. Steps walk down the levels the exercise
    has, so an advanced-only move steps straight to fewer sets.
    """
    levels = exercise.dosage.levels()
    names = [name for name, _ in levels]
    index = (names.index(level) if level in names else 0) - max(steps_down, 0)
    dose = levels[max(index, 0)][1]
    if index < 0:
        dose = dose.model_copy(update={"sets": max(1, dose.sets + index)})
    if steps_down > 0:
        return Dosing(dose, dose.sets)
    if dose.max_sets is not None:
        return Dosing(dose, dose.max_sets)
    upper = int(exercise.limits.sets[1]) if exercise.limits.sets else dose.sets
    return Dosing(dose, max(upper, dose.sets))


def work_bounds(exercise: Exercise, dose: Dose) -> tuple[int, int]:
    """How long one block of a continuous move may last: from its dose to the articles' top."""
    low = dose.work_seconds or 0
    high = int(exercise.limits.work_seconds[1]) if exercise.limits.work_seconds else low
    return low, max(low, high)


def easier_variant(exercise: Exercise, equipment: Iterable[str]) -> str | None:
    """The easier version for gentle mode: the regression chain's variant when the
    exercise's chain ends in one, else the first easier variant the person has the
    equipment for."""
    have = set(equipment)
    chained = exercise.variant(exercise.regression_variant or "")
    if chained is not None and set(chained.equipment) <= have:
        return chained.name
    for variant in exercise.variants:
        if variant.direction == "easier" and set(variant.equipment) <= have:
            return variant.name
    return None


def shorter_hold(exercise: Exercise, dose: Dose) -> Dose:
    """The dose with its hold cut to the shortest its source allows (a precaution's
    ``shorter_holds``); a dose already there, or without holds, is unchanged."""
    if dose.hold_seconds is None or exercise.limits.hold_seconds is None:
        return dose
    shortest = int(exercise.limits.hold_seconds[0])
    if dose.hold_seconds <= shortest:
        return dose
    return dose.model_copy(update={"hold_seconds": shortest})
