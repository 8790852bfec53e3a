"""The walking goal's progression: a pure function of what was set, the day, the
flare-ups and whether pain is getting worse (see ``walking.toml`` for the rules).

The goal is worked out afresh from its start every time, week by week, so the same
inputs always give the same goal and nothing about it has to be stored but the start.
Whether pain was getting worse is asked of the adaptation as it stood at each week's
start (``pain_worse_on``), so a pause is never undone later by a jump of two weeks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from supple.datafile import Source, load_toml_model

WALKING_PATH = Path(__file__).with_name("walking.toml")
PauseReason = Literal["flare_up", "pain_worse"]
PAUSE_WORDS: dict[PauseReason, str] = {
    "flare_up": "a flare-up in the last 7 days",
    "pain_worse": "your pain has been getting worse (see the advice to book a GP or physio)",
}


class WalkingDataError(ValueError):
    """walking.toml is invalid; the message names the field."""


class WalkingRules(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    weekly_rise: float = Field(gt=0, le=0.2)
    cap_minutes: int = Field(ge=5, le=120)
    most_start_minutes: int = Field(ge=5, le=600)
    most_walk_minutes: int = Field(ge=5, le=1440)
    sources: list[str] = Field(min_length=1)
    note: str = Field(min_length=10)
    source: dict[str, Source]


def load_walking_rules(path: Path = WALKING_PATH) -> WalkingRules:
    return load_toml_model(path, WalkingRules, WalkingDataError)


@cache
def default_walking_rules() -> WalkingRules:
    return load_walking_rules()


@dataclass(frozen=True)
class GoalWeek:
    """One week of the goal: from when, how many minutes a day, and why it did not rise."""

    starts: date
    minutes: int
    paused: tuple[PauseReason, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "starts": self.starts.isoformat(),
            "minutes": self.minutes,
            "paused": list(self.paused),
        }


@dataclass(frozen=True)
class WalkingGoal:
    """Today's goal: the minutes, whether rising is paused now and why, the weeks so
    far, and minutes walked today."""

    minutes: int
    start_minutes: int
    started_on: date
    paused: tuple[PauseReason, ...]
    weeks: tuple[GoalWeek, ...]
    walked_today: int
    at_cap: bool

    @property
    def pause_words(self) -> tuple[str, ...]:
        return tuple(PAUSE_WORDS[reason] for reason in self.paused)

    def to_dict(self) -> dict[str, Any]:
        return {
            "minutes": self.minutes,
            "start_minutes": self.start_minutes,
            "started_on": self.started_on.isoformat(),
            "paused": list(self.paused),
            "at_cap": self.at_cap,
            "walked_today": self.walked_today,
            "weeks": [week.to_dict() for week in self.weeks],
        }


def _flare_within(flare_days: Sequence[date], day: date) -> bool:
    return any(day - timedelta(days=6) <= flare <= day for flare in flare_days)


def _pauses(
    day: date, flare_days: Sequence[date], pain_worse_on: Callable[[date], bool]
) -> tuple[PauseReason, ...]:
    reasons: list[PauseReason] = []
    if _flare_within(flare_days, day):
        reasons.append("flare_up")
    if pain_worse_on(day):
        reasons.append("pain_worse")
    return tuple(reasons)


def walking_goal(
    start_minutes: int,
    started_on: date,
    today: date,
    *,
    flare_days: Iterable[date] = (),
    pain_worse_on: Callable[[date], bool] = lambda _day: False,
    walks: Iterable[tuple[date, int]] = (),
    rules: WalkingRules | None = None,
) -> WalkingGoal:
    """The goal for ``today``: ``start_minutes`` raised by the weekly rise at each
    whole week since ``started_on`` that was not paused, capped, shown in whole
    minutes rounded down (never more than the rise allows), never below the start."""
    rules = rules or default_walking_rules()
    flares = sorted(flare_days)
    exact = float(start_minutes)
    weeks = [GoalWeek(started_on, start_minutes)]
    boundary = started_on + timedelta(days=7)
    while boundary <= today:
        paused = _pauses(boundary, flares, pain_worse_on)
        if not paused and exact < rules.cap_minutes:
            exact = min(float(rules.cap_minutes), exact * (1 + rules.weekly_rise))
        weeks.append(GoalWeek(boundary, max(start_minutes, math.floor(exact)), paused))
        boundary += timedelta(days=7)
    minutes = weeks[-1].minutes
    return WalkingGoal(
        minutes=minutes,
        start_minutes=start_minutes,
        started_on=started_on,
        paused=_pauses(today, flares, pain_worse_on),
        weeks=tuple(weeks),
        walked_today=sum(m for day, m in walks if day == today),
        at_cap=minutes >= rules.cap_minutes,
    )


def walked_by_day(walks: Iterable[tuple[date, int]]) -> dict[date, int]:
    """Minutes walked on each day (several walks in a day add up)."""
    totals: dict[date, int] = {}
    for day, minutes in walks:
        totals[day] = totals.get(day, 0) + minutes
    return totals
