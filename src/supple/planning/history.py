"""The person's recorded history as one plain value, for the one planning path.

Every shell (``supple plan``, the web pages, ``POST /api/plan``) reads its store into
a ``History`` and hands it, with the answers and today, to ``supple.planning.plan_for``.
Keeping the history a value means the next plan depends on nothing but these inputs:
the same answers, history and day give the same plan in every shell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from supple.catalog.models import LEVELS, Level
from supple.progress.log import CheckIn, SessionLog


@dataclass(frozen=True)
class PlanMark:
    """One earlier plan, as far as adaptation cares: the day it was made, its level and
    the exercises in it (what a level-up would change). Only the latest plan's
    exercises are read, so ``supple.history`` fills them for that plan alone."""

    day: date
    level: Level
    exercises: tuple[str, ...] = ()


@dataclass(frozen=True)
class History:
    """Sessions, weekly check-ins, earlier plans (oldest first), when the warning-sign
    questions were last answered and the days of recorded flare-ups. An empty history
    changes nothing in the plan. Of the earlier plans the adaptation reads only the
    latest run at one level (its level, its first day, the last plan's exercises), so
    ``supple.history`` passes the first and the last plan of that run alone."""

    sessions: tuple[SessionLog, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    plans: tuple[PlanMark, ...] = ()
    warning_signs_answered: datetime | None = None
    flare_ups: tuple[date, ...] = ()
    # (exercise, variant) for each exercise stopped for pain while done as a variant,
    # in the plan of the session of its latest stop: an exercise stopped while already
    # at the easier version a stop asks for has nothing easier left
    # (``planning.settle``). Read from the stopped session's own plan, never the
    # latest one: the plan rebuilt after the stop does the easier version already.
    stopped_as: tuple[tuple[str, str], ...] = ()

    @property
    def level(self) -> Level:
        """The level of the latest plan (beginner before the first)."""
        return self.plans[-1].level if self.plans else "beginner"

    @property
    def latest_exercises(self) -> tuple[str, ...]:
        return self.plans[-1].exercises if self.plans else ()

    def is_empty(self) -> bool:
        return not (self.sessions or self.checkins)


def plan_marks(rows: Sequence[tuple[date, str | None, Sequence[str]]]) -> tuple[PlanMark, ...]:
    """Earlier plans from (day, level, exercise ids) rows; rows without a known level
    (a plan withheld by the screen) are skipped, they say nothing about the level."""
    return tuple(
        PlanMark(day, level, tuple(exercises))
        for day, stored, exercises in sorted(rows, key=lambda row: row[0])
        if (level := _level(stored)) is not None
    )


def _level(value: str | None) -> Level | None:
    for level in LEVELS:
        if value == level:
            return level
    return None
