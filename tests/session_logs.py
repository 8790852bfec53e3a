"""Session logs written by hand for the progress and adaptation tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

from supple.progress import SessionLog
from supple.progress.log import Rating

MONDAY = date(2026, 1, 5)
_ids = count(1)


def log(
    day: date,
    *,
    completed: bool = True,
    before: int | None = 3,
    after: int | None = 3,
    stopped: tuple[str, ...] = (),
    leg: tuple[str, ...] = (),
    ratings: dict[str, Rating] | None = None,
    started_at: datetime | None = None,
) -> SessionLog:
    return SessionLog(
        id=next(_ids),
        day=day,
        completed=completed,
        pain_before=before,
        pain_after=after,
        stopped_for_pain=frozenset(stopped),
        ratings=ratings or {},
        stopped_leg_pain=frozenset(leg),
        started_at=started_at,
    )


def days(n: int, start: date = MONDAY, step: int = 1) -> list[date]:
    return [start + timedelta(days=i * step) for i in range(n)]


def pain_week(monday: date, ratings: list[int]) -> list[SessionLog]:
    """Sessions in one ISO week with these "pain before" ratings, spread over its days."""
    return [log(monday + timedelta(days=i % 7), before=r, after=r) for i, r in enumerate(ratings)]


def weeks_of(per_week: list[list[int]], start: date = MONDAY) -> tuple[list[SessionLog], date]:
    """Consecutive weeks of "pain before" ratings; today is the last week's Sunday."""
    sessions: list[SessionLog] = []
    for w, ratings in enumerate(per_week):
        sessions += pain_week(start + timedelta(days=7 * w), ratings)
    return sessions, start + timedelta(days=7 * len(per_week) - 1)


def spread(n: int, span_days: int, **kwargs: object) -> list[SessionLog]:
    """n completed sessions, the first on MONDAY and the last ``span_days`` later inclusive."""
    last = MONDAY + timedelta(days=span_days - 1)
    inner = [MONDAY + timedelta(days=1 + i) for i in range(n - 2)]
    return [log(d, **kwargs) for d in [MONDAY, *inner, last]]  # type: ignore[arg-type]


def fresh_answers(today: date) -> datetime:
    """Warning-sign answers given a week before ``today``."""
    return datetime.combine(today - timedelta(days=7), datetime.min.time())
