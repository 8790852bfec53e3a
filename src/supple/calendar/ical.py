"""A routine as one recurring calendar event (RFC 5545), built with ``icalendar``.

Pure: the clock reading (``now``), the start date, the zone and the web address all
come in as values, so the same inputs give the same file and tests can pin every line.

Why these choices:

- One event with an RRULE, not one event per session: the person can move or cancel
  the whole series in one place, and the file stays small.
- DTSTART carries the person's time zone (TZID) and the file carries its VTIMEZONE, so
  07:30 stays 07:30 local time on both sides of a daylight-saving change. When no zone
  is known (``zone`` None) the time is "floating" local time (no TZID, no Z): every
  calendar app then shows 07:30 in whatever zone the phone is in, which is what the
  person asked for, rather than 07:30 UTC.
- The UID depends only on the profile, never on the plan, so importing the file for an
  updated plan replaces the old series instead of adding a second one. SEQUENCE grows
  with the export time, which is how calendar apps tell a newer version from an older.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from supple.calendar.schedule import ICAL_DAYS, Schedule
from supple.dosage import item_dose_line, whole_minutes
from supple.handout.model import routine_name
from supple.planning.routine import Routine

PRODID = "-//Supple//Routine reminders//EN"
UID_NAMESPACE = uuid.UUID("8f1d6f52-2f0e-5c8e-9a51-2b7f0f3c6a11")
"""Fixed forever: changing it would duplicate every reminder people already imported."""

ALARM_BEFORE = timedelta(minutes=10)
SEQUENCE_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)
SAFETY_LINE = (
    "Warm up first, ease into gentle tension only, and stop at once on sharp, shooting "
    "or radiating pain."
)


@dataclass(frozen=True)
class Reminder:
    """Everything about the reminder that is not in the routine itself."""

    profile: str
    schedule: Schedule
    start: date
    at: time
    zone: ZoneInfo | None  # None: floating local time
    now: datetime
    url: str


def event_uid(profile: str) -> str:
    """Stable per profile: a re-import updates the series rather than duplicating it."""
    return f"{uuid.uuid5(UID_NAMESPACE, profile + ':supple-routine')}@supple"


def sequence_for(now: datetime) -> int:
    """Whole seconds since 2025 at export time: a later export always has a higher one.

    Seconds rather than minutes, so two exports a moment apart still differ; the number
    stays within a signed 32-bit integer, which some calendar servers assume, until 2093.
    """
    return max(0, int((now - SEQUENCE_EPOCH).total_seconds()))


def player_url(base_url: str) -> str:
    """The web app's "today's session" address: it resumes an unfinished session or opens
    the latest plan at its start button, so the link stays right after re-planning."""
    return f"{base_url.rstrip('/')}/play"


def description(routine: Routine, url: str) -> str:
    lines = [f"{routine_name(routine)}."]
    for number, item in enumerate(routine.items, start=1):
        variant = f" (as {item.variant})" if item.variant else ""
        lines.append(f"{number}. {item.name}{variant}: {item_dose_line(item)}")
    lines += ["", SAFETY_LINE, f"Guided session: {url}"]
    return "\n".join(lines)


def routine_event(routine: Routine, reminder: Reminder) -> Event:
    schedule = reminder.schedule
    first = schedule.first_day(reminder.start)
    starts = datetime.combine(first, reminder.at, tzinfo=reminder.zone)
    minutes = whole_minutes(routine.estimated_seconds)
    now = reminder.now.astimezone(UTC)

    event = Event()
    event.add("uid", event_uid(reminder.profile))
    event.add("dtstamp", now)
    event.add("last-modified", now)
    event.add("sequence", sequence_for(now))
    event.add("summary", f"Supple routine ({minutes} min)")
    event.add("dtstart", starts)
    event.add("duration", timedelta(minutes=minutes))
    rule: dict[str, object] = {"freq": "daily" if schedule.daily else "weekly"}
    if not schedule.daily:
        rule["byday"] = [ICAL_DAYS[day] for day in schedule.days]
    rule["count"] = schedule.sessions
    event.add("rrule", rule)
    event.add("description", description(routine, reminder.url))
    event.add("url", reminder.url)
    event.add("categories", ["Health"])
    event.add("transp", "OPAQUE")

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Supple routine in 10 minutes ({minutes} min)")
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event


def routine_calendar(routine: Routine, reminder: Reminder) -> Calendar:
    """The whole VCALENDAR: the event and the VTIMEZONE it refers to."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Supple")
    event = routine_event(routine, reminder)
    calendar.add_component(event)
    first = reminder.schedule.first_day(reminder.start)
    last = first + timedelta(weeks=reminder.schedule.weeks)
    # Cover the series with a year either side, rather than icalendar's default
    # 1970-2038, so the file stays a few kilobytes.
    if reminder.zone is None:
        return calendar  # floating times need no VTIMEZONE
    calendar.add_missing_timezones(
        first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
    )
    return calendar


def routine_ics(routine: Routine, reminder: Reminder) -> bytes:
    data: bytes = routine_calendar(routine, reminder).to_ical()
    return data


__all__ = [
    "ALARM_BEFORE",
    "PRODID",
    "Reminder",
    "description",
    "event_uid",
    "player_url",
    "routine_calendar",
    "routine_event",
    "routine_ics",
    "sequence_for",
]
