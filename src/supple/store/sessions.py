"""Recording sessions as they happen: pain, each finished step, ratings, check-ins.

``record_step`` commits before it returns: the session player calls it as each step
ends, so a crash or ``kill -9`` loses at most the step in progress. A step is recorded
once per session and index (a unique constraint): the same step sent again, as the
browser player does when a reply is lost, returns the stored event; different values
for a recorded index are refused with StepConflictError.

Every value is checked against the record schema (``supple.store.schema``) first, so
a bad value is a ValueError naming the field on both backends.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from supple.store import convert
from supple.store.base import StoreBase
from supple.store.errors import NotFoundError, StepConflictError
from supple.store.models import CheckIn, ExerciseRating, Plan, Profile, Session, StepEvent
from supple.store.records import (
    CheckInRecord,
    ExerciseRatingRecord,
    Rating,
    SessionRecord,
    StepEventRecord,
    StepKind,
    StepOutcome,
)
from supple.store.schema import (
    CheckInFields,
    FinishFields,
    RatingFields,
    StartFields,
    StepFields,
    check_week_of,
    is_record_id,
    validated,
)
from supple.store.values import when

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

# The values that make two events of one step the same event (its time is not one:
# a retry arrives later).
STEP_CONTENT = ("kind", "exercise", "side", "planned_seconds", "actual_seconds", "outcome")


class SessionLog(StoreBase):
    """The part of ``Store`` that writes and reads sessions and check-ins."""

    # Sessions ----------------------------------------------------------------------

    def start_session(
        self, profile: str, plan_id: int, pain_before: int, *, now: datetime | None = None
    ) -> int:
        validated(StartFields, {"plan_id": plan_id, "pain_before": pain_before})
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            plan = db.get(Plan, plan_id)  # plan_id was checked to fit a column above
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
        """Write one finished step and commit it before returning; its event id."""
        event_id, _new = self.record_step_once(
            session_id,
            index=index,
            kind=kind,
            exercise=exercise,
            side=side,
            planned_seconds=planned_seconds,
            actual_seconds=actual_seconds,
            outcome=outcome,
            now=now,
        )
        return event_id

    def record_step_once(
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
    ) -> tuple[int, bool]:
        """Like ``record_step``, and whether the event is new (False: sent before)."""
        values = {
            "index": index,
            "kind": kind,
            "exercise": exercise,
            "side": side,
            "planned_seconds": planned_seconds,
            "actual_seconds": actual_seconds,
            "outcome": outcome,
        }
        fields = validated(StepFields, values)
        if not is_record_id(session_id):
            raise NotFoundError(f"there is no session {session_id}")
        try:
            with self._transaction() as db:
                stored = self._stored_step(db, session_id, fields)
                if stored is not None:
                    return stored, False
                self._open_session(db, session_id)
                row = StepEvent(session_id=session_id, at=when(now), **fields.model_dump())
                db.add(row)
                db.flush()
                return row.id, True
        except IntegrityError:
            # Another request wrote this index between the lookup and the insert.
            with self._transaction() as db:
                stored = self._stored_step(db, session_id, fields)
            if stored is None:
                raise
            return stored, False

    def _stored_step(self, db: DbSession, session_id: int, fields: StepFields) -> int | None:
        """The id of the event already stored for this step, if its values are the same."""
        row = db.scalar(select(StepEvent).filter_by(session_id=session_id, index=fields.index))
        if row is None:
            return None
        differ = [name for name in STEP_CONTENT if getattr(row, name) != getattr(fields, name)]
        if differ:
            raise StepConflictError(
                f"step {fields.index} of session {session_id} is already recorded with "
                f"another {', '.join(differ)}; each step is recorded once"
            )
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
        validated(FinishFields, {"status": status, "pain_after": pain_after, "note": note})
        with self._transaction() as db:
            row = self._open_session(db, session_id)
            row.status = status
            row.pain_after = pain_after
            row.note = note
            row.ended_at = when(now)

    def rate_exercise(self, session_id: int, exercise: str, rating: Rating) -> None:
        """How an exercise felt in a session; rating it again replaces the earlier answer."""
        validated(RatingFields, {"exercise": exercise, "rating": rating})
        with self._transaction() as db:
            if not is_record_id(session_id) or db.get(Session, session_id) is None:
                raise NotFoundError(f"there is no session {session_id}")
            row = db.scalar(
                select(ExerciseRating).filter_by(session_id=session_id, exercise=exercise)
            )
            if row is None:
                db.add(ExerciseRating(session_id=session_id, exercise=exercise, rating=rating))
            else:
                row.rating = rating

    def get_session(self, session_id: int) -> SessionRecord | None:
        if not is_record_id(session_id):
            return None
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
        return self._stops_with_outcome(profile, "stopped_for_pain")

    def leg_pain_stops(self, profile: str) -> list[tuple[int, str]]:
        """(session id, exercise) of every exercise the profile stopped because the pain
        spread down the leg, in the order they ended (kept apart from ``pain_stops``:
        this kind of stop is a warning sign with rules of its own)."""
        return self._stops_with_outcome(profile, "stopped_leg_pain")

    def _stops_with_outcome(self, profile: str, outcome: str) -> list[tuple[int, str]]:
        """(session id, exercise) of the profile's steps that ended with ``outcome`` and
        name an exercise, oldest first."""
        with self._transaction() as db:
            query = (
                select(StepEvent.session_id, StepEvent.exercise)
                .join(Session)
                .join(Profile)
                .where(
                    Profile.name == profile,
                    StepEvent.outcome == outcome,
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
        validated(CheckInFields, {"pain": pain, "enjoyment": enjoyment, "activity": activity})
        check_week_of(week_of, date.today(), "week_of")  # the real day, whatever `now` says
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
