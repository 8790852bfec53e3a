"""The optional daily walking goal (issue 17): pure core, no store or clock.

``walking_goal`` works out today's goal from its start, the flare-ups and whether the
adaptation says pain is getting worse; ``pain_worse_checker`` asks the adaptation that
question of a recorded ``History`` as it stood on a given day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from supple.walking.goal import (
    PAUSE_WORDS,
    GoalWeek,
    WalkingDataError,
    WalkingGoal,
    WalkingRules,
    default_walking_rules,
    load_walking_rules,
    walked_by_day,
    walking_goal,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from supple.catalog import Catalog
    from supple.planning import History


def pain_worse_checker(history: History, catalog: Catalog) -> Callable[[date], bool]:
    """Whether the adaptation's advice to see someone stood on a day, from the
    sessions and check-ins recorded up to it (a session that day counts: a pause
    too many is the safer mistake)."""
    from supple.planning import adaptation_for

    def worse(day: date) -> bool:
        known = replace(
            history,
            sessions=tuple(s for s in history.sessions if s.day <= day),
            checkins=tuple(c for c in history.checkins if c.week_of <= day),
        )
        return adaptation_for(known, catalog, day).message is not None

    return worse


__all__ = [
    "PAUSE_WORDS",
    "GoalWeek",
    "WalkingDataError",
    "WalkingGoal",
    "WalkingRules",
    "default_walking_rules",
    "load_walking_rules",
    "pain_worse_checker",
    "walked_by_day",
    "walking_goal",
]
