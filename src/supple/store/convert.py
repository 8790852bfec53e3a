"""ORM rows to plain records; the only place that knows both shapes."""

from __future__ import annotations

from typing import Any, cast

from supple.store.models import (
    CheckIn,
    ExerciseRating,
    LessonCompletion,
    PairedDevice,
    Plan,
    Profile,
    SavedAnswers,
    ScreenOutcome,
    Session,
    StepEvent,
)
from supple.store.records import (
    AnswersRecord,
    CheckInRecord,
    DeviceRecord,
    ExerciseRatingRecord,
    LessonCompletionRecord,
    PlanRecord,
    ProfileRecord,
    Rating,
    ScreenOutcomeRecord,
    SessionRecord,
    SessionStatus,
    StepEventRecord,
    StepKind,
    StepOutcome,
)


def profile(row: Profile) -> ProfileRecord:
    return ProfileRecord(id=row.id, name=row.name, created_at=row.created_at)


def answers(row: SavedAnswers, owner: str) -> AnswersRecord:
    return AnswersRecord(
        id=row.id, profile=owner, created_at=row.created_at, document=dict(row.document)
    )


def plan(row: Plan, owner: str) -> PlanRecord:
    return PlanRecord(
        id=row.id,
        profile=owner,
        answers_id=row.answers_id,
        created_at=row.created_at,
        level=row.level,
        minutes_requested=row.minutes_requested,
        estimated_seconds=row.estimated_seconds,
        document=dict(row.document),
    )


def session(row: Session, owner: str) -> SessionRecord:
    return SessionRecord(
        id=row.id,
        profile=owner,
        plan_id=row.plan_id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        status=cast(SessionStatus, row.status),
        pain_before=row.pain_before,
        pain_after=row.pain_after,
        note=row.note,
    )


def step_event(row: StepEvent) -> StepEventRecord:
    return StepEventRecord(
        id=row.id,
        session_id=row.session_id,
        index=row.index,
        kind=cast(StepKind, row.kind),
        exercise=row.exercise,
        side=row.side,
        planned_seconds=row.planned_seconds,
        actual_seconds=row.actual_seconds,
        outcome=cast(StepOutcome, row.outcome),
        at=row.at,
    )


def rating(row: ExerciseRating) -> ExerciseRatingRecord:
    return ExerciseRatingRecord(
        id=row.id, session_id=row.session_id, exercise=row.exercise, rating=cast(Rating, row.rating)
    )


def checkin(row: CheckIn, owner: str) -> CheckInRecord:
    return CheckInRecord(
        id=row.id,
        profile=owner,
        created_at=row.created_at,
        week_of=row.week_of,
        pain=row.pain,
        enjoyment=row.enjoyment,
        activity=row.activity,
    )


def record(row: Any, owner: str) -> Any:
    """The record for any profile-owned row."""
    if isinstance(row, SavedAnswers):
        return answers(row, owner)
    if isinstance(row, Plan):
        return plan(row, owner)
    if isinstance(row, Session):
        return session(row, owner)
    if isinstance(row, CheckIn):
        return checkin(row, owner)
    if isinstance(row, ScreenOutcome):
        return screen_outcome(row, owner)
    if isinstance(row, LessonCompletion):
        return lesson_completion(row, owner)
    raise TypeError(f"{type(row).__name__} rows do not belong to a profile directly")


def device(row: PairedDevice) -> DeviceRecord:
    return DeviceRecord(
        id=row.id, name=row.name, created_at=row.created_at, last_used_at=row.last_used_at
    )


def screen_outcome(row: ScreenOutcome, owner: str) -> ScreenOutcomeRecord:
    return ScreenOutcomeRecord(
        id=row.id,
        profile=owner,
        created_at=row.created_at,
        level=row.level,
        reasons=[dict(reason) for reason in row.reasons],
    )


def lesson_completion(row: LessonCompletion, owner: str) -> LessonCompletionRecord:
    return LessonCompletionRecord(
        id=row.id,
        profile=owner,
        lesson_id=row.lesson_id,
        completed_at=row.completed_at,
        answers=list(row.answers),
    )
