"""The break scheduler and its calendar file: times, working hours, days, zones, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from supple.desk.breaks import (
    INTERVAL_RANGE,
    BreakError,
    BreakSettings,
    break_times,
    next_break,
    parse_break_settings,
)
from supple.desk.calendar import break_uid, breaks_ics
from supple.desk.routine import DeskMove, DeskRoutine

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
ROUTINE = DeskRoutine(
    (DeskMove("side-bend", "Standing side bend", None, "standing", True, 20, None, None, 45),),
    45,
)


def test_breaks_come_one_interval_apart_strictly_inside_working_hours() -> None:
    settings = parse_break_settings(days="weekdays", start="09:00", end="17:00", interval=45)
    assert [f"{t:%H:%M}" for t in settings.times] == [
        "09:45",
        "10:30",
        "11:15",
        "12:00",
        "12:45",
        "13:30",
        "14:15",
        "15:00",
        "15:45",
        "16:30",
    ]
    # A break that would fall on the end of work is left out: the person leaves then.
    assert break_times(time(9), time(10), 30) == (time(9, 30),)


@given(
    start=st.integers(0, 23 * 60),
    length=st.integers(1, 24 * 60),
    interval=st.integers(*INTERVAL_RANGE),
)
def test_every_break_is_inside_the_hours_and_one_interval_after_the_last(
    start: int, length: int, interval: int
) -> None:
    end = min(start + length, 23 * 60 + 59)
    begins, ends = time(start // 60, start % 60), time(end // 60, end % 60)
    found = break_times(begins, ends, interval)
    minutes = [t.hour * 60 + t.minute for t in found]
    assert all(start < m < end for m in minutes)
    assert minutes == [start + interval * k for k in range(1, len(minutes) + 1)]
    assert start + interval * (len(minutes) + 1) >= end  # none missed before the end


@pytest.mark.parametrize(
    ("values", "what", "words"),
    [
        ({"interval": 5}, "interval", "every 5 minutes is not allowed; choose 20 to 120"),
        ({"interval": 121}, "interval", "choose 20 to 120"),
        ({"start": "17:00", "end": "09:00"}, "end", "not after it starts at 17:00"),
        ({"start": "09:00", "end": "09:00"}, "end", "not after it starts"),
        ({"start": "09:00", "end": "09:30", "interval": 45}, "end", "no room for a break"),
        ({"start": "9am"}, "start", "HH:MM"),
        ({"days": "weekend"}, "days", "'weekdays', 'daily'"),
        ({"zone": "Mars/Olympus"}, "zone", "IANA"),
    ],
)
def test_bad_settings_are_refused_naming_the_value(
    values: dict[str, object], what: str, words: str
) -> None:
    with pytest.raises(BreakError, match=words) as raised:
        parse_break_settings(**values)  # type: ignore[arg-type]
    assert raised.value.what == what


def test_days_and_the_next_break_follow_the_working_week() -> None:
    settings = parse_break_settings(days="mon,wed", start="09:00", end="12:00", interval=60)
    assert settings.days == (0, 2) and settings.days_label == "Mon, Wed"
    friday_evening = datetime(2026, 3, 20, 18, 0)
    assert next_break(settings, friday_evening) == datetime(2026, 3, 23, 10, 0)
    assert next_break(settings, datetime(2026, 3, 23, 10, 0)) == datetime(2026, 3, 23, 10, 0)
    assert next_break(settings, datetime(2026, 3, 23, 11, 1)) == datetime(2026, 3, 25, 10, 0)
    assert parse_break_settings(days="weekdays").days_label == "Monday to Friday"


def _occurrences(ics: bytes, until: datetime) -> list[datetime]:
    calendar = Calendar.from_ical(ics)
    found: list[datetime] = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        rule = event["RRULE"].to_ical().decode()
        found.extend(rrulestr(rule, dtstart=start).between(start, until, inc=True))
    return sorted(found)


def test_the_calendar_holds_one_weekly_series_per_break_with_an_alarm() -> None:
    settings = parse_break_settings(
        days="weekdays", start="09:00", end="12:00", interval=60, zone="Europe/London"
    )
    ics = breaks_ics(
        settings, ROUTINE, profile="me", start=date(2026, 3, 21), now=NOW, url="http://x/breaks"
    )
    calendar = Calendar.from_ical(ics)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    assert [str(e["UID"]) for e in events] == [break_uid("me", 0), break_uid("me", 1)]
    for event in events:
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
        assert event["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1 and alarms[0].decoded("trigger") == timedelta(0)
        assert "Standing side bend: hold 20 seconds each side" in str(event["DESCRIPTION"])
        assert event["DTSTART"].params["TZID"] == "Europe/London"
    # Saturday 21 March is not a working day: the series begins on Monday 23 March.
    assert [e.decoded("dtstart").replace(tzinfo=None) for e in events] == [
        datetime(2026, 3, 23, 10, 0),
        datetime(2026, 3, 23, 11, 0),
    ]
    assert len(list(calendar.walk("VTIMEZONE"))) == 1


def test_break_times_stay_local_through_a_daylight_saving_change() -> None:
    """The UK's clocks go forward on Sunday 29 March 2026: 10:00 is 10:00 UTC on the
    Friday before and 09:00 UTC on the Monday after, and still 10:00 on the wall."""
    settings = parse_break_settings(
        days="weekdays", start="09:00", end="11:00", interval=60, zone="Europe/London"
    )
    ics = breaks_ics(settings, ROUTINE, profile="me", start=date(2026, 3, 26), now=NOW, url="u")
    found = _occurrences(ics, datetime(2026, 3, 31, 23, 0, tzinfo=ZoneInfo("Europe/London")))
    assert [(f"{t:%a %d}", f"{t:%H:%M}") for t in found] == [
        ("Thu 26", "10:00"),
        ("Fri 27", "10:00"),
        ("Mon 30", "10:00"),
        ("Tue 31", "10:00"),
    ]
    assert [t.astimezone(UTC).hour for t in found] == [10, 10, 9, 9]


def test_a_break_series_in_new_york_keeps_its_local_time_after_the_us_change() -> None:
    settings = parse_break_settings(
        days="mon", start="08:00", end="09:00", interval=30, zone="America/New_York"
    )
    ics = breaks_ics(settings, ROUTINE, profile="me", start=date(2026, 3, 2), now=NOW, url="u")
    found = _occurrences(ics, datetime(2026, 3, 16, 23, 0, tzinfo=ZoneInfo("America/New_York")))
    assert [t.astimezone(UTC).strftime("%d %H:%M") for t in found] == [
        "02 13:30",
        "09 12:30",  # the US clocks went forward on 8 March
        "16 12:30",
    ]


def test_without_a_zone_the_times_float_and_no_vtimezone_is_written() -> None:
    settings = BreakSettings((0,), time(9), time(10), 30, None)
    ics = breaks_ics(settings, ROUTINE, profile="me", start=date(2026, 3, 2), now=NOW, url="u")
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 3, 2, 9, 30)
    assert "TZID" not in event["DTSTART"].params
    assert not list(calendar.walk("VTIMEZONE"))


def test_a_withheld_routine_says_so_in_the_reminder() -> None:
    settings = BreakSettings((0,), time(9), time(10), 30, None)
    withheld = DeskRoutine((), 0, "Your answers mean Supple gives no exercises for now.")
    ics = breaks_ics(settings, withheld, profile="me", start=date(2026, 3, 2), now=NOW, url="u")
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert "gives no exercises for now" in str(event["DESCRIPTION"])
    assert "1." not in str(event["DESCRIPTION"])
