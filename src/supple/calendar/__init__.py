"""Calendar reminders: a routine as one recurring iCalendar event any calendar app reads.

``calendar_ics(document, profile=...)`` is what the CLI and the web app call;
``routine_ics`` is the pure builder underneath it.
"""

from supple.calendar.export import calendar_ics, local_zone
from supple.calendar.ical import Reminder, event_uid, player_url, routine_calendar, routine_ics
from supple.calendar.schedule import Schedule, ScheduleError, parse_schedule

__all__ = [
    "Reminder",
    "Schedule",
    "ScheduleError",
    "calendar_ics",
    "event_uid",
    "local_zone",
    "parse_schedule",
    "player_url",
    "routine_calendar",
    "routine_ics",
]
