"""Progress: how regularly the person practises and how their pain is moving.

Every figure is computed from the session log and ``today`` alone, so the same log
always gives the same report. Weekly pain uses the "pain now" rating asked before
each session: it reflects how the person is doing day to day, while the rating after
a session measures that session's effect and is shown beside it, not averaged in.
Averages are kept as exact fractions so a 30% threshold is 30%, not 29.999...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, Literal

from supple.progress.log import (
    IDEAL_PER_WEEK,
    MINIMUM_PER_WEEK,
    CheckIn,
    SessionLog,
    ordered,
    week_start,
    weeks_between,
)

Direction = Literal["improving", "steady", "worsening", "unknown"]


@dataclass(frozen=True)
class WeekAdherence:
    week_start: date
    sessions: int
    active_days: int

    @property
    def minimum_met(self) -> bool:
        return self.sessions >= MINIMUM_PER_WEEK

    @property
    def ideal_met(self) -> bool:
        return self.active_days >= IDEAL_PER_WEEK

    def to_dict(self) -> dict[str, Any]:
        year, week, _ = self.week_start.isocalendar()
        return {
            "week": f"{year}-W{week:02d}",
            "week_start": self.week_start.isoformat(),
            "sessions": self.sessions,
            "active_days": self.active_days,
            "minimum": MINIMUM_PER_WEEK,
            "ideal": IDEAL_PER_WEEK,
            "minimum_met": self.minimum_met,
            "ideal_met": self.ideal_met,
        }


@dataclass(frozen=True)
class SessionPain:
    session_id: int
    day: date
    completed: bool
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": self.session_id,
            "day": self.day.isoformat(),
            "completed": self.completed,
            "pain_before": self.before,
            "pain_after": self.after,
            "change": self.change,
        }


@dataclass(frozen=True)
class WeekPain:
    week_start: date
    ratings: int
    mean: Fraction | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "week_start": self.week_start.isoformat(),
            "ratings": self.ratings,
            "average": None if self.mean is None else round(float(self.mean), 2),
        }


@dataclass(frozen=True)
class PainTrend:
    """The latest week with ratings against the first one."""

    direction: Direction
    first: Fraction | None
    latest: Fraction | None

    @property
    def change(self) -> Fraction | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest - self.first

    @property
    def change_ratio(self) -> Fraction | None:
        """Relative change; undefined when the first week averaged zero."""
        if self.change is None or not self.first:
            return None
        return self.change / self.first

    def to_dict(self) -> dict[str, Any]:
        def num(value: Fraction | None) -> float | None:
            return None if value is None else round(float(value), 2)

        ratio = self.change_ratio
        return {
            "direction": self.direction,
            "first_week": num(self.first),
            "latest_week": num(self.latest),
            "change": num(self.change),
            "change_percent": None if ratio is None else round(float(ratio) * 100, 1),
        }


@dataclass(frozen=True)
class PainStop:
    exercise: str
    days: tuple[date, ...]

    @property
    def count(self) -> int:
        return len(self.days)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "count": self.count,
            "days": [d.isoformat() for d in self.days],
        }


@dataclass(frozen=True)
class PegPoint:
    week_of: date
    pain: int
    enjoyment: int
    activity: int
    score: Fraction

    def to_dict(self) -> dict[str, Any]:
        return {
            "week_of": self.week_of.isoformat(),
            "pain": self.pain,
            "enjoyment": self.enjoyment,
            "activity": self.activity,
            "score": round(float(self.score), 2),
        }


@dataclass(frozen=True)
class Progress:
    today: date
    weeks: tuple[WeekAdherence, ...]
    streak: int
    sessions_completed: int
    pain: tuple[SessionPain, ...]
    weekly_pain: tuple[WeekPain, ...]
    trend: PainTrend
    stops: tuple[PainStop, ...]
    peg: tuple[PegPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "goal": {"ideal_per_week": IDEAL_PER_WEEK, "minimum_per_week": MINIMUM_PER_WEEK},
            "sessions_completed": self.sessions_completed,
            "streak_days": self.streak,
            "weeks": [w.to_dict() for w in self.weeks],
            "pain": [p.to_dict() for p in self.pain],
            "weekly_pain": [w.to_dict() for w in self.weekly_pain],
            "pain_trend": self.trend.to_dict(),
            "stopped_for_pain": [s.to_dict() for s in self.stops],
            "peg": [p.to_dict() for p in self.peg],
        }


def weekly_adherence(sessions: Iterable[SessionLog], today: date) -> list[WeekAdherence]:
    """Completed sessions per ISO week, from the first session's week to today's."""
    done = [s for s in ordered(sessions) if s.completed and s.day <= today]
    if not done:
        return []
    counts = Counter(week_start(s.day) for s in done)
    days: dict[date, set[date]] = {}
    for s in done:
        days.setdefault(week_start(s.day), set()).add(s.day)
    return [
        WeekAdherence(week, counts.get(week, 0), len(days.get(week, set())))
        for week in weeks_between(done[0].day, today)
    ]


def current_streak(sessions: Iterable[SessionLog], today: date) -> int:
    """Consecutive days with a completed session, ending today or yesterday.

    Yesterday still counts so that the streak does not read zero in the morning,
    before today's session.
    """
    active = {s.day for s in sessions if s.completed and s.day <= today}
    day = today if today in active else today - timedelta(days=1)
    streak = 0
    while day in active:
        streak += 1
        day -= timedelta(days=1)
    return streak


def session_pain(sessions: Iterable[SessionLog]) -> list[SessionPain]:
    return [
        SessionPain(s.id, s.day, s.completed, s.pain_before, s.pain_after)
        for s in ordered(sessions)
        if s.pain_before is not None or s.pain_after is not None
    ]


def weekly_pain(sessions: Iterable[SessionLog]) -> list[WeekPain]:
    """The mean "pain before" per ISO week; weeks without a rating have no mean."""
    rated = [s for s in ordered(sessions) if s.pain_before is not None]
    if not rated:
        return []
    by_week: dict[date, list[int]] = {}
    for s in rated:
        assert s.pain_before is not None
        by_week.setdefault(week_start(s.day), []).append(s.pain_before)
    weeks = weeks_between(rated[0].day, rated[-1].day)
    return [
        WeekPain(w, len(by_week.get(w, [])), _mean(by_week[w]) if w in by_week else None)
        for w in weeks
    ]


def pain_trend(weeks: Sequence[WeekPain]) -> PainTrend:
    means = [w.mean for w in weeks if w.mean is not None]
    if len(means) < 2:
        return PainTrend("unknown", means[0] if means else None, None)
    first, latest = means[0], means[-1]
    direction: Direction = (
        "improving" if latest < first else "worsening" if latest > first else "steady"
    )
    return PainTrend(direction, first, latest)


def pain_stops(sessions: Iterable[SessionLog]) -> list[PainStop]:
    """Each exercise stopped for pain, with the day of every session it happened in."""
    days: dict[str, list[date]] = {}
    for s in ordered(sessions):
        for exercise in sorted(s.stops):
            days.setdefault(exercise, []).append(s.day)
    return [PainStop(ex, tuple(d)) for ex, d in sorted(days.items())]


def peg_series(checkins: Iterable[CheckIn]) -> list[PegPoint]:
    return [
        PegPoint(c.week_of, c.pain, c.enjoyment, c.activity, c.score)
        for c in sorted(checkins, key=lambda c: c.week_of)
    ]


def _mean(values: Sequence[int]) -> Fraction:
    return Fraction(sum(values), len(values))
