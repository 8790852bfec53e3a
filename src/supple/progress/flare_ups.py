"""Flare-ups as the history sees them: how many in each week, and whether they repeat.

A flare-up is a day the person pressed "bad day" (``supple flare``). Two or more in one
week is worth showing to the person, to the 4-week review and to a clinician, and while
two or more fall within the last 7 days no level-up is offered (the safer reading of
issue 17: a step up in the week pain keeps flaring would be the wrong moment; issue 13
adds no escalation for flare-ups, so none is invented here). Weeks start on Monday, as
the weekly check-ins do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from supple.progress.log import SessionLog

REPEATED = 2
"""Flare-ups in one week (or in the last 7 days) that count as repeated."""
RECENT_DAYS = 7


@dataclass(frozen=True)
class FlareWeek:
    week_of: date  # the Monday
    count: int

    @property
    def repeated(self) -> bool:
        return self.count >= REPEATED

    def to_dict(self) -> dict[str, Any]:
        return {"week_of": self.week_of.isoformat(), "count": self.count, "repeated": self.repeated}


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def flare_ups_by_week(days: Iterable[date]) -> tuple[FlareWeek, ...]:
    """Each week that had a flare-up, oldest first, with how many (a day recorded twice
    is one flare-up: pressing "bad day" again the same day is the same bad day)."""
    counts = Counter(week_of(day) for day in set(days))
    return tuple(FlareWeek(monday, counts[monday]) for monday in sorted(counts))


def recent_flare_ups(days: Iterable[date], today: date) -> int:
    """Days with a flare-up in the last 7 days, today included (none from the future)."""
    since = today - timedelta(days=RECENT_DAYS - 1)
    return sum(1 for day in set(days) if since <= day <= today)


def flaring_often(days: Iterable[date], today: date) -> bool:
    """Two or more flare-ups in the last 7 days: no level-up is offered now."""
    return recent_flare_ups(days, today) >= REPEATED


FLARING_NOTE = (
    "{count} flare-ups in the last 7 days: no step up is offered this week. "
    "Keep to the easier moves until things settle."
)


def flaring_note(days: Iterable[date], today: date) -> str | None:
    """What the plan and the progress report say while flare-ups repeat, or None."""
    count = recent_flare_ups(days, today)
    return FLARING_NOTE.format(count=count) if count >= REPEATED else None


def bad_day_today(flare_days: Iterable[date], sessions: Iterable[SessionLog], today: date) -> bool:
    """Whether today is a bad day: a flare-up recorded today, or a session today with a
    stop for pain. Home then leads with the gentle bad-day routine (u16b finding 7):
    the full session right after pain is the harder choice, so it comes second."""
    return today in set(flare_days) or any(
        s.day == today and (s.stops or s.leg_pain_stop) for s in sessions
    )
