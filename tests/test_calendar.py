"""Calendar reminders: the .ics any calendar app imports must ring at the right local time.

Files are parsed back with icalendar and their recurrence expanded with
recurring-ical-events, so the dates checked are the ones a calendar app would show.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from screen_cases import TODAY
from supple.calendar import Reminder, Schedule, calendar_ics, event_uid, routine_ics
from supple.calendar.schedule import ScheduleError, parse_days, parse_time, parse_zone
from supple.catalog import default_catalog
from supple.cli import cli
from supple.dosage import item_dose_line
from supple.handout import routine_of
from supple.planning import build_plan

ANSWERS = Path(__file__).parent / "fixtures" / "answers"
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
EXPORTED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

runner = CliRunner()


def plan_for(name: str = "ok", minutes: int = 15) -> dict[str, Any]:
    from supple.answers import parse_answers

    raw = json.loads((ANSWERS / f"{name}.json").read_text())
    return build_plan(parse_answers(raw), default_catalog(), minutes=minutes, today=TODAY).to_dict()


PLAN = plan_for()


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def only_event(calendar: icalendar.Calendar) -> icalendar.Event:
    events = calendar.walk("VEVENT")
    assert len(events) == 1, "one recurring event, never one per session"
    event: icalendar.Event = events[0]
    return event


def occurrences(data: bytes, first: date, last: date) -> list[datetime]:
    expanded = recurring_ical_events.of(parse(data)).between(first, last)
    return sorted(event["DTSTART"].dt for event in expanded)


def export(**options: Any) -> bytes:
    options.setdefault("profile", "me")
    options.setdefault("now", EXPORTED)
    return calendar_ics(plan_for(), **options)


def test_london_spring_forward_keeps_half_past_seven_local() -> None:
    data = export(
        days="mon,wed,fri", at="07:30", weeks=3, tz="Europe/London", start=date(2026, 3, 20)
    )
    starts = occurrences(data, date(2026, 3, 1), date(2026, 6, 1))
    days = [(3, 20), (3, 23), (3, 25), (3, 27), (3, 30), (4, 1), (4, 3), (4, 6), (4, 8)]
    assert [(s.month, s.day) for s in starts] == days
    assert all(s.astimezone(LONDON).time() == time(7, 30) for s in starts)
    # British Summer Time starts on Sunday 29 March 2026: 07:30 GMT, then 06:30 UTC.
    utc = [s.astimezone(UTC).time() for s in starts]
    assert utc == [time(7, 30)] * 4 + [time(6, 30)] * 5


def test_london_autumn_daily_series_crosses_the_clock_change() -> None:
    data = export(days="daily", at="07:30", weeks=2, tz="Europe/London", start=date(2026, 10, 20))
    starts = occurrences(data, date(2026, 10, 1), date(2026, 12, 1))
    assert [s.date() for s in starts] == [date(2026, 10, 20) + timedelta(days=n) for n in range(14)]
    assert all(s.astimezone(LONDON).time() == time(7, 30) for s in starts)
    # Clocks go back on Sunday 25 October 2026.
    assert [s.astimezone(UTC).hour for s in starts] == [6] * 5 + [7] * 9


def test_new_york_evenings_across_both_changes() -> None:
    autumn = export(
        days="tue,thu", at="18:00", weeks=2, tz="America/New_York", start=date(2026, 10, 26)
    )
    starts = occurrences(autumn, date(2026, 10, 1), date(2026, 12, 1))
    assert [s.date() for s in starts] == [
        date(2026, 10, 27), date(2026, 10, 29), date(2026, 11, 3), date(2026, 11, 5)
    ]  # fmt: skip
    assert all(s.astimezone(NEW_YORK).time() == time(18, 0) for s in starts)
    # EDT (UTC-4) until Sunday 1 November 2026, then EST (UTC-5).
    assert [s.astimezone(UTC).hour for s in starts] == [22, 22, 23, 23]
    spring = export(days="sun", at="09:15", weeks=3, tz="America/New_York", start=date(2026, 3, 1))
    starts = occurrences(spring, date(2026, 2, 1), date(2026, 4, 1))
    assert [s.date() for s in starts] == [date(2026, 3, 1), date(2026, 3, 8), date(2026, 3, 15)]
    assert [s.astimezone(UTC).time() for s in starts] == [time(14, 15), time(13, 15), time(13, 15)]


def test_the_file_carries_a_vtimezone_that_agrees_with_the_zone_database() -> None:
    data = export(days="daily", weeks=4, tz="Europe/London", start=date(2026, 3, 20))
    calendar = parse(data)
    zones = calendar.walk("VTIMEZONE")
    assert [zone["TZID"] for zone in zones] == ["Europe/London"]
    event = only_event(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    from_file = zones[0].to_tz()
    for day in (date(2026, 3, 28), date(2026, 3, 30), date(2026, 10, 24), date(2026, 10, 26)):
        moment = datetime.combine(day, time(7, 30))
        assert (
            moment.replace(tzinfo=from_file).utcoffset()
            == moment.replace(tzinfo=LONDON).utcoffset()
        )


def test_event_lasts_the_routine_lists_it_links_the_player_and_rings_ten_minutes_before() -> None:
    plan = plan_for()
    routine = routine_of(plan, default_catalog())
    data = calendar_ics(plan, profile="me", tz="UTC", start=date(2026, 5, 4), now=EXPORTED)
    event = only_event(parse(data))
    minutes = math.ceil(routine.estimated_seconds / 60)
    assert event["DURATION"].dt == timedelta(minutes=minutes)
    for occurrence in recurring_ical_events.of(parse(data)).between(
        date(2026, 5, 1), date(2026, 6, 1)
    ):
        assert occurrence["DTEND"].dt - occurrence["DTSTART"].dt == timedelta(minutes=minutes)
    description = str(event["DESCRIPTION"])
    positions = [description.index(f"{n}. {item.name}") for n, item in enumerate(routine.items, 1)]
    assert positions == sorted(positions)
    for item in routine.items:
        assert item_dose_line(item) in description
    assert "stop" in description.lower() and "sharp" in description
    assert str(event["URL"]) == "http://127.0.0.1:8000/play"
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0]["ACTION"] == "DISPLAY"
    assert alarms[0]["TRIGGER"].dt == timedelta(minutes=-10)
    assert b"TRIGGER:-PT10M" in data


def test_url_is_the_players_stable_address_on_the_configured_port(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from supple.settings import get_settings

    monkeypatch.setenv("SUPPLE_PORT", "8123")
    get_settings.cache_clear()
    event = only_event(parse(export(tz="UTC")))
    assert str(event["URL"]) == "http://127.0.0.1:8123/play"


def test_reimporting_an_updated_plan_updates_the_same_event() -> None:
    first = only_event(
        parse(calendar_ics(plan_for("ok", 15), profile="me", tz="UTC", now=EXPORTED))
    )
    later = EXPORTED + timedelta(days=9, seconds=1)
    second = only_event(parse(calendar_ics(plan_for("ok", 20), profile="me", tz="UTC", now=later)))
    assert first["UID"] == second["UID"] == event_uid("me")
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    assert second["DTSTAMP"].dt > first["DTSTAMP"].dt
    assert second["DURATION"].dt > first["DURATION"].dt
    other = only_event(parse(calendar_ics(plan_for(), profile="sam", tz="UTC", now=later)))
    assert other["UID"] != first["UID"]
    moment = only_event(parse(calendar_ics(plan_for(), profile="me", tz="UTC", now=later)))
    assert int(moment["SEQUENCE"]) == int(second["SEQUENCE"])  # one clock, one number


@settings(max_examples=40, deadline=None)
@given(
    days=st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True),
    weeks=st.integers(1, 8),
    start=st.dates(date(2025, 1, 1), date(2030, 12, 31)),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    zone=st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney", "UTC"]),
)
def test_every_occurrence_is_a_planned_day_at_the_local_time(
    days: list[int], weeks: int, start: date, at: time, zone: str
) -> None:
    schedule = Schedule(tuple(sorted(days)), weeks)
    reminder = Reminder("me", schedule, start, at, ZoneInfo(zone), EXPORTED, "http://x/")
    data = routine_ics(routine_of(PLAN, default_catalog()), reminder)
    first = schedule.first_day(start)
    starts = occurrences(data, start - timedelta(days=1), first + timedelta(weeks=weeks + 1))
    assert len(starts) == len(days) * weeks
    assert starts[0].date() == first and first >= start
    assert first - start < timedelta(days=7)
    for moment in starts:
        assert moment.weekday() in days
        assert first <= moment.date() < first + timedelta(weeks=weeks)
        # The wall-clock time in the person's zone, whatever its offset that day.
        assert moment.time() == at
        wall = moment.replace(tzinfo=None)
        assert moment.utcoffset() == wall.replace(tzinfo=ZoneInfo(zone)).utcoffset()


def test_parsers_accept_the_documented_forms_and_name_the_rest() -> None:
    assert parse_days("daily") == tuple(range(7))
    assert parse_days(" Fri, mon ,WED ") == (0, 2, 4)
    assert parse_time("7:05") == time(7, 5)
    assert parse_zone("America/New_York").key == "America/New_York"
    for text in ("", "mon,,fri", "monday", "mon,mon", "weekdays"):
        with pytest.raises(ScheduleError, match="mon,tue,wed"):
            parse_days(text)
    for text in ("24:00", "7.30", "07:60", "0730", "7:5", " : ", "²:30", "7:٣٠", "007:30"):
        with pytest.raises(ScheduleError, match="HH:MM"):
            parse_time(text)
    for text in ("Mars/Olympus", "../etc/passwd", "localtime", ""):
        with pytest.raises(ScheduleError, match="IANA"):
            parse_zone(text)


# The command line -----------------------------------------------------------------


def write_plan(tmp_path: Path, name: str = "ok") -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(plan_for(name)))
    return path


def test_cli_writes_an_ics_file(tmp_path: Path) -> None:
    plan_file = write_plan(tmp_path)
    target = tmp_path / "routine.ics"
    args = ["calendar", "--plan", str(plan_file), "-o", str(target), "--days", "mon,thu"]
    args += ["--time", "18:45", "--weeks", "5", "--tz", "Europe/London", "--start", "2026-03-16"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    starts = occurrences(target.read_bytes(), date(2026, 3, 1), date(2026, 6, 1))
    assert len(starts) == 10
    assert starts[0] == datetime(2026, 3, 16, 18, 45, tzinfo=LONDON)
    assert starts[-1] == datetime(2026, 4, 16, 18, 45, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("option", "value", "form"),
    [
        ("--days", "mon,blursday", "mon,tue,wed"),
        ("--days", "", "daily"),
        ("--time", "25:00", "HH:MM"),
        ("--time", "7pm", "HH:MM"),
        ("--tz", "Mars/Olympus", "IANA"),
        ("--weeks", "53", "1 to 52"),
        ("--start", "2026-02-30", "YYYY-MM-DD"),
    ],
)
def test_cli_bad_values_exit_2_and_write_nothing(
    tmp_path: Path, option: str, value: str, form: str
) -> None:
    plan_file = write_plan(tmp_path)
    target = tmp_path / "routine.ics"
    result = runner.invoke(
        cli, ["calendar", "--plan", str(plan_file), "-o", str(target), option, value]
    )
    assert result.exit_code == 2
    assert repr(value) in result.stderr and form in result.stderr
    assert not target.exists()


def test_cli_refuses_a_withheld_plan(tmp_path: Path) -> None:
    plan_file = write_plan(tmp_path, "emergency")
    target = tmp_path / "routine.ics"
    result = runner.invoke(cli, ["calendar", "--plan", str(plan_file), "-o", str(target)])
    assert result.exit_code == 2 and "withheld" in result.stderr and not target.exists()


def test_cli_latest_plan_links_its_session_and_keeps_one_uid(tmp_path: Path) -> None:
    from supple.store import open_store

    for minutes in ("15", "20"):
        saved = runner.invoke(
            cli, ["plan", "--answers", str(ANSWERS / "ok.json"), "--minutes", minutes]
        )
        assert saved.exit_code == 0, saved.output
    with open_store() as store:
        latest = store.latest_plan("me")
    assert latest is not None
    result = runner.invoke(cli, ["calendar", "--plan", "latest", "--tz", "UTC", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    event = only_event(parse(result.stdout.encode()))
    assert str(event["URL"]).endswith("/play")
    assert event["UID"] == event_uid("me")
    assert event["DURATION"].dt == timedelta(minutes=math.ceil(latest.estimated_seconds / 60))


def test_cli_without_a_known_zone_uses_utc_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import supple.calendar.export as export_module

    monkeypatch.setattr(export_module, "system_zone_name", lambda: None)
    result = runner.invoke(
        cli, ["calendar", "--plan", str(write_plan(tmp_path)), "--start", "2026-07-01", "-o", "-"]
    )
    assert result.exit_code == 0
    assert "UTC" in result.stderr and "--tz" in result.stderr
    start = only_event(parse(result.stdout.encode()))["DTSTART"].dt
    assert start == datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
    assert start.utcoffset() == timedelta(0)


def test_system_zone_comes_from_tz_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from supple.calendar.export import system_zone_name

    monkeypatch.setenv("TZ", "America/New_York")
    assert system_zone_name() == "America/New_York"


def test_the_series_starts_at_the_next_reminder_still_to_come() -> None:
    # 08:00 in London on Tuesday 1 December: 07:30 has gone, so Wednesday is first.
    late = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    data = export(days="daily", at="07:30", weeks=1, tz="Europe/London", now=late)
    assert occurrences(data, date(2026, 11, 1), date(2027, 1, 1))[0] == datetime(
        2026, 12, 2, 7, 30, tzinfo=LONDON
    )
    early = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    data = export(days="daily", at="07:30", weeks=1, tz="Europe/London", now=early)
    assert occurrences(data, date(2026, 11, 1), date(2027, 1, 1))[0].date() == date(2026, 12, 1)
    # In New York it is still 03:00 on 1 December: that day's reminder is ahead.
    data = export(days="daily", at="07:30", weeks=1, tz="America/New_York", now=late)
    first = occurrences(data, date(2026, 11, 1), date(2027, 1, 1))[0]
    assert first.date() == date(2026, 12, 1) and first.tzinfo is not None


def test_an_unknown_zone_gives_floating_local_times_for_the_web(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import supple.calendar.export as export_module

    monkeypatch.setattr(export_module, "system_zone_name", lambda: None)
    data = export(days="daily", at="07:30", weeks=1, floating_if_unknown=True)
    event = only_event(parse(data))
    start = event["DTSTART"].dt
    assert start.tzinfo is None and start.time() == time(7, 30)
    text = data.decode()
    assert "VTIMEZONE" not in text and "07:30Z" not in text and "T073000Z" not in text
    assert "DTSTART:" in text and "T073000\r\n" in text
