"""The tables that remember what a person has done.

Plans and answers are kept as the JSON documents the planner and the questionnaire
produce, so the store never depends on their Python classes; only the few values
that history and adaptation query (level, minutes, estimate) get their own columns.

Every record belongs to one profile, either directly or through its session, so
several people can share one installation. These classes stay private to the store:
callers receive the plain records from ``supple.store.records``.

The schema is changed only through Alembic revisions (``migrations/versions``); a
test checks that these models and the migrated database agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SESSION_STATUSES = ("in_progress", "completed", "quit")
STEP_OUTCOMES = ("done", "skipped", "stopped_for_pain", "stopped_leg_pain", "leg_pain_uncounted")
RATINGS = ("easy", "right", "hard", "painful")

# Stable constraint names, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def _zero_to_ten(column: str) -> str:
    return f"{column} BETWEEN 0 AND 10"


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back timezone-aware in UTC.

    SQLite has no time zones, so the value is stored as naive UTC there; PostgreSQL
    keeps ``timestamptz``. Naive input is refused rather than guessed at, because a
    wrong guess would silently shift someone's history by hours.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()}: pass a timezone-aware time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


def _profile_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)


def _session_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)


class Profile(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime]


class HistoryVersion(Base):
    """Random numbers the database renews whenever a row of a part of the history is added,
    changed or removed (triggers of migration 0014): ``sessions`` (sessions, step
    events, ratings) and ``records`` (plans, answers, check-ins, flare-ups). Row 0 for
    every profile on SQLite, one row per profile on PostgreSQL; a profile's version of
    a part is the numbers of rows 0 and its id, so a reader can tell exactly and cheaply
    whether what it read before still holds. No foreign key: the rows are cache keys,
    not records."""

    __tablename__ = "history_versions"

    profile_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    part: Mapped[str] = mapped_column(String(16), primary_key=True)  # sessions | records
    version: Mapped[int] = mapped_column(BigInteger())  # random: names one state


class SavedAnswers(Base):
    __tablename__ = "saved_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_fk()
    created_at: Mapped[datetime]
    document: Mapped[dict[str, Any]]


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_fk()
    answers_id: Mapped[int | None] = mapped_column(
        ForeignKey("saved_answers.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    level: Mapped[str | None] = mapped_column(String(32))
    minutes_requested: Mapped[int | None]
    estimated_seconds: Mapped[int | None]
    document: Mapped[dict[str, Any]]


class Session(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint(_one_of("status", SESSION_STATUSES), name="status"),
        CheckConstraint(_zero_to_ten("pain_before"), name="pain_before"),
        CheckConstraint(_zero_to_ten("pain_after"), name="pain_after"),
        Index("ix_sessions_profile_id_started_at", "profile_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_fk()
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16))
    pain_before: Mapped[int] = mapped_column(Integer)
    pain_after: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class StepEvent(Base):
    __tablename__ = "step_events"
    __table_args__ = (
        CheckConstraint(_one_of("outcome", STEP_OUTCOMES), name="outcome"),
        # One event per step of a session, so a retried write cannot add a second.
        UniqueConstraint("session_id", "index"),
        # The pain-stop reads pick the few stopped steps out of every step (issue 14).
        Index("ix_step_events_outcome", "outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    index: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    exercise: Mapped[str | None] = mapped_column(String(100))
    side: Mapped[str | None] = mapped_column(String(16))
    planned_seconds: Mapped[float] = mapped_column(Float)
    actual_seconds: Mapped[float] = mapped_column(Float)
    outcome: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]


class PainStopMark(Base):
    """A pain stop the person has not yet said how to follow (one per session).

    The player writes it when "Sharp pain: stop" is pressed and again when the person
    answers whether the pain is easing. Any step recorded after it settles it:
    ``events_before`` is how many step events the session had when it was written.
    """

    __tablename__ = "pain_stop_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), unique=True
    )
    index: Mapped[int]
    easing: Mapped[bool | None]
    events_before: Mapped[int]
    at: Mapped[datetime]


class ExerciseRating(Base):
    __tablename__ = "exercise_ratings"
    __table_args__ = (
        CheckConstraint(_one_of("rating", RATINGS), name="rating"),
        UniqueConstraint("session_id", "exercise"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    exercise: Mapped[str] = mapped_column(String(100))
    rating: Mapped[str] = mapped_column(String(16))


class CheckIn(Base):
    """The weekly PEG-3: average pain and its interference with enjoyment and activity."""

    __tablename__ = "check_ins"
    __table_args__ = (
        CheckConstraint(_zero_to_ten("pain"), name="pain"),
        CheckConstraint(_zero_to_ten("enjoyment"), name="enjoyment"),
        CheckConstraint(_zero_to_ten("activity"), name="activity"),
        Index("ix_check_ins_profile_id_week_of", "profile_id", "week_of"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_fk()
    created_at: Mapped[datetime]
    week_of: Mapped[date] = mapped_column(Date)
    pain: Mapped[int]
    enjoyment: Mapped[int]
    activity: Mapped[int]


class PairedDevice(Base):
    """A phone or tablet allowed to use the web app over the local network.

    Only the SHA-256 of its token is kept, so the database alone lets no one in.
    Devices belong to the installation, not to a profile: pairing is about which
    machines may reach this computer, not whose records they show.
    """

    __tablename__ = "paired_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]


class ScreenOutcome(Base):
    """The level a submitted questionnaire page reached, kept even when no plan is made.

    An emergency or urgent answer builds no plan, yet it must outweigh the routine of an
    older plan until the person answers the warning signs again without it; this row is
    how the app remembers that. It holds the level and the reasons only, never a routine.
    """

    __tablename__ = "screen_outcomes"
    __table_args__ = (
        Index("ix_screen_outcomes_profile_id_created_at", "profile_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    level: Mapped[str] = mapped_column(String(32))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON())


class LessonCompletion(Base):
    """A Learn lesson whose check was answered: when, and which choice for each question.

    A lesson may be taken again; every answering is kept (the newest shows), and any one
    of them marks the lesson done. The lesson id is the course's (lessons.toml).
    """

    __tablename__ = "lesson_completions"
    __table_args__ = (
        Index("ix_lesson_completions_profile_id_completed_at", "profile_id", "completed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    lesson_id: Mapped[str] = mapped_column(String(64))
    completed_at: Mapped[datetime]
    answers: Mapped[list[int]] = mapped_column(JSON())


class FlareUp(Base):
    """A bad day the person recorded ("bad day" on home, ``supple flare``): the day as
    they lived it, when it was recorded, and an optional note in their words."""

    __tablename__ = "flare_ups"
    __table_args__ = (Index("ix_flare_ups_profile_id_day", "profile_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date())
    recorded_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text(), nullable=True)


class WalkingGoalSetting(Base):
    """The walking goal as the person set it: from which day and how many minutes they
    walk comfortably now; ``start_minutes`` null means they turned the goal off. Every
    setting is kept; the newest is the one in force."""

    __tablename__ = "walking_goals"
    __table_args__ = (
        CheckConstraint("start_minutes BETWEEN 1 AND 120", name="start_minutes_range"),
        Index("ix_walking_goals_profile_id_set_at", "profile_id", "set_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    set_at: Mapped[datetime]
    started_on: Mapped[date] = mapped_column(Date())
    start_minutes: Mapped[int | None] = mapped_column(Integer(), nullable=True)


class Walk(Base):
    """A walk the person logged: the day and the minutes walked."""

    __tablename__ = "walks"
    __table_args__ = (
        CheckConstraint("minutes BETWEEN 1 AND 300", name="minutes_range"),
        Index("ix_walks_profile_id_day", "profile_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date())
    minutes: Mapped[int] = mapped_column(Integer())
    recorded_at: Mapped[datetime]


class BreakSetting(Base):
    """Movement-break settings as chosen at one moment; the newest row is the one in use.

    Each change adds a row (nothing is overwritten), so an export keeps the history of
    what the person chose. Days are weekday codes (mon..sun), times HH:MM local time.
    """

    __tablename__ = "break_settings"
    __table_args__ = (
        Index("ix_break_settings_profile_id_created_at", "profile_id", "created_at"),
        CheckConstraint("interval_minutes BETWEEN 20 AND 120", name="interval_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    days: Mapped[list[str]] = mapped_column(JSON())
    start_time: Mapped[str] = mapped_column(String(5))
    end_time: Mapped[str] = mapped_column(String(5))
    interval_minutes: Mapped[int] = mapped_column(Integer)
    zone: Mapped[str | None] = mapped_column(String(64))


class DeskChecklist(Base):
    """One answering of the desk set-up checklist: item id -> yes, partly or no."""

    __tablename__ = "desk_checklists"
    __table_args__ = (
        Index("ix_desk_checklists_profile_id_answered_at", "profile_id", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    answered_at: Mapped[datetime]
    answers: Mapped[dict[str, str]] = mapped_column(JSON())


class PsfsRating(Base):
    """One rating of the person's own activities (Patient-Specific Functional Scale).

    ``items`` is a list of ``{"activity": text, "score": 0-10}``, one to three of them,
    in the order the person named them (checked by ``supple.outcomes.check_items``).
    """

    __tablename__ = "psfs_ratings"
    __table_args__ = (Index("ix_psfs_ratings_profile_id_rated_at", "profile_id", "rated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    rated_at: Mapped[datetime]
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON())


class OutcomeReview(Base):
    """A 4-week review as recorded: when, and the person's global rating of change."""

    __tablename__ = "outcome_reviews"
    __table_args__ = (
        CheckConstraint("groc BETWEEN -7 AND 7", name="groc"),
        Index("ix_outcome_reviews_profile_id_reviewed_at", "profile_id", "reviewed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    reviewed_at: Mapped[datetime]
    groc: Mapped[int]
