"""What moving up a level would really change: the person's routine against the routine
the planner gives at the next level (same answers, history, day, minutes and swaps).

The catalog's doses alone are not the plan: warm-ups grow to fill the time, sets grow,
precautions and gentle mode choose variants, and a different level may choose other
exercises. So the offer is the difference of the two routines, item by item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TypeVar

from supple.catalog.models import Exercise
from supple.planning.history_notes import DoseStep, LevelUp
from supple.planning.routine import Routine, RoutineItem

T = TypeVar("T", int, str)


def _pair(low: T | None, high: T | None) -> tuple[T, T] | None:
    return (low, high) if low is not None and high is not None and low != high else None


def item_step(before: RoutineItem, after: RoutineItem) -> DoseStep | None:
    """How one exercise in both routines changes; None when it does not."""
    step = DoseStep(
        before.exercise,
        before.name,
        hold_seconds=_pair(before.hold_seconds, after.hold_seconds),
        reps=_pair(before.reps, after.reps),
        sets=_pair(before.sets, after.sets),
        work_seconds=_pair(before.work_seconds, after.work_seconds),
        variant=(before.variant, after.variant) if before.variant != after.variant else None,
    )
    changed = (step.hold_seconds, step.reps, step.sets, step.work_seconds, step.variant)
    return step if any(changed) else None


def harder_variants(exercises: Iterable[Exercise]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each exercise's name with its harder variants, for those that have any."""
    found = (
        (e.name, tuple(v.name for v in e.variants if v.direction == "harder")) for e in exercises
    )
    return tuple(pair for pair in found if pair[1])


def planned_offer(
    offer: LevelUp,
    current: Routine,
    following: Routine | None,
    exercises: Mapping[str, Exercise],
) -> LevelUp:
    """``offer`` with what it changes: at the top level the harder variants of the
    routine's exercises, else the difference between ``current`` and ``following``."""
    if offer.to_level is None or following is None:
        records = [exercises[i.exercise] for i in current.items if i.exercise in exercises]
        return replace(offer, variants=harder_variants(records), planned=True)
    now = {item.exercise: item for item in current.items}
    then = {item.exercise: item for item in following.items}
    steps = (item_step(now[key], then[key]) for key in now if key in then)
    return replace(
        offer,
        doses=tuple(step for step in steps if step is not None),
        added=tuple(item.name for key, item in then.items() if key not in now),
        removed=tuple(item.name for key, item in now.items() if key not in then),
        planned=True,
    )


__all__ = ["harder_variants", "item_step", "planned_offer"]
