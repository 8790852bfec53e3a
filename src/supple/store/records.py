"""Plain, frozen records the store hands out.

Callers (the CLI, the web app, history and adaptation) get these instead of ORM
objects, so nothing outside the store can trigger a lazy load on a closed session
or write to the database by accident. ``to_dict`` gives the JSON shape used by
exports and the web API: ISO 8601 times with their UTC offset, dates as YYYY-MM-DD.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

# One definition of each choice: the record schema's, and the time model's step kinds.
from supple.store.schema import Rating as Rating
from supple.store.schema import SessionStatus as SessionStatus
from supple.store.schema import StepOutcome as StepOutcome
from supple.timeline import STEP_KINDS as STEP_KINDS
from supple.timeline import StepKind as StepKind


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class _Record:
    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready values, in field order."""
        return {
            field.name: _jsonable(getattr(self, field.name))
            for field in dataclasses.fields(self)  # type: ignore[arg-type]
        }


@dataclasses.dataclass(frozen=True, slots=True)
class ProfileRecord(_Record):
    id: int
    name: str
    created_at: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class AnswersRecord(_Record):
    id: int
    profile: str
    created_at: datetime
    document: dict[str, Any]


@dataclasses.dataclass(frozen=True, slots=True)
class PlanRecord(_Record):
    id: int
    profile: str
    answers_id: int | None
    created_at: datetime
    level: str | None
    minutes_requested: int | None
    estimated_seconds: int | None
    document: dict[str, Any]


@dataclasses.dataclass(frozen=True, slots=True)
class PlanView:
    """What the plan page shows, read together: the plan, its answers, its latest
    unfinished session, the warning that outweighs it, and the id of the person's
    newest plan (so an earlier plan can say so and offer no changes)."""

    plan: PlanRecord
    answers: AnswersRecord | None
    unfinished: SessionRecord | None
    warning: ScreenOutcomeRecord | None
    latest_plan_id: int

    @property
    def is_current(self) -> bool:
        return self.plan.id == self.latest_plan_id


@dataclasses.dataclass(frozen=True, slots=True)
class SessionRecord(_Record):
    """One guided session; pain is the 0-10 rating asked before and after it."""

    id: int
    profile: str
    plan_id: int
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    pain_before: int
    pain_after: int | None
    note: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class StepEventRecord(_Record):
    """A step of a session as it actually went; written the moment it ends."""

    id: int
    session_id: int
    index: int
    kind: StepKind
    exercise: str | None
    side: str | None
    planned_seconds: float
    actual_seconds: float
    outcome: StepOutcome
    at: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class ExerciseRatingRecord(_Record):
    id: int
    session_id: int
    exercise: str
    rating: Rating


@dataclasses.dataclass(frozen=True, slots=True)
class CheckInRecord(_Record):
    """A weekly PEG-3 check-in; each item is 0-10 over the past week."""

    id: int
    profile: str
    created_at: datetime
    week_of: date
    pain: int
    enjoyment: int
    activity: int

    @property
    def score(self) -> float:
        """The PEG-3 score is the mean of its three items."""
        return (self.pain + self.enjoyment + self.activity) / 3

    def to_dict(self) -> dict[str, Any]:
        return {**_Record.to_dict(self), "score": round(self.score, 2)}


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceRecord(_Record):
    """A paired phone or tablet; its token is never part of the record."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class ScreenOutcomeRecord(_Record):
    """The level a submitted questionnaire page reached, and why; never a routine."""

    id: int
    profile: str
    created_at: datetime
    level: str
    reasons: list[dict[str, Any]]


@dataclasses.dataclass(frozen=True, slots=True)
class LessonCompletionRecord(_Record):
    """A Learn lesson's check as answered: one choice index (from 0) per question."""

    id: int
    profile: str
    lesson_id: str
    completed_at: datetime
    answers: list[int]


@dataclasses.dataclass(frozen=True, slots=True)
class BreakSettingsRecord(_Record):
    """Movement-break settings as chosen: weekday codes, HH:MM local times, the zone."""

    id: int
    profile: str
    created_at: datetime
    days: list[str]
    start_time: str
    end_time: str
    interval_minutes: int
    zone: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class DeskChecklistRecord(_Record):
    """One answering of the desk set-up checklist: item id -> yes, partly or no."""

    id: int
    profile: str
    answered_at: datetime
    answers: dict[str, str]
