"""The columns a long history is summarised from, read as plain tuples.

A person who practises daily for ten years has 3,650 sessions and about 150,000 step
events. Loading those as ORM objects and then as records spent most of the time of
every progress read building and collecting objects nobody kept (issue 14). The
readers here select only the columns the summaries use, in one short transaction per
call, with a fixed number of statements whatever the length of the history; the
values are the ones the records carry: a timestamp read as the driver gives it is made
the same UTC value the column type makes (``as_utc``), without the type's work per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import String, bindparam, case, func, or_, select, type_coerce

from supple.catalog.models import LEVELS
from supple.store.base import StoreBase
from supple.store.models import (
    CheckIn,
    ExerciseRating,
    FlareUp,
    HistoryVersion,
    Plan,
    Profile,
    SavedAnswers,
    Session,
    StepEvent,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession


class SessionRow(NamedTuple):
    """What a summary needs of one session (the record has more)."""

    id: int
    started_at: datetime
    status: str
    pain_before: int
    pain_after: int | None
    plan_id: int | None = None


class PlanRow(NamedTuple):
    """What the next plan needs of every earlier plan: when it was made and its level."""

    id: int
    created_at: datetime
    level: str | None


class StepTotals(NamedTuple):
    """One session's steps counted by outcome, for ``supple history``."""

    done: int
    skipped: int


@dataclass(frozen=True, slots=True)
class HistoryRows:
    """A profile's sessions (oldest first), ratings, pain stops and leg-pain stops (in
    the order they were recorded), all read in one transaction so they agree.
    ``uncounted_leg_stops`` are the sessions with a stop for pain down the leg that
    counts against no exercise (``leg_pain_uncounted``)."""

    sessions: list[SessionRow]
    ratings: list[tuple[int, str, str]]
    pain_stops: list[tuple[int, str]]
    leg_pain_stops: list[tuple[int, str]]
    uncounted_leg_stops: list[int] = field(default_factory=list)
    key: HistoryKey | None = None  # None: the profile has no history yet


# The profile's id and creation time and its history version (migration 0014): equal
# keys mean the sessions, their steps and their ratings are exactly as they were.
HistoryKey = tuple[int, datetime, tuple[int, ...]]
ALL_PROFILES = 0  # the history_versions rows that every change renews on SQLite


@dataclass(frozen=True, slots=True)
class HistorySnapshot:
    """Everything the next plan reads of a profile besides its sessions (``history_rows``),
    from one transaction: check-ins as
    ``checkin_rows`` gives them, the first and the last plan of the latest run of
    plans at one level (oldest first), when the answers were last saved and the days
    of its flare-ups (issue 14: one read with a fixed number of statements, not one
    transaction per part, and no more plan rows for a longer history)."""

    checkins: list[tuple[date, int, int, int]]
    plans: list[PlanRow]
    answered_at: datetime | None
    flare_days: list[date]
    key: HistoryKey | None = None  # None: the profile has no records yet


class HistoryReads(StoreBase):
    """Column reads of the history, for the progress summaries and the adaptation."""

    def history_rows(self, profile: str, *, known: HistoryKey | None = None) -> HistoryRows | None:
        """Every session with its ratings and pain stops, in one transaction; None,
        without reading them, when ``known`` is still the history's key (nothing was
        added, changed or removed since the rows with that key were read)."""
        with self._transaction() as db:
            owner = _owner(db, profile)
            if owner is None:
                return HistoryRows([], [], [], [])
            key = self._history_key(db, owner, "sessions")
            if key == known:
                return None
            pain, leg, uncounted = self._stop_rows(db, owner.id)
            sessions = self._session_rows(db, owner.id)
            ratings = self._rating_rows(db, owner.id)
            return HistoryRows(sessions, ratings, pain, leg, uncounted, key)

    def history_keys(self, profile: str) -> dict[str, HistoryKey]:
        """The key of each part of the history ("sessions", "records"), in one short
        read: what a reader that kept both compares before reading anything else."""
        with self._transaction() as db:
            owner = _owner(db, profile)
            if owner is None:
                return {}
            found = db.connection().execute(_VERSIONS, {"owner": owner.id}).all()
            return {part: _key(owner, found, part) for part in ("sessions", "records")}

    def history_snapshot(
        self, profile: str, *, known: HistoryKey | None = None
    ) -> HistorySnapshot | None:
        """The parts ``supple.history.load_history`` reads besides the sessions; None,
        without reading them, when ``known`` is still the key of these records."""
        with self._transaction() as db:
            owner = _owner(db, profile)
            if owner is None:
                return HistorySnapshot([], [], None, [])
            key = self._history_key(db, owner, "records")
            if key == known:
                return None
            answered = (
                select(SavedAnswers.created_at)
                .filter_by(profile_id=owner.id)
                .order_by(SavedAnswers.created_at.desc(), SavedAnswers.id.desc())
                .limit(1)
            )
            flares = (
                select(FlareUp.day).filter_by(profile_id=owner.id).order_by(FlareUp.day, FlareUp.id)
            )
            return HistorySnapshot(
                checkins=self._checkin_rows(db, owner.id),
                plans=self._latest_run_rows(db, owner.id),
                answered_at=db.execute(answered).scalar_one_or_none(),
                flare_days=list(db.execute(flares).scalars().all()),
                key=key,
            )

    def plan_documents(self, profile: str, plan_ids: set[int]) -> dict[int, dict[str, Any]]:
        """The stored documents of these plans of this profile, by id, in one query
        (an id that is not one of the profile's plans is left out)."""
        if not plan_ids:
            return {}
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return {}
            query = select(Plan.id, Plan.document).where(
                Plan.profile_id == owner.id, Plan.id.in_(sorted(plan_ids))
            )
            return {
                row[0]: dict(row[1]) for row in db.execute(query).all() if isinstance(row[1], dict)
            }

    def checkin_rows(self, profile: str) -> list[tuple[date, int, int, int]]:
        """(week of, pain, enjoyment, activity) of every check-in, in the order of
        ``checkins`` (by week, then by when they were made)."""
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            return [] if owner is None else self._checkin_rows(db, owner.id)

    def step_totals(self, profile: str) -> dict[int, StepTotals]:
        """Each session's done and skipped steps, counted by the database (GROUP BY)."""
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return {}
            query = (
                select(
                    StepEvent.session_id,
                    func.count(case((StepEvent.outcome == "done", 1))),
                    func.count(case((StepEvent.outcome == "skipped", 1))),
                )
                .join(Session)
                .where(Session.profile_id == owner.id)
                .group_by(StepEvent.session_id)
            )
            return {row[0]: StepTotals(row[1], row[2]) for row in db.execute(query)}

    def step_seconds(self, profile: str) -> list[tuple[int, float]]:
        """(session id, active seconds) of every step, in the order they ended.

        The sum stays in Python, in this order, so ``supple history`` adds the seconds
        up exactly as it always has (a database's SUM may add in another order and
        round a total the other way)."""
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return []
            query = (
                select(StepEvent.session_id, StepEvent.actual_seconds)
                .join(Session)
                .where(Session.profile_id == owner.id)
                .order_by(StepEvent.id)
            )
            return [(row[0], row[1]) for row in db.execute(query)]

    @staticmethod
    def _history_key(db: DbSession, owner: Owner, part: str) -> HistoryKey:
        return _key(owner, db.connection().execute(_VERSIONS, {"owner": owner.id}).all(), part)

    @classmethod
    def _latest_run_rows(cls, db: DbSession, profile_id: int) -> list[PlanRow]:
        """The first and the last plan of the latest run of plans at one level (one row
        when they are the same plan; none before a plan with a level): all the next plan
        reads of the earlier plans, in three indexed lookups however many there are."""
        known = (Plan.profile_id == profile_id, Plan.level.in_(LEVELS))
        newest = (Plan.created_at.desc(), Plan.id.desc())
        latest = cls._one_plan_row(db, select_plan_row().where(*known).order_by(*newest))
        if latest is None:
            return []
        other = select_plan_row().where(*known, Plan.level != latest.level).order_by(*newest)
        breaker = cls._one_plan_row(db, other)
        run = select_plan_row().where(*known).order_by(Plan.created_at, Plan.id)
        if breaker is not None:
            after = (Plan.created_at == breaker.created_at) & (Plan.id > breaker.id)
            run = run.where((Plan.created_at > breaker.created_at) | after)
        first = cls._one_plan_row(db, run)
        return [latest] if first is None or first.id == latest.id else [first, latest]

    @staticmethod
    def _one_plan_row(db: DbSession, query: Any) -> PlanRow | None:
        row = db.execute(query.limit(1)).first()
        return None if row is None else PlanRow(row[0], as_utc(row[1]), row[2])

    @staticmethod
    def _checkin_rows(db: DbSession, profile_id: int) -> list[tuple[date, int, int, int]]:
        query = (
            select(CheckIn.week_of, CheckIn.pain, CheckIn.enjoyment, CheckIn.activity)
            .filter(CheckIn.profile_id == profile_id)
            .order_by(CheckIn.week_of, CheckIn.created_at, CheckIn.id)
        )
        return [(row[0], row[1], row[2], row[3]) for row in db.execute(query).all()]

    @staticmethod
    def _session_rows(db: DbSession, profile_id: int) -> list[SessionRow]:
        # The start time as the driver gives it (SQLite: the stored text), made UTC here
        # in one step rather than through the column type's processing for every row.
        query = (
            select(
                Session.id,
                type_coerce(Session.started_at, String),
                Session.status,
                Session.pain_before,
                Session.pain_after,
                Session.plan_id,
            )
            .filter(Session.profile_id == profile_id)
            .order_by(Session.started_at, Session.id)
        )
        return [
            SessionRow(row[0], as_utc(row[1]), row[2], row[3], row[4], row[5])
            for row in db.connection().execute(query).all()
        ]

    @staticmethod
    def _rating_rows(db: DbSession, profile_id: int) -> list[tuple[int, str, str]]:
        query = (
            select(ExerciseRating.session_id, ExerciseRating.exercise, ExerciseRating.rating)
            .join(Session)
            .where(Session.profile_id == profile_id)
            .order_by(ExerciseRating.id)
        )
        return [(row[0], row[1], row[2]) for row in db.connection().execute(query).all()]

    @staticmethod
    def _stop_rows(
        db: DbSession, profile_id: int
    ) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[int]]:
        """(pain stops, leg-pain stops, sessions with an uncounted leg-pain stop), each in
        the order recorded: one pass over the step events for every kind, not one per kind."""
        # Driven by the outcome index (migration 0008): the few stopped steps are found
        # first and then checked against the profile's sessions, instead of walking
        # every step of every session.
        profile_sessions = select(Session.id).where(Session.profile_id == profile_id)
        query = (
            select(StepEvent.session_id, StepEvent.exercise, StepEvent.outcome)
            .where(
                StepEvent.outcome.in_(
                    ("stopped_for_pain", "stopped_leg_pain", "leg_pain_uncounted")
                ),
                StepEvent.session_id.in_(profile_sessions),
            )
            .order_by(StepEvent.id)
        )
        pain: list[tuple[int, str]] = []
        leg: list[tuple[int, str]] = []
        uncounted: list[int] = []
        for session_id, exercise, outcome in db.connection().execute(query).all():
            if outcome == "leg_pain_uncounted":
                uncounted.append(session_id)
            elif exercise is not None:
                (pain if outcome == "stopped_for_pain" else leg).append((session_id, exercise))
        return pain, leg, uncounted


class Owner(NamedTuple):
    """A profile's id and creation time: what the history reads and keys need of it."""

    id: int
    created_at: datetime


# Built once: these run on every page and plan request (issue 14).
_OWNER = select(Profile.id, type_coerce(Profile.created_at, String)).where(
    Profile.name == bindparam("name")
)
_VERSIONS = (
    select(HistoryVersion.part, HistoryVersion.profile_id, HistoryVersion.version)
    .where(
        or_(
            HistoryVersion.profile_id == ALL_PROFILES,
            HistoryVersion.profile_id == bindparam("owner"),
        )
    )
    .order_by(HistoryVersion.part, HistoryVersion.profile_id)
)


def _owner(db: DbSession, profile: str) -> Owner | None:
    row = db.connection().execute(_OWNER, {"name": profile}).first()
    return None if row is None else Owner(row[0], as_utc(row[1]))


def _key(owner: Owner, found: Any, part: str) -> HistoryKey:
    """The key of one part from the (part, row, version) rows of rows 0 and the
    profile's: the (row, version) pairs, flat, name one state of that part's rows."""
    pairs = ((int(row[1]), int(row[2])) for row in found if row[0] == part)
    return (owner.id, owner.created_at, tuple(value for pair in pairs for value in pair))


def select_plan_row() -> Any:
    """(id, created at, level) of plans, the time as the driver gives it (``as_utc``)."""
    return select(Plan.id, type_coerce(Plan.created_at, String), Plan.level)


def as_utc(value: datetime | str) -> datetime:
    """A stored timestamp as ``UTCDateTime`` gives it back: SQLite's text parsed the way
    SQLAlchemy parses it (``fromisoformat``) and taken as UTC, PostgreSQL's aware value
    moved to UTC."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
