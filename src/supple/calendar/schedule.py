"""When a person plans to do their routine: the days, the time, the number of weeks.

The handout's tick-box table and the calendar reminder read the same ``Schedule``, so
the sheet on the fridge and the phone's reminders always agree. Parsing is strict and
every error names the value given and the form that is allowed, because these values
come straight from a person typing options.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_CODES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ICAL_DAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

DAYS_FORM = (
    "'daily' or days from mon,tue,wed,thu,fri,sat,sun separated by commas (e.g. mon,wed,fri)"
)
TIME_FORM = "HH:MM on the 24-hour clock (e.g. 07:30)"
ZONE_FORM = "an IANA time zone name (e.g. Europe/London, America/New_York or UTC)"
WEEKS_RANGE = (1, 52)

DEFAULT_DAYS = "daily"
"""Daily is what the articles call ideal; the person can choose fewer days."""

DEFAULT_WEEKS = 4
"""Four weeks: the point at which Supple asks whether things are improving."""

DEFAULT_TIME = "07:30"


class ScheduleError(ValueError):
    """A schedule value is not in the allowed form; ``str()`` says which and why."""

    def __init__(self, what: str, value: str, allowed: str) -> None:
        self.what = what
        self.value = value
        self.allowed = allowed
        super().__init__(f"{what} {value!r} is not valid; use {allowed}.")


@dataclass(frozen=True)
class Schedule:
    """Which weekdays (0 = Monday) and for how many weeks the routine is planned."""

    days: tuple[int, ...]
    weeks: int = DEFAULT_WEEKS

    def __post_init__(self) -> None:
        if not self.days or sorted(set(self.days)) != list(self.days):
            raise ValueError("days must be distinct weekday numbers in order")
        if not all(0 <= day <= 6 for day in self.days):
            raise ValueError("weekday numbers run from 0 (Monday) to 6 (Sunday)")
        low, high = WEEKS_RANGE
        if not low <= self.weeks <= high:
            raise ValueError(f"weeks must be between {low} and {high}")

    @property
    def daily(self) -> bool:
        return len(self.days) == 7

    @property
    def label(self) -> str:
        """How the schedule reads to a person: ``every day`` or ``Mon, Wed, Fri``."""
        if self.daily:
            return "every day"
        return ", ".join(DAY_NAMES[day] for day in self.days)

    @property
    def sessions(self) -> int:
        """Sessions over the whole schedule; any run of 7 days holds each weekday once."""
        return len(self.days) * self.weeks

    def first_day(self, start: date) -> date:
        """The first scheduled day on or after ``start``."""
        for offset in range(7):
            day = start + timedelta(days=offset)
            if day.weekday() in self.days:
                return day
        raise AssertionError("a schedule always has a day within a week")  # pragma: no cover


def next_reminder(schedule: Schedule, start: date, at: time, now: datetime) -> datetime | None:
    """The first reminder of ``schedule`` (from ``start``, at ``at``) not before ``now``,
    or None once the schedule has run its weeks. ``now`` is naive local time."""
    end = start + timedelta(weeks=schedule.weeks)
    day = max(start, now.date())
    for _ in range(8):
        if day >= end:
            return None
        moment = datetime.combine(day, at)
        if day.weekday() in schedule.days and moment >= now:
            return moment
        day += timedelta(days=1)
    return None


def parse_days(text: str) -> tuple[int, ...]:
    """``daily`` or comma-separated day codes -> sorted weekday numbers."""
    cleaned = text.strip().lower()
    if cleaned in ("daily", "every-day", "everyday"):
        return tuple(range(7))
    codes = [part.strip() for part in cleaned.split(",")]
    if not cleaned or any(code not in DAY_CODES for code in codes):
        raise ScheduleError("days", text, DAYS_FORM)
    if len(set(codes)) != len(codes):
        raise ScheduleError("days", text, DAYS_FORM + ", each day once")
    return tuple(sorted(DAY_CODES.index(code) for code in codes))


def parse_time(text: str) -> time:
    """``HH:MM`` (or ``H:MM``) on the 24-hour clock."""
    # ASCII digits only: str.isdigit() also takes "²", which int() then refuses.
    found = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", text.strip())
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        raise ScheduleError("time", text, TIME_FORM)
    return time(int(found[1]), int(found[2]))


def parse_zone(name: str) -> ZoneInfo:
    """A time zone from the IANA database (bundled by ``tzdata`` where the OS lacks it)."""
    cleaned = name.strip()
    if not cleaned or cleaned.startswith(("/", ".")) or cleaned.lower() == "localtime":
        raise ScheduleError("time zone", name, ZONE_FORM)
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ScheduleError("time zone", name, ZONE_FORM) from error


def parse_weeks(value: int) -> int:
    low, high = WEEKS_RANGE
    if not low <= value <= high:
        raise ScheduleError("weeks", str(value), f"a whole number from {low} to {high}")
    return value


def parse_schedule(days: str = DEFAULT_DAYS, weeks: int = DEFAULT_WEEKS) -> Schedule:
    return Schedule(parse_days(days), parse_weeks(weeks))


__all__ = [
    "DAYS_FORM",
    "DAY_CODES",
    "DAY_NAMES",
    "DEFAULT_DAYS",
    "DEFAULT_TIME",
    "DEFAULT_WEEKS",
    "ICAL_DAYS",
    "TIME_FORM",
    "WEEKS_RANGE",
    "ZONE_FORM",
    "Schedule",
    "ScheduleError",
    "next_reminder",
    "parse_days",
    "parse_schedule",
    "parse_time",
    "parse_weeks",
    "parse_zone",
]
