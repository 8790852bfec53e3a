"""Routine items built straight from a catalog exercise, for tests of what reads them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from supple.catalog import Catalog
from supple.catalog.models import Level
from supple.planning.routine import RoutineItem
from supple.timeline import item_seconds


def routine_item(
    exercise: str, catalog: Catalog, level: Level = "beginner", **changes: Any
) -> RoutineItem:
    """The exercise at one level's dose; keyword arguments override fields, and the
    duration is then worked out by the time model, as the planner does."""
    record = catalog.exercises[exercise]
    dose = record.dosage.for_level(level)
    base = RoutineItem(
        exercise=record.id,
        name=record.name,
        kind=record.kind,
        position=record.position,
        per_side=record.per_side,
        hold_seconds=dose.hold_seconds,
        reps=dose.reps,
        sets=dose.sets,
        duration_seconds=0,
        targets=tuple(record.targets),
        why="test",
        variant=None,
        work_seconds=dose.work_seconds,
        seconds_per_rep=dose.seconds_per_rep,
    )
    made = replace(base, **changes)
    return replace(made, duration_seconds=item_seconds(made, record))
