"""Recording sessions as they happen: pain, each finished step, ratings, check-ins.

``record_step`` commits before it returns: the session player calls it as each step
ends, so a crash or ``kill -9`` loses at most the step in progress.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, get_args

from sqlalchemy import select

from supple.store import convert
from supple.store.base import StoreBase
from supple.store.errors import NotFoundError
from supple.store.models import CheckIn, ExerciseRating, Plan, Profile, Session, StepEvent
from supple.store.records import (
    STEP_KINDS,
    CheckInRecord,
    ExerciseRatingRecord,
    Rating,
    SessionRecord,
    StepEventRecord,
    StepKind,
    StepOutcome,
)
from supple.store.values import check_choice, check_score, when


class SessionLog(StoreBase):
    """The part of ``Store`` that writes and reads sessions and check-ins."""

    # Sessions ----------------------------------------------------------------------

    def start_session(
        self, profile: str, plan_id: int, pain_before: int, *, now: datetime | None = None
    ) -> int:
        check_score("pain_before", pain_before)
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            plan = db.get(Plan, plan_id)
            if plan is None or plan.profile_id != owner.id:
                raise NotFoundError(f"profile {profile!r} has no plan {plan_id}")
            row = Session(
                profile_id=owner.id,
                plan_id=plan_id,
                started_at=when(now),
                status="in_progress",
                pain_before=pain_before,
            )
            db.add(row)
            db.flush()
            return row.id

    def record_step(
        self,
        session_id: int,
        *,
        index: int,
        kind: StepKind,
        exercise: str | None,
        side: str | None,
        planned_seconds: float,
        actual_seconds: float,
        outcome: StepOutcome,
        now: datetime | None = None,
    ) -> int:
        """Write one finished step and commit it before returning."""
        check_choice("kind", kind, STEP_KINDS)
        check_choice("outcome", outcome, get_args(StepOutcome))
        if planned_seconds < 0 or actual_seconds < 0:
            raise ValueError("step durations cannot be negative")
        with self._transaction() as db:
            self._open_session(db, session_id)
            row = StepEvent(
                session_id=session_id,
                index=index,
                kind=kind,
                exercise=exercise,
                side=side,
                planned_seconds=float(planned_seconds),
                actual_seconds=float(actual_seconds),
                outcome=outcome,
                at=when(now),
            )
            db.add(row)
            db.flush()
            return row.id

    def finish_session(
        self,
        session_id: int,
        *,
        status: Literal["completed", "quit"] = "completed",
        pain_after: int | None = None,
        note: str | None = None,
        now: datetime | None = None,
    ) -> None:
        """Close a session as completed or quit; the step events already written stay."""
        check_choice("status", status, ("completed", "quit"))
        if pain_after is not None:
            check_score("pain_after", pain_after)
        with self._transaction() as db:
            row = self._open_session(db, session_id)
            row.status = status
            row.pain_after = pain_after
            row.note = note
            row.ended_at = when(now)

    def rate_exercise(self, session_id: int, exercise: str, rating: Rating) -> None:
        """How an exercise felt in a session; rating it again replaces the earlier answer."""
        check_choice("rating", rating, get_args(Rating))
        with self._transaction() as db:
            if db.get(Session, session_id) is None:
                raise NotFoundError(f"there is no session {session_id}")
            row = db.scalar(
                select(ExerciseRating).filter_by(session_id=session_id, exercise=exercise)
            )
            if row is None:
                db.add(ExerciseRating(session_id=session_id, exercise=exercise, rating=rating))
            else:
                row.rating = rating

    def get_session(self, session_id: int) -> SessionRecord | None:
        with self._transaction() as db:
            row = db.get(Session, session_id)
            return None if row is None else convert.session(row, self._name(db, row.profile_id))

    def sessions(self, profile: str) -> list[SessionRecord]:
        """The profile's sessions, oldest first."""
        return self._owned(Session, profile, Session.started_at)

    def step_events(self, session_id: int) -> list[StepEventRecord]:
        """A session's steps in the order they ended."""
        with self._transaction() as db:
            rows = db.scalars(
                select(StepEvent).filter_by(session_id=session_id).order_by(StepEvent.id)
            )
            return [convert.step_event(row) for row in rows]

    def ratings(self, session_id: int) -> list[ExerciseRatingRecord]:
        with self._transaction() as db:
            query = select(ExerciseRating).filter_by(session_id=session_id)
            return [convert.rating(row) for row in db.scalars(query.order_by(ExerciseRating.id))]

    def profile_step_events(self, profile: str) -> list[StepEventRecord]:
        """Every step of every session of the profile, in the order they ended."""
        with self._transaction() as db:
            query = select(StepEvent).join(Session).join(Profile).where(Profile.name == profile)
            return [convert.step_event(row) for row in db.scalars(query.order_by(StepEvent.id))]

    def step_outcomes(self, profile: str) -> list[tuple[int, str, str | None, float]]:
        """(session id, outcome, exercise, actual seconds) of every step of the profile,
        in the order they ended: the columns a summary of every session needs, read in
        one query rather than one query (and a record per step) for each session."""
        with self._transaction() as db:
            query = (
                select(
                    StepEvent.session_id,
                    StepEvent.outcome,
                    StepEvent.exercise,
                    StepEvent.actual_seconds,
                )
                .join(Session)
                .join(Profile)
                .where(Profile.name == profile)
                .order_by(StepEvent.id)
            )
            return [(row[0], row[1], row[2], row[3]) for row in db.execute(query)]

    def pain_stops(self, profile: str) -> list[tuple[int, str]]:
        """(session id, exercise) of every exercise the profile stopped for pain, in the
        order they ended: two columns of the few rows that matter, so a long history
        is not loaded step by step as records to find them."""
        with self._transaction() as db:
            query = (
                select(StepEvent.session_id, StepEvent.exercise)
                .join(Session)
                .join(Profile)
                .where(
                    Profile.name == profile,
                    StepEvent.outcome == "stopped_for_pain",
                    StepEvent.exercise.is_not(None),
                )
                .order_by(StepEvent.id)
            )
            return [(session_id, exercise or "") for session_id, exercise in db.execute(query)]

    def profile_ratings(self, profile: str) -> list[ExerciseRatingRecord]:
        """Every exercise rating of the profile, oldest first."""
        with self._transaction() as db:
            query = (
                select(ExerciseRating).join(Session).join(Profile).where(Profile.name == profile)
            )
            return [convert.rating(row) for row in db.scalars(query.order_by(ExerciseRating.id))]

    # Check-ins ---------------------------------------------------------------------

    def save_checkin(
        self,
        profile: str,
        *,
        week_of: date,
        pain: int,
        enjoyment: int,
        activity: int,
        now: datetime | None = None,
    ) -> int:
        """Store a weekly PEG-3 check-in (each item 0-10)."""
        for name, value in (("pain", pain), ("enjoyment", enjoyment), ("activity", activity)):
            check_score(name, value)
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            row = CheckIn(
                profile_id=owner.id,
                created_at=when(now),
                week_of=week_of,
                pain=pain,
                enjoyment=enjoyment,
                activity=activity,
            )
            db.add(row)
            db.flush()
            return row.id

    def checkins(self, profile: str) -> list[CheckInRecord]:
        """The profile's check-ins by week, then by when they were made."""
        return self._owned(CheckIn, profile, CheckIn.week_of, CheckIn.created_at)
