"""The bad-day routine: a short, gentle routine for a flare-up, built from the catalog.

The screen runs first, as for every plan: when it withholds a routine (an emergency,
an urgent or a see-a-clinician screen), the bad day gets no routine either, only the
screen's own advice. Otherwise every exercise the person may do (their positions,
equipment, precautions and history) is taken at its easiest variant and at a beginner
dose of one set with the shortest hold its source allows, and moves are added, the
best-supported positions first (lying before sitting before standing), until the
routine lasts ``min_seconds``; nothing is added that would take it past
``max_seconds``. When every gentle move is in and it is still short, the walk or march
grows, then moves get their beginner dose's second set; a routine that is short even
then (a person who can only sit, say) stays short rather than harder. The rules are
data (``flare.toml``, see ``flare_data``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from supple.answers import Answers, AnswersDocument
from supple.catalog import Catalog
from supple.catalog.models import KINDS, Exercise, MovementClass
from supple.planning.filters import (
    Adjustments,
    dosing,
    easier_variant,
    eligible_exercises,
    shorter_hold,
)
from supple.planning.flare_data import (
    FlareRules,
    WarningSigns,
    default_flare_rules,
    flare_advice,
    warning_signs,
)
from supple.planning.ordering import order_phases, sequence_cost
from supple.planning.precautions import apply_precautions, default_precautions
from supple.planning.routine import Routine, RoutineItem
from supple.planning.selection import SUPPORT_ORDER
from supple.planning.session_gate import WARNING_SIGNS_DUE
from supple.screening import ScreenResult, screen
from supple.timeline import item_seconds, timeline_steps

WHY = "The easiest version, for a bad day: move gently and stop if it hurts more."
EXTRA_WORK_STEP = 30  # seconds a continuous move grows by when the routine is short


@dataclass(frozen=True)
class FlarePlan:
    """What the bad-day page and ``supple flare`` show: the screen, the routine (None
    when the screen withholds it, or nothing gentle fits), the lesson's advice (none
    when the screen withholds the routine: only its own action then) and the signs to
    watch for."""

    screen: ScreenResult
    routine: Routine | None
    advice: tuple[str, ...]
    warning_signs: tuple[WarningSigns, ...]
    # Why no routine although the screen allows one: the warning-sign questions are
    # due again after a stop for pain down the leg (``session_gate``'s words).
    withheld: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "screen": self.screen.to_dict(),
            "routine": self.routine.to_dict() if self.routine else None,
            "advice": list(self.advice),
            "warning_signs": [signs.to_dict() for signs in self.warning_signs],
            "withheld": self.withheld,
        }


def _gentle_pool(
    answers: Answers, catalog: Catalog, adjustments: Adjustments, rules: FlareRules
) -> list[tuple[Exercise, str | None]]:
    """Every exercise allowed on a bad day with the easiest variant it is done as."""
    prefs = answers.preferences
    pool = [
        exercise
        for exercise in eligible_exercises(
            catalog,
            can=prefs.can,
            equipment=prefs.equipment,
            level="beginner",
            gentle=True,
            adjustments=adjustments,
        )
        if exercise.id not in rules.leave_out_exercises
        and exercise.id not in adjustments.removed | adjustments.hurt
    ]
    leave_out = set(rules.leave_out_classes)
    base = {e.id: v for e in pool if (v := _easiest(e, prefs.equipment, leave_out)) is not None}
    triggered = default_precautions().triggered(answers.facts())
    guarded = apply_precautions(pool, triggered, equipment=prefs.equipment, base_variants=base)
    budgeted = {rule.movement_class for rule in guarded.budgets}
    leave_out |= budgeted
    out = []
    for exercise in guarded.pool:
        variant = guarded.variants.get(exercise.id)
        has_easier = any(v.direction == "easier" for v in exercise.variants)
        if has_easier and variant is None:
            continue  # its easier versions need equipment the person does not have
        if exercise.classes_of(variant) & leave_out:
            continue
        out.append((exercise, variant))
    return out


def _easiest(
    exercise: Exercise, equipment: Sequence[str], leave_out: set[MovementClass]
) -> str | None:
    """The easiest variant: the regression chain's (as gentle mode picks it), or the
    first other easier variant the person can do when that one still loads a class
    a bad day leaves out."""
    chosen = easier_variant(exercise, equipment)
    if chosen is None or not exercise.classes_of(chosen) & leave_out:
        return chosen
    others = (
        v.name
        for v in exercise.variants
        if v.direction == "easier"
        and set(v.equipment) <= set(equipment)
        and not exercise.classes_of(v.name) & leave_out
    )
    return next(others, chosen)


def _item(exercise: Exercise, variant: str | None, steps_down: int) -> RoutineItem:
    dose = shorter_hold(exercise, dosing(exercise, "beginner", steps_down).dose)
    item = RoutineItem(
        exercise=exercise.id,
        name=exercise.name,
        kind=exercise.kind,
        position=exercise.position_of(variant),
        per_side=exercise.per_side,
        hold_seconds=dose.hold_seconds,
        reps=dose.reps,
        sets=1,
        duration_seconds=0,
        targets=tuple(exercise.targets),
        why=WHY,
        variant=variant,
        work_seconds=dose.work_seconds,
        seconds_per_rep=dose.seconds_per_rep,
    )
    return replace(item, duration_seconds=item_seconds(item, exercise))


def _ordered(items: Sequence[RoutineItem]) -> list[RoutineItem]:
    phases = [[i for i in items if i.kind == kind] for kind in KINDS]
    return order_phases(phases, lambda item: item.position)


def _seconds(items: Sequence[RoutineItem], catalog: Catalog) -> int:
    return sum(step.seconds for step in timeline_steps(_ordered(items), catalog))


def _choose(
    candidates: list[tuple[Exercise, str | None]],
    catalog: Catalog,
    adjustments: Adjustments,
    rules: FlareRules,
) -> list[RoutineItem]:
    """Add the best-supported moves (one warm-up at most) until the minimum is met."""
    rank = {position: index for index, position in enumerate(SUPPORT_ORDER)}

    def key(pair: tuple[Exercise, str | None]) -> tuple[int, int, str]:
        exercise, variant = pair
        return (rank[exercise.position_of(variant)], KINDS.index(exercise.kind), exercise.id)

    chosen: list[RoutineItem] = []
    for exercise, variant in sorted(candidates, key=key):
        if _seconds(chosen, catalog) >= rules.min_seconds:
            break
        if exercise.kind == "warmup" and any(i.kind == "warmup" for i in chosen):
            continue
        item = _item(exercise, variant, adjustments.step_downs.get(exercise.id, 0))
        if _seconds([*chosen, item], catalog) <= rules.max_seconds:
            chosen.append(item)
    return _lengthened(chosen, catalog, adjustments, rules)


def _grown(item: RoutineItem, exercise: Exercise, steps_down: int) -> RoutineItem | None:
    """The item a little longer, or None at its most: a walk or march up to the
    articles' range for it, any other move up to its beginner dose's sets."""
    if item.work_seconds is not None:
        limit = exercise.limits.work_seconds
        longer = item.work_seconds + EXTRA_WORK_STEP
        if limit is None or longer > limit[1]:
            return None
        grown = replace(item, work_seconds=longer)
    elif item.sets < dosing(exercise, "beginner", steps_down).dose.sets:
        grown = replace(item, sets=item.sets + 1)
    else:
        return None
    return replace(grown, duration_seconds=item_seconds(grown, exercise))


def _lengthened(
    chosen: list[RoutineItem], catalog: Catalog, adjustments: Adjustments, rules: FlareRules
) -> list[RoutineItem]:
    """A routine still short of the minimum once every gentle move is in grows a
    little, the walk or march first, within each move's beginner dose and the maximum."""
    items = _ordered(chosen)
    order = sorted(range(len(items)), key=lambda i: items[i].work_seconds is None)
    grown = True
    while grown and _seconds(items, catalog) < rules.min_seconds:
        grown = False
        for index in order:
            item = items[index]
            longer = _grown(
                item, catalog.exercises[item.exercise], adjustments.step_downs.get(item.exercise, 0)
            )
            if longer is None:
                continue
            trial = [*items[:index], longer, *items[index + 1 :]]
            if _seconds(trial, catalog) <= rules.max_seconds:
                items, grown = trial, True
                break
    return items


def flare_routine(
    answers: Answers,
    catalog: Catalog,
    *,
    adjustments: Adjustments | None = None,
    rules: FlareRules | None = None,
) -> Routine | None:
    """The bad-day routine for these answers (no screen here: ``flare_plan`` runs it),
    or None when nothing gentle fits the person's positions and precautions."""
    rules = rules or default_flare_rules()
    adjustments = adjustments or Adjustments()
    items = _choose(_gentle_pool(answers, catalog, adjustments, rules), catalog, adjustments, rules)
    if not items:
        return None
    floor, changes = sequence_cost(item.position for item in items)
    return Routine(
        level="beginner",
        gentle=True,
        minutes_requested=rules.max_seconds // 60,
        estimated_seconds=_seconds(items, catalog),
        floor_transitions=floor,
        position_changes=changes,
        items=tuple(items),
    )


def flare_plan(
    answers: AnswersDocument,
    today: dt.date,
    *,
    catalog: Catalog | None = None,
    adjustments: Adjustments | None = None,
    warning_signs_due: bool = False,
) -> FlarePlan:
    """The screen first, then the bad-day routine it allows, with advice and signs.

    ``adjustments``: the history's (``adaptation_for(...).adjustments()``), so an
    exercise the history left out or replaced stays out on a bad day too.
    ``warning_signs_due``: a stop for pain down the leg has not been followed by the
    warning-sign questions; as before any session, no routine until they are answered.
    """
    from supple.catalog import default_catalog

    catalog = catalog or default_catalog()
    screened = screen(answers, today=today)
    routine = None
    withheld = WARNING_SIGNS_DUE if warning_signs_due and screened.routine_allowed else None
    if screened.routine_allowed and isinstance(answers, Answers) and withheld is None:
        routine = flare_routine(answers, catalog, adjustments=adjustments)
    # A screen that withholds the routine gets no self-care advice beside its own
    # action: "keep moving, go gently" next to "call 999" contradicts it.
    advice = flare_advice() if screened.routine_allowed else ()
    return FlarePlan(screened, routine, advice, warning_signs(), withheld)
