"""Movement breaks as calendar events: one weekly series per break time, with an alarm.

Pure, like ``supple.calendar.ical``: the settings, the routine, the clock reading, the
first day and the app's address are values. One recurring event per break time (not
one RRULE with BYHOUR/BYMINUTE): an interval such as 45 minutes gives times like 09:45,
10:30, 11:15, which no single hour-by-minute product describes, and a separate series
per time is what every calendar app shows and lets the person silence one by one.

Each DTSTART carries the person's zone (TZID, with its VTIMEZONE), so 10:30 stays 10:30
local time through a daylight-saving change; with no zone the times are floating. The
UID depends on the profile and the break's place in the day, so importing a changed
set of breaks updates the series in place (SEQUENCE grows with the export time).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from supple.calendar.ical import SEQUENCE_EPOCH, UID_NAMESPACE
from supple.calendar.schedule import ICAL_DAYS
from supple.desk.breaks import BreakSettings
from supple.desk.routine import DeskRoutine

PRODID = "-//Supple//Movement breaks//EN"
BREAK_MINUTES = 2
SAFETY_LINE = "Move gently and stop any move that causes sharp, shooting or spreading pain."


def break_uid(profile: str, slot: int) -> str:
    return f"{uuid.uuid5(UID_NAMESPACE, f'{profile}:supple-break:{slot}')}@supple"


def break_description(routine: DeskRoutine, url: str) -> str:
    if routine.withheld is not None:
        lines = ["Time to get up from your chair.", routine.withheld]
    else:
        lines = ["Time for a movement break (about 2 minutes):"]
        for number, move in enumerate(routine.moves, start=1):
            variant = f" (as {move.variant})" if move.variant else ""
            lines.append(f"{number}. {move.name}{variant}: {move.dose_line}")
    lines += ["", SAFETY_LINE, f"Break moves: {url}"]
    return "\n".join(lines)


def breaks_calendar(
    settings: BreakSettings,
    routine: DeskRoutine,
    *,
    profile: str,
    start: date,
    now: datetime,
    url: str,
) -> Calendar:
    """The VCALENDAR with one weekly series per break time, from the first working day
    on or after ``start``."""
    zone = settings.zone_info
    first = next(
        start + timedelta(days=offset)
        for offset in range(7)
        if (start + timedelta(days=offset)).weekday() in settings.days
    )
    stamp = now.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Supple breaks")
    text = break_description(routine, url)
    for slot, moment in enumerate(settings.times):
        event = Event()
        event.add("uid", break_uid(profile, slot))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", max(0, int((stamp - SEQUENCE_EPOCH).total_seconds())))
        event.add("summary", "Supple movement break")
        event.add("dtstart", datetime.combine(first, moment, tzinfo=zone))
        event.add("duration", timedelta(minutes=BREAK_MINUTES))
        event.add("rrule", {"freq": "weekly", "byday": [ICAL_DAYS[d] for d in settings.days]})
        event.add("description", text)
        event.add("url", url)
        event.add("categories", ["Health"])
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: time stays free
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Movement break: stand up for 2 minutes")
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(first.year + 3, 1, 1)
        )
    return calendar


def breaks_ics(
    settings: BreakSettings,
    routine: DeskRoutine,
    *,
    profile: str,
    start: date,
    now: datetime,
    url: str,
) -> bytes:
    data: bytes = breaks_calendar(
        settings, routine, profile=profile, start=start, now=now, url=url
    ).to_ical()
    return data


def breaks_url(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/breaks"


__all__ = [
    "PRODID",
    "break_description",
    "break_uid",
    "breaks_calendar",
    "breaks_ics",
    "breaks_url",
]
