"""What the records API answers, as models, so the published schema says what comes back.

The routes build their answers from the records' and the timeline's ``to_dict``; these
models describe those dictionaries field by field and forbid extra keys, so a field
added to a record without its model here fails the API tests instead of vanishing
from the answer unseen. Times are ISO 8601 text exactly as the records write them.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from supple.store.schema import Rating, SessionStatus, StepOutcome
from supple.timeline import StepKind

DateTime = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Day = Annotated[str, Field(json_schema_extra={"format": "date"})]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanSummary(_Out):
    """A saved plan without its document."""

    id: int
    profile: str
    answers_id: int | None
    created_at: DateTime
    level: str | None
    minutes_requested: int | None
    estimated_seconds: int | None


class PlanOut(PlanSummary):
    document: dict[str, Any] = Field(description="The plan document, as `supple plan --json`.")


class TempoOut(_Out):
    """One rep's pace in seconds: the lift, the pause at the top, the return."""

    up: float
    hold: float
    down: float


class StepOut(_Out):
    kind: StepKind
    exercise: str
    side: str | None
    seconds: int
    say: str
    reps: int | None = Field(default=None, description="Reps in a 'reps' step, else null.")
    tempo: TempoOut | None = Field(default=None, description="A 'reps' step's pace, else null.")
    variant: str | None = None


class TimelineOut(_Out):
    steps: list[StepOut]
    total_seconds: int


class SessionOut(_Out):
    id: int
    profile: str
    plan_id: int
    started_at: DateTime
    ended_at: DateTime | None
    status: SessionStatus
    pain_before: int
    pain_after: int | None
    note: str | None


class StepEventOut(_Out):
    id: int
    session_id: int
    index: int
    kind: StepKind
    exercise: str | None
    side: str | None
    planned_seconds: float
    actual_seconds: float
    outcome: StepOutcome
    at: DateTime


class RatingRecordOut(_Out):
    id: int
    session_id: int
    exercise: str
    rating: Rating


class SessionState(_Out):
    """A session, its timeline, what is recorded so far and where to resume."""

    session: SessionOut
    timeline: TimelineOut
    events: list[StepEventOut]
    ratings: list[RatingRecordOut]
    next_index: int
    names: dict[str, str] = Field(description="Exercise id to its name, for the timeline.")


class StepRecorded(_Out):
    id: int = Field(description="The stored step event.")
    next_index: int


class RatingOut(_Out):
    exercise: str
    rating: Rating


class CheckInOut(_Out):
    id: int
    profile: str
    created_at: DateTime
    week_of: Day
    pain: int
    enjoyment: int
    activity: int
    score: float = Field(description="The PEG-3 score: the mean of the three items.")
