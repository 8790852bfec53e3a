"""Movement breaks: the working hours a person picks and the break times they give.

Pure: days, times, the interval and the zone name come in as values and the break
times come out, so the web page, ``supple breaks`` and the calendar file all agree.

Why these choices:

- The first break comes one interval after work starts (sitting down is not a break)
  and the last one strictly before work ends (at the end the person stands up anyway).
- The interval is 20 to 120 minutes. Under 20 a reminder interrupts more than it helps;
  over two hours it is not a break from long sitting any more, which is the point.
- Working hours stay within one day (start before end). A night shift crossing midnight
  is not offered rather than guessed at: the person can set two shorter blocks later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from supple.calendar.schedule import (
    DAY_CODES,
    DAY_NAMES,
    ScheduleError,
    parse_days,
    parse_time,
    parse_zone,
)

INTERVAL_RANGE = (20, 120)
DEFAULT_DAYS = "weekdays"
DEFAULT_START = "09:00"
DEFAULT_END = "17:00"
DEFAULT_INTERVAL = 45
WEEKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4)
BREAK_DAYS_FORM = "'weekdays', 'daily' or days from mon,tue,wed,thu,fri,sat,sun separated by commas"


class BreakError(ValueError):
    """A break setting is not allowed; ``str()`` says which value, why and what to use."""

    def __init__(self, what: str, message: str) -> None:
        self.what = what
        super().__init__(message)


@dataclass(frozen=True)
class BreakSettings:
    """Working days (0 = Monday), hours, the interval and the person's zone (None: the
    calendar writes floating local times)."""

    days: tuple[int, ...]
    start: time
    end: time
    interval_minutes: int
    zone: str | None = None

    def __post_init__(self) -> None:
        if not self.days or sorted(set(self.days)) != list(self.days):
            raise BreakError("days", "days must be distinct weekday numbers in order")
        if not all(0 <= day <= 6 for day in self.days):
            raise BreakError("days", "weekday numbers run from 0 (Monday) to 6 (Sunday)")
        low, high = INTERVAL_RANGE
        if not low <= self.interval_minutes <= high:
            raise BreakError(
                "interval",
                f"every {self.interval_minutes} minutes is not allowed; "
                f"choose {low} to {high} minutes",
            )
        if self.end <= self.start:
            raise BreakError(
                "end",
                f"work ends at {self.end:%H:%M}, not after it starts at {self.start:%H:%M}; "
                "give an end time later than the start, on the same day",
            )
        if not self.times:
            raise BreakError(
                "end",
                f"from {self.start:%H:%M} to {self.end:%H:%M} there is no room for a break "
                f"every {self.interval_minutes} minutes; choose a shorter interval or longer hours",
            )

    @property
    def times(self) -> tuple[time, ...]:
        """Each break's clock time, in order: start + interval, + 2 intervals, ... < end."""
        return break_times(self.start, self.end, self.interval_minutes)

    @property
    def zone_info(self) -> ZoneInfo | None:
        return None if self.zone is None else parse_zone(self.zone)

    @property
    def days_label(self) -> str:
        if self.days == tuple(range(7)):
            return "every day"
        if self.days == WEEKDAYS:
            return "Monday to Friday"
        return ", ".join(DAY_NAMES[day] for day in self.days)

    @property
    def day_codes(self) -> tuple[str, ...]:
        return tuple(DAY_CODES[day] for day in self.days)

    def to_dict(self) -> dict[str, object]:
        """The settings as ``--json``, the API and the page's script read them."""
        return {
            "days": list(self.day_codes),
            "start": f"{self.start:%H:%M}",
            "end": f"{self.end:%H:%M}",
            "interval_minutes": self.interval_minutes,
            "zone": self.zone,
            "times": [f"{moment:%H:%M}" for moment in self.times],
        }


def break_times(start: time, end: time, interval_minutes: int) -> tuple[time, ...]:
    """Clock times strictly inside (start, end), one interval apart from the start."""
    day = date(2000, 1, 1)  # any day: only the clock is used
    moment = datetime.combine(day, start) + timedelta(minutes=interval_minutes)
    stop = datetime.combine(day, end)
    found: list[time] = []
    while moment < stop and moment.date() == day:
        found.append(moment.time())
        moment += timedelta(minutes=interval_minutes)
    return tuple(found)


def parse_break_days(text: str) -> tuple[int, ...]:
    cleaned = text.strip().lower()
    if cleaned in ("weekdays", "workdays", "mon-fri"):
        return WEEKDAYS
    try:
        return parse_days(text)
    except ScheduleError as error:
        raise BreakError("days", f"days {text!r} is not valid; use {BREAK_DAYS_FORM}.") from error


def parse_break_settings(
    *,
    days: str = DEFAULT_DAYS,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
    interval: int = DEFAULT_INTERVAL,
    zone: str | None = None,
) -> BreakSettings:
    """Settings from what a person typed; every problem raises ``BreakError``."""
    parsed_days = parse_break_days(days)
    try:
        begins = parse_time(start)
    except ScheduleError as error:
        raise BreakError("start", f"start {start!r}: {error.allowed}.") from error
    try:
        ends = parse_time(end)
    except ScheduleError as error:
        raise BreakError("end", f"end {end!r}: {error.allowed}.") from error
    name = None
    if zone is not None and zone.strip():
        try:
            name = parse_zone(zone).key
        except ScheduleError as error:
            raise BreakError("zone", str(error)) from error
    return BreakSettings(parsed_days, begins, ends, interval, name)


def next_break(settings: BreakSettings, now: datetime) -> datetime | None:
    """The next break at or after ``now`` (naive local time), within a week."""
    for offset in range(8):
        day = now.date() + timedelta(days=offset)
        if day.weekday() not in settings.days:
            continue
        for moment in settings.times:
            candidate = datetime.combine(day, moment)
            if candidate >= now:
                return candidate
    return None


__all__ = [
    "BREAK_DAYS_FORM",
    "DEFAULT_DAYS",
    "DEFAULT_END",
    "DEFAULT_INTERVAL",
    "DEFAULT_START",
    "INTERVAL_RANGE",
    "BreakError",
    "BreakSettings",
    "break_times",
    "next_break",
    "parse_break_days",
    "parse_break_settings",
]
