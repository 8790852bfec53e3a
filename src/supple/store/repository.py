"""The store's typed API: the only way the CLI and the web app read or write records.

Each method runs in its own short transaction and returns plain records, so callers
never hold a database session. ``record_step`` commits before it returns: the
session player calls it as each step ends, so a crash or ``kill -9`` loses at most
the step in progress.

Times default to now (UTC) because the store is a shell; tests pass ``now`` to get
exact, repeatable values.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, Literal, Self, cast, get_args

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker

from supple.store import convert
from supple.store.errors import NotFoundError, StoreError
from supple.store.models import (
    CheckIn,
    ExerciseRating,
    Plan,
    Profile,
    SavedAnswers,
    Session,
    StepEvent,
)
from supple.store.records import (
    STEP_KINDS,
    AnswersRecord,
    CheckInRecord,
    ExerciseRatingRecord,
    PlanRecord,
    ProfileRecord,
    Rating,
    SessionRecord,
    StepEventRecord,
    StepKind,
    StepOutcome,
)

PROFILE_NAME_MAX = 100


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.utcoffset() is None:
        raise ValueError(f"naive time {now.isoformat()}: pass a timezone-aware time")
    return now


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


def _check_score(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{name} must be a whole number from 0 to 10; got {value!r}")


def _check_profile_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > PROFILE_NAME_MAX:
        raise ValueError(f"a profile name needs 1 to {PROFILE_NAME_MAX} characters; got {name!r}")
    return cleaned


def normalise_document(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document exactly as it will come back from either database.

    A JSON round trip turns tuples into lists and refuses NaN (PostgreSQL's JSON
    does too), so what a caller saves is what every later reader sees.
    """
    try:
        result = json.loads(json.dumps(dict(document), allow_nan=False))
    except (TypeError, ValueError) as error:
        raise ValueError(f"the document is not plain JSON: {error}") from error
    return cast(dict[str, Any], result)


def plan_columns(document: Mapping[str, Any]) -> tuple[str | None, int | None, int | None]:
    """Level, minutes requested and estimated seconds, read from a plan document.

    Accepts the whole plan (``{"routine": {...}, ...}``) or the routine alone; a plan
    without a routine (screening said no exercise) has none of them.
    """
    routine = document.get("routine") if "routine" in document else document
    if not isinstance(routine, Mapping):
        return None, None, None

    def whole(key: str) -> int | None:
        value = routine.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    level = routine.get("level")
    return (
        (level if isinstance(level, str) else None),
        whole("minutes_requested"),
        whole("estimated_seconds"),
    )


class Store:
    """Everything Supple remembers, for every profile in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        """The database URL with any password hidden, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[DbSession]:
        """One unit of work, committed on success and rolled back on any error."""
        with self._sessions.begin() as db:
            yield db

    # Profiles --------------------------------------------------------------------

    def profiles(self) -> list[ProfileRecord]:
        with self.transaction() as db:
            rows = db.scalars(select(Profile).order_by(Profile.id))
            return [convert.profile(row) for row in rows]

    def find_profile(self, name: str) -> ProfileRecord | None:
        with self.transaction() as db:
            row = self._profile_row(db, name)
            return None if row is None else convert.profile(row)

    def get_or_create_profile(self, name: str, *, now: datetime | None = None) -> ProfileRecord:
        with self.transaction() as db:
            return convert.profile(self._ensure_profile(db, name, now))

    def has_records(self, profile: str) -> bool:
        """Whether the profile holds anything an import would overwrite."""
        with self.transaction() as db:
            row = self._profile_row(db, profile)
            if row is None:
                return False
            return any(
                db.scalar(select(func.count()).select_from(model).filter_by(profile_id=row.id))
                for model in (SavedAnswers, Plan, Session, CheckIn)
            )

    # Answers and plans -----------------------------------------------------------

    def save_answers(
        self, profile: str, document: Mapping[str, Any], *, now: datetime | None = None
    ) -> int:
        stored = normalise_document(document)
        with self.transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            row = SavedAnswers(profile_id=owner.id, created_at=_now(now), document=stored)
            db.add(row)
            db.flush()
            return row.id

    def get_answers(self, answers_id: int) -> AnswersRecord | None:
        with self.transaction() as db:
            row = db.get(SavedAnswers, answers_id)
            return None if row is None else convert.answers(row, self._name(db, row.profile_id))

    def saved_answers(self, profile: str) -> list[AnswersRecord]:
        """Every set of answers the profile saved, oldest first."""
        return self._owned(SavedAnswers, profile, SavedAnswers.created_at)

    def latest_answers(self, profile: str) -> AnswersRecord | None:
        rows = self._owned(SavedAnswers, profile, SavedAnswers.created_at, latest=True)
        return rows[0] if rows else None

    def save_plan(
        self,
        profile: str,
        document: Mapping[str, Any],
        answers_id: int | None = None,
        *,
        now: datetime | None = None,
    ) -> int:
        stored = normalise_document(document)
        level, minutes, estimate = plan_columns(stored)
        with self.transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            if answers_id is not None:
                answers = db.get(SavedAnswers, answers_id)
                if answers is None or answers.profile_id != owner.id:
                    raise NotFoundError(f"profile {profile!r} has no saved answers {answers_id}")
            row = Plan(
                profile_id=owner.id,
                answers_id=answers_id,
                created_at=_now(now),
                level=level,
                minutes_requested=minutes,
                estimated_seconds=estimate,
                document=stored,
            )
            db.add(row)
            db.flush()
            return row.id

    def get_plan(self, plan_id: int) -> PlanRecord | None:
        with self.transaction() as db:
            row = db.get(Plan, plan_id)
            return None if row is None else convert.plan(row, self._name(db, row.profile_id))

    def latest_plan(self, profile: str) -> PlanRecord | None:
        rows = self._owned(Plan, profile, Plan.created_at, latest=True)
        return rows[0] if rows else None

    def plans(self, profile: str) -> list[PlanRecord]:
        return self._owned(Plan, profile, Plan.created_at)

    # Sessions ----------------------------------------------------------------------

    def start_session(
        self, profile: str, plan_id: int, pain_before: int, *, now: datetime | None = None
    ) -> int:
        _check_score("pain_before", pain_before)
        with self.transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            plan = db.get(Plan, plan_id)
            if plan is None or plan.profile_id != owner.id:
                raise NotFoundError(f"profile {profile!r} has no plan {plan_id}")
            row = Session(
                profile_id=owner.id,
                plan_id=plan_id,
                started_at=_now(now),
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
        _check_choice("kind", kind, STEP_KINDS)
        _check_choice("outcome", outcome, get_args(StepOutcome))
        if planned_seconds < 0 or actual_seconds < 0:
            raise ValueError("step durations cannot be negative")
        with self.transaction() as db:
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
                at=_now(now),
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
        _check_choice("status", status, ("completed", "quit"))
        if pain_after is not None:
            _check_score("pain_after", pain_after)
        with self.transaction() as db:
            row = self._open_session(db, session_id)
            row.status = status
            row.pain_after = pain_after
            row.note = note
            row.ended_at = _now(now)

    def rate_exercise(self, session_id: int, exercise: str, rating: Rating) -> None:
        """How an exercise felt in a session; rating it again replaces the earlier answer."""
        _check_choice("rating", rating, get_args(Rating))
        with self.transaction() as db:
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
        with self.transaction() as db:
            row = db.get(Session, session_id)
            return None if row is None else convert.session(row, self._name(db, row.profile_id))

    def sessions(self, profile: str) -> list[SessionRecord]:
        """The profile's sessions, oldest first."""
        return self._owned(Session, profile, Session.started_at)

    def step_events(self, session_id: int) -> list[StepEventRecord]:
        """A session's steps in the order they ended."""
        with self.transaction() as db:
            rows = db.scalars(
                select(StepEvent).filter_by(session_id=session_id).order_by(StepEvent.id)
            )
            return [convert.step_event(row) for row in rows]

    def ratings(self, session_id: int) -> list[ExerciseRatingRecord]:
        with self.transaction() as db:
            query = select(ExerciseRating).filter_by(session_id=session_id)
            return [convert.rating(row) for row in db.scalars(query.order_by(ExerciseRating.id))]

    def profile_step_events(self, profile: str) -> list[StepEventRecord]:
        """Every step of every session of the profile, in the order they ended."""
        with self.transaction() as db:
            query = select(StepEvent).join(Session).join(Profile).where(Profile.name == profile)
            return [convert.step_event(row) for row in db.scalars(query.order_by(StepEvent.id))]

    def profile_ratings(self, profile: str) -> list[ExerciseRatingRecord]:
        """Every exercise rating of the profile, oldest first."""
        with self.transaction() as db:
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
            _check_score(name, value)
        with self.transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            row = CheckIn(
                profile_id=owner.id,
                created_at=_now(now),
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

    # Export and import -------------------------------------------------------------

    def export_profile(self, profile: str, *, now: datetime | None = None) -> dict[str, Any]:
        """Everything the profile has recorded, as one JSON-ready document."""
        from supple.store.exchange import build_export

        return build_export(self, profile, _now(now))

    def import_export(
        self, document: Mapping[str, Any], *, profile: str | None = None, replace: bool = False
    ) -> dict[str, int]:
        """Restore an export in one transaction; returns how many records of each kind.

        Raises ExportFormatError for a malformed document and ProfileNotEmptyError
        when the profile already holds records and ``replace`` is false; in both
        cases nothing is written.
        """
        from supple.store.exchange import parse_export, write_import

        parsed = parse_export(document)
        target = _check_profile_name(profile or parsed.profile.name)
        with self.transaction() as db:
            return write_import(db, parsed, profile=target, replace=replace)

    # Helpers ----------------------------------------------------------------------

    def _profile_row(self, db: DbSession, name: str) -> Profile | None:
        return db.scalar(select(Profile).filter_by(name=name))

    def _ensure_profile(self, db: DbSession, name: str, now: datetime | None) -> Profile:
        row = self._profile_row(db, _check_profile_name(name))
        if row is None:
            row = Profile(name=name.strip(), created_at=_now(now))
            db.add(row)
            db.flush()
        return row

    def _name(self, db: DbSession, profile_id: int) -> str:
        return db.get_one(Profile, profile_id).name

    def _open_session(self, db: DbSession, session_id: int) -> Session:
        row = db.get(Session, session_id)
        if row is None:
            raise NotFoundError(f"there is no session {session_id}")
        if row.status != "in_progress":
            raise StoreError(f"session {session_id} is already {row.status}")
        return row

    def _owned(self, model: Any, profile: str, *order: Any, latest: bool = False) -> list[Any]:
        with self.transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return []
            keys = [key.desc() for key in (*order, model.id)] if latest else [*order, model.id]
            query = select(model).filter_by(profile_id=owner.id).order_by(*keys)
            if latest:
                query = query.limit(1)
            return [convert.record(row, owner.name) for row in db.scalars(query)]
